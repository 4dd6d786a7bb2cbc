"""Listing views of the corpus: by quality tier, verification level, gate status, correction
state and month. Each value of each facet gets a landing page of its newest records and fixed-size
archive pages numbered from the first published (``index_views.index_pages``), so no page grows
with the corpus and a new record changes only the landing pages of its views;
``browse/index.md`` links every view with its count. Nothing here enters the nav.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Protocol

from generator import vocab
from generator.formatting import count, counted
from generator.index_views import IndexPage, Listing, index_pages, listing, newest_first
from generator.models.cards import CorrectionState, GateStatus, Tier
from generator.models.record import SynthesisRecord

Value = tuple[str, str]  # (slug used in the path, label shown)
NOT_RECORDED: Value = ("not-recorded", "Not recorded")
NO_VERDICT: Value = ("no-verdict", "No gate verdict")
UNDATED: Value = ("undated", "Undated")
HOME = "browse/index.md"


def _slug(code: str) -> str:
    return code.lower().replace("_", "-")


def _level(level: int) -> Value:
    return f"l{level}", f"L{level}, {vocab.VERIFICATION_LEVEL_LABELS[level]}"


def tier_value(record: SynthesisRecord) -> Value:
    tier = record.quality_tier.tier if record.quality_tier else None
    return (_slug(tier.value), vocab.TIER_LABELS[tier]) if tier else NOT_RECORDED


def level_value(record: SynthesisRecord) -> Value:
    return _level(record.verification.paper_level) if record.verification else NOT_RECORDED


def gate_value(record: SynthesisRecord) -> Value:
    status = record.gate_verdict.status if record.gate_verdict else None
    return (_slug(status.value), vocab.GATE_LABELS[status]) if status else NO_VERDICT


def correction_value(record: SynthesisRecord) -> Value:
    card = record.correction_record
    return (_slug(card.correction_state.value), card.correction_state.value.title()) if card else NOT_RECORDED


def month_value(record: SynthesisRecord) -> Value:
    day = record.submitted
    return _month(day.year, day.month) if day else UNDATED


@cache
def _month(year: int, month: int) -> Value:
    """A month's slug and label (``strftime`` once per month, not twice per record)."""
    first = date(year, month, 1)
    return f"{first:%Y-%m}", f"{first:%B %Y}"


def _months(records: list[SynthesisRecord]) -> list[Value]:
    """Months present in the corpus, newest first, then "Undated"."""
    found = {month_value(r) for r in records}
    return [*sorted(found - {UNDATED}, reverse=True), UNDATED]


@dataclass(frozen=True)
class Facet:
    key: str
    title: str
    value_of: Callable[[SynthesisRecord], Value]
    values: Callable[[list[SynthesisRecord]], list[Value]]


FACETS: tuple[Facet, ...] = (
    Facet(
        "tier", "Quality tier", tier_value, lambda _: [(_slug(t), vocab.TIER_LABELS[t]) for t in Tier] + [NOT_RECORDED]
    ),
    Facet("verification", "Verification level", level_value, lambda _: [_level(n) for n in range(8)] + [NOT_RECORDED]),
    Facet(
        "gate",
        "Gate status",
        gate_value,
        lambda _: [(_slug(s), vocab.GATE_LABELS[s]) for s in GateStatus] + [NO_VERDICT],
    ),
    Facet(
        "correction",
        "Correction state",
        correction_value,
        lambda _: [(_slug(s), s.value.title()) for s in CorrectionState] + [NOT_RECORDED],
    ),
    Facet("month", "Month submitted", month_value, _months),
)


@dataclass(frozen=True)
class FacetValue:
    label: str
    count: str
    target: str | None  # relative to browse/index.md; None when no record has this value


@dataclass(frozen=True)
class FacetSummary:
    key: str
    title: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class ViewPage:
    """One page of one listing view."""

    facet_title: str
    value_label: str
    total: str | None  # the landing page's only: archive pages stay as they are when records arrive
    page: IndexPage
    home: str  # link back to browse/index.md


def view_folder(facet: Facet, slug: str) -> str:
    return f"browse/{facet.key}/{slug}"


Listed = tuple[SynthesisRecord, Listing]
"""A record with its row of listing tables (``index_views.listing``), made once per build."""


def group(ordered: list[Listed], facet: Facet) -> dict[Value, list[Listed]]:
    """Records of each value, in the order of ``ordered`` (newest first); every record lands in
    exactly one value."""
    groups: dict[Value, list[Listed]] = {}
    for listed in ordered:
        groups.setdefault(facet.value_of(listed[0]), []).append(listed)
    return groups


def view_pages(facet: Facet, value: Value, listings: list[Listing], per_page: int) -> list[ViewPage]:
    """The pages of one view, from the listings of its records, newest first."""
    folder = view_folder(facet, value[0])
    home = posixpath.relpath(HOME, folder)
    total = counted(len(listings), "record")
    pages = index_pages(listings, per_page, folder)
    return [ViewPage(facet.title, value[1], None if page.number else total, page, home) for page in pages]


def summaries(records: list[SynthesisRecord], groups: dict[str, dict[Value, list[Listed]]]) -> list[FacetSummary]:
    """Every facet with every value and its count (zero counts are shown, not linked); ``groups``
    are each facet's ``group``s."""
    found = []
    for facet in FACETS:
        mine = groups[facet.key]
        values = tuple(
            FacetValue(
                label,
                count(len(mine.get((slug, label), []))),
                f"{facet.key}/{slug}/index.md" if (slug, label) in mine else None,
            )
            for slug, label in facet.values(records)
        )
        found.append(FacetSummary(facet.key, facet.title, values))
    return found


def all_view_pages(per_page: int, groups: dict[str, dict[Value, list[Listed]]]) -> list[ViewPage]:
    return [
        page
        for facet in FACETS
        for value, members in groups[facet.key].items()
        for page in view_pages(facet, value, [row for _, row in members], per_page)
    ]


def facet_groups(records: list[SynthesisRecord]) -> dict[str, dict[Value, list[Listed]]]:
    """Each facet's ``group``s, from one newest-first sort; each record's listing made once."""
    ordered = [(record, listing(record)) for record in newest_first(records)]
    return {facet.key: group(ordered, facet) for facet in FACETS}


class BrowseRenderer(Protocol):
    def browse_home(self, facets: list[FacetSummary], total_records: int, per_page: int) -> str: ...

    def browse_view(self, view: ViewPage, per_page: int) -> str: ...


class Unchanged(Protocol):
    def __call__(self, path: str, *values: object) -> bool:
        """Whether the docs tree already holds the page ``path`` as rendered from ``values``."""
        ...


def browse_tree(
    records: list[SynthesisRecord], per_page: int, renderer: BrowseRenderer, unchanged: Unchanged | None = None
) -> dict[str, bytes]:
    """The browse landing page and every page of every listing view, but those ``unchanged``."""
    groups = facet_groups(records)
    tree = {HOME: renderer.browse_home(summaries(records, groups), len(records), per_page).encode()}
    for view in all_view_pages(per_page, groups):
        if unchanged is None or not unchanged(view.page.path, view, per_page):
            tree[view.page.path] = renderer.browse_view(view, per_page).encode()
    return tree
