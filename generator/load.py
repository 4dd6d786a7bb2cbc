"""Read stored input files and validate them into models, collecting every problem.

Nothing here raises on bad input: each file yields a model or problems (file, field
path, expected, found), so one run reports everything and every valid file is kept.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem, Severity
from generator.models.base import models_in
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.scan_links import scan_slug
from generator.scores import stored_count_mismatches
from generator.text_quality import text_damage, text_notices
from generator.validate_cache import CACHE_NAME, Checked, ValidationCache, text_key

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
    for path, node in models_in(model):
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
    return parsed, warnings + (text_notices(parsed, source) if text_damage(text) else [])


def load_file(
    model: type[M], path: Path, source: str, cache: ValidationCache | None = None
) -> tuple[M | None, list[Problem]]:
    """One file read and validated; with a ``cache``, an unchanged file's checks are not redone."""
    text, problems = read_text(path, source)
    if text is None:
        return None, problems
    if cache is None:
        return validate(model, text, source)
    key = text_key(text)
    checked = cache.get(key)
    if checked is None:
        parsed, problems = validate(model, text, source)
        cache.put(key, Checked.of(parsed is not None, problems))
        return parsed, problems
    return (model.model_validate_json(text, strict=True) if checked.valid else None), checked.problems(source)


def _input_files(root: Path, folder: str) -> list[tuple[Path, str]]:
    """Every ``*.json`` in ``folder`` with its name relative to ``root``, sorted by name."""
    prefix = (root / folder).relative_to(root).as_posix()
    return [(path, f"{prefix}/{path.name}") for path in sorted((root / folder).glob("*.json"), key=lambda p: p.name)]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many models are built.

    Validation allocates millions of objects that stay alive, and every few thousand
    allocations a collection walked all of them again: loading took several times longer.
    Models hold no reference cycles, so nothing waits for the collector meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept_out_of_collections() -> Iterator[None]:
    """Build long-lived objects that later collections need not walk (``gc.freeze``).

    Without this, the first collections after loading walk every model again (seconds at
    10,000 records). What the last load froze is unfrozen and collected first, so a process
    that loads again and again (``mkdocs serve``) frees whatever it dropped since.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()


def load_corpus(root: Path, cache_dir: Path | None = None) -> Corpus:
    """Every record and scan under ``root``; with ``cache_dir``, unchanged files skip their checks."""
    cache = ValidationCache.open(None if cache_dir is None else cache_dir / CACHE_NAME)
    with kept_out_of_collections():
        corpus = load_records(root, cache=cache)
        corpus.scans, scan_problems = load_scans(root, cache=cache)
        corpus.problems += scan_problems
    cache.save()
    return corpus


def load_records(root: Path, folder: str = "content/records", cache: ValidationCache | None = None) -> Corpus:
    """Every ``*.json`` under ``folder``, sorted by name; duplicates of an id are rejected."""
    corpus = Corpus()
    owners: dict[str, str] = {}
    with collector_paused():
        for path, source in _input_files(root, folder):
            record, problems = load_file(SynthesisRecord, path, source, cache)
            corpus.problems += problems
            if record is not None:
                _keep_record(corpus, owners, Loaded(source, record))
    return corpus


def _keep_record(corpus: Corpus, owners: dict[str, str], loaded: Loaded[SynthesisRecord]) -> None:
    key = str(loaded.model.id)
    if key in owners:
        found = f"{key} (also in {owners[key]})"
        corpus.problems.append(Problem(loaded.source, "id", "an id no other file uses", found))
        return
    owners[key] = loaded.source
    corpus.records.append(loaded)


def load_scans(
    root: Path, folder: str = "content/scans", cache: ValidationCache | None = None
) -> tuple[list[Loaded[PaperScan]], list[Problem]]:
    """Every ``*.json`` under ``folder``, sorted by name; a second scan of the same paper is rejected."""
    scans: list[Loaded[PaperScan]] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    with collector_paused():
        for path, source in _input_files(root, folder):
            scan, found = load_file(PaperScan, path, source, cache)
            problems += found
            if scan is not None:
                problems += _keep_scan(scans, owners, Loaded(source, scan), path.name)
    return scans, problems


def _keep_scan(
    scans: list[Loaded[PaperScan]], owners: dict[str, str], loaded: Loaded[PaperScan], name: str
) -> list[Problem]:
    """Keep a valid scan unless its paper is unknown or taken, or its stored totals disagree."""
    source, scan = loaded.source, loaded.model
    slug = scan_slug(scan, source)
    if slug is None:
        return [Problem(source, "paper.arxiv_id", "an arXiv id, or a file name of a-z, 0-9, '.', '-', '_'", name)]
    if slug in owners:
        return [Problem(source, "paper.arxiv_id", "a paper no other scan audits", f"{slug} (also in {owners[slug]})")]
    mismatches = [Problem(source, *mismatch) for mismatch in stored_count_mismatches(scan)]
    if not mismatches:
        owners[slug] = source
        scans.append(loaded)
    return mismatches
