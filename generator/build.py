"""The build story: load and validate → assemble the docs tree → write changes → MkDocs.

``generate`` is what both the CLI and the MkDocs hook call; ``publish`` adds the MkDocs
build into a staging folder that replaces ``site/`` only when the build succeeded.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from generator.assemble import Tree, site_tree
from generator.errors import Severity, ValidationFailed
from generator.load import Corpus, load_records, load_scans
from generator.project import Project
from generator.render import Renderer
from generator.write import WriteStats, sync_tree

log = logging.getLogger("generator")

# Set while the CLI drives MkDocs itself, so the hook does not generate a second time.
generated_in_process = False


@dataclass(frozen=True)
class Generated:
    corpus: Corpus
    stats: WriteStats

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.corpus.problems if p.severity is Severity.WARNING)


def read_static(project: Project) -> Tree:
    """Hand-written pages and theme assets, copied into the docs tree as they are."""
    tree: Tree = {}
    for folder, prefix in ((project.pages_dir, ""), (project.assets_dir, "assets/")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            tree[prefix + path.relative_to(folder).as_posix()] = path.read_bytes()
    return tree


def validate(project: Project, *, strict: bool) -> Corpus:
    """Load every input; under ``strict`` any problem (warnings included) fails."""
    corpus = load_records(project.root)
    corpus.scans, scan_problems = load_scans(project.root)
    corpus.problems += scan_problems
    for problem in corpus.problems:
        log.warning("%s", problem)
    failing = corpus.problems if strict else [p for p in corpus.problems if p.severity is Severity.ERROR]
    if strict and failing:
        raise ValidationFailed(f"{len(failing)} problem(s) in {len(corpus.rejected) or 'the'} input file(s)")
    return corpus


def generate(project: Project, *, strict: bool = False) -> Generated:
    """Validate, then write the docs tree MkDocs builds from. Only changed files are written."""
    corpus = validate(project, strict=strict)
    renderer = Renderer(project.templates_dir)
    cache = project.root / "build" / "cache"  # converted report artifacts, reused while inputs are unchanged
    tree = site_tree(corpus.records, project.config, renderer, read_static(project), corpus.scans, cache)
    stats = sync_tree(project.docs_dir, tree)
    log.info("Generated %d files (%d written, %d removed)", len(tree), stats.written, stats.deleted)
    return Generated(corpus, stats)


def mkdocs_build(project: Project, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project.mkdocs_yml), strict=True, site_dir=str(site_dir))
    build(config)


def _swap_in(staging: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def publish(project: Project, *, strict: bool = False) -> str:
    """Generate and build the site; ``site/`` is replaced only by a complete build."""
    global generated_in_process
    started = time.monotonic()
    result = generate(project, strict=strict)
    staging = project.root / ".site-staging"
    shutil.rmtree(staging, ignore_errors=True)
    generated_in_process = True
    try:
        mkdocs_build(project, staging)
    finally:
        generated_in_process = False
    _swap_in(staging, project.site_dir)
    elapsed = time.monotonic() - started
    return (
        f"Published {len(result.corpus.records)} records, {len(result.corpus.rejected)} rejected, "
        f"{result.warnings} warnings in {elapsed:.1f} s"
    )
