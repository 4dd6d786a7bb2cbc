"""Command line: ``python -m generator validate|build``. Parses arguments, maps errors to exits."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import build
from generator.errors import UserError
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
    return parser


def _validate(root: Path, strict: bool) -> int:
    project = find_project(root)
    corpus = build.validate(project, strict=strict)
    errors = corpus.rejected
    print(f"{len(corpus.records)} valid records, {len(errors)} rejected, {len(corpus.problems)} problems")
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s", stream=sys.stderr)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        if args.command == "validate":
            return _validate(args.root, args.strict)
        print(build.publish(find_project(args.root), strict=args.strict))
        return 0
    except UserError as exc:
        log.error("%s", exc)
        return 1
