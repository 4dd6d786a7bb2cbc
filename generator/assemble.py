"""Assemble the whole generated docs tree in memory: docs-relative path → bytes."""

from __future__ import annotations

from collections.abc import Iterable

from generator.index_views import counters, index_pages, listing, newest_first, tier_distribution
from generator.links import record_path
from generator.load import Loaded
from generator.models.record import SynthesisRecord
from generator.record_view import record_view
from generator.render import Renderer
from generator.schema import SCHEMAS, field_reference, schema_bytes
from generator.site_config import SiteConfig

Tree = dict[str, bytes]


def record_pages(records: Iterable[SynthesisRecord], config: SiteConfig, renderer: Renderer) -> Tree:
    return {record_path(r.id): renderer.record(record_view(r, config)).encode() for r in records}


def index_tree(records: list[SynthesisRecord], config: SiteConfig, renderer: Renderer) -> Tree:
    ordered = newest_first(records)
    at_root = [listing(r, record_path(r.id)) for r in ordered[: config.newest_on_home]]
    in_folder = [listing(r, record_path(r.id).removeprefix("records/")) for r in ordered]
    pages = index_pages(in_folder, config.records_per_page)
    tree = {
        "index.md": renderer.home(
            site_name=config.site_name,
            publisher=config.publisher_name,
            counters=counters(records),
            newest=at_root,
            tiers=tier_distribution(records),
        ).encode()
    }
    for page in pages:
        tree[page.path] = renderer.records_index(page, pages, len(records), config.records_per_page).encode()
    return tree


def schema_tree(config: SiteConfig) -> Tree:
    tree: Tree = {}
    for name, model in SCHEMAS.items():
        tree[f"schemas/{name}.schema.json"] = schema_bytes(model, name, config.site_url)
        tree[f"schemas/{name}.md"] = field_reference(name, model).encode()
    return tree


def site_tree(records: list[Loaded[SynthesisRecord]], config: SiteConfig, renderer: Renderer, static: Tree) -> Tree:
    """Every generated file: record pages, indexes, schemas, and the hand-written/static files."""
    models = [loaded.model for loaded in records]
    tree = dict(static)
    tree |= record_pages(models, config, renderer)
    tree |= index_tree(models, config, renderer)
    tree |= schema_tree(config)
    return tree
