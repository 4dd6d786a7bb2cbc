"""Add the export layer to the rendered record pages: head metadata as YAML front matter at the
top, and the "Cite this" and "Artifacts" blocks at the end."""

from __future__ import annotations

from collections.abc import Mapping

from generator.exports.artifacts_view import artifacts_view
from generator.exports.head_meta import front_matter
from generator.models.record import SynthesisRecord
from generator.record_view import record_view
from generator.render import Renderer
from generator.site_config import SiteConfig


def record_page(
    record: SynthesisRecord, config: SiteConfig, renderer: Renderer, scans: Mapping[str, str] | None = None
) -> str:
    """A record page: front matter (head metadata), the page body, then the "Cite this" and "Artifacts" blocks."""
    view = record_view(record, config, scans)
    body = renderer.record(view)
    blocks = renderer.record_artifacts(artifacts_view(record, config), view)
    return front_matter(record, config) + body.rstrip("\n") + "\n" + blocks
