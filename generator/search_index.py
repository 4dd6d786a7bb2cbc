"""Search index stage: the built site's pages indexed in shards, after MkDocs and before publishing.

The indexed pages (``data-search-body``, decided in ``overrides/main.html``) are split into
shards (``search_shards``): record pages in blocks by arrival order, so a new record re-indexes
only the newest small block, and the other pages (scans, hand-written pages) in one shard. Each
shard is one bundle, ``<site>/search-index/<name>/`` (``search_bundle`` says what it holds),
written by a worker process; ``<site>/search-index/shards.json`` lists the bundles. In the browser
(``assets/search.js``) a query fetches, per bundle, the term chunk of each of its words, and the
excerpt files of the results shown.

Rebuilds are incremental: a shard whose pages are byte-identical to the last publish reuses that
publish's bundle (``search_reuse``, bookkept in ``build/cache/``). A bundle's bytes depend only on
its pages and ``search_bundle``'s code, so the result equals a cold build of the same site byte
for byte. The block sizes in ``search_shards`` trade a reader's first-query bytes (every bundle
costs a little per query word) against the work of re-indexing one shard; see the README figures.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator import search_bundle, search_reuse
from generator.parallel import map_chunks
from generator.search_shards import PageStat, Shard, indexed_pages, lean, split

log = logging.getLogger("generator")

BUNDLE = "search-index"  # folder under the site root holding one bundle per shard and MANIFEST
MANIFEST = "shards.json"  # {"format": 1, "bundles": ["r4096-0/", ...]}: what assets/search.js loads
LAYOUT = "search-shards-4"  # bump when anything below changes what a bundle holds


@dataclass(frozen=True)
class SearchStats:
    """What one indexing run produced."""

    pages: int
    files: int
    bytes: int
    seconds: float
    shards: int = 0
    rebuilt: int = 0


def context() -> str:
    """Everything besides the pages that decides a bundle's bytes (see ``Shard.digest``): the
    code that writes it, and zlib, whose compressed bytes could change between versions."""
    code = hashlib.sha256(Path(search_bundle.__file__).read_bytes()).hexdigest()
    return f"{LAYOUT}\nsearch_bundle {code}\nzlib {zlib.ZLIB_RUNTIME_VERSION}"


def index_site(site_dir: Path, previous: Path | None = None, cache_dir: Path | None = None) -> SearchStats:
    """Index the built site at ``site_dir`` into ``site_dir/search-index/``, replacing any earlier index.

    ``previous`` is the last published site and ``cache_dir`` the build cache; with both, shards
    whose pages did not change are taken from ``previous`` instead of being indexed again.
    """
    started = time.monotonic()
    bundle = site_dir / BUNDLE
    seen: dict[str, PageStat] = {}
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    pages = indexed_pages(site_dir, BUNDLE, search_reuse.load_pages(cache_dir), seen)
    shards = split(pages, context())
    known = search_reuse.load(cache_dir)
    with _previous_bundle(site_dir, previous) as earlier:
        built = {s.name: b for s in shards if (b := search_reuse.reuse(s, known.get(s.name), earlier, bundle / s.name))}
    missing = [shard for shard in shards if shard.name not in built]
    built |= _build(site_dir, missing, bundle, seen)
    search_reuse.save(cache_dir, built)
    search_reuse.save_pages(cache_dir, seen)
    _write_manifest(bundle, shards)
    stats = _stats(bundle, shards, built, len(missing), time.monotonic() - started)
    log.info(
        "Indexed %d pages for search in %.1f s (%d KB, %d of %d shards re-indexed)",
        stats.pages,
        stats.seconds,
        stats.bytes // 1024,
        stats.rebuilt,
        stats.shards,
    )
    return stats


@contextmanager
def _previous_bundle(site_dir: Path, previous: Path | None) -> Iterator[Path | None]:
    """The previous index folder, with ``site_dir``'s own index cleared away for the new one.

    When ``previous`` is ``site_dir`` itself (``mkdocs serve`` rebuilds in place), its index is
    moved aside first and deleted once the reusable shards are linked into the new one.
    """
    bundle = site_dir / BUNDLE
    if previous is None or previous.resolve() != site_dir.resolve() or not bundle.is_dir():
        shutil.rmtree(bundle, ignore_errors=True)
        yield None if previous is None else previous / BUNDLE
        return
    with tempfile.TemporaryDirectory(prefix=".search-previous-", dir=site_dir.parent) as aside:
        bundle.rename(Path(aside) / BUNDLE)
        yield Path(aside) / BUNDLE


def _build(
    site_dir: Path, shards: list[Shard], bundle: Path, stats: dict[str, PageStat]
) -> dict[str, search_reuse.Built]:
    """Write the bundle of each shard, on every core: the worker that writes a bundle reads its
    pages' lean copies itself. (Reading them while hashing them, in ``indexed_pages``, meant
    pickling every page's index entry back to this process: 3 s of its CPU at 10,000 records.)
    The largest shards by bytes (``stats``: each page's file size first) go first, so the last ones to
    finish are small: the 2,000 scan pages weigh more than 4,096 record pages."""

    def write(chunk: Sequence[Shard]) -> list[search_reuse.Built]:
        for shard in chunk:
            entries = [
                search_bundle.read_page(page.path, lean((site_dir / page.path).read_bytes())) for page in shard.pages
            ]
            search_bundle.write_bundle(entries, bundle / shard.name)
        return [search_reuse.Built.of(shard.digest, bundle / shard.name) for shard in chunk]

    order = sorted(shards, key=lambda shard: (-sum(stats[page.path][0] for page in shard.pages), shard.name))
    made = [built for chunk in map_chunks(write, order, 1) for built in chunk]
    return {shard.name: built for shard, built in zip(order, made, strict=True)}


def _write_manifest(bundle: Path, shards: list[Shard]) -> None:
    bundle.mkdir(parents=True, exist_ok=True)
    bundles = [f"{shard.name}/" for shard in shards]
    body = {"format": search_bundle.FORMAT, "bundles": bundles}
    (bundle / MANIFEST).write_text(json.dumps(body) + "\n", encoding="utf-8")


def _stats(
    bundle: Path, shards: list[Shard], built: dict[str, search_reuse.Built], rebuilt: int, seconds: float
) -> SearchStats:
    """Counted from what each bundle holds (its files were just listed), plus the manifest."""
    pages = sum(len(shard.pages) for shard in shards)
    files = 1 + sum(len(b.files) for b in built.values())
    size = (bundle / MANIFEST).stat().st_size + sum(b.size for b in built.values())
    return SearchStats(pages, files, size, seconds, len(shards), rebuilt)
