"""Site paths and the relative links between generated pages.

Record pages are HTML (``generator/html_blocks.py``), whose links are final URLs relative to the
page's URL; the link check of the built site (``tests/linkcheck.py``) covers them, anchors too.
Links in the Markdown of other pages are resolved and validated by MkDocs from the file's path.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from uuid import UUID

from generator.text import Md, inline
from generator.vocab import GUIDE_PAGE, ROW_ANCHORS

GUIDE_URL = GUIDE_PAGE.removesuffix(".md") + "/"
RECORD_TO_ROOT = "../../"  # a record page's URL is records/<uuid>/


def record_path(record_id: UUID) -> str:
    """Docs-relative path of a record page. Ids are UUIDs, so this never leaves ``records/``."""
    return f"records/{record_id}.md"


def page_url(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a Markdown file with ``use_directory_urls``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def to_root(src_uri: str) -> str:
    """The relative way from a page's URL up to the site root: ``records/page-2.md`` → ``../../``."""
    return "../" * page_url(src_uri).count("/")


def anchor(href: str, label: Md, css_class: str = "") -> Md:
    """An HTML link; ``href`` is escaped here, ``label`` arrives escaped."""
    attrs = f' class="{css_class}"' if css_class else ""
    return Md(f'<a href="{escape(href)}"{attrs}>{label}</a>')


def guide_href(anchor_id: str, prefix: str) -> str:
    """The URL of a quality-guide anchor from a page ``prefix`` below the site root."""
    return f"{prefix}{GUIDE_URL}#{anchor_id}"


@lru_cache(maxsize=1024)
def linked(label: str, anchor_id: str, prefix: str) -> Md:
    """A label linked to its quality-guide anchor (HTML, for generated HTML blocks).

    Labels are vocabulary (card titles, row labels, tier and level names), so a build makes a
    few hundred distinct links ~50 times a record page: each is made once."""
    return anchor(guide_href(anchor_id, prefix), inline(label))


def row_label(label: str, prefix: str) -> Md:
    """A card row label linked to the guide anchor registered for it in ``vocab``."""
    return linked(label, ROW_ANCHORS[label], prefix)
