"""The scans index: every scan with its methodology score, sortable and filterable in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.models.scan import PaperScan
from generator.scan_view import score_text
from generator.scores import scan_score
from generator.text import Md, inline

_TOKEN_UNSAFE = re.compile(r"[^a-z0-9_.-]+")


@dataclass(frozen=True)
class ScanListing:
    """One scan as a row of the index table."""

    title: Md
    target: str  # path relative to scans/index.md
    year: str
    arxiv: str
    score: str
    sort_value: str  # yes/applicable as a decimal; -1 when nothing applies (sorts last)
    applicable: str
    filters: str  # space-separated tokens the table filter matches
    tags: Md


def filter_token(value: str) -> str:
    """A tag or module as a token safe in an HTML attribute: ``Benchmark Eval`` → ``benchmark-eval``."""
    return _TOKEN_UNSAFE.sub("-", value.strip().lower()).strip("-") or "-"


def scan_listing(scan: PaperScan, page: str) -> ScanListing:
    """The index row of ``scan``, whose page is ``page`` (docs path)."""
    overall = scan_score(scan).overall
    tokens = [filter_token(t) for t in scan.methodology_tags]
    tokens += [f"module:{filter_token(m)}" for m in scan.active_modules or []]
    tokens = list(dict.fromkeys(tokens))
    return ScanListing(
        title=inline(scan.paper.title),
        target=page.removeprefix("scans/"),
        year=str(scan.paper.year) if scan.paper.year else "—",
        arxiv=inline(scan.paper.arxiv_id or "—"),
        score=score_text(overall),
        sort_value="-1" if overall.fraction is None else f"{float(overall.fraction):.6f}",
        applicable=str(overall.applicable),
        filters=" ".join(tokens),
        tags=inline(", ".join(tokens) or "—"),
    )


def scan_listings(listings: Iterable[ScanListing]) -> list[ScanListing]:
    """Highest methodology score first; scans where nothing applies last; ties by page path."""
    return sorted(listings, key=lambda item: (-float(item.sort_value), item.target))
