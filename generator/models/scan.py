"""The stored paper scan (one JSON file per scanned source paper), scan versions 1 to 5.

Versions differ only by what they add: v1 has no ``scan_version``; v2 adds ``scan_version``
and ``active_modules``; v3 adds ``engagement_factors``; v4/v5 add ``paper_type``,
``type_checklist``, ``hn_data`` and a per-item ``source``. One model accepts them all, every
later field optional. Unknown keys (and unknown checklist categories) are kept and reported
as warnings by the loader, so scans from a newer pipeline still publish.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from generator.models.base import Contract, Count, ShortText, Text, WebUrl
from generator.models.record import DOI_PATTERN

ARXIV_ID_PATTERN: Final = r"^(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$"
MODULE_CATEGORIES: Final = ("experimental_rigor", "data_leakage", "survey_methodology")
"""Checklist categories that belong to an optional audit module (see ``active_modules``)."""

PaperType = Literal["empirical", "benchmark-creation", "survey", "position", "theoretical"]
ArxivId = Annotated[str, Field(pattern=ARXIV_ID_PATTERN, max_length=40)]
Tag = Annotated[str, Field(min_length=1, max_length=100)]


class ChecklistItem(Contract):
    """One audit question about the paper."""

    applies: bool = Field(description="False: the question does not apply to this paper (n/a, never scored).")
    answer: bool = Field(description="True: the paper satisfies the item. Ignored when `applies` is false.")
    justification: Text = Field(description="Why the auditor answered as it did.")
    source: ShortText | None = Field(None, description="v4+: where in the paper the answer was found.")


Category = dict[str, ChecklistItem]
_CATEGORY = "Items of this category by item key."


class Checklist(Contract):
    """Checklist categories → items. Unknown categories are kept, scored, and warned about."""

    __pydantic_extra__: dict[str, Category]

    artifacts: Category | None = Field(None, description=_CATEGORY)
    statistical_methodology: Category | None = Field(None, description=_CATEGORY)
    evaluation_design: Category | None = Field(None, description=_CATEGORY)
    claims_and_evidence: Category | None = Field(None, description=_CATEGORY)
    setup_transparency: Category | None = Field(None, description=_CATEGORY)
    limitations_and_scope: Category | None = Field(None, description=_CATEGORY)
    data_integrity: Category | None = Field(None, description=_CATEGORY)
    conflicts_of_interest: Category | None = Field(None, description=_CATEGORY)
    contamination: Category | None = Field(None, description=_CATEGORY)
    human_studies: Category | None = Field(None, description=_CATEGORY)
    cost_and_practicality: Category | None = Field(None, description=_CATEGORY)
    experimental_rigor: Category | None = Field(None, description="Module category: scored only when active.")
    data_leakage: Category | None = Field(None, description="Module category: scored only when active.")
    survey_methodology: Category | None = Field(None, description="Module category: scored only when active.")

    def categories(self) -> list[tuple[str, Category]]:
        """Every category present: the known ones in contract order, then unknown ones as stored."""
        known = [(name, getattr(self, name)) for name in type(self).model_fields if getattr(self, name) is not None]
        return known + list((self.model_extra or {}).items())


class ScannedPaper(Contract):
    title: ShortText = Field(min_length=1, description="Title of the scanned paper.")
    authors: list[ShortText] = Field(default_factory=list, max_length=2_000, description="Authors, in order.")
    year: int | None = Field(None, ge=1500, le=2200, description="Publication year.")
    venue: ShortText | None = Field(None, description="Where it was published (e.g. arXiv.org).")
    arxiv_id: ArxivId | None = Field(None, description="Without `arXiv:`; a version suffix is allowed.")
    doi: str | None = Field(None, pattern=DOI_PATTERN, max_length=300, description="DOI without a resolver prefix.")


class ScanClaim(Contract):
    claim: Text = Field(description="A claim the paper makes.")
    evidence: Text | None = Field(None, description="What in the paper supports it, per the auditor.")
    supported: ShortText = Field(description="Support level as the auditor wrote it (seen: strong, moderate, weak).")


class RedFlag(Contract):
    flag: ShortText = Field(description="The problem, in a few words.")
    detail: Text | None = Field(None, description="Why it matters.")


class CitedPaper(Contract):
    title: ShortText = Field(min_length=1, description="Title of the cited paper.")
    authors: list[ShortText] = Field(default_factory=list, max_length=2_000, description="Authors (often abridged).")
    year: int | None = Field(None, ge=1500, le=2200, description="Publication year.")
    arxiv_id: ArxivId | None = Field(None, description="When present and scanned too, the page links to that scan.")
    relevance: Text | None = Field(None, description="Why the scanned paper cites it.")


class EngagementFactor(Contract):
    score: int = Field(ge=0, le=10, description="Attention estimate (the seed uses 0-2). Not a quality score.")
    justification: Text | None = Field(None, description="Why the auditor gave this score.")


class EngagementFactors(Contract):
    """v3+: how much attention the paper is likely to draw. Never part of the methodology score."""

    practical_relevance: EngagementFactor | None = Field(None, description="Attention from practical relevance.")
    surprise_contrarian: EngagementFactor | None = Field(None, description="Attention from surprise contrarian.")
    fear_safety: EngagementFactor | None = Field(None, description="Attention from fear safety.")
    drama_conflict: EngagementFactor | None = Field(None, description="Attention from drama conflict.")
    demo_ability: EngagementFactor | None = Field(None, description="Attention from demo ability.")
    brand_recognition: EngagementFactor | None = Field(None, description="Attention from brand recognition.")


class HnData(Contract):
    """v4+: the paper's Hacker News discussion, if any (attention, not quality)."""

    url: WebUrl | None = Field(None, description="The discussion page.")
    points: Count | None = Field(None, description="Points of the story.")
    comments: Count | None = Field(None, description="Number of comments.")


class StoredCounts(Contract):
    """Totals some audit pipelines store beside the items; they must agree with the items."""

    yes: Count = Field(description="Scored items answered yes.")
    applicable: Count = Field(description="Scored items that apply.")
    not_applicable: Count | None = Field(None, description="Scored items that do not apply.")


class PaperScan(Contract):
    """A methodology audit of one source paper (contract ``paper-scan-v5``, accepts scan versions 1-5)."""

    scan_version: int | None = Field(None, ge=1, description="Absent in v1. Versions above 5 are accepted.")
    demonstration: bool = Field(False, description="True for scans written by this project as demonstrations.")
    paper: ScannedPaper = Field(description="The scanned paper.")
    paper_type: PaperType | None = Field(None, description="v4+: the kind of paper, which selects `type_checklist`.")
    active_modules: list[Tag] | None = Field(
        None,
        max_length=50,
        description="v2+: audit modules that ran. A module category not listed here is shown and not scored. "
        "Absent (v1): every category present is scored.",
    )
    methodology_tags: list[Tag] = Field(default_factory=list, max_length=100, description="Kinds of method used.")
    key_findings: Text | None = Field(None, description="The paper's main findings, per the auditor.")
    checklist: Checklist = Field(description="The methodology checklist: category → item key → item.")
    type_checklist: Category | None = Field(None, description="v4+: items for the paper type; scored.")
    claims: list[ScanClaim] = Field(default_factory=list, max_length=10_000, description="Claims and their support.")
    red_flags: list[RedFlag] = Field(default_factory=list, max_length=10_000, description="Serious concerns.")
    cited_papers: list[CitedPaper] = Field(default_factory=list, max_length=10_000, description="Key references.")
    engagement_factors: EngagementFactors | None = Field(None, description="v3+: attention, not quality.")
    hn_data: HnData | None = Field(None, description="v4+: Hacker News discussion (attention, not quality).")
    stored_counts: StoredCounts | None = Field(
        None, description="Optional stored totals; a scan whose totals contradict its items is rejected."
    )
