"""Paginated index and listing views: every record exactly once across the pages of each view."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from generator.browse import FACETS, all_view_pages, facet_groups, summaries
from generator.index_views import IndexPage, index_pages, listing, newest_first
from generator.models.record import SynthesisRecord
from tests.export_fixtures import records
from tests.helpers import soup

PER_PAGE = 10


def corpus(size: int = 137) -> list[SynthesisRecord]:
    """``size`` records cycled from the demo records, with their own ids and spread-out dates."""
    demo = records()
    made = []
    for n in range(size):
        base = demo[n % len(demo)]
        day = None if n % 11 == 0 else date(2026, 1, 1) + timedelta(days=n % 97)
        made.append(base.model_copy(update={"id": UUID(int=n + 1), "submitted": day}))
    return made


def _following_older(pages: list[IndexPage]) -> list[IndexPage]:
    by_name = {Path(page.path).name: page for page in pages}
    found, page = [], pages[0]
    while True:
        found.append(page)
        if page.older is None:
            return found
        assert by_name[page.older].newer == Path(page.path).name
        page = by_name[page.older]


def test_records_index_holds_every_record_once() -> None:
    rows = corpus()
    listings = [listing(r) for r in newest_first(rows)]
    pages = index_pages(listings, PER_PAGE)
    assert [p.path for p in pages[:2]] == ["records/index.md", "records/page-12.md"]
    assert len(pages[0].listings) == 17 and all(len(p.listings) == PER_PAGE for p in pages[1:])
    assert [item for page in _following_older(pages) for item in page.listings] == listings
    assert [(p.first, p.last) for p in pages[-2:]] == [(11, 20), (1, 10)]
    assert pages[0].first == 121 and pages[0].last == 137


def test_a_new_record_changes_only_the_landing_page() -> None:
    """Archive pages are numbered from the first published: the newest record leaves them as they
    are, but for one page's "Newer" link when a new archive page fills."""
    listings = [listing(r) for r in newest_first(corpus(64))]
    for total in range(1, len(listings)):
        before = {p.path: p for p in index_pages(listings[-total:], PER_PAGE)}
        after = {p.path: p for p in index_pages(listings[-total - 1 :], PER_PAGE)}
        changed = {path for path in before if path in after and before[path] != after[path]}
        assert set(before) <= set(after)
        allowed = {"records/index.md"}
        if total % PER_PAGE == 0:  # a page more is archived: the newest archive page gets a newer neighbour
            allowed.add(f"records/page-{total // PER_PAGE - 2}.md")
        assert changed <= allowed, total
        assert all(before[path].listings == after[path].listings for path in before if path != "records/index.md")


def test_a_small_listing_is_one_page() -> None:
    listings = [listing(r) for r in newest_first(corpus(2 * PER_PAGE))]
    [page] = index_pages(listings, PER_PAGE)
    assert page.listings == tuple(listings) and page.older is None and page.newer is None
    assert len(index_pages(listings[:0], PER_PAGE)) == 1


def test_every_view_holds_every_record_once_and_counts_match() -> None:
    rows = corpus()
    groups = facet_groups(rows)
    pages = all_view_pages(PER_PAGE, groups)
    assert all(len(view.page.listings) <= 2 * PER_PAGE for view in pages)
    for facet in FACETS:
        mine = [v for v in pages if v.page.path.startswith(f"browse/{facet.key}/")]
        targets = Counter(Path(item.page).name for v in mine for item in v.page.listings)
        assert set(targets) == {f"{r.id}.md" for r in rows}, facet.key
        assert set(targets.values()) == {1}, f"{facet.key}: a record listed twice"
        summary = next(s for s in summaries(rows, groups) if s.key == facet.key)
        assert sum(int(v.count.replace(",", "")) for v in summary.values) == len(rows)
        for value, members in groups[facet.key].items():
            pages_of_value = [v for v in mine if v.page.path.startswith(f"browse/{facet.key}/{value[0]}/")]
            assert len(pages_of_value) == max(1, -(-len(members) // PER_PAGE) - 1), (facet.key, value)


def test_month_view_is_newest_first_with_undated_last() -> None:
    rows = corpus()
    months = next(s for s in summaries(rows, facet_groups(rows)) if s.key == "month")
    labels = [v.label for v in months.values]
    assert labels[0] == "April 2026" and labels[-1] == "Undated"


def _listed(site: Path, first: Path) -> list[str]:
    """Record ids on every page of one paginated view, following its "Older" links."""
    found: list[str] = []
    page: Path | None = first
    while page is not None:
        html = soup(page)
        found += [re.findall(r"([0-9a-f-]{36})/$", str(a["href"]))[0] for a in html.select(".records-listing td a")]
        older = [a for a in html.select(".records-pager a") if "Older" in a.get_text()]
        page = (page.parent / str(older[0]["href"]) / "index.html").resolve() if older else None
    return found


def test_built_index_and_views_account_for_every_record(demo_site: Path) -> None:
    ids = sorted(p.parent.name for p in (demo_site / "records").glob("*/index.html"))
    assert sorted(_listed(demo_site, demo_site / "records/index.html")) == ids
    landing = soup(demo_site / "browse/index.html")
    for facet in FACETS:
        views = landing.select(f"h2#{facet.key} + table a") or landing.select(f"h2#{facet.key} ~ table a")
        listed: list[str] = []
        for link in {a["href"] for a in views}:
            listed += _listed(demo_site, (demo_site / "browse" / str(link) / "index.html").resolve())
        assert sorted(listed) == ids, facet.key
    assert landing.select("table") and "data-sortable" in str(soup(demo_site / "records/index.html"))
