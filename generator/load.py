"""Read stored input files and validate them into models, collecting every problem.

Nothing here raises on bad input: each file yields a model or problems (file, field
path, expected, found), so one run reports everything and every valid file is kept.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import InputChanged, Problem, Severity
from generator.load_memo import LoadMemo, ScanFacts, file_stat
from generator.models.base import keeps_unknown_keys, models_in
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.parallel import each_chunk, map_chunks
from generator.scan_index_view import ScanListing, scan_listing
from generator.scan_links import scan_path, scan_slug
from generator.scores import stored_count_mismatches
from generator.text_quality import text_damage, text_notices
from generator.validate_cache import CACHE_NAME, Checked, ValidationCache, bytes_key, text_key

MAX_FILE_BYTES = 4 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_SHOULD = re.compile(r"^(?:Input|String|List|Value|Dictionary|Object) should (?:be|have) ")
M = TypeVar("M", bound=BaseModel)


# What only a record's own page and exports show. Views over every record (listings, browse
# pages, feeds, scan back-links, the sitemap) never read these, so the corpus keeps records
# without them (``listing_copy``): a tenth of a record's memory, the rest re-read when rendered.
LEFT_OUT_OF_LISTINGS = ("claims", "report", "research_question", "quality_dimensions", "provenance", "review_method")


def listing_copy(record: SynthesisRecord) -> SynthesisRecord:
    """``record`` without the fields in ``LEFT_OUT_OF_LISTINGS`` (set to None)."""
    return record.model_copy(update=dict.fromkeys(LEFT_OUT_OF_LISTINGS))


def _validated_again(model: type[M], source: str, file: Path, sha256: str, text: str | None) -> M:
    """The model of a file that validated before (as text ``text``, else as the file's current text,
    which must still hash to ``sha256``)."""
    if text is None:
        data = file.read_bytes()
        if bytes_key(data) != sha256:
            raise InputChanged(f"{source} changed while the site was being built: build again")
        return model.model_validate_json(data, strict=True)
    return model.model_validate_json(text, strict=True)


def _kept_text(file: Path, sha256: str) -> str | None:
    """The file's text if it is still the text that validated (hash ``sha256``), else None."""
    text = file.read_text(encoding="utf-8") if file.is_file() else ""
    return text if text_key(text) == sha256 else None


@dataclass(frozen=True)
class LoadedRecord:
    """A valid record file: its ``listing`` copy, and the hash of the text that validated.

    ``model()`` gives the whole record, validated again from the file (0.15 ms), for the record's
    own page and exports. ``text``, when kept (``mkdocs serve`` keeps a broken file's last good
    version), is used instead of the file.
    """

    source: str
    file: Path
    listing: SynthesisRecord
    sha256: str
    text: str | None = field(default=None, repr=False, compare=False)

    def model(self) -> SynthesisRecord:
        return _validated_again(SynthesisRecord, self.source, self.file, self.sha256, self.text)

    def keeping_text(self) -> LoadedRecord:
        """This record with its validated text kept, so later changes to the file do not matter."""
        return self if self.text is not None else replace(self, text=_kept_text(self.file, self.sha256))


@dataclass(frozen=True)
class LoadedScan:
    """A valid scan file, kept small: its page slug, arXiv id and row of the scans index.

    ``model()`` gives the whole scan, validated again from the file, for its own page; ``text``
    as in ``LoadedRecord``.
    """

    source: str
    file: Path
    slug: str
    arxiv_id: str | None
    listing: ScanListing
    sha256: str
    text: str | None = field(default=None, repr=False, compare=False)

    @property
    def path(self) -> str:
        """The scan's page in the docs tree (as ``PublishedScan.path``)."""
        return scan_path(self.slug)

    def model(self) -> PaperScan:
        return _validated_again(PaperScan, self.source, self.file, self.sha256, self.text)

    def keeping_text(self) -> LoadedScan:
        return self if self.text is not None else replace(self, text=_kept_text(self.file, self.sha256))


@dataclass
class Corpus:
    records: list[LoadedRecord] = field(default_factory=list)
    scans: list[LoadedScan] = field(default_factory=list)
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
    if not keeps_unknown_keys(model):
        return
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


@dataclass(frozen=True)
class _Found(Generic[M]):
    model: M | None
    problems: list[Problem]
    entry: tuple[str, Checked] | None  # the cache key of the text and what checking it found


def _checked(model: type[M], path: Path, source: str, cache: ValidationCache | None) -> _Found[M]:
    text, problems = read_text(path, source)
    if text is None:
        return _Found(None, problems, None)
    key = text_key(text)
    checked = cache.get(key) if cache is not None else None
    if checked is None:
        parsed, problems = validate(model, text, source)
        return _Found(parsed, problems, (key, Checked.of(parsed is not None, problems)))
    parsed = model.model_validate_json(text, strict=True) if checked.valid else None
    return _Found(parsed, checked.problems(source), (key, checked))


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
    """Every record and scan under ``root``; with ``cache_dir``, unchanged files skip their checks
    (``validate_cache``) and are not even parsed again (``load_memo``)."""
    with kept_out_of_collections():  # the memo too: with the collector running, reading it took 4 times as long
        cache = ValidationCache.open(None if cache_dir is None else cache_dir / CACHE_NAME)
        memo = LoadMemo.open(cache_dir)
        corpus = load_records(root, cache=cache, memo=memo)
        corpus.scans, scan_problems = load_scans(root, cache=cache, memo=memo)
        corpus.problems += scan_problems
    cache.save()
    memo.save()
    return corpus


FILES_PER_CHUNK = 250


def _remembered(cache: ValidationCache | None, sha256: str, source: str) -> tuple[list[Problem], Checked] | None:
    """The problems a valid file's text had when it was checked, if the validation cache holds them."""
    checked = cache.get(sha256) if cache is not None else None
    return (checked.problems(source), checked) if checked is not None and checked.valid else None


def load_records(
    root: Path,
    folder: str = "content/records",
    cache: ValidationCache | None = None,
    memo: LoadMemo | None = None,
) -> Corpus:
    """Every ``*.json`` under ``folder``, sorted by name, checked on every core; duplicates of an
    id are rejected. Each valid record is kept as its listing copy (``LoadedRecord``). Files the
    ``memo`` and the ``cache`` both know unchanged are taken from them, unread."""

    def check(chunk: Sequence[tuple[Path, str]]) -> list[_Sent]:
        return [_sent(_checked(SynthesisRecord, path, source, cache)) for path, source in chunk]

    memo = memo or LoadMemo()
    files = _input_files(root, folder)
    stats = [file_stat(path) for path, _ in files]
    known: dict[int, _Found[SynthesisRecord]] = {}
    for index, ((path, source), stat) in enumerate(zip(files, stats, strict=True)):
        if (hit := memo.record(path, source, stat)) and (seen := _remembered(cache, hit[0], source)):
            known[index] = _Found(hit[1], seen[0], (hit[0], seen[1]))
    corpus = Corpus()
    owners: dict[str, str] = {}
    todo = [file for index, file in enumerate(files) if index not in known]
    # Each chunk's listings are read here while the workers check later chunks.
    with collector_paused(), closing(each_chunk(check, todo, FILES_PER_CHUNK)) as chunks:
        fresh = (sent for chunk in chunks for sent in chunk)
        for index, ((path, source), stat) in enumerate(zip(files, stats, strict=True)):
            sent = None if index in known else next(fresh)
            found = known[index] if sent is None else sent.received()
            corpus.problems += found.problems
            if cache is not None and found.entry is not None:
                cache.put(*found.entry)
            if found.model is not None and found.entry is not None:
                memo.keep_record(source, stat, found.entry[0], found.model, None if sent is None else sent.listing)
                _keep_record(corpus, owners, LoadedRecord(source, path, found.model, found.entry[0]))
    return corpus


_LISTING = TypeAdapter(SynthesisRecord)


@dataclass(frozen=True)
class _Sent:
    """What a worker sends back for a record file: its listing copy as JSON, and what checking found.

    JSON costs a third of what pickling a model costs, both ways (0.017 + 0.07 ms against 0.06 +
    0.12 ms), and the parent, which reads every listing alone, was the bottleneck; the load memo
    stores the same bytes."""

    listing: bytes | None
    problems: list[Problem]
    entry: tuple[str, Checked] | None

    def received(self) -> _Found[SynthesisRecord]:
        listing = None if self.listing is None else _LISTING.validate_json(self.listing, strict=True)
        return _Found(listing, self.problems, self.entry)


def _sent(found: _Found[SynthesisRecord]) -> _Sent:
    listing = None if found.model is None else _LISTING.dump_json(listing_copy(found.model), exclude_unset=True)
    return _Sent(listing, found.problems, found.entry)


def _keep_record(corpus: Corpus, owners: dict[str, str], loaded: LoadedRecord) -> None:
    key = str(loaded.listing.id)
    if key in owners:
        found = f"{key} (also in {owners[key]})"
        corpus.problems.append(Problem(loaded.source, "id", "an id no other file uses", found))
        return
    owners[key] = loaded.source
    corpus.records.append(loaded)


@dataclass(frozen=True)
class _FoundScan:
    found: _Found[PaperScan]  # the model is dropped before it leaves the worker
    slug: str | None = None
    arxiv_id: str | None = None
    mismatches: tuple[tuple[str, str, str], ...] = ()
    listing: ScanListing | None = None


def _check_scan(path: Path, source: str, cache: ValidationCache | None) -> _FoundScan:
    found = _checked(PaperScan, path, source, cache)
    scan = found.model
    slim = _Found[PaperScan](None, found.problems, found.entry)
    if scan is None:
        return _FoundScan(slim)
    slug = scan_slug(scan, source)
    listing = scan_listing(scan, scan_path(slug)) if slug else None
    return _FoundScan(slim, slug, scan.paper.arxiv_id, tuple(stored_count_mismatches(scan)), listing)


def load_scans(
    root: Path,
    folder: str = "content/scans",
    cache: ValidationCache | None = None,
    memo: LoadMemo | None = None,
) -> tuple[list[LoadedScan], list[Problem]]:
    """Every ``*.json`` under ``folder``, sorted by name, checked on every core; a second scan of
    the same paper is rejected, and so is a scan whose stored totals disagree with its items.
    Files the ``memo`` and the ``cache`` both know unchanged are taken from them, unread."""

    def check(chunk: Sequence[tuple[Path, str]]) -> list[_FoundScan]:
        return [_check_scan(path, source, cache) for path, source in chunk]

    memo = memo or LoadMemo()
    files = _input_files(root, folder)
    stats = [file_stat(path) for path, _ in files]
    known: dict[int, _FoundScan] = {}
    for index, ((path, source), stat) in enumerate(zip(files, stats, strict=True)):
        if (hit := memo.scan(path, source, stat)) and (seen := _remembered(cache, hit[0], source)):
            facts = hit[1]
            slim = _Found[PaperScan](None, seen[0], (hit[0], seen[1]))
            known[index] = _FoundScan(slim, facts.slug, facts.arxiv_id, facts.mismatches, facts.listing)
    scans: list[LoadedScan] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    with collector_paused():
        todo = [file for index, file in enumerate(files) if index not in known]
        fresh = iter([found for chunk in map_chunks(check, todo, FILES_PER_CHUNK) for found in chunk])
        for index, ((path, source), stat) in enumerate(zip(files, stats, strict=True)):
            found = known.get(index) or next(fresh)
            problems += found.found.problems
            if cache is not None and found.found.entry is not None:
                cache.put(*found.found.entry)
            if found.found.entry is not None and found.found.entry[1].valid:
                facts = ScanFacts(found.slug, found.arxiv_id, found.mismatches, found.listing)
                memo.keep_scan(source, stat, found.found.entry[0], facts)
                problems += _keep_scan(scans, owners, source, path, found)
    return scans, problems


def _keep_scan(
    scans: list[LoadedScan], owners: dict[str, str], source: str, path: Path, found: _FoundScan
) -> list[Problem]:
    """Keep a valid scan unless its paper is unknown or taken, or its stored totals disagree."""
    slug = found.slug
    if slug is None or found.listing is None or found.found.entry is None:
        expected = "an arXiv id, or a file name of a-z, 0-9, '.', '-', '_'"
        return [Problem(source, "paper.arxiv_id", expected, path.name)]
    if slug in owners:
        return [Problem(source, "paper.arxiv_id", "a paper no other scan audits", f"{slug} (also in {owners[slug]})")]
    mismatches = [Problem(source, *mismatch) for mismatch in found.mismatches]
    if not mismatches:
        owners[slug] = source
        scans.append(LoadedScan(source, path, slug, found.arxiv_id, found.listing, found.found.entry[0]))
    return mismatches
