"""Nothing in a record executes: 280 hostile payloads in every text field, every page loaded in Chromium.

The payloads go in groups of eight into every free-text field of a record and of a scan (the
fields are found by probing the models, so new fields are covered automatically) and into the
query string of every URL. The built site is then loaded page by page in headless Chromium: no dialog may open, no
console message may carry the marker, no element may carry an injected attribute, and every
claims table keeps its three columns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.build import generate, mkdocs_build
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.project import Project
from tests.helpers import ROOT, copy_project, serve
from tests.hostile_payloads import groups, hostile_copy, payloads, text_paths, url_paths

pytestmark = pytest.mark.browser
GROUP = 8  # payloads per hostile record: 35 records and 35 scans carry all 280

INJECTED = (
    "[data-xss], [data-probe], [onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], "
    "[onstart], [onpointerenter], [formaction], iframe, object, embed, base, meta[http-equiv], "
    "a[href^='javascript' i], a[href^='data:' i], img[src^='data:' i], svg script"
)


def base_record() -> dict[str, Any]:
    """A record with every card, event and dimension basis, so every text field is present."""
    record: dict[str, Any] = json.loads(
        (ROOT / "content/records/d3c4b5a6-7d8e-4f90-a1b2-c3d4e5f63003.json").read_text()
    )
    flagship = json.loads((ROOT / "content/records/d1a9f0c2-6b1e-4f7a-9c3d-0e5b8a7f1001.json").read_text())
    record["quality_dimensions"] = flagship["quality_dimensions"]
    record["correction_record"] |= {"manifest_contract": "m", "correction_contract": "c"}
    return record


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = copy_project(tmp_path_factory.mktemp("hostile"), records=False)
    for old in (root / "content/scans").glob("*.json"):
        old.unlink()
    record, scan = base_record(), json.loads((ROOT / "content/scans/2401.06785.json").read_text())
    record_text, record_urls = text_paths(SynthesisRecord, record), url_paths(SynthesisRecord, record)
    scan_text, scan_urls = text_paths(PaperScan, scan), url_paths(PaperScan, scan)
    for index, group in enumerate(groups(GROUP)):
        hostile = hostile_copy(SynthesisRecord, record, record_text, record_urls, group)
        hostile["id"] = f"0bad0000-0000-4000-8000-{index:012d}"
        (root / f"content/records/{hostile['id']}.json").write_text(json.dumps(hostile))
        audit = hostile_copy(PaperScan, scan, scan_text, scan_urls, group)
        audit["paper"]["arxiv_id"] = f"2601.{index:05d}"
        (root / f"content/scans/2601.{index:05d}.json").write_text(json.dumps(audit))
    project = Project(root)
    result = generate(project)
    assert result.corpus.rejected == [], result.corpus.rejected[:3]
    assert len(result.corpus.records) == len(result.corpus.scans) == len(groups(GROUP))
    mkdocs_build(project, project.site_dir)
    return project.site_dir, len(record_text) + len(scan_text)


def test_the_payload_corpus_is_large_and_reaches_every_field(hostile_site: tuple[Path, int]) -> None:
    _, fields = hostile_site
    assert len(payloads()) >= 200
    assert fields >= 40


def test_no_payload_runs_on_any_page(hostile_site: tuple[Path, int], browser: Any) -> None:
    site, _ = hostile_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 2 * len(groups(GROUP))
    dialogs: list[str] = []
    markers: list[str] = []
    failures: list[str] = []
    with serve(site) as base:
        context = browser.new_context(java_script_enabled=True)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        page.on("console", lambda m: markers.append(f"{page.url}: {m.text}") if "XSS-MARKER" in m.text else None)
        for path in pages:
            page.goto(base + path, wait_until="load")
            injected = page.eval_on_selector_all(INJECTED, "els => els.map(e => e.outerHTML.slice(0, 120))")
            if injected:
                failures.append(f"{path}: {injected[:3]}")
            if path.startswith("records/0bad"):
                widths = page.eval_on_selector_all(
                    "h2#extracted-claims + .record-claims table tbody tr",
                    "rows => rows.map(r => r.children.length)",
                )
                if not widths or set(widths) != {3}:
                    failures.append(f"{path}: claims table rows have {sorted(set(widths))} cells")
        context.close()
    assert dialogs == [] and markers == [] and failures == []


def test_search_results_stay_inert(hostile_site: tuple[Path, int], browser: Any) -> None:
    site, _ = hostile_site
    dialogs: list[str] = []
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base)
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("onerror alert script")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        injected = page.eval_on_selector_all(INJECTED, "els => els.length")
        page.close()
    assert dialogs == [] and injected == 0
