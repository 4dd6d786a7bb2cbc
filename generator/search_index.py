"""Search index stage: Pagefind over the built site, in shards, after MkDocs and before publishing.

The indexed pages (``data-pagefind-body``, decided in ``overrides/main.html``) are split into
shards (``search_shards``): record pages in blocks by arrival order, so a new record re-indexes
only the newest small block, and the other pages (scans, hand-written pages) in one shard. Each
shard is one Pagefind bundle, ``<site>/pagefind/<name>/``, written by its own Pagefind run over
a mirror of just its pages; ``<site>/pagefind/shards.json`` lists the bundles. In the browser
(``assets/search.js``) the first bundle is loaded and the others are merged into it with
Pagefind's ``mergeIndex``, so a query fetches, per bundle, its entry file, its page list and the
index chunks it needs.

Rebuilds are incremental: a shard whose pages are byte-identical to the last publish reuses that
publish's bundle (``search_reuse``, bookkept in ``build/cache/``). Pagefind's output is
deterministic, so the result equals a cold build of the same site byte for byte.

Maintainers: the binary ships in the ``pagefind_bin`` wheel. It runs with a fixed working
directory and without ``PAGEFIND_*`` variables, so no stray ``pagefind.yml`` or environment
setting can change the output. The block sizes in ``search_shards`` trade a reader's first-query
bytes (every bundle costs a little per query word) against the work of re-indexing one shard;
see the README figures.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

from generator import search_reuse
from generator.errors import ConfigError
from generator.search_shards import PageStat, Shard, indexed_pages, mirror, split

log = logging.getLogger("generator")

BUNDLE = "pagefind"  # folder under the site root holding one bundle per shard and MANIFEST
MANIFEST = "shards.json"  # {"bundles": ["0/", ...]}: assets/search.js loads the first, merges the rest
LAYOUT = "search-shards-3"  # bump when anything below changes what a bundle holds
# Inside indexed pages, left out of the index: heading permalinks (the pilcrow), the record cards
# (fixed labels and caveats every record repeats; browse/ lists records by them), the
# citation block and the artifacts table. Each word kept costs index bytes on every page it is in.
EXCLUDED = (".headerlink", ".record-card", ".record-cite", ".record-artifacts")
# What the browser loads from a bundle; Pagefind's UI kits and worker are left out of the site.
KEPT_FILES = ("pagefind.js", "pagefind-entry.json", "pagefind.", "wasm.")  # name prefixes
KEPT_FOLDERS = ("index", "fragment", "filter")


@dataclass(frozen=True)
class SearchStats:
    """What one indexing run produced."""

    pages: int
    files: int
    bytes: int
    seconds: float
    shards: int = 0
    rebuilt: int = 0


def pagefind_binary() -> Path:
    """The Pagefind executable from the ``pagefind_bin`` wheel (``pip install 'pagefind[bin]'``)."""
    spec = find_spec("pagefind_bin")
    if spec is None or spec.origin is None:
        raise ConfigError("Pagefind is not installed: run `pip install -r requirements.lock`")
    for name in ("pagefind_extended", "pagefind"):
        binary = Path(spec.origin).parent / name
        if binary.is_file():
            return binary
    raise ConfigError(f"no Pagefind executable in {Path(spec.origin).parent}: reinstall pagefind_bin")


def _environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}


def _options() -> list[str]:
    return ["--exclude-selectors", ", ".join(EXCLUDED), "--quiet"]


def context() -> str:
    """Everything besides the pages that decides a bundle's bytes (see ``Shard.digest``)."""
    return f"{LAYOUT}\npagefind {version('pagefind_bin')} {pagefind_binary().name}\n{' '.join(_options())}"


def index_site(site_dir: Path, previous: Path | None = None, cache_dir: Path | None = None) -> SearchStats:
    """Index the built site at ``site_dir`` into ``site_dir/pagefind/``, replacing any earlier index.

    ``previous`` is the last published site and ``cache_dir`` the build cache; with both, shards
    whose pages did not change are taken from ``previous`` instead of being indexed again.
    """
    started = time.monotonic()
    bundle = site_dir / BUNDLE
    seen: dict[str, PageStat] = {}
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".search-lean-", dir=site_dir.parent) as lean_dir:
        known_pages = search_reuse.load_pages(cache_dir)
        shards = split(indexed_pages(site_dir, BUNDLE, known_pages, seen, Path(lean_dir)), context())
        known = search_reuse.load(cache_dir)
        with _previous_bundle(site_dir, previous) as earlier:
            built = {
                s.name: b for s in shards if (b := search_reuse.reuse(s, known.get(s.name), earlier, bundle / s.name))
            }
        missing = [shard for shard in shards if shard.name not in built]
        built |= _build(site_dir, missing, bundle, Path(lean_dir))
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


def _build(site_dir: Path, shards: list[Shard], bundle: Path, lean_dir: Path) -> dict[str, search_reuse.Built]:
    """Run Pagefind on each shard (two at a time) over a mirror of its pages (``lean_dir`` holds
    the lean copies already made)."""
    if not shards:
        return {}
    with tempfile.TemporaryDirectory(prefix=".search-pages-", dir=site_dir.parent) as mirrors:
        for shard in shards:
            mirror(site_dir, shard.pages, Path(mirrors) / shard.name, lean_dir)
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = [pool.submit(_run_pagefind, Path(mirrors) / s.name, bundle / s.name) for s in shards]
            for run in runs:
                run.result()
    return {s.name: search_reuse.Built.of(s.digest, bundle / s.name) for s in shards}


def _run_pagefind(pages: Path, output: Path) -> None:
    command = [str(pagefind_binary()), "--site", str(pages.resolve()), "--output-path", str(output.resolve())]
    done = subprocess.run(
        command + _options(), cwd=pages, env=_environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}) on {pages}:\n{done.stderr or done.stdout}")
    for line in (done.stderr + done.stdout).splitlines():
        if line.strip():
            log.warning("Pagefind: %s", line.strip())
    _prune(output)


def _prune(output: Path) -> None:
    """Delete what the browser never loads from a bundle (Pagefind's UI kits, its worker)."""
    for path in list(output.iterdir()):
        if path.is_dir() and path.name not in KEPT_FOLDERS:
            shutil.rmtree(path)
        elif path.is_file() and not path.name.startswith(KEPT_FILES):
            path.unlink()


def _write_manifest(bundle: Path, shards: list[Shard]) -> None:
    bundle.mkdir(parents=True, exist_ok=True)
    bundles = [f"{shard.name}/" for shard in shards]
    (bundle / MANIFEST).write_text(json.dumps({"bundles": bundles}) + "\n", encoding="utf-8")


def _stats(
    bundle: Path, shards: list[Shard], built: dict[str, search_reuse.Built], rebuilt: int, seconds: float
) -> SearchStats:
    """Counted from what each bundle holds (its files were just listed), plus the manifest."""
    pages = sum(len(shard.pages) for shard in shards)
    files = 1 + sum(len(b.files) for b in built.values())
    size = (bundle / MANIFEST).stat().st_size + sum(b.size for b in built.values())
    return SearchStats(pages, files, size, seconds, len(shards), rebuilt)
