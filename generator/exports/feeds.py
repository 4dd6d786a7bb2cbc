"""Atom and JSON Feed of the newest records, dated by each record's own dates (never the build).

Entry ids are ``urn:uuid:<record id>``: stable across builds, renames and site moves. Records
without any date cannot be placed in time, so they are left out of the feeds (they stay in the
records index and every listing).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from generator.exports import facts
from generator.exports.paths import absolute, record_url
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig

ATOM_PATH = "feed.xml"
JSON_FEED_PATH = "feed.json"
ATOM_NS = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def feed_records(records: list[SynthesisRecord], size: int) -> list[SynthesisRecord]:
    """Dated records, most recently submitted or corrected first; ties by id."""
    dated = [r for r in records if facts.updated_on(r) is not None]
    return sorted(dated, key=lambda r: (-_day(r).toordinal(), str(r.id)))[:size]


def _day(record: SynthesisRecord) -> date:
    day = facts.updated_on(record)
    assert day is not None
    return day


def _stamp(day: date) -> str:
    return facts.as_datetime(day).isoformat().replace("+00:00", "Z")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _atom_entry(feed: ET.Element, record: SynthesisRecord, config: SiteConfig) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", f"urn:uuid:{record.id}")
    _sub(entry, "title", record.title, type="text")
    _sub(entry, "link", rel="alternate", type="text/html", href=record_url(config, record.id))
    _sub(entry, "updated", _stamp(_day(record)))
    if record.submitted:
        _sub(entry, "published", _stamp(record.submitted))
    _sub(_sub(entry, "author"), "name", facts.publisher_name(record, config))
    if record.abstract:
        _sub(entry, "summary", record.abstract, type="text")


def atom_feed(records: list[SynthesisRecord], config: SiteConfig) -> bytes:
    ET.register_namespace("", ATOM_NS)
    newest = feed_records(records, config.feed_entries)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", config.site_url)
    _sub(feed, "title", config.site_name, type="text")
    _sub(feed, "updated", _stamp(_day(newest[0]) if newest else date(1970, 1, 1)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(config, ATOM_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=config.site_url)
    _sub(_sub(feed, "author"), "name", config.publisher_name)
    for record in newest:
        _atom_entry(feed, record, config)
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _json_item(record: SynthesisRecord, config: SiteConfig) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"urn:uuid:{record.id}",
        "url": record_url(config, record.id),
        "title": record.title,
        "date_modified": _stamp(_day(record)),
        "authors": [{"name": facts.publisher_name(record, config)}],
        "content_text": record.abstract or record.title,
    }
    if record.submitted:
        item["date_published"] = _stamp(record.submitted)
    if record.abstract:
        item["summary"] = record.abstract
    return item


def json_feed(records: list[SynthesisRecord], config: SiteConfig) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.site_name,
        "home_page_url": config.site_url,
        "feed_url": absolute(config, JSON_FEED_PATH),
        "authors": [{"name": config.publisher_name, "url": config.publisher_url}],
        "items": [_json_item(r, config) for r in feed_records(records, config.feed_entries)],
    }
    return (json.dumps(feed, indent=2, ensure_ascii=False) + "\n").encode()
