"""Republishing after a change reuses what did not change, and gives the bytes of a cold build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.config import load_config

from bench.corpus import write_corpus
from generator import site_build
from generator.build import generate, publish
from generator.project import Project
from generator.render import Renderer
from generator.render_book import generator_stamp
from generator.site_build import PageBook, fingerprint
from generator.write import wait_for_deletions
from tests.helpers import ROOT, copy_project
from tests.test_determinism import digest

pytestmark = pytest.mark.site


def corpus_project(dest: Path, records: int) -> tuple[Project, list[Path]]:
    project = Project(copy_project(dest, records=False))
    for scan in (project.root / "content/scans").glob("*.json"):
        scan.unlink()
    return project, write_corpus(project.root, records)


def page(project: Project, record_file: Path) -> Path:
    return project.site_dir / "records" / record_file.stem / "index.html"


def change_inputs(project: Project, files: list[Path]) -> Path:
    """Add a newest record, retitle one, delete one; returns the added file."""
    data = json.loads(files[0].read_text())
    data["id"] = str(uuid.UUID(int=4242, version=4))
    data["title"] = "A record added after the first publish"
    data["submitted"] = "2027-01-15"
    added = project.records_dir / f"{data['id']}.json"
    added.write_text(json.dumps(data))
    retitled = json.loads(files[1].read_text())
    retitled["title"] = "A retitled record"
    files[1].write_text(json.dumps(retitled))
    files[2].unlink()
    return added


def paginate_by_ten(project: Project) -> None:
    """Listing views of 10 records a page, so 40 records make archive pages."""
    config = project.mkdocs_yml.read_text()
    assert "records_per_page: 50" in config
    project.mkdocs_yml.write_text(config.replace("records_per_page: 50", "records_per_page: 10"))


def test_republish_after_changes_equals_a_cold_build(tmp_path: Path) -> None:
    project, files = corpus_project(tmp_path / "incremental", 40)
    paginate_by_ten(project)
    publish(project, strict=False)
    assert (project.site_dir / "records/page-2/index.html").is_file()
    untouched = page(project, files[3])
    inode = untouched.stat().st_ino
    added = change_inputs(project, files)
    leftover = project.root / ".site-old-1"  # a replaced site a stopped publish left behind
    (leftover / "records").mkdir(parents=True)
    stats = publish(project, strict=False).generated.stats
    # Unchanged records were not rendered again: the generated tree left their files out (kept
    # as they are), only the changed ones and the views over all records were made.
    trees = (project.docs_dir, project.exports_dir)
    generated = sum(1 for tree in trees for p in tree.rglob("*") if p.is_file() and p.name != ".gitignore")
    assert stats.written + stats.unchanged < generated - 30 * 6
    # Unchanged pages were hard-linked from the previous site, changed ones rendered again.
    assert untouched.stat().st_ino == inode
    assert "A retitled record" in page(project, files[1]).read_text()
    assert page(project, added).is_file() and not page(project, files[2]).exists()
    # The replaced site (and one left by a stopped run) are deleted by processes of their own.
    wait_for_deletions()
    assert not list(project.root.glob(".site-old-*"))
    # A cold build of the same inputs, elsewhere, gives the same bytes.
    cold = Project(copy_project(tmp_path / "cold", records=False))
    paginate_by_ten(cold)
    shutil.rmtree(cold.root / "content")
    shutil.copytree(project.root / "content", cold.root / "content")
    publish(cold, strict=False)
    incremental, fresh = digest(project.site_dir), digest(cold.site_dir)
    assert incremental.keys() == fresh.keys()
    assert sorted(name for name in fresh if fresh[name] != incremental[name]) == []


def test_a_theme_change_renders_every_page_again(tmp_path: Path) -> None:
    project, files = corpus_project(tmp_path / "theme", 6)
    publish(project, strict=False)
    before = page(project, files[0]).stat().st_ino
    main = project.root / "site_templates/overrides/main.html"
    main.write_text(main.read_text() + "\n{% block footer %}<p>theme-change-marker</p>{% endblock %}\n")
    publish(project, strict=False)
    rendered = page(project, files[0])
    assert rendered.stat().st_ino != before
    assert "theme-change-marker" in rendered.read_text()


def test_plain_mkdocs_build_gives_the_same_site(tmp_path: Path, demo_site: Path) -> None:
    """``mkdocs build`` (one process, every page rendered, hook generates first) = ``publish``."""
    project = Project(copy_project(tmp_path / "plain"))
    (project.root / "build" / "docs").mkdir(parents=True)  # a fresh clone has it (build/docs/.gitignore)
    # The project's generator/, as a fresh clone has it; the build date comes from the records,
    # not from a SOURCE_DATE_EPOCH an earlier publish in this test process left behind.
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(project.root)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "out")],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    plain, published = digest(tmp_path / "out"), digest(demo_site)
    assert plain.keys() == published.keys()
    assert sorted(name for name in plain if plain[name] != published[name]) == []


def test_a_build_restored_from_a_tar_archive_makes_the_next_publish_incremental(tmp_path: Path) -> None:
    """What the publish workflow relies on: actions/cache saves build/ and site/ with
    ``tar --posix`` and restores them into a fresh checkout (another path, new inodes). The
    next publish there must still reuse what did not change, and equal the original's bytes."""
    first, _ = corpus_project(tmp_path / "first", 12)
    publish(first, strict=False)
    archive = tmp_path / "cache.tar"
    saved = ["build/cache", "build/docs", "build/exports", "site"]
    subprocess.run(["tar", "--posix", "-cf", str(archive), *saved], cwd=first.root, check=True)
    restored = Project(copy_project(tmp_path / "restored", records=False))
    shutil.rmtree(restored.root / "content")
    shutil.copytree(first.root / "content", restored.root / "content")
    shutil.rmtree(restored.docs_dir, ignore_errors=True)
    subprocess.run(["tar", "-xf", str(archive)], cwd=restored.root, check=True)
    for project in (first, restored):
        change_inputs(project, sorted(project.records_dir.glob("*.json")))
    publish(first, strict=False)
    result = publish(restored, strict=False)
    assert result.site.reused >= 8, f"only {result.site.reused} pages reused after the restore"
    assert result.generated.stats.written < 60, "unchanged records were rendered again after the restore"
    again, original = digest(restored.site_dir), digest(first.site_dir)
    assert again.keys() == original.keys()
    assert sorted(name for name in again if again[name] != original[name]) == []


def test_only_scan_pages_whose_citing_records_changed_are_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, files = corpus_project(tmp_path / "scans", 20)
    generate(project)
    rendered: list[str] = []
    scan = Renderer.scan
    monkeypatch.setattr(Renderer, "scan", lambda self, view: rendered.append(view.title) or scan(self, view))
    generate(project)
    assert rendered == [], "scan pages were rendered again with nothing changed"
    # Retitle a record: the scans it cites list it by title, so exactly those pages are rendered.
    record = json.loads(files[1].read_text())
    record["title"] = "A retitled record"
    files[1].write_text(json.dumps(record))
    papers = {re.sub(r"v\d+$", "", ref["url"].rsplit("/", 1)[1]) for ref in record["references"]}
    scans = {path.stem for path in (project.root / "content/scans").glob("*.json")}
    generate(project)
    assert len(rendered) == len(papers & scans) > 0
    for paper in papers & scans:
        assert "A retitled record" in (project.docs_dir / "scans" / f"{paper}.md").read_text()


def test_a_record_that_loses_its_report_loses_its_report_files(tmp_path: Path) -> None:
    """Workers write a re-rendered record's files; whatever it no longer makes is deleted."""
    project, files = corpus_project(tmp_path / "report", 4)
    generate(project)
    folder = project.exports_dir / "records" / files[0].stem
    assert (folder / "report.pdf").is_file() and (folder / "report.jats.xml").is_file()
    record = json.loads(files[0].read_text())
    del record["report"]
    files[0].write_text(json.dumps(record))
    generate(project)
    assert not (folder / "report.pdf").exists() and not (folder / "report.jats.xml").exists()
    assert (folder / "manifest.json").is_file()
    assert (project.exports_dir / "records" / files[1].stem / "report.pdf").is_file()


def test_export_files_stay_out_of_the_docs_tree_and_a_lost_exports_tree_is_made_again(tmp_path: Path) -> None:
    """MkDocs never lists the export files (seven a record); the site has them all the same.
    A build cache restored without ``build/exports`` renders the records again."""
    project, files = corpus_project(tmp_path / "exports", 4)
    publish(project, strict=False)
    manifest = f"records/{files[0].stem}/manifest.json"
    assert not any(p.suffix in {".pdf", ".bib", ".ris"} for p in project.docs_dir.rglob("*"))
    assert (project.exports_dir / manifest).is_file() and (project.site_dir / manifest).is_file()
    before = digest(project.site_dir)
    shutil.rmtree(project.exports_dir)
    publish(project, strict=False)
    assert digest(project.site_dir) == before


def test_listing_pages_are_rendered_again_only_when_what_they_show_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new record changes the landing pages of its views; archive pages are kept unrendered and
    untouched, until a record they list changes (``render_book.ViewBook``)."""
    project, files = corpus_project(tmp_path / "views", 45)  # 46 records need no new archive page
    paginate_by_ten(project)
    generate(project)
    archive = project.docs_dir / "records/page-1.md"
    browse_archive = next(project.docs_dir.glob("browse/*/*/page-1.md"))
    before = {path: path.stat().st_mtime_ns for path in (archive, browse_archive)}
    rendered: list[str] = []
    for name in ("records_index", "browse_view"):
        method = getattr(Renderer, name)

        def spy(self: Renderer, view: Any, *args: Any, _method: Any = method) -> str:
            rendered.append((view.page if hasattr(view, "page") else view).path)
            return str(_method(self, view, *args))

        monkeypatch.setattr(Renderer, name, spy)
    data = json.loads(files[0].read_text()) | {"id": str(uuid.UUID(int=77, version=4)), "submitted": "2027-02-01"}
    (project.records_dir / f"{data['id']}.json").write_text(json.dumps(data))
    generate(project)
    assert "records/index.md" in rendered and not [path for path in rendered if "/page-" in path]
    assert {path: path.stat().st_mtime_ns for path in before} == before
    # Retitle a record listed on the first archive page: that page, and only that one, is made again.
    listed = re.findall(r"records/([0-9a-f-]{36})/", archive.read_text())[0]
    target = project.records_dir / f"{listed}.json"
    target.write_text(json.dumps(json.loads(target.read_text()) | {"title": "A retitled archived record"}))
    rendered.clear()
    generate(project)
    assert "records/page-1.md" in rendered and "records/page-2.md" not in rendered
    assert "A retitled archived record" in archive.read_text()


def test_a_checkout_in_another_folder_keeps_the_render_keys(tmp_path: Path) -> None:
    """The generator stamp names files relative to their folders: a cache restored into a checkout
    at another path (another runner, a renamed folder) still finds every record current. A
    changed page template still changes it."""
    here, there = copy_project(tmp_path / "here"), copy_project(tmp_path / "elsewhere" / "there")
    assert generator_stamp(here, {}) == generator_stamp(there, {})
    template = there / "site_templates/pages/record.md.j2"
    template.write_text(template.read_text() + "\n")
    assert generator_stamp(here, {}) != generator_stamp(there, {})


def test_the_site_build_reads_a_page_s_markdown_again_only_when_its_stat_changed(tmp_path: Path) -> None:
    """Page keys come from a memo of each Markdown file's size, mtime and hash (``PageBook``):
    the generator writes only changed files, so an unchanged stat means unchanged bytes."""
    source = tmp_path / "docs" / "records" / "a.md"
    source.parent.mkdir(parents=True)
    source.write_text("# one\n")
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source), src_uri="records/a.md", dest_uri="a/"))
    first = PageBook(tmp_path / "cache", "stamp")
    key = first.key(page)  # type: ignore[arg-type]
    first.save({}, tmp_path)
    # Other bytes, same size and mtime: taken from the memo, so not read.
    stat = source.stat()
    source.write_text("# two\n")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert PageBook(tmp_path / "cache", "stamp").key(page) == key  # type: ignore[arg-type]
    # Written anew, as the generator writes a changed page: read and hashed again.
    source.write_text("# two\n")
    assert PageBook(tmp_path / "cache", "stamp").key(page) != key  # type: ignore[arg-type]
    # Another fingerprint gives other keys (and keeps the memo).
    assert PageBook(tmp_path / "cache", "other").key(page) != key  # type: ignore[arg-type]


def test_a_change_to_a_local_markdown_extension_s_code_changes_every_page_s_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are reused by a key that covers what renders them; a Markdown extension that is
    the project's own code (``generator.html_blocks``) has no version, so its source counts."""
    module = tmp_path / "local_extension_for_test.py"
    module.write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.markdown_extensions.append("local_extension_for_test")
    before = fingerprint(config, [])
    assert fingerprint(config, []) == before
    module.write_text("VERSION = 2\n")
    assert fingerprint(config, []) != before


def test_a_change_to_the_code_rendering_pages_with_the_theme_changes_every_page_s_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for the project's code the hooks give the theme (``generator.partial_cache``):
    every source file of the package counts (here a copy of it, so one file can change)."""
    package = tmp_path / "generator"
    shutil.copytree(site_build.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    module = package / "partial_cache.py"
    monkeypatch.setattr(site_build, "PACKAGE", package)
    config = load_config(str(ROOT / "mkdocs.yml"))
    before = fingerprint(config, [])
    assert fingerprint(config, []) == before
    module.write_text(module.read_text() + "\n# changed\n")
    assert fingerprint(config, []) != before
