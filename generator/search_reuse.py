"""Reusing search-index shards from the last published site.

``build/cache/search-index.json`` records, for each shard bundle last written, the digest of its
inputs (``search_shards.Shard.digest``) and the SHA-256 of every file Pagefind wrote. A shard is
reused only when its digest is unchanged *and* the previous site still holds exactly those files
with exactly those bytes; anything else (no record, a different digest, an old or foreign layout,
a file edited or missing) means the shard is rebuilt. The record lives outside the site, so it is
never deployed.

``build/cache/search-pages.json`` keeps, for every page of the last site, its size, mtime and the
hash of what Pagefind reads of it (``search_shards.PageStat``), so pages the site build reused
are not read and hashed again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from generator.search_shards import PageStat, Shard, file_hashes
from generator.write import link_or_copy

RECORD = "search-index.json"
PAGES = "search-pages.json"
FORMAT = 1
PAGES_FORMAT = 2


@dataclass(frozen=True)
class Built:
    """What the cache knows about one shard bundle: its input digest and its files' hashes."""

    digest: str
    files: dict[str, str]


def load(cache_dir: Path | None) -> dict[str, Built]:
    """The recorded shard bundles, or none when there is no readable record."""
    if cache_dir is None:
        return {}
    try:
        data = json.loads((cache_dir / RECORD).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {name: Built(str(s["digest"]), dict(s["files"])) for name, s in data["shards"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save(cache_dir: Path | None, shards: dict[str, Built]) -> None:
    """Record ``shards`` (written to a temporary file first, so a crash leaves no half record)."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    body = {"format": FORMAT, "shards": {name: {"digest": b.digest, "files": b.files} for name, b in shards.items()}}
    temporary = cache_dir / (RECORD + ".tmp")
    temporary.write_text(json.dumps(body, sort_keys=True), encoding="utf-8")
    os.replace(temporary, cache_dir / RECORD)


def reuse(shard: Shard, known: Built | None, previous: Path | None, dest: Path) -> Built | None:
    """Link the previous bundle of ``shard`` into ``dest`` if it is provably current; else None."""
    if known is None or previous is None or known.digest != shard.digest:
        return None
    source = previous / shard.name
    if not source.is_dir() or file_hashes(source) != known.files:
        return None
    for relative in known.files:
        link_or_copy(source / relative, dest / relative)
    return known


def load_pages(cache_dir: Path | None) -> dict[str, PageStat]:
    """The pages of the last indexed site, or none when there is no readable record."""
    if cache_dir is None:
        return {}
    try:
        data = json.loads((cache_dir / PAGES).read_text(encoding="utf-8"))
        if data.get("format") != PAGES_FORMAT:
            return {}
        pages = data["pages"].items()
        return {path: (int(size), int(mtime), str(sha), str(day)) for path, (size, mtime, sha, day) in pages}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_pages(cache_dir: Path | None, pages: dict[str, PageStat]) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / (PAGES + ".tmp")
    temporary.write_text(json.dumps({"format": PAGES_FORMAT, "pages": dict(sorted(pages.items()))}), encoding="utf-8")
    os.replace(temporary, cache_dir / PAGES)
