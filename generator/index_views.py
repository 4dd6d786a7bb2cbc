"""Home page and the paginated records index, computed from the whole corpus."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator import vocab
from generator.derive import short_id
from generator.formatting import count, iso_date
from generator.links import page_url, record_path
from generator.models.cards import Tier
from generator.models.record import SynthesisRecord
from generator.text import Md, inline


@dataclass(frozen=True)
class Listing:
    """One record as a row of an index table."""

    short_id: str
    title: Md
    page: str  # docs path of the record page, for Markdown links from the docs root
    url: str  # its URL below the site root, for HTML links (prefixed with the page's way to the root)
    submitted: str
    tier_label: str
    tier_code: str
    verification: str


@dataclass(frozen=True)
class Counters:
    records: str
    dois: str
    days: str


@dataclass(frozen=True)
class IndexPage:
    """The landing page of a paginated listing (``number`` 0) or one of its archive pages.

    Archive pages are numbered from the first record published and hold ``per_page`` records
    each, so a new record (the newest) leaves them as they are: only the landing page, which
    shows everything newer than the archive, changes. Links are to sibling pages in the folder."""

    number: int
    path: str
    listings: tuple[Listing, ...]  # newest first
    first: int  # position in order of publication (1 = the first published) of the page's oldest record
    newer: str | None
    older: str | None

    @property
    def last(self) -> int:
        return self.first + len(self.listings) - 1

    @property
    def span(self) -> str:
        """Positions of its oldest and newest record, as shown: ``9,951–10,018``."""
        return f"{count(self.first)}–{count(self.last)}"


def newest_first(records: list[SynthesisRecord]) -> list[SynthesisRecord]:
    """Newest submitted first; undated records last; ties broken by id (stable across builds)."""
    return sorted(records, key=lambda r: (-(r.submitted or date.min).toordinal(), str(r.id)))


def listing(record: SynthesisRecord) -> Listing:
    tier = record.quality_tier.tier if record.quality_tier else None
    level = record.verification.paper_level if record.verification else None
    return Listing(
        short_id=short_id(record.id),
        title=inline(record.title),
        page=record_path(record.id),
        url=page_url(record_path(record.id)),
        submitted=iso_date(record.submitted) if record.submitted else "—",
        tier_label=vocab.TIER_LABELS[tier] if tier else "Not recorded",
        tier_code=vocab.tier_anchor(tier) if tier else "none",
        verification=f"L{level}" if level is not None else "—",
    )


def counters(records: list[SynthesisRecord]) -> Counters:
    """Records, DOIs, and days from the first to the newest submission (inclusive)."""
    dates = [r.submitted for r in records if r.submitted]
    days = (max(dates) - min(dates)).days + 1 if dates else 0
    return Counters(count(len(records)), count(sum(1 for r in records if r.doi)), count(days))


def tier_distribution(records: list[SynthesisRecord]) -> list[tuple[str, str, str]]:
    """(code, label, count) for every tier, then records without a tier card."""
    tally = Counter(r.quality_tier.tier if r.quality_tier else None for r in records)
    rows = [(vocab.tier_anchor(t), vocab.TIER_LABELS[t], count(tally[t])) for t in Tier]
    return [*rows, ("none", "Not recorded", count(tally[None]))]


def index_pages(listings: list[Listing], per_page: int, folder: str = "records") -> list[IndexPage]:
    """``<folder>/index.md``, then the archive pages ``<folder>/page-N.md``, N = 1 the first published.

    ``listings`` are newest first. Every archive page is full; the landing page shows the newer
    rest, between ``per_page + 1`` and ``2 * per_page`` records (all of them when there are no
    more). Following "older" links from the landing page lists every record once, newest first."""
    total = len(listings)
    archived = max(0, -(-total // per_page) - 2)  # full pages older than the two newest

    def name(number: int) -> str:
        return "index.md" if number == 0 else f"page-{number}.md"

    pages = [
        IndexPage(
            0,
            f"{folder}/index.md",
            tuple(listings[: total - archived * per_page]),
            archived * per_page + 1,
            None,
            name(archived) if archived else None,
        )
    ]
    for number in range(archived, 0, -1):
        start = total - number * per_page  # newest-first index of the page's newest record
        pages.append(
            IndexPage(
                number,
                f"{folder}/{name(number)}",
                tuple(listings[start : start + per_page]),
                (number - 1) * per_page + 1,
                name(number + 1 if number < archived else 0),
                name(number - 1) if number > 1 else None,
            )
        )
    return pages
