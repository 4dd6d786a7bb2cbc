"""Disagreements between stored copies of the same number are found, and agreement is quiet."""

from __future__ import annotations

import json
from pathlib import Path

from generator.consistency import describe, disagreements
from generator.models.record import SynthesisRecord
from tests.helpers import ROOT

RECORDS = ROOT / "content" / "records"


def load(name: str) -> SynthesisRecord:
    return SynthesisRecord.model_validate_json((RECORDS / name).read_text(), strict=True)


def record(**fields: object) -> SynthesisRecord:
    return SynthesisRecord.model_validate({"id": "7c2e3a4b-0000-4000-8000-000000000000", "title": "T", **fields})


def claims(verified: int, total: int) -> list[dict[str, object]]:
    return [{"text": f"c{i}", "verified": i < verified, "confidence": 0.1} for i in range(total)]


def test_seed_records_agree_with_themselves() -> None:
    for path in sorted(Path(RECORDS).glob("*.json")):
        data = json.loads(path.read_text())
        if "disagree" not in data["title"]:
            assert disagreements(load(path.name)) == [], path.name


def test_verified_claims_10_beside_abstract_0_is_reported() -> None:
    found = disagreements(load("d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e4004.json"))
    assert [d.topic for d in found] == ["Verified claims"]
    assert describe(found[0]) == "claims table 0 · quality tier inputs 10 · abstract text 0"


def test_text_counts_are_compared_with_the_table() -> None:
    abstract = "5 claims were extracted from source literature; 2 were independently verified against documents."
    found = disagreements(record(abstract=abstract, claims=claims(1, 5)))
    assert [d.topic for d in found] == ["Verified claims"]
    found = disagreements(record(abstract=abstract, claims=claims(2, 4)))
    assert [d.topic for d in found] == ["Extracted claims"]


def test_review_score_copies_compare_as_numbers() -> None:
    text = "An automated multi-reviewer quality assessment produced a score of 2.0/10."
    assert disagreements(record(review_score=2, abstract=text)) == []
    found = disagreements(record(review_score=2.5, abstract=text))
    assert describe(found[0]) == "review score 2.5 · abstract text 2.0"


def test_correction_count_against_events() -> None:
    event = {"event_id": "e1", "corrected_at": "2026-06-01", "correction_type": "METADATA"}
    card = {"correction_state": "CORRECTED", "correction_count": 2, "correction_events": [event]}
    assert [d.topic for d in disagreements(record(correction_record=card))] == ["Correction count"]
    card = {"correction_state": "CORRECTED", "correction_count": 0}
    assert [d.topic for d in disagreements(record(correction_record=card))] == ["Correction state"]


def test_stored_tier_against_thresholds() -> None:
    tier = {"tier": "DOI_GRADE", "inputs": {"review_score": 6.0, "verified_claim_count": 3}}
    found = disagreements(record(quality_tier=tier))
    assert describe(found[0]) == "stored tier DOI grade · thresholds on stored inputs Watchlist"


def test_source_grounded_cannot_exceed_extracted() -> None:
    verification = {"paper_level": 2, "claim_summary": {"source_grounded_claims": 9}}
    found = disagreements(record(verification=verification, claims=claims(0, 3)))
    assert [d.topic for d in found] == ["Source-grounded claims exceed extracted claims"]


def test_external_record_not_registered_beside_a_doi() -> None:
    found = disagreements(record(doi="10.5281/zenodo.1", provenance={"external_record_registered": False}))
    assert [d.topic for d in found] == ["External record"]
