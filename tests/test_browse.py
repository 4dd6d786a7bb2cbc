"""Paginated index and listing views: every record exactly once across the pages of each view."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from generator.browse import FACETS, all_view_pages, group, summaries
from generator.index_views import index_pages, listing, newest_first
from generator.links import record_path
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


def test_records_index_holds_every_record_once() -> None:
    rows = corpus()
    pages = index_pages([listing(r) for r in newest_first(rows)], PER_PAGE)
    seen = Counter(item.page for page in pages for item in page.listings)
    assert len(pages) == 14 and all(len(p.listings) <= PER_PAGE for p in pages)
    assert set(seen) == {record_path(r.id) for r in rows} and set(seen.values()) == {1}


def test_every_view_holds_every_record_once_and_counts_match() -> None:
    rows = corpus()
    pages = all_view_pages(rows, PER_PAGE)
    assert all(len(view.page.listings) <= PER_PAGE for view in pages)
    for facet in FACETS:
        mine = [v for v in pages if v.page.path.startswith(f"browse/{facet.key}/")]
        targets = Counter(Path(item.page).name for v in mine for item in v.page.listings)
        assert set(targets) == {f"{r.id}.md" for r in rows}, facet.key
        assert set(targets.values()) == {1}, f"{facet.key}: a record listed twice"
        summary = next(s for s in summaries(rows) if s.key == facet.key)
        assert sum(int(v.count.replace(",", "")) for v in summary.values) == len(rows)
        for value, members in group(rows, facet).items():
            pages_of_value = [v for v in mine if v.page.path.startswith(f"browse/{facet.key}/{value[0]}/")]
            assert len(pages_of_value) == -(-len(members) // PER_PAGE), (facet.key, value)


def test_month_view_is_newest_first_with_undated_last() -> None:
    months = next(s for s in summaries(corpus()) if s.key == "month")
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
