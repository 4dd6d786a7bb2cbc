"""Read stored input files and validate them into models, collecting every problem.

Nothing here raises on bad input: each file yields a model or problems (file, field
path, expected, found), so one run reports everything and every valid file is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem, Severity
from generator.models.base import walk
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.scan_links import scan_slug
from generator.scores import stored_count_mismatches
from generator.text_quality import text_damage, text_notices

MAX_FILE_BYTES = 4 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_SHOULD = re.compile(r"^(?:Input|String|List|Value|Dictionary|Object) should (?:be|have) ")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model and the file it came from (relative to the project root)."""

    source: str
    model: M


@dataclass
class Corpus:
    records: list[Loaded[SynthesisRecord]] = field(default_factory=list)
    scans: list[Loaded[PaperScan]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> list[str]:
        """Files that were not published, each once, sorted."""
        return sorted({p.file for p in self.problems if p.severity is Severity.ERROR})


def _found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def field_path(loc: Iterable[int | str]) -> str:
    """``("claims", 3, "confidence")`` → ``"claims[3].confidence"``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _problem(source: str, error: ErrorDetails) -> Problem:
    path = field_path(error["loc"])
    if error["type"] == "missing":
        return Problem(source, path, "a value (required field)", "nothing")
    if error["type"] == "json_invalid":
        return Problem(source, "", "valid JSON", error["msg"].removeprefix("Invalid JSON: "))
    expected = _SHOULD.sub("", error["msg"]).removeprefix("Value error, ").replace("match pattern", "text matching")
    return Problem(source, path, expected, _found(error["input"]))


def unknown_keys(model: BaseModel) -> Iterator[str]:
    """Field paths of keys the contract does not define, anywhere in the model."""
    for path, node in walk(model):
        if isinstance(node, BaseModel):
            yield from (f"{path}.{key}" if path else key for key in sorted(node.model_extra or {}))


def read_text(path: Path, source: str) -> tuple[str | None, list[Problem]]:
    """File bytes as UTF-8 text, or the problem that stops it being read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(source, "", "a readable file", str(exc))]
    if not data.strip():
        return None, [Problem(source, "", "a JSON object", "an empty file")]
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(source, "", f"at most {MAX_FILE_BYTES:,} bytes", f"{len(data):,} bytes")]
    if data.startswith(_BOM):
        return None, [Problem(source, "", "UTF-8 without a byte-order mark", "a UTF-8 byte-order mark")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [Problem(source, "", "UTF-8 text", f"byte 0x{data[exc.start]:02x} at offset {exc.start}")]


def validate(model: type[M], text: str, source: str) -> tuple[M | None, list[Problem]]:
    """One JSON document validated strictly against ``model``; unknown keys become warnings."""
    try:
        parsed = model.model_validate_json(text, strict=True)
    except ValidationError as exc:
        return None, [_problem(source, error) for error in exc.errors(include_url=False)]
    warnings = [
        Problem(source, key, "a field of the contract", "an unknown key", Severity.WARNING)
        for key in unknown_keys(parsed)
    ]
    damaged = "\\u" in text or text_damage(text)  # one scan of the file before a per-field walk
    return parsed, warnings + (text_notices(parsed, source) if damaged else [])


def load_file(model: type[M], path: Path, source: str) -> tuple[M | None, list[Problem]]:
    text, problems = read_text(path, source)
    return (None, problems) if text is None else validate(model, text, source)


def load_records(root: Path, folder: str = "content/records") -> Corpus:
    """Every ``*.json`` under ``folder``, sorted by name; duplicates of an id are rejected."""
    corpus = Corpus()
    owners: dict[str, str] = {}
    for path in sorted((root / folder).glob("*.json")):
        source = path.relative_to(root).as_posix()
        record, problems = load_file(SynthesisRecord, path, source)
        corpus.problems += problems
        if record is None:
            continue
        key = str(record.id)
        if key in owners:
            corpus.problems.append(Problem(source, "id", "an id no other file uses", f"{key} (also in {owners[key]})"))
            continue
        owners[key] = source
        corpus.records.append(Loaded(source, record))
    return corpus


def load_scans(root: Path, folder: str = "content/scans") -> tuple[list[Loaded[PaperScan]], list[Problem]]:
    """Every ``*.json`` under ``folder``, sorted by name; a second scan of the same paper is rejected."""
    scans: list[Loaded[PaperScan]] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for path in sorted((root / folder).glob("*.json")):
        source = path.relative_to(root).as_posix()
        scan, found = load_file(PaperScan, path, source)
        problems += found
        slug = None if scan is None else scan_slug(scan, source)
        if scan is None or slug is None:
            if scan is not None:
                problems.append(
                    Problem(
                        source, "paper.arxiv_id", "an arXiv id, or a file name of a-z, 0-9, '.', '-', '_'", path.name
                    )
                )
            continue
        if slug in owners:
            problems.append(
                Problem(source, "paper.arxiv_id", "a paper no other scan audits", f"{slug} (also in {owners[slug]})")
            )
            continue
        mismatches = [Problem(source, *mismatch) for mismatch in stored_count_mismatches(scan)]
        if mismatches:
            problems += mismatches
            continue
        owners[slug] = source
        scans.append(Loaded(source, scan))
    return scans, problems
