"""``sitemap.xml`` (and its gzip copy): every page of the site, each record with its own date.

Written by the generator rather than the theme, so building a page never needs every other
page's metadata: that is what lets the site build render pages apart and reuse unchanged ones.
Other pages carry the build date, which ``build.pin_build_date`` makes the newest record date.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

from generator.links import page_url

SITEMAP = "sitemap.xml"


def build_date() -> date:
    """The date MkDocs stamps on a build: ``SOURCE_DATE_EPOCH`` when set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else datetime.now(UTC).date()


def sitemap(site_url: str, pages: Iterable[str], dated: Mapping[str, date]) -> str:
    """A sitemap of ``pages`` (docs-relative Markdown paths); ``dated`` gives some pages their own date."""
    default = build_date()
    entries = []
    for src in sorted(pages, key=page_url):
        loc = escape(site_url.rstrip("/") + "/" + page_url(src))
        lastmod = dated.get(src, default).isoformat()
        entries.append(f"    <url>\n         <loc>{loc}</loc>\n         <lastmod>{lastmod}</lastmod>\n    </url>\n")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    return head + "".join(entries) + "</urlset>\n"


def sitemap_files(site_url: str, pages: Iterable[str], dated: Mapping[str, date]) -> dict[str, bytes]:
    """``sitemap.xml`` and ``sitemap.xml.gz`` (gzip without a timestamp, so the bytes are stable)."""
    data = sitemap(site_url, pages, dated).encode()
    return {SITEMAP: data, SITEMAP + ".gz": gzip.compress(data, mtime=0)}
