"""Benchmark the publishing pipeline on a synthetic corpus; prints a table of figures.

    python bench/run.py --records 1000 --runs 3      # every stage, cold and after adding one record
    python bench/run.py --records 100000 --generator-only

Each stage is timed on its own (median of ``--runs``): validate, render (record Markdown),
assemble (every generated file: pages, indexes, exports, PDF/JATS), write, site build (MkDocs),
search index (Pagefind). "Cold" starts from an empty docs tree, site and artifact cache; "warm
cache" keeps only the PDF/JATS cache (build/cache), as a CI cache would. Peak memory is this
process's maximum resident set (Pagefind's is reported separately). Figures are printed, never
asserted: this machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from generator import build  # noqa: E402
from generator.assemble import record_pages, site_tree  # noqa: E402
from generator.build_report import report_tree  # noqa: E402
from generator.load import Corpus  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.render import Renderer  # noqa: E402
from generator.search_index import index_site  # noqa: E402
from generator.write import sync_tree  # noqa: E402
from tests.helpers import copy_project  # noqa: E402

T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def make_project(folder: Path, records: int) -> tuple[Project, list[Path]]:
    shutil.rmtree(folder, ignore_errors=True)
    copy_project(folder, records=False)
    for scan in (folder / "content/scans").glob("*.json"):
        scan.unlink()
    return Project(folder), write_corpus(folder, records)


def clean(project: Project, *, keep_cache: bool) -> None:
    for path in (project.docs_dir, project.site_dir, project.root / ".site-staging"):
        shutil.rmtree(path, ignore_errors=True)
    project.docs_dir.mkdir(parents=True)
    if not keep_cache:
        shutil.rmtree(project.root / "build/cache", ignore_errors=True)


def stages(project: Project) -> dict[str, float]:
    """One full publish, stage by stage, into ``site/``."""
    times: dict[str, float] = {}
    corpus, times["validate"] = timed(lambda: build.validate(project, strict=False))
    renderer = Renderer(project.templates_dir)
    models = [loaded.model for loaded in corpus.records]
    _, times["render"] = timed(lambda: record_pages(models, project.config, renderer))
    static = build.read_static(project)
    cache = project.root / "build/cache"
    tree, times["assemble"] = timed(
        lambda: site_tree(corpus.records, project.config, renderer, static, corpus.scans, cache) | report_tree(corpus)
    )
    build.pin_build_date(corpus)
    _, times["write"] = timed(lambda: sync_tree(project.docs_dir, tree))
    staging = project.root / ".site-staging"
    build.generated_in_process = True
    try:
        _, times["site build"] = timed(lambda: build.mkdocs_build(project, staging))
    finally:
        build.generated_in_process = False
    _, times["search index"] = timed(lambda: index_site(staging))
    shutil.rmtree(project.site_dir, ignore_errors=True)
    staging.rename(project.site_dir)
    times["total"] = sum(v for k, v in times.items() if k != "render")
    return times


def digest(site: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        sha.update(path.relative_to(site).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def sizes(site: Path) -> dict[str, float]:
    pages = [p.stat().st_size for p in (site / "records").glob("*/index.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pagefind = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return {
        "site MB": total / 1e6,
        "record page KB": statistics.mean(pages) / 1e3 if pages else 0.0,
        "search index MB": pagefind / 1e6,
    }


def add_one_record(project: Project, template: Path) -> None:
    data = json.loads(template.read_text())
    data["id"] = str(uuid.UUID(int=12345, version=4))
    data["title"] = "Benchmark record added after the cold build"
    (project.records_dir / f"{data['id']}.json").write_text(json.dumps(data))


def full(records: int, runs: int, workdir: Path) -> None:
    project, paths = make_project(workdir / f"n{records}", records)
    print(f"\n## {records:,} records + {records // 5:,} scans (median of {runs} runs; seconds)\n")
    clean(project, keep_cache=False)
    empty_cache = stages(project)
    warm = []
    for _ in range(runs):
        clean(project, keep_cache=True)
        warm.append(stages(project))
    add_one_record(project, paths[0])
    added = [stages(project) for _ in range(runs)]
    incremental = digest(project.site_dir)
    clean(project, keep_cache=True)
    stages(project)
    identical = digest(project.site_dir) == incremental
    columns = list(empty_cache)
    print("| run | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    rows = [
        ("cold, empty artifact cache", [empty_cache]),
        ("cold, warm artifact cache", warm),
        ("add one record", added),
    ]
    for name, results in rows:
        cells = [f"{statistics.median(r[c] for r in results):.1f}" for c in columns]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    for key, value in sizes(project.site_dir).items():
        print(f"- {key}: {value:,.1f}")
    per_second = records / statistics.median(r["validate"] + r["render"] for r in warm)
    print(f"- generator (validate + render Markdown): {per_second:,.0f} records/s")
    print(f"- peak memory: {peak_mb():,.0f} MB (this process), {peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB (children)")
    print(f"- add one record, then publish: byte-identical to a cold build of the same inputs: {identical}")


def render_records(project: Project, corpus: Corpus) -> None:
    models = [loaded.model for loaded in corpus.records]
    record_pages(models, project.config, Renderer(project.templates_dir))


def generator_only(records: int, runs: int, workdir: Path) -> None:
    project, _ = make_project(workdir / f"n{records}", records)
    times = []
    for _ in range(runs):
        corpus, validate = timed(lambda: build.validate(project, strict=False))
        _, render = timed(partial(render_records, project, corpus))
        times.append((validate, render))
    validate = statistics.median(t[0] for t in times)
    render = statistics.median(t[1] for t in times)
    print(f"\n## Generator alone, {records:,} records + {records // 5:,} scans (median of {runs} runs)\n")
    print(f"- validate: {validate:.1f} s; render record Markdown: {render:.1f} s")
    print(f"- {records / (validate + render):,.0f} records/s; peak memory {peak_mb():,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--generator-only", action="store_true")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/research-site-bench"))
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.WARNING)
    for n in args.records:
        (generator_only if args.generator_only else full)(n, args.runs, args.workdir)


if __name__ == "__main__":
    main()
