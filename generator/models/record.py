"""The stored synthesis record (one JSON file per report): identity, text and cards."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import Field

from generator.models.base import Contract, Count, Score10, ShortText, Text, Unit, WebUrl
from generator.models.cards import (
    CorrectionRecord,
    GateVerdict,
    Provenance,
    QualityDimensions,
    QualityTier,
    VerificationLevel,
)

DOI_PATTERN = r"^10\.\d{4,9}/[^\s<>\"]+$"


class Publisher(Contract):
    name: ShortText = Field(description="Publisher name shown in the Provenance card.")
    url: WebUrl | None = Field(None, description="Publisher home page.")


class Claim(Contract):
    """One row of the Extracted Claims table."""

    text: Text = Field(description="The claim as extracted (shown as plain text).")
    verified: bool = Field(description="Verified against retrieved documents (✓) or not (×).")
    confidence: Unit = Field(description="Extractor confidence, 0–1.")


class Reference(Contract):
    """A cited source. An arXiv id is parsed from arXiv abstract URLs."""

    url: WebUrl = Field(description="http(s) URL; arXiv abstract URLs give the arXiv id.")
    title: ShortText | None = Field(None, description="Title of the cited work.")
    authors: list[ShortText] = Field(default_factory=list, max_length=500, description="Authors, in order.")
    year: int | None = Field(None, ge=1500, le=2200, description="Publication year.")


class ReportSection(Contract):
    heading: ShortText = Field(description="Section heading, without its number.")
    body: Text = Field(description="Markdown. Raw HTML is shown as text; links must be http(s).")


class Report(Contract):
    format: Literal["markdown"] = Field("markdown", description="Source format of the section bodies.")
    sections: list[ReportSection] = Field(default_factory=list, max_length=200, description="Sections in order.")


class SynthesisRecord(Contract):
    """A synthesis report as stored by the pipeline (contract ``synthesis-record-v1``).

    Every card is optional: a card the pipeline did not store is shown as "not recorded",
    never filled in.
    """

    contract: Literal["synthesis-record-v1"] = Field("synthesis-record-v1", description="Contract name.")
    id: UUID = Field(description="Record UUID; the short id is SRCH: + its first 8 hex digits.")
    title: ShortText = Field(min_length=1, description="Report title.")
    demonstration: bool = Field(False, description="True for demonstration records, labelled on the page.")
    submitted: date | None = Field(None, description="Submission date (YYYY-MM-DD).")
    publisher: Publisher | None = Field(None, description="Defaults to the site's publisher.")
    doi: str | None = Field(
        None, pattern=DOI_PATTERN, max_length=300, description="Registered DOI, without a resolver."
    )
    research_question: Text | None = Field(None, description="The question the synthesis answers.")
    abstract: Text | None = Field(None, description="Abstract, as plain text paragraphs.")
    report: Report | None = Field(None, description="The report body sections.")
    claims: list[Claim] | None = Field(
        None, max_length=10_000, description="Extracted claims; null = not recorded, [] = none extracted."
    )
    references: list[Reference] | None = Field(None, max_length=10_000, description="Cited sources.")
    review_score: Score10 | None = Field(None, description="Automated review score, 0–10.")
    review_method: ShortText | None = Field(None, description="How the review score was produced.")
    sources_retrieved: Count | None = Field(None, description="Papers retrieved by the literature search.")
    verification: VerificationLevel | None = Field(None, description="Verification Level card.")
    gate_verdict: GateVerdict | None = Field(None, description="Truth-Engine Gate Verdict card (optional).")
    quality_tier: QualityTier | None = Field(None, description="Quality Tier card.")
    quality_dimensions: QualityDimensions | None = Field(None, description="Quality Dimensions card.")
    correction_record: CorrectionRecord | None = Field(None, description="Correction Record card.")
    provenance: Provenance | None = Field(None, description="Provenance card.")
