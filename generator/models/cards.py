"""The record cards of a synthesis record, one model per published contract."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from generator.models.base import Contract, Count, Score10, ShortText, Text, WebUrl


class ClaimSummary(Contract):
    """Aggregate claim counters of ``verification-levels-v1``; absent means not recorded."""

    source_grounded_claims: Count | None = None
    cross_source_corroborated_claims: Count | None = None
    artifact_inspected_claims: Count | None = None
    sandbox_executed_claims: Count | None = None
    independently_reproduced_claims: Count | None = None
    externally_reviewed_or_formally_verified_claims: Count | None = None


class VerificationLevel(Contract):
    """Verification Level card (contract ``verification-levels-v1``)."""

    contract: Literal["verification-levels-v1"] = "verification-levels-v1"
    paper_level: int = Field(ge=0, le=7, description="L0–L7; labels are in the quality guide.")
    claim_summary: ClaimSummary = ClaimSummary()
    claim_record_source: ShortText | None = Field(None, examples=["parsed source sections"])


class GateStatus(StrEnum):
    UNVERIFIED = "UNVERIFIED"
    VERIFIED = "VERIFIED"
    FALSIFIED = "FALSIFIED"


class ArtifactKind(StrEnum):
    LEAN4_PROOF = "lean4-proof"
    REPRODUCTION = "reproduction"


class GateArtifact(Contract):
    """A reproducible artifact attached to a VERIFIED verdict."""

    kind: ArtifactKind
    url: WebUrl
    description: ShortText | None = None


class GateVerdict(Contract):
    """Truth-Engine Gate Verdict card (contract ``gate-verdict-v1``); optional."""

    contract: Literal["gate-verdict-v1"] = "gate-verdict-v1"
    status: GateStatus
    gate: ShortText = Field(examples=["Gate 2 — Verification (formal proof or sandbox reproduction)"])
    reason: Text | None = None
    evaluated_at: datetime | None = None
    artifacts: list[GateArtifact] = Field(default_factory=list, max_length=100)
    evidence: Text | None = Field(None, description="Evidence of failure; required when FALSIFIED.")

    @model_validator(mode="after")
    def _status_has_its_evidence(self) -> GateVerdict:
        if self.status is GateStatus.VERIFIED and not self.artifacts:
            raise ValueError("at least one reproducible artifact in `artifacts` when status is VERIFIED")
        if self.status is GateStatus.FALSIFIED and not self.evidence:
            raise ValueError("the evidence of failure in `evidence` when status is FALSIFIED")
        return self


class Tier(StrEnum):
    FLAGSHIP_CANDIDATE = "FLAGSHIP_CANDIDATE"
    DOI_GRADE = "DOI_GRADE"
    PUBLIC_RECORD = "PUBLIC_RECORD"
    WATCHLIST = "WATCHLIST"
    QUARANTINE_CANDIDATE = "QUARANTINE_CANDIDATE"


class Level(StrEnum):
    UNASSESSED = "UNASSESSED"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class TierInputs(Contract):
    review_score: Score10 | None = None
    verified_claim_count: Count | None = None
    artifact_types: list[ShortText] = Field(default_factory=list, max_length=100)
    reproducibility_level: Level | None = None


class QualityTier(Contract):
    """Quality Tier card (contract ``quality-tiers-v1``)."""

    contract: Literal["quality-tiers-v1"] = "quality-tiers-v1"
    tier: Tier
    basis: Text | None = None
    inputs: TierInputs | None = None


class Dimension(Contract):
    score: Score10 | None = None
    level: Level = Level.UNASSESSED
    basis: Text | None = None


class QualityDimensions(Contract):
    """Quality Dimensions card (contract ``quality-dimensions-v1``): D-1 … D-8."""

    contract: Literal["quality-dimensions-v1"] = "quality-dimensions-v1"
    evidence_strength: Dimension | None = None
    citation_grounding: Dimension | None = None
    numerical_consistency: Dimension | None = None
    benchmark_validity: Dimension | None = None
    novelty: Dimension | None = None
    uncertainty_disclosure: Dimension | None = None
    reproducibility_status: Dimension | None = None
    safety_impact: Dimension | None = None


class CorrectionState(StrEnum):
    CURRENT = "CURRENT"
    CORRECTED = "CORRECTED"
    SUPERSEDED = "SUPERSEDED"


class CorrectionType(StrEnum):
    METADATA = "METADATA"
    ARTIFACT = "ARTIFACT"
    CLAIM = "CLAIM"
    BENCHMARK = "BENCHMARK"
    PROVENANCE = "PROVENANCE"
    QUALITY_ASSESSMENT = "QUALITY_ASSESSMENT"


class CorrectionEvent(Contract):
    event_id: ShortText
    corrected_at: datetime | date
    correction_type: CorrectionType
    public_note: Text | None = None
    affected_fields: list[ShortText] = Field(default_factory=list, max_length=200)


class CorrectionRecord(Contract):
    """Correction Record card (contract ``correction-record-v1``). Events are additive."""

    correction_state: CorrectionState
    correction_count: Count = 0
    last_corrected_at: datetime | date | None = None
    correction_events: list[CorrectionEvent] = Field(default_factory=list, max_length=10_000)
    known_superseded_manifest_urls: list[WebUrl] = Field(default_factory=list, max_length=1_000)
    manifest_contract: ShortText = "paper-manifest-v1.1"
    correction_contract: ShortText = "correction-record-v1"


class Provenance(Contract):
    """Provenance card (contract ``source-provenance-v1``).

    Publisher, review method, claim lineage and the DOI come from their own record fields;
    this card holds only what is not stored elsewhere.
    """

    contract: Literal["source-provenance-v1"] = "source-provenance-v1"
    level: int | None = Field(None, ge=0, le=5, description="Public provenance level L0–L5.")
    report_artifact_available: bool | None = None
    external_record_registered: bool | None = None
    note: Text | None = None
