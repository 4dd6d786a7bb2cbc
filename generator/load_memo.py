"""Remember what each valid input file loaded as, to find it again by its stat or its text.

Loading an unchanged corpus of 10,000 records still meant reading and hashing every file,
validating it with pydantic in a worker and sending its listing copy back pickled: about two
seconds of every publish, whatever changed. The memo keeps, per file, its size and mtime, the
hash of its text and what the corpus keeps of it (a record's listing copy; a scan's slug, arXiv
id, totals check and index row). A file whose size and mtime are unchanged is not read at all;
one whose stat changed (a fresh checkout) is read and hashed, and used if the text is the same.
The whole memo is parsed and validated in one pydantic call (~0.6 s at 10,000 records).

Like make and rsync, it takes an unchanged size and mtime for unchanged content: a file rewritten
with both restored (``cp -p`` of another file of the same size) is not seen. A file whose mtime
was within two seconds of the load is hashed next time, since it may still change within its
mtime tick.

The memo is tied to a fingerprint of every source file of the generator, so nothing it holds
was derived by other code. The problems of a file are not kept here: they come from the
validation cache (``validate_cache``), by the hash of the text.

It is stored as lines: the fingerprint, then one JSON array per entry (``["r", source, size,
mtime, hash, listing]`` or ``["s", …]``). A publish that changed a few files appends their
entries (the last line of a source wins); the whole file is written again only for other code,
after an append was cut short, or once superseded lines reach an eighth of the live ones.
Writing all 12,000 entries of a 10,000-record corpus again took 0.2–0.4 s of every add-one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import TypeAdapter, ValidationError

from generator.models.record import SynthesisRecord
from generator.scan_index_view import ScanListing
from generator.validate_cache import bytes_key, code_fingerprint

log = logging.getLogger("generator")

MEMO_NAME = "loaded.jsonl"
_PACKAGE = Path(__file__).parent
# A file changed this recently may change again within the same mtime tick without its
# size changing ("racy" stat, as git calls it): its stat is not trusted on the next run.
_SETTLING_NS = 2_000_000_000

Stat = tuple[int, int]  # (size, mtime in ns); (-1, -1) when it must not be trusted
# Superseded lines are let grow to an eighth of the live ones plus SLACK (each is read and
# validated for nothing) before the memo is written whole: at 10,000 records, every ~1,600 added records.
SUPERSEDED, SLACK = 8, 100


@dataclass(frozen=True)
class ScanFacts:
    """What the corpus keeps of a valid scan file (``load.LoadedScan`` and its checks)."""

    slug: str | None
    arxiv_id: str | None
    mismatches: tuple[tuple[str, str, str], ...]
    listing: ScanListing | None


RecordEntry = tuple[int, int, str, SynthesisRecord]  # size, mtime, text hash, listing copy
ScanEntry = tuple[int, int, str, ScanFacts]
E = TypeVar("E", RecordEntry, ScanEntry)


@dataclass(frozen=True)
class _Stored:
    fingerprint: str
    records: dict[str, RecordEntry] = field(default_factory=dict)
    scans: dict[str, ScanEntry] = field(default_factory=dict)
    lines: int = 0  # entry lines in the file, superseded ones included


def memo_fingerprint() -> str:
    """The validating code's fingerprint and every other source file of the generator."""
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def file_stat(path: Path) -> Stat | None:
    """The stat the memo compares, or None when the file cannot be stat'ed."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _text_hash(path: Path) -> str | None:
    """The hash ``validate_cache.text_key`` gives the file's text (valid files are UTF-8 without a BOM)."""
    try:
        return bytes_key(path.read_bytes())
    except OSError:
        return None


@dataclass
class LoadMemo:
    """Entries read from ``path`` (none if ``path`` is None); ``save`` writes those kept in this run."""

    path: Path | None = None
    fingerprint: str = ""
    stored: _Stored = field(default_factory=lambda: _Stored(fingerprint=""))
    records: dict[str, RecordEntry] = field(default_factory=dict)
    scans: dict[str, ScanEntry] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    dumped: dict[str, bytes] = field(default_factory=dict)  # listing JSON of kept records, where known

    @classmethod
    def open(cls, cache_dir: Path | None) -> LoadMemo:
        if cache_dir is None:
            return cls()
        path = cache_dir / MEMO_NAME
        fingerprint = memo_fingerprint()
        return cls(path, fingerprint, _read(path, fingerprint))

    def record(self, path: Path, source: str, stat: Stat | None) -> tuple[str, SynthesisRecord] | None:
        """(text hash, listing copy) of a record file as it was last loaded, if it is unchanged."""
        entry = self.stored.records.get(source)
        if entry is None or stat is None or not self._unchanged(path, stat, entry[:3]):
            return None
        return entry[2], entry[3]

    def scan(self, path: Path, source: str, stat: Stat | None) -> tuple[str, ScanFacts] | None:
        """(text hash, facts) of a scan file as it was last loaded, if it is unchanged."""
        entry = self.stored.scans.get(source)
        if entry is None or stat is None or not self._unchanged(path, stat, entry[:3]):
            return None
        return entry[2], entry[3]

    def _unchanged(self, path: Path, stat: Stat, known: tuple[int, int, str]) -> bool:
        if stat == known[:2]:
            return True
        return _text_hash(path) == known[2]

    def keep_record(
        self, source: str, stat: Stat | None, sha256: str, listing: SynthesisRecord, dumped: bytes | None = None
    ) -> None:
        """Keep ``listing`` for ``source``; ``dumped``, when given, is its JSON (``exclude_unset``), written as it is."""
        if self.path is not None and stat is not None:
            self.records[source] = (*self._trusted(stat), sha256, listing)
            if dumped is not None:
                self.dumped[source] = dumped

    def keep_scan(self, source: str, stat: Stat | None, sha256: str, facts: ScanFacts) -> None:
        if self.path is not None and stat is not None:
            self.scans[source] = (*self._trusted(stat), sha256, facts)

    def _trusted(self, stat: Stat) -> Stat:
        return stat if stat[1] < self.started_ns - _SETTLING_NS else (-1, -1)

    def save(self) -> None:
        """Write the entries kept in this run that differ from the stored ones: appended, or the
        whole memo when the fingerprint changed or it would be mostly superseded lines. A failed
        write only loses the memo."""
        if self.path is None:
            return
        records, scans = _differing(self.records, self.stored.records), _differing(self.scans, self.stored.scans)
        whole = self.fingerprint != self.stored.fingerprint or not _ends_a_line(self.path)
        if not whole and not records and not scans:
            return
        live = len(self.records) + len(self.scans)
        if whole or self.stored.lines + len(records) + len(scans) > live + live // SUPERSEDED + SLACK:
            self._write_whole()
            return
        try:
            with self.path.open("ab") as out:
                out.write(b"".join(self._lines(records, scans)))
        except OSError as exc:
            log.warning("Could not save the load memo %s: %s", self.path, exc)

    def _write_whole(self) -> None:
        assert self.path is not None
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as out:
                out.write(json.dumps({"fingerprint": self.fingerprint}, separators=(",", ":")).encode() + b"\n")
                for line in self._lines(self.records, self.scans):  # a line at a time: one string of
                    out.write(line)  # the whole memo would cost a process ~0.5 GB at 100,000 records
            temporary.replace(self.path)
        except OSError as exc:
            log.warning("Could not save the load memo %s: %s", self.path, exc)
            temporary.unlink(missing_ok=True)

    def _lines(self, records: Mapping[str, RecordEntry], scans: Mapping[str, ScanEntry]) -> Iterator[bytes]:
        """Each entry's line; listings in ``dumped`` are written from their JSON."""
        for source, entry in records.items():
            known = self.dumped.get(source)
            yield (
                _RECORD_LINE.dump_json(("r", source, *entry), exclude_unset=True)
                if known is None
                else record_line(source, entry, known)
            ) + b"\n"
        for source, facts in scans.items():
            yield _SCAN_LINE.dump_json(("s", source, *facts), exclude_unset=True) + b"\n"


_LEAD = re.compile(rb'\{"fingerprint":"([0-9a-f]*)"\}\n')
_RecordLine = tuple[Literal["r"], str, int, int, str, SynthesisRecord]  # kind, source, then a RecordEntry
_ScanLine = tuple[Literal["s"], str, int, int, str, ScanFacts]
_RECORD_LINE, _RECORD_LINES = TypeAdapter(_RecordLine), TypeAdapter(list[_RecordLine])
_SCAN_LINE, _SCAN_LINES = TypeAdapter(_ScanLine), TypeAdapter(list[_ScanLine])


def _differing(now: Mapping[str, E], stored: Mapping[str, E]) -> dict[str, E]:
    """Entries of ``now`` that ``stored`` lacks or holds with another stat or text hash."""
    return {
        source: entry for source, entry in now.items() if (old := stored.get(source)) is None or old[:3] != entry[:3]
    }


def record_line(source: str, entry: RecordEntry, dumped: bytes) -> bytes:
    """A record entry's line as ``_RECORD_LINE.dump_json`` writes it (no newline), from its
    listing's JSON ``dumped``."""
    lead = json.dumps(["r", source, *entry[:3]], ensure_ascii=False, separators=(",", ":"))
    return lead.encode()[:-1] + b"," + dumped + b"]"


def _ends_a_line(path: Path) -> bool:
    """Whether the memo file exists and ends with a whole line (an append cut short does not)."""
    try:
        with path.open("rb") as memo:
            memo.seek(-1, os.SEEK_END)
            return memo.read(1) == b"\n"
    except OSError:
        return False


def _read(path: Path, fingerprint: str) -> _Stored:
    """The stored memo, if it was written by this code (its fingerprint leads the file, so a memo
    of other code is not parsed at all). Each kind of entry is validated in one pydantic call."""
    empty = _Stored(fingerprint="")
    try:
        data = path.read_bytes()
        lead = _LEAD.match(data)
        if lead is None or lead.group(1).decode() != fingerprint:
            return empty
        lines = data[lead.end() :].split(b"\n")[:-1]  # the last piece ends no line: empty, or cut short
        records = _RECORD_LINES.validate_json(_array(lines, b'["r",'), strict=True)
        scans = _SCAN_LINES.validate_json(_array(lines, b'["s",'), strict=True)
    except (OSError, ValidationError) as exc:
        if path.exists():
            log.debug("Ignoring the load memo %s: %s", path, exc)
        return empty
    if len(records) + len(scans) != len(lines):
        log.debug("Ignoring the load memo %s: a line of an unknown kind", path)
        return empty
    return _Stored(
        fingerprint,
        {source: (size, mtime, sha, listing) for _, source, size, mtime, sha, listing in records},
        {source: (size, mtime, sha, facts) for _, source, size, mtime, sha, facts in scans},
        len(lines),
    )


def _array(lines: list[bytes], kind: bytes) -> bytes:
    return b"[" + b",".join(line for line in lines if line.startswith(kind)) + b"]"
