"""The sitemap: every page of the site, each record with its own date.

``sitemap.xml`` is a sitemap index naming ``sitemap-1.xml``, ``sitemap-2.xml`` … of at most
``URLS_PER_FILE`` pages each (the protocol allows 50,000 per file; a site of 100,000 records needs
several). It is small on purpose: Material's script fetches ``sitemap.xml`` on every page that
has ``<link rel="alternate">`` (the feed links), so a single sitemap of every page would be
downloaded by every reader of every page (2 MB at 10,000 records).

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
URLS_PER_FILE = 10_000
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def build_date() -> date:
    """The date MkDocs stamps on a build: ``SOURCE_DATE_EPOCH`` when set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else datetime.now(UTC).date()


def _urlset(entries: list[tuple[str, str]]) -> bytes:
    rows = "".join(
        f"    <url>\n         <loc>{loc}</loc>\n         <lastmod>{lastmod}</lastmod>\n    </url>\n"
        for loc, lastmod in entries
    )
    return (f'{_XML}<urlset xmlns="{_NS}">\n{rows}</urlset>\n').encode()


def _index(files: list[tuple[str, str]]) -> bytes:
    rows = "".join(f"  <sitemap><loc>{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>\n" for loc, lastmod in files)
    return (f'{_XML}<sitemapindex xmlns="{_NS}">\n{rows}</sitemapindex>\n').encode()


def sitemap_files(site_url: str, pages: Iterable[str], dated: Mapping[str, date]) -> dict[str, bytes]:
    """``sitemap.xml`` (an index, with a gzip copy without a timestamp) and its ``sitemap-N.xml`` files.

    ``pages`` are docs-relative Markdown paths; ``dated`` gives some pages their own date.
    """
    default, root = build_date(), site_url.rstrip("/") + "/"
    entries = [
        (escape(root + page_url(src)), dated.get(src, default).isoformat()) for src in sorted(pages, key=page_url)
    ]
    files: dict[str, bytes] = {}
    listed = []
    for number, start in enumerate(range(0, len(entries), URLS_PER_FILE), start=1):
        chunk = entries[start : start + URLS_PER_FILE]
        name = f"sitemap-{number}.xml"
        files[name] = _urlset(chunk)
        listed.append((escape(root + name), max(lastmod for _, lastmod in chunk)))
    index = _index(listed)
    return files | {SITEMAP: index, SITEMAP + ".gz": gzip.compress(index, mtime=0)}
