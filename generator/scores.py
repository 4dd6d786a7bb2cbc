"""Methodology score arithmetic: yes ÷ applicable, per checklist category and overall.

Rules (documented on the methodology page, "Paper scans"):
- an item with ``applies=false`` is n/a: it is in no numerator and no denominator;
- a category where nothing applies has no score (n/a), never 0%;
- a module category (``experimental_rigor``, ``data_leakage``, ``survey_methodology``) whose
  module is not in ``active_modules`` is *inactive*: shown, not scored. A v1 scan stores no
  ``active_modules``, so all of its categories are scored;
- the paper-type checklist (v4+) is one more scored category;
- the overall score sums yes and applicable over every scored category.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.models.scan import MODULE_CATEGORIES, Category, ChecklistItem, PaperScan

TYPE_CHECKLIST = "type_checklist"


@dataclass(frozen=True)
class Tally:
    """Counts of one set of items. ``fraction`` is None when nothing applies."""

    yes: int = 0
    applicable: int = 0
    not_applicable: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.yes + other.yes,
            self.applicable + other.applicable,
            self.not_applicable + other.not_applicable,
        )

    @property
    def fraction(self) -> Fraction | None:
        return Fraction(self.yes, self.applicable) if self.applicable else None

    @property
    def percent(self) -> int | None:
        """Whole percent, halves rounded up (1/8 → 13), or None when nothing applies."""
        if self.fraction is None:
            return None
        exact = Decimal(self.fraction.numerator * 100) / Decimal(self.fraction.denominator)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class CategoryScore:
    name: str
    tally: Tally
    scored: bool  # False for an inactive module category


@dataclass(frozen=True)
class ScanScore:
    overall: Tally
    categories: tuple[CategoryScore, ...]


def tally(items: Iterable[ChecklistItem]) -> Tally:
    """Yes and applicable among ``items``; items that do not apply are only counted as n/a."""
    yes = applicable = not_applicable = 0
    for item in items:
        if not item.applies:
            not_applicable += 1
        else:
            applicable += 1
            yes += item.answer
    return Tally(yes, applicable, not_applicable)


def is_scored(category: str, active_modules: list[str] | None) -> bool:
    """Module categories count only when their module ran; without a module list, all count."""
    if active_modules is None or category not in MODULE_CATEGORIES:
        return True
    return category in active_modules


def scored_categories(scan: PaperScan) -> list[tuple[str, Category]]:
    """Every checklist category in display order, the paper-type checklist last."""
    found = scan.checklist.categories()
    return [*found, (TYPE_CHECKLIST, scan.type_checklist)] if scan.type_checklist is not None else found


def scan_score(scan: PaperScan) -> ScanScore:
    categories = tuple(
        CategoryScore(name, tally(items.values()), is_scored(name, scan.active_modules))
        for name, items in scored_categories(scan)
    )
    overall = sum((c.tally for c in categories if c.scored), Tally())
    return ScanScore(overall, categories)


def stored_count_mismatches(scan: PaperScan) -> list[tuple[str, str, str]]:
    """(field path, expected, found) for each stored total that contradicts the checklist items."""
    if scan.stored_counts is None:
        return []
    counted = scan_score(scan).overall
    stored = scan.stored_counts
    pairs = [("yes", counted.yes, stored.yes), ("applicable", counted.applicable, stored.applicable)]
    if stored.not_applicable is not None:
        pairs.append(("not_applicable", counted.not_applicable, stored.not_applicable))
    return [
        (f"stored_counts.{name}", f"{want} (counted from the checklist items)", str(got))
        for name, want, got in pairs
        if want != got
    ]
