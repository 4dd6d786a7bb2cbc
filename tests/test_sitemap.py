"""The sitemap is an index of files of at most URLS_PER_FILE pages; every page is listed once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from generator.sitemap import SITEMAP, URLS_PER_FILE, sitemap_files
from tests.helpers import serve

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_a_large_site_is_split_into_files_named_by_the_index() -> None:
    pages = [f"records/{n:06d}.md" for n in range(2 * URLS_PER_FILE + 1)] + ["index.md"]
    files = sitemap_files("https://example.org/", pages, {"records/000007.md": date(2030, 1, 2)})
    index = etree.fromstring(files[SITEMAP])
    named = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert named == [f"https://example.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed: list[str] = []
    for n in (1, 2, 3):
        urls = etree.fromstring(files[f"sitemap-{n}.xml"]).findall("s:url", NS)
        assert 0 < len(urls) <= URLS_PER_FILE
        listed += [url.findtext("s:loc", namespaces=NS) or "" for url in urls]
    assert sorted(listed) == sorted(
        {f"https://example.org/records/{n:06d}/" for n in range(2 * URLS_PER_FILE + 1)} | {"https://example.org/"}
    )
    assert index.findall("s:sitemap/s:lastmod", NS)[0].text == "2030-01-02"


def test_a_record_page_downloads_no_list_of_every_page(demo_site: Path, browser: Any) -> None:
    """Material fetches sitemap.xml on pages with rel=alternate links (our feeds): it must stay small."""
    record = next((demo_site / "records").glob("*/index.html")).parent.relative_to(demo_site).as_posix()
    with serve(demo_site) as base:
        page = browser.new_page()
        fetched: list[Any] = []
        page.on("response", lambda response: fetched.append(response))
        page.goto(f"{base}{record}/", wait_until="networkidle")
        sitemaps = [r for r in fetched if "sitemap" in r.url]
        assert sitemaps, "Material no longer fetches the sitemap: this test can go"
        assert all(len(r.body()) < 2_000 for r in sitemaps), [(r.url, len(r.body())) for r in sitemaps]
        page.close()
