"""Reusing search-index shards from the last published site.

``build/cache/search-index.json`` records, for each shard bundle last written, the digest of its
inputs (``search_shards.Shard.digest``) and the SHA-256, size and mtime of every file
written. A shard is reused only when its digest is unchanged *and* the previous site still holds
exactly those files with exactly those bytes; anything else (no record, a different digest, an
old or foreign layout, a file edited or missing) means the shard is rebuilt. A file whose size and
mtime are as recorded is taken as unchanged without hashing it again (reused bundles are hard
links, which keep both), as the page memo below does. The record lives outside the site, so it
is never deployed.

``build/cache/search-pages.json`` keeps, for every page of the last site, its size, mtime and the
hash of what the index reads of it (``search_shards.PageStat``), so pages the site build reused
are not read and hashed again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.search_shards import PageStat, Shard, file_hashes, file_sha256, files_under
from generator.write import link_all

RECORD = "search-index.json"
PAGES = "search-pages.json"
FORMAT = 2
PAGES_FORMAT = 3  # 3: lean copies are the title and the indexed body only


@dataclass(frozen=True)
class Built:
    """What the cache knows about one shard bundle: its input digest, its files' hashes and stats."""

    digest: str
    files: dict[str, str]
    stats: dict[str, tuple[int, int]]  # file → (size, mtime in ns) when it was recorded

    @classmethod
    def of(cls, digest: str, folder: Path) -> Built:
        """The bundle just written to ``folder``."""
        files = file_hashes(folder)
        return cls(digest, files, {relative: _stat(folder / relative) for relative in files})

    @property
    def size(self) -> int:
        """Bytes of the bundle's files."""
        return sum(size for size, _ in self.stats.values())

    def found_in(self, folder: Path) -> dict[str, tuple[int, int]] | None:
        """The stats of the files in ``folder`` when it holds exactly this bundle, else None."""
        present = dict(files_under(folder))
        if present.keys() != self.files.keys():
            return None
        stats = {}
        for relative, path in present.items():
            stats[relative] = _stat(path)
            if stats[relative] != self.stats.get(relative) and file_sha256(Path(path)) != self.files[relative]:
                return None
        return stats


def _stat(path: Path | str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def load(cache_dir: Path | None) -> dict[str, Built]:
    """The recorded shard bundles, or none when there is no readable record."""
    data = _read(cache_dir, RECORD, FORMAT)
    try:
        shards = data["shards"].items() if data else ()
        return {
            name: Built(str(s["digest"]), dict(s["files"]), {f: (int(a), int(b)) for f, (a, b) in s["stats"].items()})
            for name, s in shards
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def save(cache_dir: Path | None, shards: dict[str, Built]) -> None:
    """Record ``shards``."""
    _write(
        cache_dir,
        RECORD,
        {
            "format": FORMAT,
            "shards": {n: {"digest": b.digest, "files": b.files, "stats": b.stats} for n, b in shards.items()},
        },
    )


def reuse(shard: Shard, known: Built | None, previous: Path | None, dest: Path) -> Built | None:
    """Link the previous bundle of ``shard`` into ``dest`` if it is provably current; else None."""
    if known is None or previous is None or known.digest != shard.digest:
        return None
    source = previous / shard.name
    stats = known.found_in(source) if source.is_dir() else None
    if stats is None:
        return None
    link_all((str(source / relative), str(dest / relative)) for relative in known.files)
    # A link is the same inode, so it has the stats just read (new mtimes after a cache restore):
    # checked by stat next time.
    return Built(known.digest, known.files, stats)


def load_pages(cache_dir: Path | None) -> dict[str, PageStat]:
    """The pages of the last indexed site, or none when there is no readable record."""
    data = _read(cache_dir, PAGES, PAGES_FORMAT)
    try:
        pages = data["pages"].items() if data else ()
        return {path: (int(size), int(mtime), str(sha), str(day)) for path, (size, mtime, sha, day) in pages}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_pages(cache_dir: Path | None, pages: dict[str, PageStat]) -> None:
    """Record what this run found of every page of the site."""
    _write(cache_dir, PAGES, {"format": PAGES_FORMAT, "pages": pages})


def _read(cache_dir: Path | None, name: str, version: int) -> Any:
    """The JSON record ``name`` in ``cache_dir`` when it is readable and of format ``version``; else None."""
    if cache_dir is None:
        return None
    try:
        data = json.loads((cache_dir / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == version else None


def _write(cache_dir: Path | None, name: str, body: dict[str, Any]) -> None:
    """Write ``body`` as ``cache_dir/name`` (a temporary file first, so a crash leaves no half record)."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / (name + ".tmp")
    temporary.write_text(json.dumps(body, sort_keys=True), encoding="utf-8")
    os.replace(temporary, cache_dir / name)
