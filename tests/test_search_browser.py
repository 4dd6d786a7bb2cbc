"""In headless Chromium: typing a phrase from a claim into the search box finds its record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import serve

pytestmark = pytest.mark.browser


def test_search_finds_a_record_by_a_claim_phrase(demo_site: Path, browser: Any) -> None:
    with serve(demo_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("Directional Preference Alignment encodes user preferences")
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=15_000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        page.close()
    assert any("records/d286b4d0-1fdc-5e40-a1ee-e61448949954/" in href for href in hrefs), hrefs
