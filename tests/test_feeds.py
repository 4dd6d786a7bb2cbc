"""Atom and JSON Feed parsed by feedparser; sitemap lastmod is each record's own date."""

from __future__ import annotations

import json
import time
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from generator.exports import facts
from tests.export_fixtures import CORRECTED, NO_REPORT, SEED_000, records

DATED = [r for r in records() if facts.updated_on(r) is not None]


def _expected_ids() -> list[str]:
    newest = sorted(DATED, key=lambda r: (-(facts.updated_on(r) or r.submitted).toordinal(), str(r.id)))  # type: ignore[union-attr]
    return [f"urn:uuid:{r.id}" for r in newest]


def test_atom_feed_entries(demo_site: Path) -> None:
    feed = feedparser.parse((demo_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.id for e in feed.entries] == _expected_ids()
    assert f"urn:uuid:{NO_REPORT}" not in {e.id for e in feed.entries}, "undated records stay out of feeds"
    seed = next(e for e in feed.entries if e.id == f"urn:uuid:{SEED_000}")
    assert seed.link == f"https://records.example.org/records/{SEED_000}/"
    assert time.strftime("%Y-%m-%d", seed.published_parsed) == "2026-05-30"
    assert time.strftime("%Y-%m-%d", seed.updated_parsed) == "2026-05-30"
    newest = max(facts.updated_on(r) for r in DATED)  # type: ignore[type-var]
    assert time.strftime("%Y-%m-%d", feed.feed.updated_parsed) == str(newest), "feed date is a record date"


def test_json_feed_entries(demo_site: Path) -> None:
    """feedparser 6.0 reads no JSON Feed, so the JSON Feed 1.1 rules are checked here directly."""
    feed = json.loads((demo_site / "feed.json").read_bytes())
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    assert feed["feed_url"] == "https://records.example.org/feed.json"
    items = feed["items"]
    assert [item["id"] for item in items] == _expected_ids()
    assert all(isinstance(item["id"], str) and (item.get("content_text") or item.get("content_html")) for item in items)
    corrected = next(r for r in records() if str(r.id) == CORRECTED)
    item = next(i for i in items if i["id"] == f"urn:uuid:{CORRECTED}")
    assert item["date_modified"] == f"{facts.updated_on(corrected)}T00:00:00Z"
    assert item["date_published"] == f"{corrected.submitted}T00:00:00Z"


def test_sitemap_lastmod_is_the_record_date(demo_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = etree.fromstring((demo_site / "sitemap.xml").read_bytes())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text or "" for loc in index.findall("s:sitemap/s:loc", ns)]
    assert parts == ["https://records.example.org/sitemap-1.xml"]
    tree = etree.fromstring((demo_site / "sitemap-1.xml").read_bytes())
    lastmod = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.findall("s:url", ns)
    }
    for record in DATED:
        assert lastmod[f"https://records.example.org/records/{record.id}/"] == str(facts.updated_on(record))
