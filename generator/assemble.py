"""Assemble the whole generated docs tree in memory: docs-relative path → bytes."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from generator.browse import browse_tree
from generator.exports.page_blocks import record_page
from generator.exports.tree import exports_tree
from generator.index_views import counters, index_pages, listing, newest_first, tier_distribution
from generator.links import record_path
from generator.load import Loaded, LoadedRecord
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.parallel import map_chunks
from generator.render import Renderer
from generator.scan_index_view import scan_listings
from generator.scan_links import SCANS_INDEX, PublishedScan, citing_records, scan_slug, scan_targets
from generator.scan_view import scan_view
from generator.schema import SCHEMAS, schema_files
from generator.site_config import SiteConfig
from generator.write import write_if_changed

Tree = dict[str, bytes]
RECORDS_PER_CHUNK = 250  # small enough to balance two cores, large enough to amortise the pickling


def write_record_pages(
    records: Sequence[LoadedRecord],
    config: SiteConfig,
    renderer: Renderer,
    docs_dir: Path,
    scans: Mapping[str, str] | None = None,
) -> int:
    """Render each record page, complete (front matter, body, export blocks), on every core and
    write it into ``docs_dir`` when its bytes changed; returns how many were written.

    Pages are written where they are rendered, so no process holds them all; each worker
    validates its records' files again (a model costs more to pickle than to parse)."""

    def render(chunk: Sequence[LoadedRecord]) -> int:
        pages = ((record_path(r.listing.id), record_page(r.model(), config, renderer, scans)) for r in chunk)
        return sum(write_if_changed(docs_dir / path, page.encode()) for path, page in pages)

    return sum(map_chunks(render, records, RECORDS_PER_CHUNK))


def published_scans(scans: Iterable[Loaded[PaperScan]]) -> list[PublishedScan]:
    """Loaded scans with their page slugs (the loader already rejected scans without a safe one)."""
    return [PublishedScan(slug, s.model) for s in scans if (slug := scan_slug(s.model, s.source))]


def scan_tree(
    scans: list[PublishedScan], records: list[SynthesisRecord], renderer: Renderer, kept: Collection[str] = ()
) -> Tree:
    """One page per scan (with its cross-links), rendered on every core, and the scans index.

    Scan pages whose paths are in ``kept`` are current in the docs tree and not rendered."""
    targets = scan_targets(scans)
    cited_by = citing_records(records, targets)
    fresh = [s for s in scans if s.path not in kept]

    def render(chunk: Sequence[PublishedScan]) -> list[bytes]:
        return [renderer.scan(scan_view(s, targets, cited_by.get(s.path, []))).encode() for s in chunk]

    pages = [page for chunk in map_chunks(render, fresh, RECORDS_PER_CHUNK) for page in chunk]
    tree = {s.path: page for s, page in zip(fresh, pages, strict=True)}
    tree[SCANS_INDEX] = renderer.scans_index(scan_listings(scans)).encode()
    return tree


def index_tree(records: list[SynthesisRecord], config: SiteConfig, renderer: Renderer) -> Tree:
    ordered = newest_first(records)
    listings = [listing(r) for r in ordered]
    pages = index_pages(listings, config.records_per_page)
    tree = {
        "index.md": renderer.home(
            site_name=config.site_name,
            publisher=config.publisher_name,
            counters=counters(records),
            newest=listings[: config.newest_on_home],
            tiers=tier_distribution(records),
        ).encode()
    }
    for page in pages:
        tree[page.path] = renderer.records_index(page, pages, len(records), config.records_per_page).encode()
    return tree


def schema_tree(config: SiteConfig) -> Tree:
    return schema_files(SCHEMAS, config.site_url)


def site_tree(
    records: list[LoadedRecord],
    config: SiteConfig,
    renderer: Renderer,
    static: Tree,
    scans: Sequence[Loaded[PaperScan]] = (),
    cache_dir: Path | None = None,
    rendered: Collection[str] | None = None,
    kept_scans: Collection[str] = (),
) -> Tree:
    """Every generated file but the record pages (``write_record_pages``): scan pages, indexes,
    listing views, exports, schemas, feeds, and the hand-written/static files. ``cache_dir`` keeps
    converted report artifacts between builds.

    ``rendered`` limits the per-record exports to the records from those files (the others are
    current in the docs tree, ``generator.render_book``); views over all records always cover
    every record. Scan pages in ``kept_scans`` are current and left out."""
    listings = [loaded.listing for loaded in records]
    fresh = records if rendered is None else [loaded for loaded in records if loaded.source in rendered]
    published = published_scans(scans)
    tree = dict(static)
    tree |= scan_tree(published, listings, renderer, kept_scans)
    tree |= index_tree(listings, config, renderer)
    tree |= browse_tree(listings, config.records_per_page, renderer)
    tree |= exports_tree(listings, config, cache_dir, [loaded.model() for loaded in fresh])
    tree |= schema_tree(config)
    return tree
