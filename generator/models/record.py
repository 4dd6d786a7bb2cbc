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
    name: ShortText
    url: WebUrl | None = None


class Claim(Contract):
    """One row of the Extracted Claims table."""

    text: Text
    verified: bool
    confidence: Unit


class Reference(Contract):
    """A cited source. An arXiv id is parsed from arXiv abstract URLs."""

    url: WebUrl
    title: ShortText | None = None
    authors: list[ShortText] = Field(default_factory=list, max_length=500)
    year: int | None = Field(None, ge=1500, le=2200)


class ReportSection(Contract):
    heading: ShortText
    body: Text = Field(description="Markdown. Raw HTML is shown as text; links must be http(s).")


class Report(Contract):
    format: Literal["markdown"] = "markdown"
    sections: list[ReportSection] = Field(default_factory=list, max_length=200)


class SynthesisRecord(Contract):
    """A synthesis report as stored by the pipeline (contract ``synthesis-record-v1``).

    Every card is optional: a card the pipeline did not store is shown as "not recorded",
    never filled in.
    """

    contract: Literal["synthesis-record-v1"] = "synthesis-record-v1"
    id: UUID
    title: ShortText = Field(min_length=1)
    demonstration: bool = Field(False, description="True for demonstration records, labelled on the page.")
    submitted: date | None = None
    publisher: Publisher | None = Field(None, description="Defaults to the site's publisher.")
    doi: str | None = Field(None, pattern=DOI_PATTERN, max_length=300)
    research_question: Text | None = None
    abstract: Text | None = None
    report: Report | None = None
    claims: list[Claim] | None = Field(None, max_length=10_000)
    references: list[Reference] | None = Field(None, max_length=10_000)
    review_score: Score10 | None = None
    review_method: ShortText | None = None
    sources_retrieved: Count | None = None
    verification: VerificationLevel | None = None
    gate_verdict: GateVerdict | None = None
    quality_tier: QualityTier | None = None
    quality_dimensions: QualityDimensions | None = None
    correction_record: CorrectionRecord | None = None
    provenance: Provenance | None = None
