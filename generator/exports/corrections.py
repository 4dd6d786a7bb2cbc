"""The record's correction record as its own JSON file (contract ``correction-record-v1``).

Events are published as stored, in stored order: corrections are additive, never edited or dropped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from generator.exports.manifest import Published, to_json
from generator.exports.paths import Export, export_url, record_url, schema_url
from generator.models.cards import CorrectionEvent, CorrectionState
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig


class PublishedCorrectionRecord(Published):
    """The public correction record of one synthesis record."""

    contract: Literal["correction-record-v1"] = "correction-record-v1"
    schema_url: str = Field(alias="$schema")
    record_id: UUID
    record_url: str
    manifest_url: str
    manifest_contract: str
    correction_state: CorrectionState
    correction_count: int = Field(ge=0)
    last_corrected_at: datetime | date | None
    correction_events: list[CorrectionEvent] = Field(description="Every event, in stored order.")
    known_superseded_manifest_urls: list[str]


def build_correction_record(record: SynthesisRecord, config: SiteConfig) -> PublishedCorrectionRecord | None:
    """None when the record stores no correction record (the page says "not recorded")."""
    card = record.correction_record
    if card is None:
        return None
    return PublishedCorrectionRecord.model_validate(
        {
            "$schema": schema_url(config, "correction-record-v1"),
            "record_id": record.id,
            "record_url": record_url(config, record.id),
            "manifest_url": export_url(config, record.id, Export.MANIFEST),
            "manifest_contract": card.manifest_contract,
            "correction_state": card.correction_state,
            "correction_count": card.correction_count,
            "last_corrected_at": card.last_corrected_at,
            "correction_events": list(card.correction_events),
            "known_superseded_manifest_urls": list(card.known_superseded_manifest_urls),
        }
    )


def correction_bytes(record: SynthesisRecord, config: SiteConfig) -> bytes | None:
    built = build_correction_record(record, config)
    return None if built is None else to_json(built)
