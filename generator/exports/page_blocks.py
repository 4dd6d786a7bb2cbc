"""Add the export layer to the rendered record pages: head metadata as YAML front matter at the
top, and the "Cite this" and "Artifacts" blocks at the end."""

from __future__ import annotations

from generator.exports.artifacts_view import artifacts_view
from generator.exports.head_meta import front_matter
from generator.links import record_path
from generator.models.record import SynthesisRecord
from generator.render import Renderer
from generator.site_config import SiteConfig

Tree = dict[str, bytes]


def with_record_blocks(tree: Tree, records: list[SynthesisRecord], config: SiteConfig, renderer: Renderer) -> Tree:
    """A copy of ``tree`` whose record pages carry their front matter and export blocks."""
    out = dict(tree)
    for record in records:
        path = record_path(record.id)
        page = out[path].decode()
        blocks = renderer.record_artifacts(artifacts_view(record, config))
        out[path] = (front_matter(record, config) + page.rstrip("\n") + "\n" + blocks).encode()
    return out
