"""End to end: the demo content built by the real MkDocs; record pages checked with a real parser."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from tests.helpers import soup

SEED_000 = "records/7c2e3a4b-0000-4000-8000-000000000000/index.html"
SEED_002 = "records/4ab614f9-e0cb-5152-b96b-bcfd2d6d5f88/index.html"
SEED_004 = "records/d286b4d0-1fdc-5e40-a1ee-e61448949954/index.html"


def card(page: BeautifulSoup, key: str) -> Tag:
    found = page.select_one(f"div.record-card--{key}")
    assert found is not None, f"no {key} card"
    return found


def rows(container: Tag) -> dict[str, str]:
    """Label → value text of the label/value table inside a card or the summary."""
    table = container.select_one(".record-card__rows table, table")
    assert table is not None
    cells = [tr.find_all("td") for tr in table.select("tbody tr")]
    return {c[0].get_text(" ", strip=True): c[1].get_text(" ", strip=True) for c in cells}


def test_seed_000_shows_every_row_of_the_seed(demo_site: Path) -> None:
    page = soup(demo_site / SEED_000)
    assert page.select_one(".record-badge").get_text() == "SRCH:7C2E3A4B"
    summary = rows(page.select_one(".record-summary"))
    assert summary == {
        "Submitted": "30 May 2026",
        "Review score": "2.00/10",
        "Verification": "L2, Source-grounded claims",
        "Quality tier": "Quarantine candidate",
        "Verified claims": "0",
    }
    assert rows(card(page, "verification-level")) == {
        "Paper level": "L2, Source-grounded claims",
        "Source-grounded claims": "13",
        "Claim record source": "parsed source sections",
    }
    assert rows(card(page, "quality-tier"))["Tier"] == "Quarantine candidate"
    assert rows(card(page, "quality-dimensions")) == {
        "Evidence strength": "LOW",
        "Citation grounding": "MEDIUM",
        "Uncertainty disclosure": "MEDIUM",
        "Reproducibility status": "MEDIUM",
    }
    assert rows(card(page, "correction-record")) == {
        "Status": "CURRENT",
        "Correction count": "0",
        "Manifest contract": "paper-manifest-v1.1",
        "Correction contract": "correction-record-v1",
    }
    provenance = rows(card(page, "provenance"))
    assert provenance["Public provenance"] == "L3, Claim aggregate record"
    assert provenance["External record"] == "Not registered"
    assert provenance["Claim lineage"] == "13 aggregate source-grounded claims"
    assert provenance["Quality guide"] == "How to read scores, claims, manifests, and evidence links"
    assert page.select_one(".record-card--truth-engine-gate-verdict, .record-card--gate-verdict") is None


def test_claims_table_rows_and_marks(demo_site: Path) -> None:
    page = soup(demo_site / SEED_004)
    heading = page.select_one("h2#extracted-claims")
    assert heading is not None and heading.get_text(strip=True).startswith("Extracted Claims")
    table = heading.find_next("table")
    body = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert len(body) == 13 and all(len(row) == 3 for row in body)
    assert [row[1] for row in body].count("✓") == 2
    assert body[3] == [
        "Directional Preference Alignment encodes user preferences as unit vectors for preference-aware LLM alignment.",
        "✓",
        "0.18",
    ]
    # Cards the seed does not show are "not recorded", never invented.
    assert "Not recorded" in card(page, "quality-tier").get_text()


def test_seed_002_gate_card_and_registered_record(demo_site: Path) -> None:
    page = soup(demo_site / SEED_002)
    gate = rows(card(page, "gate-verdict"))
    assert gate["Status"] == "Unverified"
    assert gate["Gate"] == "Gate 2 — Verification (formal proof or sandbox reproduction)"
    assert gate["Reason"].startswith("Published before the Gate 2 verification pipeline was activated (2026-06-10).")
    assert rows(card(page, "quality-tier"))["Tier"] == "DOI grade"
    assert rows(card(page, "provenance"))["External record"] == "Registered (DOI not recorded)"
    assert rows(page.select_one(".record-summary"))["Submitted"] == "not recorded"
    caveats = [p.get_text() for p in page.select(".record-card__caveat")]
    assert len(caveats) == 6, "each card ends with its caveat"


def test_every_card_title_and_row_label_links_into_the_guide(demo_site: Path) -> None:
    guide = soup(demo_site / "quality-guide/index.html")
    anchors = {tag["id"] for tag in guide.select("[id]")}
    for record in sorted((demo_site / "records").glob("*/index.html")):
        page = soup(record)
        labels = page.select(
            ".record-card h2 a:not(.headerlink), .record-card__rows td:first-child a, .record-summary td:first-child a"
        )
        unlinked = page.select(".record-card__rows td:first-child:not(:has(a))")
        assert labels and not unlinked, record
        for link in labels:
            path, _, anchor = link["href"].partition("#")
            assert path == "../../quality-guide/", link
            assert anchor in anchors, f"{record}: #{anchor} is not in the guide"


def test_disagreement_is_shown(demo_site: Path) -> None:
    page = soup(demo_site / "records/d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e4004/index.html")
    box = page.select_one(".record-disagreements")
    assert box is not None
    text = box.get_text(" ", strip=True)
    assert "claims table 0" in text and "quality tier inputs 10" in text and "abstract text 0" in text
    assert soup(demo_site / SEED_000).select_one(".record-disagreements") is None


def test_home_counters_and_nav_stay_small(demo_site: Path) -> None:
    home = soup(demo_site / "index.html")
    counters = [td.get_text(strip=True) for td in home.select(".home-counters td")]
    records = len(list((demo_site / "records").glob("*/index.html")))
    assert counters[0] == str(records) and records == 7
    nav_links = home.select("nav.md-nav--primary a.md-nav__link")
    assert not [a for a in nav_links if "records/" in a.get("href", "") and a["href"].count("/") > 2]
    newest = [a["href"] for a in home.select("table a[href^='records/']")]
    assert newest[0].startswith("records/d1a9f0c2"), "newest first"


def test_a_record_page_s_table_of_contents_lists_its_headings_in_order(demo_site: Path) -> None:
    """The page is HTML that Python-Markdown passes through; its headings reach MkDocs' table of
    contents through the page's declared toc (generator/headings.py), and every entry points at
    a heading of the page."""
    page = soup(demo_site / SEED_004)
    toc = page.select_one("nav.md-nav--secondary")
    assert toc is not None
    entries = [(a["href"], a.get_text(" ", strip=True)) for a in toc.select("a.md-nav__link")]
    assert entries[:4] == [
        ("#abstract", "Abstract"),
        ("#research-question", "Research Question"),
        ("#verification-level", "Verification Level"),
        ("#quality-tier", "Quality Tier"),
    ]
    assert [href for href, _ in entries[-4:]] == ["#extracted-claims", "#references", "#cite-this", "#artifacts"]
    assert ("#1-introduction", "1 Introduction") in entries
    ids = {element["id"] for element in page.select("article h2[id]")}
    assert {href[1:] for href, _ in entries} == ids


def test_a_scan_page_s_table_of_contents_nests_its_checklist_categories(demo_site: Path) -> None:
    page = soup(demo_site / "scans/2401.06785/index.html")
    toc = page.select_one("nav.md-nav--secondary")
    assert toc is not None
    top = [a["href"] for a in toc.select(":scope > ul > li > a.md-nav__link")]
    assert top == [
        "#methodology-score",
        "#key-findings",
        "#checklist",
        "#claims",
        "#red-flags",
        "#cited-papers",
        "#cited-by",
        "#attention",
    ]
    checklist = toc.select_one('a[href="#checklist"]').find_parent("li")
    categories = [a["href"] for a in checklist.select(":scope ul a.md-nav__link")]
    assert len(categories) >= 5 and {href[1:] for href in categories} <= {h["id"] for h in page.select("h3[id]")}
