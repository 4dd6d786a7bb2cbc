"""What a reader downloads to search a built site: bytes for the page, then for a first query.

    python bench/search_payload.py /tmp/research-site-bench/n10000/site "verified claims" alignment

Serves the site over local HTTP, opens a record page in headless Chromium (Debian's
``/usr/bin/chromium``) with an empty cache, then types each query into the header search box in a
fresh context and counts the bytes of every response until the results are shown. Prints a row
per query: bytes before searching (the page and its assets; no search index may be among them),
bytes the query fetched, files fetched, and results shown; then what the query's bytes were: the
list of bundles and their chunk directories, the term chunks of the query's words, and the
excerpts of the results shown. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

INDEX = "/search-index/"  # generator.search_index.BUNDLE
KINDS = (  # what a fetched URL is, by the first of these its path contains
    ("/t/", "term chunks"),
    ("/p/", "excerpts"),
    ("/meta.json", "chunk directories"),
    ("shards.json", "bundle list"),
)


def kind(url: str) -> str:
    return next((name for part, name in KINDS if part in url), "other")


def first_record(site: Path) -> str:
    page = min((site / "records").glob("*/index.html"))
    return page.parent.relative_to(site).as_posix() + "/"


def measure(browser: Any, base: str, path: str, query: str) -> tuple[int, int, int, int, list[str], dict[str, int]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + path, wait_until="networkidle")
    before = list(responses)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    after = responses[len(before) :]
    shown = results.count()
    early_index = [r.url for r in before if INDEX in r.url]
    kinds: dict[str, int] = {}
    for response in after:
        name = kind(response.url.split(INDEX, 1)[-1] if INDEX in response.url else "")
        kinds[name] = kinds.get(name, 0) + len(response.body())
    searched = sum(kinds.values())
    row = (sum(len(r.body()) for r in before), searched, len(after), shown, early_index, kinds)
    context.close()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="+")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    path = first_record(args.site)
    print(f"\nSearch payload on {args.site} (page {path}; bytes as served, uncompressed)\n")
    print("| query | page load, bytes | first query, bytes | files fetched | results shown |")
    print("|---|---:|---:|---:|---:|")
    parts = []
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in args.queries:
            loaded, searched, files, shown, early, kinds = measure(browser, base, path, query)
            print(f"| {query} | {loaded:,} | {searched:,} | {files} | {shown} |")
            if early:
                print(f"  (the page fetched search files before any query: {early[:3]})")
            parts.append(f"- {query}: " + ", ".join(f"{name} {size:,}" for name, size in sorted(kinds.items())))
        browser.close()
    print("\nWhat a first query fetched, bytes:\n")
    print("\n".join(parts))


if __name__ == "__main__":
    main()
