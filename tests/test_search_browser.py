"""In headless Chromium: the header search box over the search index of the demo site.

Typing a claim phrase finds its record; the keyboard works as in Material ("/" focuses, arrows
and Enter open a result, Escape closes); a page where nobody searches fetches nothing of the index,
no page logs an error (Material's own search must stay switched off), and markup in a record's
text shows in a result as the text it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.build import publish
from generator.project import Project
from tests.helpers import copy_project, serve

pytestmark = pytest.mark.browser

RECORD = "records/d286b4d0-1fdc-5e40-a1ee-e61448949954/"
CLAIM = "Directional Preference Alignment encodes user preferences"
INDEX_FILES = ("/search-index/", "search_index", "/workers/search")  # the site's index, and Material's own search


def open_page(browser: Any, url: str) -> tuple[Any, list[str], list[str]]:
    """A page at ``url`` with the URLs it requests and the errors it reports collected.

    Errors about other hosts (Material's web fonts, unreachable offline) are not collected.
    """
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    site = url.split("/", 3)[:3]

    def console(message: Any) -> None:
        where = message.location.get("url", "") or url
        if message.type == "error" and where.split("/", 3)[:3] == site:
            errors.append(f"{message.text} ({where})")

    page.on("request", lambda request: requests.append(request.url))
    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page, requests, errors


def result_hrefs(page: Any) -> list[str]:
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def test_search_finds_a_record_by_a_claim_phrase(demo_site: Path, browser: Any) -> None:
    with serve(demo_site) as base:
        page, requests, errors = open_page(browser, base)
        fetched_before = [url for url in requests if any(part in url for part in INDEX_FILES)]
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(CLAIM)
        hrefs = result_hrefs(page)
        excerpt = page.locator(".md-search-result__item").first.inner_html()
        page.close()
    assert fetched_before == []
    assert any(href.endswith(RECORD) for href in hrefs), hrefs
    assert "<mark>" in excerpt
    assert errors == []


def test_keyboard_slash_arrows_enter_and_escape(demo_site: Path, browser: Any) -> None:
    with serve(demo_site) as base:
        page, _, errors = open_page(browser, base + "about/")
        box = page.locator("input.md-search__input")
        toggle = page.locator("#__search")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        assert toggle.is_checked()
        page.keyboard.type(CLAIM)
        first = result_hrefs(page)[0]
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == first
        with page.expect_navigation():
            page.keyboard.press("Enter")
        opened = page.url
        page.keyboard.press("s")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.press("Escape")
        closed = not toggle.is_checked() and not box.evaluate("el => el === document.activeElement")
        page.close()
    assert opened == first
    assert closed
    assert errors == []


def test_a_page_without_search_loads_no_index(demo_site: Path, browser: Any) -> None:
    with serve(demo_site) as base:
        page, requests, errors = open_page(browser, base + RECORD)
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(300)
        page.close()
    assert [url for url in requests if any(part in url for part in INDEX_FILES)] == []
    assert errors == []


HOSTILE_TITLE = "Zebra <img src=x onerror=alert(1)> a < b & c &lt;i&gt; title"
HOSTILE_CLAIM = "Quokka claim <script>alert(1)</script> <b data-xss=1>bold</b> x < y &amp; z, Größenordnung"


@pytest.fixture(scope="module")
def hostile_search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site with one record whose title and first claim are markup."""
    project = Project(copy_project(tmp_path_factory.mktemp("hostile-search")))
    path = project.records_dir / (RECORD.split("/")[1] + ".json")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["title"] = HOSTILE_TITLE
    record["claims"][0]["text"] = HOSTILE_CLAIM
    path.write_text(json.dumps(record), encoding="utf-8")
    publish(project)
    return project.site_dir


def test_hostile_text_in_results_is_shown_as_text(hostile_search_site: Path, browser: Any) -> None:
    with serve(hostile_search_site) as base:
        page, _, errors = open_page(browser, base)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.keyboard.press("/")
        page.keyboard.type("quokka")
        result_hrefs(page)
        item = page.locator(".md-search-result__item").first
        title, excerpt = item.locator("h1").inner_text(), item.locator("p").inner_text()
        elements = item.evaluate("el => [...el.querySelectorAll('*')].map(e => e.localName)")
        page.wait_for_timeout(300)
        page.close()
    assert title == HOSTILE_TITLE
    assert "<script>alert(1)</script> <b data-xss=1>bold</b> x < y &amp; z" in excerpt
    assert set(elements) <= {"a", "article", "div", "h1", "p", "mark"}, elements
    assert dialogs == [] and errors == []


def test_a_query_word_finds_the_words_it_begins_in_any_script_and_case(hostile_search_site: Path, browser: Any) -> None:
    """The browser splits and lower-cases the query as the indexer split the pages (letters and
    digits of any script); a word matches the terms it begins, and so does its root less an
    English ending ("Quokkas" finds "Quokka", "verifying" finds "verified")."""
    found = {}
    errors: list[str] = []
    with serve(hostile_search_site) as base:
        for query in ("GRÖßEN", "quok claim", "größenordnung", "Quokkas", "verifying"):
            page, _, page_errors = open_page(browser, base)
            page.keyboard.press("/")
            page.keyboard.type(query)
            hrefs = result_hrefs(page)
            marks = page.locator(".md-search-result__item").first.locator("mark").all_inner_texts()
            found[query] = (any(href.endswith(RECORD) for href in hrefs), marks)
            errors += page_errors
            page.close()
    assert found["GRÖßEN"] == (True, ["Größenordnung"])
    assert found["quok claim"][0] and {"Quokka", "claim"} <= set(found["quok claim"][1])
    assert found["größenordnung"] == (True, ["Größenordnung"])
    assert found["Quokkas"] == (True, ["Quokka"])
    assert found["verifying"][0] and found["verifying"][1]  # the record says "verified", never "verifying"
    assert all(mark.lower().startswith("verif") for mark in found["verifying"][1])
    assert errors == []
