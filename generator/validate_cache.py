"""Remember what validating each input file found, so an unchanged file is not checked again.

An entry is keyed by a hash of the file's text and holds whether the file was valid and its
problems (errors, unknown-key warnings, text-quality notices) without the file name. The whole
cache is tied to a fingerprint of the code that validates (the models, loading, text checks)
and of pydantic's version: any change there starts an empty cache, so a result is never stale.

Models are not stored: unpickling a model costs more than validating its JSON again, so a
valid file is still parsed by pydantic, only its unknown-key and text-quality checks are
skipped. A rejected file is not parsed at all.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pydantic
import pydantic_core

from generator.errors import Problem, Severity

log = logging.getLogger("generator")

CACHE_NAME = "validation.json"
_PACKAGE = Path(__file__).parent
_VALIDATING_CODE = ("errors.py", "load.py", "text_quality.py", "validate_cache.py", "models")

Finding = tuple[str, str, str, str]
"""A problem without its file: (field path, expected, found, severity)."""


def code_fingerprint() -> str:
    """A hash of every source file and library version that decides what validation finds."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version} {pydantic.VERSION} {pydantic_core.__version__}".encode())
    for name in _VALIDATING_CODE:
        for path in sorted((_PACKAGE / name).rglob("*.py")) if (_PACKAGE / name).is_dir() else [_PACKAGE / name]:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def text_key(text: str) -> str:
    """The cache key of one input file's text."""
    return bytes_key(text.encode())


def bytes_key(data: bytes) -> str:
    """The cache key of a file's bytes: its ``text_key`` when it is UTF-8 without a BOM, as valid files are."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Checked:
    """What validating one file found: whether it was valid, and its problems in order."""

    valid: bool
    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, valid: bool, problems: list[Problem]) -> Checked:
        return cls(valid, tuple((p.path, p.expected, p.found, p.severity.value) for p in problems))

    def problems(self, source: str) -> list[Problem]:
        """The findings as problems of ``source``."""
        return [
            Problem(source, path, expected, found, Severity(level)) for path, expected, found, level in self.findings
        ]


@dataclass
class ValidationCache:
    """Entries read from ``path`` (none if ``path`` is None); ``save`` keeps the ones used since."""

    path: Path | None = None
    fingerprint: str = ""
    stored: dict[str, Checked] = field(default_factory=dict)
    used: dict[str, Checked] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path | None) -> ValidationCache:
        """The cache at ``path``; empty when it is missing, unreadable or from other code."""
        if path is None:
            return cls()
        fingerprint = code_fingerprint()
        return cls(path, fingerprint, _read_entries(path, fingerprint))

    def get(self, key: str) -> Checked | None:
        """What the last run found for the text with cache key ``key`` (safe in forked workers:
        nothing is recorded here; the caller ``put``s what it used)."""
        return self.stored.get(key)

    def put(self, key: str, checked: Checked) -> None:
        """Record ``checked`` as used in this run, so ``save`` keeps it."""
        self.used[key] = checked

    def save(self) -> None:
        """Write the entries used in this run, if anything changed; a failed write only loses the cache."""
        if self.path is None or self.used == self.stored:
            return
        entries = {key: [checked.valid, checked.findings] for key, checked in sorted(self.used.items())}
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"fingerprint": self.fingerprint, "entries": entries}), encoding="utf-8")
            temporary.replace(self.path)
        except OSError as exc:
            log.warning("Could not save the validation cache %s: %s", self.path, exc)
            temporary.unlink(missing_ok=True)


def _read_entries(path: Path, fingerprint: str) -> dict[str, Checked]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["fingerprint"] != fingerprint:
            return {}
        return {
            key: Checked(bool(valid), tuple((str(a), str(b), str(c), str(d)) for a, b, c, d in findings))
            for key, (valid, findings) in data["entries"].items()
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if path.exists():
            log.debug("Ignoring the validation cache %s: %s", path, exc)
        return {}
