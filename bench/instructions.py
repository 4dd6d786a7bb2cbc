"""Count the instructions the generator executes per record, with valgrind's callgrind.

    python bench/instructions.py --records 100   # needs valgrind (Debian: apt-get install valgrind)

Seconds on this shared machine swing by half between hours (README, "Scale"); the number of
instructions a run executes does not: the same code and inputs give the same count, whatever else
the machine is doing. So this compares two versions of the code where timing cannot, and says how
much work a record costs, in the units a target in records per second has to be divided into.

Each count is one ``bench/one_run.py`` under callgrind, on one CPU (every chunk then runs in the
process callgrind follows, as it would on a one-core machine), with a fixed hash seed. A record's
figure is the difference between a corpus of ``2N`` records and one of ``N``, divided by ``N``:
what is paid once per run (start-up, imports, compiling templates) cancels out. The corpora are
``bench/corpus.py``'s, as ``bench/run.py`` makes them (the last run's are deleted first).
Callgrind runs code ~50 times slower: the default, 100 and 200 records, takes 2–3 minutes.
Caveat: under valgrind OpenSSL computes SHA-256 without the CPU's SHA extensions, so hashing
counts a few times the instructions it executes natively (at most ~0.3 M of a record's total).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import Trash, make_project  # noqa: E402
from generator.project import Project  # noqa: E402

_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(what: str, project: Project) -> int:
    """Instructions ``bench/one_run.py what`` executes, pinned to one CPU."""
    cpu = min(os.sched_getaffinity(0))
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, str(ROOT / "bench/one_run.py"), what, str(project.root)]
    done = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        preexec_fn=lambda: os.sched_setaffinity(0, {cpu}),
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count for {what}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def fresh(project: Project) -> None:
    """No outputs, no caches: every count is a cold run's."""
    for folder in (project.docs_dir, project.cache_dir):
        shutil.rmtree(folder, ignore_errors=True)
    project.docs_dir.mkdir(parents=True)


def counted(records: int, workdir: Path) -> dict[str, int]:
    """Instructions of a cold ``validate`` and ``generate`` of a corpus of ``records``."""
    folder = workdir / f"instructions-n{records}"
    shutil.rmtree(folder, ignore_errors=True)  # deleted, not put aside: a count does not depend on the disk
    project, _ = make_project(folder, records, Trash(workdir))
    counts = {}
    for what in ("validate", "generate"):
        fresh(project)
        counts[what] = instructions(what, project)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/research-site-bench"))
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    n = args.records
    small, large = counted(n, args.workdir), counted(2 * n, args.workdir)
    validate = (large["validate"] - small["validate"]) / n
    generate = (large["generate"] - small["generate"]) / n
    print(
        f"\n## Instructions per record (callgrind, one CPU; {n:,} and {2 * n:,} records, each with a fifth as many scans)\n"
    )
    print("| stage | instructions per record |\n|---|---:|")
    print(f"| validate (a record and a fifth of a scan) | {validate / 1e6:.2f} M |")
    print(f"| render and write its page | {(generate - validate) / 1e6:.2f} M |")
    print(f"| generator (both) | {generate / 1e6:.2f} M |")
    fixed = small["generate"] - n * generate
    print(f"\n- the same in every run (start-up, imports, compiling templates): {fixed / 1e6:,.0f} M")


if __name__ == "__main__":
    main()
