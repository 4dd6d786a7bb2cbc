"""Assemble the whole generated docs tree in memory: docs-relative path → bytes."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.browse import Unchanged, browse_tree
from generator.exports.page_blocks import record_page
from generator.exports.report_artifacts import Job
from generator.exports.tree import chunk_exports, convert_missing, exports_tree
from generator.index_views import counters, index_pages, listing, newest_first, tier_distribution
from generator.links import record_path
from generator.load import LoadedRecord, LoadedScan
from generator.models.record import SynthesisRecord
from generator.parallel import map_chunks
from generator.render import Renderer
from generator.scan_index_view import scan_listings
from generator.scan_links import SCANS_INDEX, PublishedScan, citing_records, scan_targets
from generator.scan_view import scan_view
from generator.schema import SCHEMAS, schema_files
from generator.site_config import SiteConfig
from generator.write import write_if_changed

Tree = dict[str, bytes]
RECORDS_PER_CHUNK = 250  # small enough to balance two cores, large enough to amortise the pickling


@dataclass(frozen=True)
class Written:
    """Files ``write_records`` made: pages (in the docs tree), export files (in the exports tree),
    and how many of all these had changed."""

    pages: list[str]
    exports: list[str]
    changed: int


def write_records(
    records: Sequence[LoadedRecord],
    config: SiteConfig,
    renderer: Renderer,
    docs_dir: Path,
    exports_dir: Path,
    cache_dir: Path | None = None,
    scans: Mapping[str, str] | None = None,
    *,
    exports: bool = True,
) -> Written:
    """Each record's page (front matter, body, export blocks) into ``docs_dir`` and its export
    files (unless not ``exports``: pages alone) into ``exports_dir``, made on every core and
    written where changed.

    Files are written where they are made, so no process holds them all; each worker validates
    its records' files again (a model costs more to pickle than to parse). Report artifacts not
    in the cache are converted afterwards, a batch at a time (``exports.tree.convert_missing``)."""

    def make(chunk: Sequence[LoadedRecord]) -> tuple[Written, list[tuple[str, Job]]]:
        models = [loaded.model() for loaded in chunk]
        pages = {record_path(r.id): record_page(r, config, renderer, scans).encode() for r in models}
        exported = chunk_exports(models if exports else [], config, cache_dir)
        changed = sum(write_if_changed(docs_dir / path, data) for path, data in pages.items())
        changed += sum(write_if_changed(exports_dir / path, data) for path, data in exported.files.items())
        return Written(list(pages), list(exported.files), changed), exported.missing

    pages: list[str] = []
    made: list[str] = []
    changed = 0
    missing: list[tuple[str, Job]] = []
    for written, todo in map_chunks(make, records, RECORDS_PER_CHUNK):
        pages += written.pages
        made += written.exports
        changed += written.changed
        missing += todo
    for converted in convert_missing(missing, cache_dir):
        made += converted
        changed += sum(write_if_changed(exports_dir / path, data) for path, data in converted.items())
    return Written(pages, made, changed)


def scan_tree(
    scans: Sequence[LoadedScan],
    cited_by: Mapping[str, list[SynthesisRecord]],
    renderer: Renderer,
    kept: Collection[str] = (),
) -> Tree:
    """One page per scan (with its cross-links), rendered on every core, and the scans index.

    ``cited_by`` maps a scan page to the records citing it (``scan_links.citing_records``). Scan
    pages whose paths are in ``kept`` are current in the docs tree and not rendered; each worker
    validates its scans' files again for their pages."""
    targets = scan_targets(scans)
    fresh = [s for s in scans if s.path not in kept]

    def render(chunk: Sequence[LoadedScan]) -> list[bytes]:
        views = (scan_view(PublishedScan(s.slug, s.model()), targets, cited_by.get(s.path, [])) for s in chunk)
        return [renderer.scan(view).encode() for view in views]

    pages = [page for chunk in map_chunks(render, fresh, RECORDS_PER_CHUNK) for page in chunk]
    tree = {s.path: page for s, page in zip(fresh, pages, strict=True)}
    tree[SCANS_INDEX] = renderer.scans_index(scan_listings(s.listing for s in scans)).encode()
    return tree


def index_tree(
    records: list[SynthesisRecord], config: SiteConfig, renderer: Renderer, unchanged: Unchanged | None = None
) -> Tree:
    """The home page and the pages of the records index, but those ``unchanged``."""
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
        total = None if page.number else len(records)
        if unchanged is None or not unchanged(page.path, page, total, config.records_per_page):
            tree[page.path] = renderer.records_index(page, total, config.records_per_page).encode()
    return tree


def schema_tree(config: SiteConfig) -> Tree:
    return schema_files(SCHEMAS, config.site_url)


def site_tree(
    records: list[SynthesisRecord],
    config: SiteConfig,
    renderer: Renderer,
    static: Tree,
    scans: Sequence[LoadedScan] = (),
    cited_by: Mapping[str, list[SynthesisRecord]] | None = None,
    kept_scans: Collection[str] = (),
    unchanged: Unchanged | None = None,
) -> Tree:
    """Every generated file but each record's own page and export files (``write_records``):
    scan pages, indexes, listing views, schemas, feeds, and the hand-written/static files.
    ``records`` are listing copies (``load.listing_copy``); scan pages in ``kept_scans`` and listing
    pages ``unchanged`` says are current are left out. ``cited_by`` is computed from ``records``
    when not given."""
    tree = dict(static)
    if cited_by is None:
        cited_by = citing_records(records, scan_targets(scans))
    tree |= scan_tree(scans, cited_by, renderer, kept_scans)
    tree |= index_tree(records, config, renderer, unchanged)
    tree |= browse_tree(records, config.records_per_page, renderer, unchanged)
    tree |= exports_tree(records, config)
    tree |= schema_tree(config)
    return tree
