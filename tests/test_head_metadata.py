"""Scholarly metadata in the built record pages' <head>: Highwire tags, JSON-LD, Open Graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import publish
from generator.project import Project
from tests.export_fixtures import NO_REPORT, SEED_000, WITH_DOI
from tests.helpers import ROOT, copy_project, soup

HOSTILE_ID = "0badc0de-0000-4000-8000-000000000000"
HOSTILE = "</script><script>alert(1)</script> \"quoted\" & 'single' <b>bold</b>"


def page(site: Path, record_id: str) -> BeautifulSoup:
    return soup(site / "records" / record_id / "index.html")


def meta(head: Tag | None, name: str) -> list[str]:
    assert head is not None
    return [str(tag["content"]) for tag in head.select(f'meta[name="{name}"]')]


def json_ld(html: BeautifulSoup) -> dict[str, Any]:
    (script,) = html.select('script[type="application/ld+json"]')
    data: dict[str, Any] = json.loads(script.string or "")
    return data


def test_highwire_tags(demo_site: Path) -> None:
    head = page(demo_site, SEED_000).head
    base = f"https://records.example.org/records/{SEED_000}/"
    assert meta(head, "citation_title") == [
        "Scaling Human Preference Alignment in LLaMA-70B with PowerInfer Threshold Adjustment"
    ]
    assert meta(head, "citation_author") == ["Assignee Research"]
    assert meta(head, "citation_publication_date") == ["2026/05/30"]
    assert meta(head, "citation_pdf_url") == [base + "report.pdf"]
    assert meta(head, "citation_abstract_html_url") == [base]
    assert meta(page(demo_site, WITH_DOI).head, "citation_doi") == ["10.5281/zenodo.0000001"]
    assert meta(page(demo_site, NO_REPORT).head, "citation_pdf_url") == []


def test_json_ld_open_graph_and_description(demo_site: Path) -> None:
    html = page(demo_site, SEED_000)
    data = json_ld(html)
    assert data["@type"] == "ScholarlyArticle" and data["datePublished"] == "2026-05-30"
    assert data["author"]["name"] == "Assignee Research"
    assert data["encoding"][0]["contentUrl"].endswith("/report.pdf")
    og = {tag["property"]: tag["content"] for tag in html.select("meta[property]")}
    assert og["og:type"] == "article" and og["og:url"] == data["url"]
    (description,) = meta(html.head, "description")
    assert description.startswith("This report synthesises findings from 4 peer-reviewed papers")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(copy_project(tmp_path_factory.mktemp("hostile")))
    stored = json.loads((ROOT / "content/records" / f"{SEED_000}.json").read_text(encoding="utf-8"))
    stored |= {"id": HOSTILE_ID, "title": HOSTILE, "abstract": HOSTILE}
    (project.records_dir / f"{HOSTILE_ID}.json").write_text(json.dumps(stored), encoding="utf-8")
    publish(project)
    return project.site_dir


def test_hostile_text_is_escaped_in_head(hostile_site: Path) -> None:
    raw = (hostile_site / "records" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    head = raw.split("</head>")[0]
    assert "<script>alert(1)" not in head and "<b>bold" not in head
    html = BeautifulSoup(raw, "lxml")
    assert meta(html.head, "citation_title") == [HOSTILE]
    assert meta(html.head, "description") == [HOSTILE]
    assert json_ld(html)["headline"] == HOSTILE
    assert "\\u003c/script\\u003e" in head
    # The page title (browser tab, bookmarks, the header) is the record's title, as text.
    assert html.title is not None and html.title.get_text() == f"{HOSTILE} - Assignee Research — research records"
    header = html.select_one('.md-header__topic[data-md-component="header-topic"] .md-ellipsis')
    assert header is not None and header.get_text().strip() == HOSTILE


def test_record_and_scan_pages_are_titled_by_what_they_show(demo_site: Path) -> None:
    record = page(demo_site, SEED_000)
    stored = json.loads((ROOT / "content/records" / f"{SEED_000}.json").read_text(encoding="utf-8"))
    assert record.title is not None and record.title.get_text().startswith(stored["title"] + " - ")
    scan = soup(demo_site / "scans/2401.06785/index.html")
    assert scan.title is not None and scan.title.get_text().startswith("Human-Instruction-Free LLM Self-Alignment")
