"""Search on a generated corpus of 2,000 records and 400 scans, in headless Chromium.

A reader who opens a record page fetches nothing of the search index; the first query fetches
only what it needs: at most 500 KB in all, counted from every response body after the page load,
with every shard's bundle searched, and excerpts fetched for the results shown only.

The corpus is built once for the module with the real ``publish`` (generate → MkDocs → search index).
Its records carry no report body, so no PDF/JATS is converted (pandoc and Typst take about half a
second per record here); search indexes titles, abstracts, research questions and claims.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import write_corpus
from generator.build import publish
from generator.project import Project
from generator.search_index import BUNDLE
from generator.search_shards import OTHER_SHARDS, record_blocks
from tests.helpers import copy_project, serve

pytestmark = pytest.mark.browser

RECORDS = 2000
BUDGET = 500 * 1024  # bytes a first query may transfer


@dataclass(frozen=True)
class Corpus:
    site: Path
    record_url: str  # site-relative URL of one record page
    short_id: str  # the 8-character id shown on that page
    claim: str  # the start of one of its claims


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = copy_project(tmp_path_factory.mktemp("search-scale"), records=False)
    for scan in (root / "content/scans").glob("*.json"):
        scan.unlink()
    paths = write_corpus(root, RECORDS)
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        del data["report"]
        path.write_text(json.dumps(data), encoding="utf-8")
    publish(Project(root))
    record = json.loads(paths[RECORDS // 2].read_text(encoding="utf-8"))
    claim = " ".join(record["claims"][0]["text"].split()[:4])
    return Corpus(root / "site", f"records/{record['id']}/", record["id"][:8], claim)


@pytest.fixture
def reader(corpus: Corpus, browser: Any) -> Iterator[tuple[Any, list[Any], str]]:
    """A fresh browser context (empty cache) on one record page, recording every response."""
    with serve(corpus.site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + corpus.record_url, wait_until="networkidle")
        yield page, responses, base
        context.close()


def index_urls(responses: list[Any]) -> list[str]:
    """What was fetched of the site's index (or of Material's own, which must stay off)."""
    return [r.url for r in responses if f"/{BUNDLE}/" in r.url or "search_index" in r.url]


def excerpt_urls(responses: list[Any]) -> list[str]:
    return [url for url in index_urls(responses) if "/p/" in url]


def wait_for_results(page: Any) -> list[str]:
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def bundles(site: Path) -> list[str]:
    return [name.rstrip("/") for name in json.loads((site / BUNDLE / "shards.json").read_text())["bundles"]]


def test_the_corpus_is_indexed_once_across_the_shards(corpus: Corpus) -> None:
    counts = {}
    for bundle in bundles(corpus.site):
        counts[bundle] = json.loads((corpus.site / BUNDLE / bundle / "meta.json").read_text())["pages"]
    # Record pages in blocks by arrival order; scans and the three hand-written pages by path hash.
    blocks = record_blocks(RECORDS)
    others = [f"p{number}" for number in range(OTHER_SHARDS)]
    assert list(counts) == [name for _, _, name in blocks] + others
    assert [counts[name] for _, _, name in blocks] == [stop - start for start, stop, _ in blocks]
    assert sum(counts[name] for name in others) == RECORDS // 5 + 3


def test_a_record_page_fetches_no_index(reader: tuple[Any, list[Any], str]) -> None:
    page, responses, _ = reader
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    assert index_urls(responses) == []


def test_first_query_shows_results_within_the_byte_budget(corpus: Corpus, reader: tuple[Any, list[Any], str]) -> None:
    page, responses, _ = reader
    assert index_urls(responses) == []
    loaded = len(responses)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(corpus.claim)
    hrefs = wait_for_results(page)
    after = responses[loaded:]
    transferred = sum(len(response.body()) for response in after)
    fetched = index_urls(after)
    assert len(hrefs) == 10
    searched = {url.split(f"/{BUNDLE}/")[1].split("/")[0] for url in fetched if "/t/" in url}
    assert searched == set(bundles(corpus.site))
    assert len(excerpt_urls(after)) == 10
    assert transferred <= BUDGET, f"{transferred} bytes in {len(after)} responses: {sorted(fetched)}"


def test_a_record_is_found_first_by_its_short_id(corpus: Corpus, reader: tuple[Any, list[Any], str]) -> None:
    page, _, _ = reader
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(corpus.short_id)
    hrefs = wait_for_results(page)
    assert hrefs[0].endswith(corpus.record_url)


def test_more_results_are_shown_as_the_reader_scrolls_or_arrows_down(reader: tuple[Any, list[Any], str]) -> None:
    page, responses, _ = reader
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("verified")
    first = wait_for_results(page)
    total = int(page.locator("[data-site-search-meta]").inner_text().replace(",", "").split()[0])
    fragments = excerpt_urls(responses)
    assert len(first) == 10 and total > 30 and len(fragments) == 10  # only the results shown are fetched

    page.locator(".md-search__scrollwrap").evaluate("node => node.scrollTo(0, node.scrollHeight)")
    page.locator(".md-search-result__item").nth(19).wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    second = wait_for_results(page)
    assert len(second) == 20 and second[:10] == first and len(set(second)) == 20
    assert len(set(excerpt_urls(responses))) == 20

    # Arrowing past the last result shown focuses the next one, shown first.
    box.focus()
    for _ in range(21):
        page.keyboard.press("ArrowDown")
    page.locator(".md-search-result__item").nth(20).wait_for(timeout=10_000)
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    third = wait_for_results(page)
    assert len(third) >= 21 and third[:20] == second and focused == third[20]
