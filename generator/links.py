"""Site paths and the relative links between generated pages."""

from __future__ import annotations

from uuid import UUID

from generator.text import Md, inline
from generator.vocab import GUIDE_PAGE, ROW_ANCHORS


def record_path(record_id: UUID) -> str:
    """Docs-relative path of a record page. Ids are UUIDs, so this never leaves ``records/``."""
    return f"records/{record_id}.md"


def guide_href(anchor: str, prefix: str) -> str:
    return f"{prefix}{GUIDE_PAGE}#{anchor}"


def linked(label: str, anchor: str, prefix: str) -> Md:
    """A label linked to its quality-guide anchor."""
    return Md(f"[{inline(label)}]({guide_href(anchor, prefix)})")


def row_label(label: str, prefix: str) -> Md:
    """A card row label linked to the guide anchor registered for it in ``vocab``."""
    return linked(label, ROW_ANCHORS[label], prefix)
