"""One timed run of the pipeline in a process of its own, as the CLI and the CI workflow run it.

    python bench/one_run.py publish /tmp/research-site-bench/n10000   # generator.build.publish
    python bench/one_run.py generate /tmp/research-site-bench/n10000  # validate, then record pages only
    python bench/one_run.py validate /tmp/research-site-bench/n10000  # validate only
    python bench/one_run.py constant-page /tmp/research-site-bench/n10000  # generate, with no page rendered

Prints one JSON object: the seconds of each stage (imports not included), and the peak resident
set of this process and of its largest worker, in MB. ``bench/run.py`` starts one of these per
timed run: repeated runs in one process measured what no real run has. The second load of a
corpus in a process first collects the first one's frozen objects (``load.kept_out_of_collections``,
which ``mkdocs serve`` needs): ~0.4 s at 10,000 records. And the first run's warm caches
(``functools.lru_cache`` in the views) helped the later ones.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import assemble, build  # noqa: E402
from generator.assemble import write_records  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.render import Renderer  # noqa: E402
from generator.write import wait_for_deletions  # noqa: E402


def peaks() -> dict[str, float]:
    return {
        "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker peak MB": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def publish(project: Project) -> dict[str, float]:
    started = time.monotonic()
    stages = build.publish(project).stages
    total = time.monotonic() - started
    wait_for_deletions()  # the replaced site, deleted in the background: not in this run's figures, nor the next's
    return {**stages, "total": total}


def generate(project: Project) -> dict[str, float]:
    started = time.monotonic()
    corpus = build.validate(project, strict=False)
    validated = time.monotonic()
    renderer = Renderer(project.templates_dir)
    write_records(corpus.records, project.config, renderer, project.docs_dir, project.exports_dir, exports=False)
    return {"validate": validated - started, "render": time.monotonic() - validated}


def constant_page(project: Project) -> dict[str, float]:
    """``generate`` with every record page one constant of a bench page's size: what the generator
    costs besides rendering pages (validating, reading each file again, writing, the workers), so
    what no page renderer, however fast, could take off. Its workers are forked, so they inherit
    the replacement."""
    page = "x" * 20_000
    assemble.record_page = lambda *_: page  # type: ignore[assignment]
    return generate(project)


def validate(project: Project) -> dict[str, float]:
    started = time.monotonic()
    build.validate(project, strict=False)
    return {"validate": time.monotonic() - started}


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    what, root = sys.argv[1], Path(sys.argv[2])
    run = {"publish": publish, "generate": generate, "constant-page": constant_page, "validate": validate}[what]
    print(json.dumps({**run(Project(root)), **peaks()}))


if __name__ == "__main__":
    main()
