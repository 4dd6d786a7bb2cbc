"""The build story: load and validate → assemble the docs tree → write changes → MkDocs.

``generate`` is what both the CLI and the MkDocs hook call; ``publish`` adds the MkDocs
build into a staging folder that replaces ``site/`` only when the build succeeded.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from generator.assemble import Tree, site_tree, write_records
from generator.build_report import report_tree
from generator.errors import Severity, ValidationFailed
from generator.exports import facts
from generator.links import record_path
from generator.load import Corpus, load_corpus
from generator.project import Project
from generator.render import Renderer
from generator.render_book import RenderBook, generator_stamp, prune_exports
from generator.scan_links import cited_by_shown, citing_records, scan_targets
from generator.search_index import index_site
from generator.site_build import SiteStats, build_site
from generator.sitemap import sitemap_files
from generator.write import WriteStats, delete_later, sync_tree

log = logging.getLogger("generator")

_CALLER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")

# Set while the CLI drives MkDocs itself, so the hook does not generate a second time.
generated_in_process = False


class Stopwatch:
    """Wall-clock seconds per named stage of one build, in the order the stages ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.monotonic() - started


@dataclass(frozen=True)
class Generated:
    corpus: Corpus
    stats: WriteStats

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.corpus.problems if p.severity is severity)


def read_static(project: Project) -> Tree:
    """Hand-written pages and theme assets, copied into the docs tree as they are."""
    tree: Tree = {}
    for folder, prefix in ((project.pages_dir, ""), (project.assets_dir, "assets/")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            tree[prefix + path.relative_to(folder).as_posix()] = path.read_bytes()
    return tree


def validate(project: Project, *, strict: bool) -> Corpus:
    """Load every input; under ``strict`` errors and warnings fail (text-quality notices never do)."""
    corpus = load_corpus(project.root, project.cache_dir)
    for problem in corpus.problems:
        log.log(logging.INFO if problem.severity is Severity.NOTICE else logging.WARNING, "%s", problem)
    failing_levels = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    failing = [p for p in corpus.problems if p.severity in failing_levels]
    if strict and failing:
        raise ValidationFailed(f"{len(failing)} problem(s) in {len(corpus.rejected) or 'the'} input file(s)")
    return corpus


def pin_build_date(corpus: Corpus) -> None:
    """Make MkDocs' build date (sitemap, gzip headers) the newest record date, not the clock.

    Same inputs, same bytes: MkDocs reads ``SOURCE_DATE_EPOCH``. A value set by the caller wins.
    """
    dates = [r.listing.submitted for r in corpus.records if r.listing.submitted]
    if dates and _CALLER_EPOCH is None:
        newest = datetime.combine(max(dates), datetime.min.time(), tzinfo=UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(newest.timestamp()))


def generate(project: Project, *, strict: bool = False) -> Generated:
    """Validate, then write the docs tree MkDocs builds from. Only changed files are written."""
    return write_docs(project, validate(project, strict=strict))


def write_docs(
    project: Project, corpus: Corpus, extra: Tree | None = None, watch: Stopwatch | None = None
) -> Generated:
    """Render ``corpus``, plus ``extra`` files (docs path → bytes), into the docs tree and the
    exports tree (``Project.exports_dir``); only changes are written.

    ``mkdocs serve`` calls this with its own corpus (last good versions) and its problems page.
    """
    watch = watch or Stopwatch()
    pin_build_date(corpus)
    with watch.stage("render"):
        cache = project.cache_dir  # converted report artifacts, reused while inputs are unchanged
        renderer = Renderer(project.templates_dir, cache / "templates")
        targets = scan_targets(corpus.scans)
        book = RenderBook(cache, generator_stamp(project.root, targets))
        keys = {loaded.source: book.key(loaded) for loaded in corpus.records}
        docs, exports = project.docs_dir, project.exports_dir
        current = [r for r in corpus.records if book.current(r, keys[r.source], docs, exports)]
        unchanged = {r.source for r in current}
        cited_by = citing_records((r.listing for r in corpus.records), targets)
        views = book.views(docs)
        kept_scans = {
            s.path for s in corpus.scans if views.current(s.path, s.sha256, cited_by_shown(cited_by.get(s.path, [])))
        }
        static = read_static(project)
        listings = [loaded.listing for loaded in corpus.records]
        tree = site_tree(listings, project.config, renderer, static, corpus.scans, cited_by, kept_scans, views.current)
        tree |= report_tree(corpus)
        tree |= extra or {}
        record_pages = {record_path(r.listing.id) for r in corpus.records}
        pages = [p for p in tree if p.endswith(".md")] + sorted(record_pages | views.kept)
        tree |= sitemap_files(project.config.site_url, pages, record_dates(corpus))
        to_render = [r for r in corpus.records if r.source not in unchanged]
        made = write_records(to_render, project.config, renderer, docs, exports, cache, targets)
    with watch.stage("write"):
        synced = sync_tree(docs, tree, keep=record_pages | views.kept)
        pruned = prune_exports(exports, corpus.records, made.exports)
        unchanged_made = len(made.pages) + len(made.exports) - made.changed
        stats = WriteStats(synced.written + made.changed, synced.unchanged + unchanged_made, synced.deleted + pruned)
        book.save(keys, views)
    log.info("Generated %d files (%d written, %d removed)", len(tree), stats.written, stats.deleted)
    return Generated(corpus, stats)


def record_dates(corpus: Corpus) -> dict[str, date]:
    """Each record page's own date (its last change), for the sitemap."""
    dates = {record_path(r.listing.id): facts.updated_on(r.listing) for r in corpus.records}
    return {path: day for path, day in dates.items() if day is not None}


def mkdocs_build(project: Project, site_dir: Path) -> SiteStats:
    """MkDocs into ``site_dir`` on every core, reusing the pages of the published site that did not change."""
    cache = project.cache_dir
    return build_site(project.mkdocs_yml, site_dir, previous=project.site_dir, cache=cache, exports=project.exports_dir)


OLD_SITES = ".site-old-"  # prefix of replaced sites waiting to be deleted, beside ``site/``


def _swap_in(staging: Path, site: Path) -> None:
    """Put ``staging`` in place of ``site`` with two renames; the old site is deleted afterwards,
    by a process of its own (``delete_later``): at 10,000 records that is 100,000 files and
    ~1.5 s that no one needs to wait for."""
    if site.exists():
        old = site.with_name(f"{OLD_SITES}{time.time_ns()}")
        site.rename(old)
        staging.rename(site)
        delete_later(old)
    else:
        staging.rename(site)


def _clear_old_sites(root: Path) -> None:
    """Delete (in the background) replaced sites a stopped run left behind."""
    for old in root.glob(f"{OLD_SITES}*"):
        delete_later(old)


@dataclass(frozen=True)
class Published:
    """What one publish did, and how long each stage took (seconds, in build order)."""

    generated: Generated
    stages: dict[str, float]
    site: SiteStats
    seconds: float  # wall clock, start to swap (the stages plus clearing and swapping folders)

    def summary(self) -> str:
        corpus = self.generated.corpus
        return (
            f"Published {len(corpus.records)} records and {len(corpus.scans)} scans, "
            f"{len(corpus.rejected)} rejected, {self.generated.count(Severity.WARNING)} warnings, "
            f"{self.generated.count(Severity.NOTICE)} notices in {self.seconds:.1f} s"
        )


def publish(project: Project, *, strict: bool = False) -> Published:
    """Validate, generate, build and index the site; ``site/`` is replaced only by a complete build."""
    global generated_in_process
    started = time.monotonic()
    watch = Stopwatch()
    with watch.stage("validate"):
        corpus = validate(project, strict=strict)
    result = write_docs(project, corpus, watch=watch)
    staging = project.root / ".site-staging"
    shutil.rmtree(staging, ignore_errors=True)
    _clear_old_sites(project.root)
    generated_in_process = True
    try:
        with watch.stage("site build"):
            site = mkdocs_build(project, staging)
    finally:
        generated_in_process = False
    with watch.stage("search index"):
        index_site(staging, previous=project.site_dir, cache_dir=project.cache_dir)
    _swap_in(staging, project.site_dir)
    log.info("Stages (s): %s", ", ".join(f"{name} {seconds:.1f}" for name, seconds in watch.seconds.items()))
    return Published(result, watch.seconds, site, time.monotonic() - started)
