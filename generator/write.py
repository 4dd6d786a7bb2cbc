"""Write the generated tree: only files whose bytes changed, and delete what has no source."""

from __future__ import annotations

import os
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

KEEP = frozenset({".gitignore"})


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    deleted: int


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # readers (mkdocs serve) never see a half-written file
    return True


def _stale(root: Path, wanted: set[str]) -> list[Path]:
    found = (p for p in root.rglob("*") if p.is_file() and p.name not in KEEP)
    return sorted(p for p in found if p.relative_to(root).as_posix() not in wanted)


def sync_tree(root: Path, files: dict[str, bytes], keep: Set[str] = frozenset()) -> WriteStats:
    """Make ``root`` hold exactly ``files`` (docs-relative path → bytes) plus the files in ``keep``
    as they are, touching only differences."""
    root.mkdir(parents=True, exist_ok=True)
    written = sum(_write_if_changed(root / rel, data) for rel, data in sorted(files.items()))
    stale = _stale(root, set(files) | keep)
    for path in stale:
        path.unlink()
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return WriteStats(written=written, unchanged=len(files) - written, deleted=len(stale))
