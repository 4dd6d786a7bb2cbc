"""Manifest and correction record validated against their published JSON Schemas (jsonschema)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from generator.exports.corrections import correction_bytes
from generator.exports.manifest import manifest_bytes
from generator.exports.tree import PUBLISHED_SCHEMAS
from generator.schema import schema_files
from tests.export_fixtures import CORRECTED, NO_REPORT, SEED_000, config, hostile, record, records


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        schema_files(PUBLISHED_SCHEMAS, config().site_url)[f"schemas/{name}.schema.json"]
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("rec", [*records(), hostile()], ids=lambda r: str(r.id)[:8])
def test_every_manifest_matches_its_schema(rec: Any) -> None:
    manifest = json.loads(manifest_bytes(rec, config()))
    jsonschema.validate(manifest, _schema("paper-manifest-v1.1"))
    assert manifest["identity"]["title"] == rec.title
    assert manifest["$schema"] == "https://records.example.org/schemas/paper-manifest-v1.1.schema.json"


def test_manifest_lists_artifacts_with_urls_and_media_types() -> None:
    manifest = json.loads(manifest_bytes(record(SEED_000), config()))
    artifacts = {a["kind"]: a for a in manifest["artifacts"]}
    base = f"https://records.example.org/records/{SEED_000}/"
    assert artifacts["pdf"] == {
        "kind": "pdf",
        "label": "Report (PDF)",
        "url": base + "report.pdf",
        "media_type": "application/pdf",
        "available": True,
        "note": None,
    }
    assert artifacts["bibtex"]["url"] == base + "citation.bib"
    assert manifest["quality"]["quality_tier"] == "QUARANTINE_CANDIDATE"
    assert manifest["quality"]["verified_claim_count"] == 0
    assert manifest["correction"]["correction_state"] == "CURRENT"
    assert manifest["limitations"][0].startswith("Machine-generated literature synthesis")


def test_manifest_says_when_there_is_no_report_body() -> None:
    manifest = json.loads(manifest_bytes(record(NO_REPORT), config()))
    artifacts = {a["kind"]: a for a in manifest["artifacts"]}
    for kind in ("pdf", "jats"):
        assert artifacts[kind]["available"] is False and artifacts[kind]["url"] is None
        assert artifacts[kind]["note"] == "The stored record has no report body."
    assert manifest["provenance"]["report_artifact_available"] is False


def test_correction_record_matches_schema_and_keeps_every_event_in_order() -> None:
    stored = record(CORRECTED).correction_record
    assert stored is not None and stored.correction_events
    published = json.loads(correction_bytes(record(CORRECTED), config()) or b"null")
    jsonschema.validate(published, _schema("correction-record-v1"))
    assert [e["event_id"] for e in published["correction_events"]] == [e.event_id for e in stored.correction_events]
    assert published["correction_state"] == "CORRECTED"
    assert published["manifest_url"].endswith(f"/records/{CORRECTED}/manifest.json")


def test_schema_rejects_a_manifest_missing_its_identity() -> None:
    manifest = json.loads(manifest_bytes(record(SEED_000), config()))
    del manifest["identity"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(manifest, _schema("paper-manifest-v1.1"))
