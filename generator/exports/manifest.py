"""The record's public manifest (``manifest.json``, contract ``paper-manifest-v1.1``).

The pydantic models below are the contract: the published JSON Schema is generated from them,
and the manifest is built by filling them in, so the file cannot drift from its schema.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from generator import vocab
from generator.consistency import describe, disagreements
from generator.derive import short_id, verified_claim_count
from generator.exports import facts
from generator.exports.paths import EXPORT_FILES, Export, doi_url, export_url, record_url, schema_url
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig

SYNTHESIS_LIMITATION = (
    "Machine-generated literature synthesis: not original research and not human peer review; "
    "quality signals are automated triage."
)


class Published(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Publisher(Published):
    name: str
    url: str


class Identity(Published):
    id: UUID
    short_id: str = Field(examples=["SRCH:7C2E3A4B"])
    title: str
    submitted: date | None
    updated: date | None = Field(description="Last correction, else submission date.")
    publisher: Publisher
    doi: str | None
    doi_url: str | None
    page_url: str
    demonstration: bool


class Artifact(Published):
    kind: str = Field(examples=["manifest", "pdf", "lean4-proof"])
    label: str
    url: str | None = Field(description="Absolute URL; null when the artifact is not available.")
    media_type: str | None
    available: bool
    note: str | None = None


class QualitySignals(Published):
    review_score: float | None
    review_method: str | None
    verification_level: int | None
    verification_label: str | None
    claim_count: int | None
    verified_claim_count: int | None = Field(description="Counted from the claims table.")
    gate_status: str | None
    gate: str | None
    quality_tier: str | None
    quality_tier_label: str | None
    dimensions: dict[str, str] = Field(description="Assessed dimension key → level.")


class ProvenanceSummary(Published):
    level: int | None
    label: str | None
    report_artifact_available: bool
    external_record_registered: bool | None
    sources_retrieved: int | None
    reference_count: int | None
    contract: str = "source-provenance-v1"


class CorrectionSummary(Published):
    correction_state: Literal["CURRENT", "CORRECTED", "SUPERSEDED"] | None
    correction_count: int | None
    last_corrected_at: datetime | date | None
    correction_record_url: str | None
    known_superseded_manifest_urls: list[str]


class PaperManifest(Published):
    """The public manifest of one synthesis record."""

    contract: Literal["paper-manifest-v1.1"] = "paper-manifest-v1.1"
    schema_url: str = Field(alias="$schema")
    identity: Identity
    artifacts: list[Artifact]
    quality: QualitySignals
    provenance: ProvenanceSummary
    correction: CorrectionSummary
    limitations: list[str]


def _identity(record: SynthesisRecord, config: SiteConfig) -> Identity:
    return Identity(
        id=record.id,
        short_id=short_id(record.id),
        title=record.title,
        submitted=record.submitted,
        updated=facts.updated_on(record),
        publisher=Publisher(name=facts.publisher_name(record, config), url=facts.publisher_url(record, config)),
        doi=record.doi,
        doi_url=doi_url(record.doi) if record.doi else None,
        page_url=record_url(config, record.id),
        demonstration=record.demonstration,
    )


def _export_artifact(
    record: SynthesisRecord, config: SiteConfig, export: Export, available: bool, why: str
) -> Artifact:
    file = EXPORT_FILES[export]
    return Artifact(
        kind=export.value,
        label=file.label,
        url=export_url(config, record.id, export) if available else None,
        media_type=file.media_type,
        available=available,
        note=None if available else why,
    )


def artifacts(record: SynthesisRecord, config: SiteConfig) -> list[Artifact]:
    """Every export of the record, available or not, then the gate's reproducible artifacts."""
    report = facts.has_report(record)
    no_report = "The stored record has no report body."
    listed = [
        Artifact(
            kind="page", label="Record page", url=record_url(config, record.id), media_type="text/html", available=True
        )
    ]
    listed.append(_export_artifact(record, config, Export.MANIFEST, True, ""))
    listed.append(
        _export_artifact(
            record, config, Export.CORRECTIONS, record.correction_record is not None, "No correction record is stored."
        )
    )
    listed += [_export_artifact(record, config, e, True, "") for e in (Export.BIBTEX, Export.RIS, Export.CSL_JSON)]
    listed += [_export_artifact(record, config, e, report, no_report) for e in (Export.PDF, Export.JATS)]
    gate = record.gate_verdict.artifacts if record.gate_verdict else []
    listed += [
        Artifact(kind=a.kind.value, label=a.description or a.kind.value, url=a.url, media_type=None, available=True)
        for a in gate
    ]
    return listed


def _quality(record: SynthesisRecord) -> QualitySignals:
    level = record.verification.paper_level if record.verification else None
    tier = record.quality_tier.tier if record.quality_tier else None
    gate = record.gate_verdict
    dims = record.quality_dimensions
    assessed = {
        key: dim.level.value
        for _, key, _ in vocab.DIMENSIONS
        if dims is not None and (dim := getattr(dims, key)) is not None and dim.level.value != "UNASSESSED"
    }
    return QualitySignals(
        review_score=record.review_score,
        review_method=record.review_method,
        verification_level=level,
        verification_label=vocab.VERIFICATION_LEVEL_LABELS[level] if level is not None else None,
        claim_count=len(record.claims) if record.claims is not None else None,
        verified_claim_count=verified_claim_count(record),
        gate_status=gate.status.value if gate else None,
        gate=gate.gate if gate else None,
        quality_tier=tier.value if tier else None,
        quality_tier_label=vocab.TIER_LABELS[tier] if tier else None,
        dimensions=assessed,
    )


def _provenance(record: SynthesisRecord) -> ProvenanceSummary:
    card = record.provenance
    level = card.level if card else None
    return ProvenanceSummary(
        level=level,
        label=vocab.PROVENANCE_LEVEL_LABELS[level] if level is not None else None,
        report_artifact_available=facts.has_report(record),
        external_record_registered=True if record.doi else (card.external_record_registered if card else None),
        sources_retrieved=record.sources_retrieved,
        reference_count=len(record.references) if record.references is not None else None,
    )


def _correction(record: SynthesisRecord, config: SiteConfig) -> CorrectionSummary:
    card = record.correction_record
    return CorrectionSummary(
        correction_state=card.correction_state.value if card else None,
        correction_count=card.correction_count if card else None,
        last_corrected_at=card.last_corrected_at if card else None,
        correction_record_url=export_url(config, record.id, Export.CORRECTIONS) if card else None,
        known_superseded_manifest_urls=list(card.known_superseded_manifest_urls) if card else [],
    )


def limitations(record: SynthesisRecord) -> list[str]:
    """What a reader must know before relying on the record, most general first."""
    found = [SYNTHESIS_LIMITATION]
    if record.demonstration:
        found.append("Demonstration record written by the project; not a real synthesis.")
    gate = record.gate_verdict
    if gate is None or gate.status.value != "VERIFIED":
        found.append("No claim has passed Gate 2 verification (formal proof or sandbox reproduction).")
    found += [f"Stored numbers disagree: {d.topic}: {describe(d)}" for d in disagreements(record)]
    sections = record.report.sections if record.report else []
    found += [s.body.strip() for s in sections if "limitation" in s.heading.lower() and s.body.strip()]
    return found


def build_manifest(record: SynthesisRecord, config: SiteConfig) -> PaperManifest:
    return PaperManifest.model_validate(
        {
            "$schema": schema_url(config, "paper-manifest-v1.1"),
            "identity": _identity(record, config),
            "artifacts": artifacts(record, config),
            "quality": _quality(record),
            "provenance": _provenance(record),
            "correction": _correction(record, config),
            "limitations": limitations(record),
        }
    )


def to_json(model: BaseModel) -> bytes:
    """Stable JSON: keys in the model's fixed order, UTF-8, no layout whitespace (the files are
    machine-read; browsers and ``jq`` indent them for people), final newline. Pydantic encodes it."""
    return model.model_dump_json(by_alias=True).encode() + b"\n"


def manifest_bytes(record: SynthesisRecord, config: SiteConfig) -> bytes:
    return to_json(build_manifest(record, config))
