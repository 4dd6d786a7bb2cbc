"""Benchmark the publishing pipeline on a synthetic corpus; prints a table of figures.

    python bench/run.py --records 1000 10000 --runs 3     # every stage: cold, and after adding one record
    python bench/run.py --records 100000 --generator-only  # validate + render record Markdown only
                                                           # (and again with a constant page, interleaved)

Each row is one ``generator.build.publish`` (what ``make publish`` runs), timed stage by stage:
validate, render (every generated file: pages, indexes, exports), write (only changed files),
site build (MkDocs on every core, reusing unchanged pages), search index (shards by arrival, reused
when unchanged).
Rows:

* cold, no caches — nothing but the inputs: no docs tree, no site, an empty ``build/cache``;
* cold, artifact cache — the same, but converted PDF/JATS kept in ``build/cache`` (the CI cache);
* add one record — the last published site is in place and one new record arrives.

Each timed run is a process of its own (``bench/one_run.py``), as the CLI and CI run a publish.
Figures are medians of ``--runs`` and printed, never asserted: this machine is shared and noisy.
Peak memory is the largest resident set of any run's publishing process and of any one worker it
forked. The outputs a cold run replaces are renamed aside (``Trash``); ``make bench`` deletes
them after its last run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.search_index import BUNDLE  # noqa: E402
from tests.helpers import copy_project  # noqa: E402

ARTIFACTS = (".pdf", ".jats.xml")  # converted report artifacts in build/cache (the CI cache keeps them)
STAGES = ("validate", "render", "write", "site build", "search index")


def one_run(what: str, project: Project) -> dict[str, float]:
    """``bench/one_run.py``: one timed run (``publish`` or ``generate``) in a fresh process."""
    command = [sys.executable, str(ROOT / "bench/one_run.py"), what, str(project.root)]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def peak_memory(results: list[dict[str, float]]) -> str:
    """The largest peaks ``bench/one_run.py`` reported among ``results``."""
    return (
        f"{max(r['peak MB'] for r in results):,.0f} MB (publishing process), "
        f"{max(r['worker peak MB'] for r in results):,.0f} MB (largest worker)"
    )


class Trash:
    """Where a run's outputs go instead of being deleted before the next cold run.

    This VM's disk is ext4 mounted with ``discard``: for minutes after a large deletion, creating
    a file takes 3–10 times as long, and a cold publish creates ~100,000 files. Deleting the last
    run's outputs just before a cold run measured the disk's discards as much as the publisher.
    Renaming them aside costs nothing. They are not deleted here at all: deleted between two
    sizes, they slowed the next size's runs the same way (the generator alone at 10,000 records,
    just after the full runs' 8 GB went: 866 records/s instead of ~1,300). ``make bench`` deletes
    the folder after its last run; it holds ~20 GB by then.
    """

    def __init__(self, workdir: Path) -> None:
        self.folder = workdir / ".bench-trash"
        self.count = 0

    def put(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{time.time_ns()}-{self.count}")


def make_project(folder: Path, records: int, trash: Trash) -> tuple[Project, list[Path]]:
    trash.put(folder)
    copy_project(folder, records=False)
    for scan in (folder / "content/scans").glob("*.json"):
        scan.unlink()
    return Project(folder), write_corpus(folder, records)


def clean(project: Project, trash: Trash, *, keep_artifacts: bool) -> None:
    """Back to the inputs alone (keeping converted PDF/JATS when asked); the outputs go to ``trash``."""
    for path in (project.docs_dir, project.exports_dir, project.site_dir, project.root / ".site-staging"):
        trash.put(path)
    project.docs_dir.mkdir(parents=True)
    cache = project.cache_dir
    for path in sorted(cache.rglob("*"), reverse=True) if cache.exists() else []:
        if path.is_file() and not (keep_artifacts and path.name.endswith(ARTIFACTS)):
            trash.put(path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def timed_publish(project: Project) -> dict[str, float]:
    result = one_run("publish", project)
    return {**result, **{name: result.get(name, 0.0) for name in STAGES}}


def digest(site: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        sha.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def sizes(site: Path) -> dict[str, float]:
    pages = [p.stat().st_size for p in (site / "records").glob("*/index.html")]
    per_record = [
        sum(f.stat().st_size for f in p.parent.iterdir() if f.is_file())
        for p in (site / "records").glob("*/index.html")
    ]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    search = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
    return {
        "whole site MB": total / 1e6,
        "record page (index.html) KB": statistics.mean(pages) / 1e3 if pages else 0.0,
        "record folder (page + exports) KB": statistics.mean(per_record) / 1e3 if per_record else 0.0,
        "search index MB": search / 1e6,
    }


def add_record(project: Project, template: Path, number: int) -> None:
    data = json.loads(template.read_text())
    data["id"] = str(uuid.UUID(int=10_000_000 + number, version=4))
    data["title"] = f"Benchmark record {number} added after the cold build"
    data["submitted"] = "2027-01-01"  # a new record is the newest (the corpus spans 2026)
    (project.records_dir / f"{data['id']}.json").write_text(json.dumps(data))


def row(name: str, results: list[dict[str, float]]) -> str:
    cells = [f"{statistics.median(r[c] for r in results):.1f}" for c in (*STAGES, "total")]
    return f"| {name} | " + " | ".join(cells) + " |"


def full(records: int, runs: int, workdir: Path) -> None:
    trash = Trash(workdir)
    project, paths = make_project(workdir / f"n{records}", records, trash)
    print(f"\n## {records:,} records + {records // 5:,} scans (seconds; median of {runs} runs, cold no-cache once)\n")
    print("| run | " + " | ".join(STAGES) + " | total |")
    print("|---|" + "---:|" * (len(STAGES) + 1))
    clean(project, trash, keep_artifacts=False)
    uncached = timed_publish(project)
    print(row("cold, no caches", [uncached]), flush=True)
    cold = []
    for _ in range(runs):
        clean(project, trash, keep_artifacts=True)
        cold.append(timed_publish(project))
    print(row("cold, artifact cache", cold), flush=True)
    added = []
    for number in range(runs):
        add_record(project, paths[number], number)
        added.append(timed_publish(project))
    print(row("add one record", added), flush=True)
    incremental = digest(project.site_dir)
    clean(project, trash, keep_artifacts=True)
    last = timed_publish(project)
    identical = digest(project.site_dir) == incremental
    print()
    print(f"- each run's total (s): cold, artifact cache {each(cold)}; add one record {each(added)}")
    for key, value in sizes(project.site_dir).items():
        print(f"- {key}: {value:,.1f}")
    generator = statistics.median(r["validate"] + r["render"] for r in cold)
    print(f"- validate + render (every generated file), cold: {records / generator:,.0f} records/s")
    print(f"- peak memory: {peak_memory([uncached, *cold, *added, last])}")
    print(f"- after adding records, the site is byte-identical to a cold build of the same inputs: {identical}")


def each(results: list[dict[str, float]]) -> str:
    return ", ".join(f"{r['total']:.1f}" for r in results)


def generator_only(records: int, runs: int, workdir: Path) -> None:
    """The generator's rate, and, interleaved, its rate with a constant page for every record
    (``bench/one_run.py constant-page``): the share of its time that rendering pages takes is the
    most any faster page renderer could save, and a ratio of two runs side by side holds better
    than either figure on this machine, whose speed moves by half between hours."""
    trash = Trash(workdir)
    project, _ = make_project(workdir / f"n{records}", records, trash)
    results, constant = [], []
    for _ in range(runs):
        for what, kept in (("generate", results), ("constant-page", constant)):
            clean(project, trash, keep_artifacts=False)
            kept.append(one_run(what, project))
    validate = statistics.median(r["validate"] for r in results)
    render = statistics.median(r["render"] for r in results)
    seconds = [r["validate"] + r["render"] for r in results]
    without = [r["validate"] + r["render"] for r in constant]
    page_share = statistics.median(1 - other / real for real, other in zip(seconds, without, strict=True))
    print(f"\n## Generator alone, {records:,} records + {records // 5:,} scans (median of {runs} runs)\n")
    print(f"- validate: {validate:.1f} s; render and write record pages: {render:.1f} s")
    print(
        f"- {records / statistics.median(seconds):,.0f} records/s (each run: {rates(records, seconds)}); peak memory {peak_memory(results)}"
    )
    print(
        f"- with a constant page for every record, interleaved: {records / statistics.median(without):,.0f} records/s"
        f" (each run: {rates(records, without)}); rendering pages is {page_share:.0%} of the generator's time"
    )


def rates(records: int, seconds: list[float]) -> str:
    return ", ".join(f"{records / s:,.0f}" for s in seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--generator-only", action="store_true")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/research-site-bench"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for n in args.records:
        (generator_only if args.generator_only else full)(n, args.runs, args.workdir)


if __name__ == "__main__":
    main()
