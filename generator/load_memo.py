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
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.models.record import SynthesisRecord
from generator.scan_index_view import ScanListing
from generator.validate_cache import bytes_key, code_fingerprint

log = logging.getLogger("generator")

MEMO_NAME = "loaded.json"
_PACKAGE = Path(__file__).parent
# A file changed this recently may change again within the same mtime tick without its
# size changing ("racy" stat, as git calls it): its stat is not trusted on the next run.
_SETTLING_NS = 2_000_000_000

Stat = tuple[int, int]  # (size, mtime in ns); (-1, -1) when it must not be trusted
E = TypeVar("E")


@dataclass(frozen=True)
class ScanFacts:
    """What the corpus keeps of a valid scan file (``load.LoadedScan`` and its checks)."""

    slug: str | None
    arxiv_id: str | None
    mismatches: tuple[tuple[str, str, str], ...]
    listing: ScanListing | None


class _Stored(BaseModel):
    fingerprint: str
    records: dict[str, tuple[int, int, str, SynthesisRecord]] = {}
    scans: dict[str, tuple[int, int, str, ScanFacts]] = {}


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
    records: dict[str, tuple[int, int, str, SynthesisRecord]] = field(default_factory=dict)
    scans: dict[str, tuple[int, int, str, ScanFacts]] = field(default_factory=dict)
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
        """Write the entries kept in this run, if they differ from the stored ones; a failed
        write only loses the memo."""
        if self.path is None or not self._changed():
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as out:
                _write(out, self.fingerprint, self.records, self.scans, self.dumped)
            temporary.replace(self.path)
        except OSError as exc:
            log.warning("Could not save the load memo %s: %s", self.path, exc)
            temporary.unlink(missing_ok=True)

    def _changed(self) -> bool:
        old = self.stored
        if self.fingerprint != old.fingerprint or self.records.keys() != old.records.keys():
            return True
        if self.scans.keys() != old.scans.keys():
            return True
        return any(entry[:3] != old.records[key][:3] for key, entry in self.records.items()) or any(
            entry[:3] != old.scans[key][:3] for key, entry in self.scans.items()
        )


_LEAD = re.compile(rb'\{\s*"fingerprint"\s*:\s*"([0-9a-f]*)"')
_RECORD_ENTRY = TypeAdapter(tuple[int, int, str, SynthesisRecord])
_SCAN_ENTRY = TypeAdapter(tuple[int, int, str, ScanFacts])


def _write(
    out: BinaryIO,
    fingerprint: str,
    records: dict[str, tuple[int, int, str, SynthesisRecord]],
    scans: dict[str, tuple[int, int, str, ScanFacts]],
    dumped: Mapping[str, bytes],
) -> None:
    """The JSON of ``_Stored``, an entry at a time: one string of the whole memo would cost a
    process ~0.5 GB at 100,000 records. Listings in ``dumped`` are written from their JSON."""
    out.write(b'{"fingerprint":' + json.dumps(fingerprint).encode())

    def record(source: str, entry: tuple[int, int, str, SynthesisRecord]) -> bytes:
        known = dumped.get(source)
        return _RECORD_ENTRY.dump_json(entry, exclude_unset=True) if known is None else entry_json(entry, known)

    _write_entries(out, "records", records, record)
    _write_entries(out, "scans", scans, lambda _, entry: _SCAN_ENTRY.dump_json(entry, exclude_unset=True))
    out.write(b"}")


def entry_json(entry: tuple[int, int, str, SynthesisRecord], dumped: bytes) -> bytes:
    """A record entry's JSON as ``_RECORD_ENTRY.dump_json`` writes it, from its listing's JSON ``dumped``."""
    return json.dumps(entry[:3], separators=(",", ":")).encode()[:-1] + b"," + dumped + b"]"


def _write_entries(out: BinaryIO, name: str, entries: dict[str, E], dump: Callable[[str, E], bytes]) -> None:
    out.write(b',"' + name.encode() + b'":{')
    for number, (source, entry) in enumerate(entries.items()):
        out.write((b"," if number else b"") + json.dumps(source).encode() + b":" + dump(source, entry))
    out.write(b"}")


def _read(path: Path, fingerprint: str) -> _Stored:
    """The stored memo, if it was written by this code (its fingerprint leads the file, as
    ``_write`` puts it, so a memo of other code is not parsed at all)."""
    empty = _Stored(fingerprint="")
    try:
        data = path.read_bytes()
        lead = _LEAD.match(data)
        if lead is None or lead.group(1).decode() != fingerprint:
            return empty
        stored = _Stored.model_validate_json(data, strict=True)
    except (OSError, ValidationError) as exc:
        if path.exists():
            log.debug("Ignoring the load memo %s: %s", path, exc)
        return empty
    return stored if stored.fingerprint == fingerprint else empty
