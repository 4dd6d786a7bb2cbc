"""The record cards of a synthesis record, one model per published contract."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from generator.models.base import Contract, Count, Score10, ShortText, Text, WebUrl


class ClaimSummary(Contract):
    """Aggregate claim counters of ``verification-levels-v1``; absent means not recorded."""

    source_grounded_claims: Count | None = Field(None, description="Claims tied to a parsed source passage.")
    cross_source_corroborated_claims: Count | None = Field(
        None, description="Claims supported by more than one source."
    )
    artifact_inspected_claims: Count | None = Field(None, description="Claims checked against released artifacts.")
    sandbox_executed_claims: Count | None = Field(None, description="Claims checked by running artifacts in a sandbox.")
    independently_reproduced_claims: Count | None = Field(None, description="Claims reproduced independently.")
    externally_reviewed_or_formally_verified_claims: Count | None = Field(
        None, description="Claims that passed external review or a formal proof."
    )


class VerificationLevel(Contract):
    """Verification Level card (contract ``verification-levels-v1``)."""

    contract: Literal["verification-levels-v1"] = Field("verification-levels-v1", description="Contract name.")
    paper_level: int = Field(ge=0, le=7, description="L0–L7; labels are in the quality guide.")
    claim_summary: ClaimSummary = Field(ClaimSummary(), description="Aggregate claim counters.")
    claim_record_source: ShortText | None = Field(
        None, description="Where the claim record was taken from.", examples=["parsed source sections"]
    )


class GateStatus(StrEnum):
    UNVERIFIED = "UNVERIFIED"
    VERIFIED = "VERIFIED"
    FALSIFIED = "FALSIFIED"


class ArtifactKind(StrEnum):
    LEAN4_PROOF = "lean4-proof"
    REPRODUCTION = "reproduction"


class GateArtifact(Contract):
    """A reproducible artifact attached to a VERIFIED verdict."""

    kind: ArtifactKind = Field(description="`lean4-proof` or `reproduction` (script and results).")
    url: WebUrl = Field(description="Where the artifact can be downloaded.")
    description: ShortText | None = Field(None, description="Link text shown on the page.")


class GateVerdict(Contract):
    """Truth-Engine Gate Verdict card (contract ``gate-verdict-v1``); optional."""

    contract: Literal["gate-verdict-v1"] = Field("gate-verdict-v1", description="Contract name.")
    status: GateStatus = Field(description="VERIFIED needs `artifacts`; FALSIFIED needs `evidence`.")
    gate: ShortText = Field(
        description="Which gate gave the verdict.",
        examples=["Gate 2 — Verification (formal proof or sandbox reproduction)"],
    )
    reason: Text | None = Field(None, description="Why the verdict has its status.")
    evaluated_at: datetime | None = Field(None, description="When the gate evaluated the record.")
    artifacts: list[GateArtifact] = Field(
        default_factory=list, max_length=100, description="Reproducible artifacts; required for VERIFIED."
    )
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
    review_score: Score10 | None = Field(None, description="Score the tier was computed from (0–10).")
    verified_claim_count: Count | None = Field(None, description="Verified claims the tier was computed from.")
    artifact_types: list[ShortText] = Field(
        default_factory=list, max_length=100, description="Kinds of attached artifacts."
    )
    reproducibility_level: Level | None = Field(None, description="Reproducibility the tier was computed from.")


class QualityTier(Contract):
    """Quality Tier card (contract ``quality-tiers-v1``)."""

    contract: Literal["quality-tiers-v1"] = Field("quality-tiers-v1", description="Contract name.")
    tier: Tier = Field(description="The stored tier; the page checks it against the thresholds.")
    basis: Text | None = Field(None, description="One-sentence reason for the tier.")
    inputs: TierInputs | None = Field(None, description="The values the tier was computed from.")


class Dimension(Contract):
    score: Score10 | None = Field(None, description="0–10, or null when not scored.")
    level: Level = Field(Level.UNASSESSED, description="UNASSESSED dimensions are not listed on the page.")
    basis: Text | None = Field(None, description="Why the dimension has its level.")


class QualityDimensions(Contract):
    """Quality Dimensions card (contract ``quality-dimensions-v1``): D-1 … D-8."""

    contract: Literal["quality-dimensions-v1"] = Field("quality-dimensions-v1", description="Contract name.")
    evidence_strength: Dimension | None = Field(None, description="Evidence strength; null = not recorded.")
    citation_grounding: Dimension | None = Field(None, description="Citation grounding; null = not recorded.")
    numerical_consistency: Dimension | None = Field(None, description="Numerical consistency; null = not recorded.")
    benchmark_validity: Dimension | None = Field(None, description="Benchmark validity; null = not recorded.")
    novelty: Dimension | None = Field(None, description="Novelty; null = not recorded.")
    uncertainty_disclosure: Dimension | None = Field(None, description="Uncertainty disclosure; null = not recorded.")
    reproducibility_status: Dimension | None = Field(None, description="Reproducibility status; null = not recorded.")
    safety_impact: Dimension | None = Field(None, description="Safety impact; null = not recorded.")


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
    event_id: ShortText = Field(description="Stable id of the event.")
    corrected_at: datetime | date = Field(description="When the correction was published.")
    correction_type: CorrectionType = Field(description="What kind of thing was corrected.")
    public_note: Text | None = Field(None, description="The public explanation of the correction.")
    affected_fields: list[ShortText] = Field(
        default_factory=list, max_length=200, description="Field paths the correction changed."
    )


class CorrectionRecord(Contract):
    """Correction Record card (contract ``correction-record-v1``). Events are additive."""

    correction_state: CorrectionState = Field(description="CURRENT, CORRECTED or SUPERSEDED.")
    correction_count: Count = Field(0, description="Stored count; the page checks it against the events.")
    last_corrected_at: datetime | date | None = Field(None, description="When the latest correction was published.")
    correction_events: list[CorrectionEvent] = Field(
        default_factory=list, max_length=10_000, description="Every correction, oldest first; never edited."
    )
    known_superseded_manifest_urls: list[WebUrl] = Field(
        default_factory=list, max_length=1_000, description="Earlier manifests this record supersedes."
    )
    manifest_contract: ShortText = Field("paper-manifest-v1.1", description="Manifest contract version.")
    correction_contract: ShortText = Field("correction-record-v1", description="Correction contract version.")


class Provenance(Contract):
    """Provenance card (contract ``source-provenance-v1``).

    Publisher, review method, claim lineage and the DOI come from their own record fields;
    this card holds only what is not stored elsewhere.
    """

    contract: Literal["source-provenance-v1"] = Field("source-provenance-v1", description="Contract name.")
    level: int | None = Field(None, ge=0, le=5, description="Public provenance level L0–L5.")
    report_artifact_available: bool | None = Field(None, description="Whether the full report is downloadable.")
    external_record_registered: bool | None = Field(None, description="Whether an external record (DOI) exists.")
    note: Text | None = Field(None, description="The publisher's note on the nature of the record.")
