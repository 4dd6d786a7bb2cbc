"""End to end: scan pages, the scans index and the scan <-> synthesis links in the built HTML."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.models.scan import PaperScan
from generator.scan_view import score_text
from generator.scores import scan_score
from tests.helpers import ROOT, serve, soup

SCANS = sorted((ROOT / "content" / "scans").glob("*.json"))
SEED_SCAN = "scans/2401.06785/index.html"
CITING_RECORD = "records/d2b7e3a1-4c5d-4e6f-8a9b-0c1d2e3f2002/index.html"


def follow(site: Path, page: str, href: str) -> str:
    """The site file a relative link on ``page`` opens (directory URLs end in index.html)."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    resolved = f"{target}/index.html" if not target.endswith(".html") else target
    assert (site / resolved).is_file(), f"{page}: {href} does not resolve"
    return resolved


def hrefs(page: BeautifulSoup, selector: str) -> list[str]:
    return [str(a["href"]) for a in page.select(selector)]


def test_record_reference_links_to_the_scan_and_the_scan_lists_the_record(demo_site: Path) -> None:
    record = soup(demo_site / CITING_RECORD)
    targets = [follow(demo_site, CITING_RECORD, h) for h in hrefs(record, "#references ~ ul a.scan-link")]
    assert SEED_SCAN in targets, "arXiv 2401.06785v2 (version ignored) links to its scan"
    scan = soup(demo_site / SEED_SCAN)
    back = [follow(demo_site, SEED_SCAN, h) for h in hrefs(scan, "a.cited-by")]
    assert back == [CITING_RECORD]


def test_records_without_scanned_references_have_no_scan_links(demo_site: Path) -> None:
    assert soup(demo_site / "records/7c2e3a4b-0000-4000-8000-000000000000/index.html").select("a.scan-link") == []


def test_a_scans_cited_paper_with_its_own_scan_links_there(demo_site: Path) -> None:
    scan = soup(demo_site / SEED_SCAN)
    targets = {follow(demo_site, SEED_SCAN, h) for h in hrefs(scan, "#cited-papers ~ ul a.scan-link")}
    assert targets == {"scans/2212.08073/index.html", "scans/2212.10560/index.html"}
    cai = soup(demo_site / "scans/2212.08073/index.html")
    cited_by = [follow(demo_site, "scans/2212.08073/index.html", h) for h in hrefs(cai, "a.cited-by")]
    assert cited_by == ["records/d1a9f0c2-6b1e-4f7a-9c3d-0e5b8a7f1001/index.html"]


def test_seed_scan_page_shows_the_hand_counted_score_and_keeps_attention_apart(demo_site: Path) -> None:
    page = soup(demo_site / SEED_SCAN)
    assert page.select_one(".scan-score__overall").get_text(strip=True) == "18/54 (33%)"
    rows = {
        tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[1].get_text(strip=True)
        for tr in page.select(".scan-score tbody tr")
    }
    assert rows["Human studies"] == "n/a" and rows["Evaluation design"] == "7/9 (78%)"
    assert len(page.select(".scan-mark--na")) == 10
    attention = page.select_one(".scan-attention")
    assert attention is not None and "not quality" in attention.get_text()
    assert attention.select_one(".scan-score, .scan-score__overall") is None
    assert "Fear safety" in attention.get_text() and "Fear safety" not in page.select_one(".scan-score").get_text()


def test_inactive_module_is_marked_on_the_page(demo_site: Path) -> None:
    page = soup(demo_site / "scans/2212.10560/index.html")
    inactive = page.select(".scan-category--inactive h3")
    assert [h.get_text(" ", strip=True).split(" —")[0] for h in inactive] == ["Data leakage"]
    assert page.select_one(".scan-score__overall").get_text(strip=True) == "6/10 (60%)"


def test_index_lists_every_scan_with_its_score(demo_site: Path) -> None:
    index = soup(demo_site / "scans/index.html")
    rows = index.select("[data-sortable] table tbody tr")
    listed = {}
    for row in rows:
        link = row.select_one("td a")
        listed[follow(demo_site, "scans/index.html", link["href"])] = row.select_one("[data-sort]").get_text(strip=True)
    expected = {}
    for source in SCANS:
        scan = PaperScan.model_validate_json(source.read_text(encoding="utf-8"), strict=True)
        expected[f"scans/{source.stem}/index.html"] = score_text(scan_score(scan).overall)
    assert listed == expected
    assert listed[SEED_SCAN] == "18/54 (33%)"


def test_scan_pages_stay_out_of_the_nav_but_the_index_is_in_it(demo_site: Path) -> None:
    nav = hrefs(soup(demo_site / "index.html"), "nav.md-nav--primary a.md-nav__link")
    assert "scans/" in nav
    assert not [h for h in nav if h.startswith("scans/") and h != "scans/"]


def test_scan_contract_is_published(demo_site: Path) -> None:
    assert (demo_site / "schemas/paper-scan-v5.schema.json").is_file()
    reference = soup(demo_site / "schemas/paper-scan-v5/index.html").get_text()
    assert "ChecklistItem" in reference and "active_modules" in reference


@pytest.mark.browser
def test_index_sorts_and_filters_in_the_browser(demo_site: Path, browser: object) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    with serve(demo_site) as base:
        page = browser.new_page()
        page.goto(base + "scans/")
        titles = "[data-sortable] tbody tr:not([hidden]) td:first-child"
        score_button = page.locator("[data-sortable] th button", has_text="Methodology score")
        score_button.click()
        ascending = page.locator(titles).all_inner_texts()
        assert ascending[0].startswith("Human-Instruction-Free"), ascending  # 33% is the lowest
        score_button.click()
        assert page.locator(titles).all_inner_texts() == ascending[::-1]
        page.locator(".sortable-table__filter select").select_option("rlhf")
        assert page.locator(titles).all_inner_texts() == ["Constitutional AI: Harmlessness from AI Feedback"]
        page.locator(".sortable-table__filter select").select_option("module:data_leakage")
        assert len(page.locator(titles).all_inner_texts()) == 2
        page.close()
