"""Command line: ``python -m generator validate|build|add|new``. Parses arguments, maps errors to exits."""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator import build, intake
from generator.errors import Severity, UserError
from generator.project import find_project

log = logging.getLogger("generator")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every stored input; exit 1 on any error")
    validate.add_argument("--strict", action="store_true", help="warnings (unknown keys) fail too")
    site = commands.add_parser("build", help="validate, generate and build the site into site/")
    site.add_argument("--strict", action="store_true", help="fail on any problem instead of skipping the file")
    add = commands.add_parser("add", help="validate record/scan files and store them under content/ by id")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="incoming record or scan JSON files")
    add.add_argument("--lenient", action="store_true", help="accept files whose only problems are unknown keys")
    commands.add_parser("new", help="print a valid skeleton record (with a fresh id) to fill in")
    return parser


def _validate(root: Path, strict: bool) -> int:
    project = find_project(root)
    corpus = build.validate(project, strict=strict)
    counts = Counter(problem.severity for problem in corpus.problems)
    print(
        f"{len(corpus.records)} valid records and {len(corpus.scans)} valid scans, {len(corpus.rejected)} rejected, "
        f"{counts[Severity.WARNING]} warnings, {counts[Severity.NOTICE]} notices"
    )
    return 1 if corpus.rejected else 0


def _add(root: Path, paths: list[Path], lenient: bool) -> int:
    project = find_project(root)
    for dest in intake.add(paths, project, lenient=lenient):
        print(f"added {dest.relative_to(project.root).as_posix()}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s", stream=sys.stderr)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        if args.command == "validate":
            return _validate(args.root, args.strict)
        if args.command == "add":
            return _add(args.root, args.paths, args.lenient)
        if args.command == "new":
            print(intake.skeleton(uuid.uuid4(), date.today()), end="")
            return 0
        print(build.publish(find_project(args.root), strict=args.strict).summary())
        return 0
    except UserError as exc:
        log.error("%s", exc)
        return 1
