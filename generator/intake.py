"""Intake: the one documented way for new input files to enter ``content/``, and a record skeleton.

``add`` validates incoming synthesis records and paper scans with the same loader a build uses and
places each under its canonical name: ``content/records/<uuid>.json`` or ``content/scans/<slug>.json``
(the version-less arXiv id). All files are checked before any is written; one refusal writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

from generator.errors import Problem, Severity, UserError
from generator.load import load_records, load_scans, read_text, validate
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.project import Project
from generator.scan_links import scan_slug

_UNSAFE_NAME = "an arXiv id, or a file name of a-z, 0-9, '.', '-', '_'"


class IntakeRefused(UserError):
    """Some incoming files were refused; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        files = len({p.file for p in problems})
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"refused {files} file(s); nothing was written:\n{lines}")


@dataclass(frozen=True)
class Incoming:
    """A validated incoming file: its exact bytes, its id or slug, and where it will be stored."""

    source: str
    data: bytes
    key: str
    dest: Path


@dataclass(frozen=True)
class Stored:
    """Ids and slugs already in ``content/``, with the file that holds each."""

    records: dict[str, str]
    scans: dict[str, str]


def stored(project: Project) -> Stored:
    scans, _ = load_scans(project.root)
    return Stored(
        records={str(r.listing.id): r.source for r in load_records(project.root).records},
        scans={s.slug: s.source for s in scans},
    )


def _path_problem(path: Path, source: str) -> Problem | None:
    if not path.exists():
        return Problem(source, "", "an existing file", "nothing at this path")
    if not path.is_file():
        return Problem(source, "", "a regular file", "a directory or special file")
    if path.suffix != ".json":
        return Problem(source, "", "a file named *.json", path.name)
    return None


def _is_scan(text: str) -> bool:
    try:
        parsed = json.loads(text)
    except ValueError:
        return False
    return isinstance(parsed, dict) and "paper" in parsed and "id" not in parsed


def _placed(source: str, text: str, key: str, folder: Path) -> tuple[Incoming | None, list[Problem]]:
    """``folder/<key>.json``, refused if it would resolve anywhere but directly inside ``folder``."""
    dest = folder / f"{key}.json"
    if dest.resolve().parent != folder.resolve():
        return None, [Problem(source, "", f"a name that stays inside {folder.name}/", key)]
    return Incoming(source, text.encode(), key, dest), []


def check(path: Path, project: Project, *, lenient: bool = False) -> tuple[Incoming | None, list[Problem]]:
    """One incoming file validated and given its destination, or the problems that refuse it."""
    source = str(path)
    if problem := _path_problem(path, source):
        return None, [problem]
    text, problems = read_text(path, source)
    if text is None:
        return None, problems
    incoming, problems = _check_scan(text, source, project) if _is_scan(text) else _check_record(text, source, project)
    failing = {Severity.ERROR} if lenient else {Severity.ERROR, Severity.WARNING}
    refused = [p for p in problems if p.severity in failing]
    return (None, refused) if refused else (incoming, [])


def _check_record(text: str, source: str, project: Project) -> tuple[Incoming | None, list[Problem]]:
    record, problems = validate(SynthesisRecord, text, source)
    if record is None:
        return None, problems
    incoming, unsafe = _placed(source, text, str(record.id), project.records_dir)
    return incoming, [*problems, *unsafe]


def _check_scan(text: str, source: str, project: Project) -> tuple[Incoming | None, list[Problem]]:
    scan, problems = validate(PaperScan, text, source)
    if scan is None:
        return None, problems
    slug = scan_slug(scan, source)
    if slug is None:
        return None, [*problems, Problem(source, "paper.arxiv_id", _UNSAFE_NAME, Path(source).name)]
    incoming, unsafe = _placed(source, text, slug, project.root / "content" / "scans")
    return incoming, [*problems, *unsafe]


def duplicates(batch: Iterable[Incoming], existing: Stored) -> list[Problem]:
    """Incoming files whose id (or scanned paper) is already stored, or given twice."""
    problems: list[Problem] = []
    seen: dict[Path, str] = {}
    for item in batch:
        is_scan = item.dest.parent.name == "scans"
        owner = (existing.scans if is_scan else existing.records).get(item.key)
        if owner is None and item.dest.exists():
            owner = item.dest.name
        owner = owner or seen.get(item.dest)
        if owner is not None:
            field, what = (
                ("paper.arxiv_id", "a paper no stored scan audits")
                if is_scan
                else ("id", "an id no stored record uses")
            )
            problems.append(Problem(item.source, field, what, f"{item.key} (already in {owner})"))
        seen.setdefault(item.dest, item.source)
    return problems


def add(paths: Sequence[Path], project: Project, *, lenient: bool = False) -> list[Path]:
    """Validate every file in ``paths``, then store each under its canonical name; returns the new files."""
    batch: list[Incoming] = []
    problems: list[Problem] = []
    for path in paths:
        incoming, found = check(path, project, lenient=lenient)
        problems += found
        batch += [incoming] if incoming else []
    problems += duplicates(batch, stored(project))
    if problems:
        raise IntakeRefused(problems)
    for item in batch:
        item.dest.parent.mkdir(parents=True, exist_ok=True)
        with item.dest.open("xb") as out:  # never replaces a file that appeared meanwhile
            out.write(item.data)
    return [item.dest for item in batch]


def skeleton(record_id: UUID, submitted: date) -> str:
    """A minimal valid synthesis record to fill in (``python -m generator new``)."""
    record = {
        "contract": "synthesis-record-v1",
        "id": str(record_id),
        "title": "Title of the synthesis",
        "submitted": submitted.isoformat(),
        "research_question": "The question this synthesis answers.",
        "abstract": "A plain-text abstract. Separate paragraphs with a blank line.",
        "report": {
            "format": "markdown",
            "sections": [
                {"heading": "Introduction", "body": "Markdown text of the section."},
                {"heading": "Methodology", "body": "Markdown text of the section."},
                {"heading": "Results", "body": "Markdown text of the section."},
                {"heading": "Limitations", "body": "Markdown text of the section."},
            ],
        },
        "claims": [{"text": "One claim extracted from the report.", "verified": False, "confidence": 0.5}],
        "references": [{"url": "https://arxiv.org/abs/2401.06785"}],
    }
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"
