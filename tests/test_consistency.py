"""Disagreements between stored copies of the same number are found, and agreement is quiet."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from generator.consistency import _EXTRACTED_IN_TEXT, _SCORE_IN_TEXT, _VERIFIED_IN_TEXT, describe, disagreements
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


def test_counts_in_text_are_read_whatever_their_case() -> None:
    text = "13 CLAIMS Were EXTRACTED; 2 were Independently Verified. A Score Of 7.5 / 10."
    found = disagreements(record(abstract=text, review_score=7.5, claims=claims(3, 13)))
    assert [describe(d) for d in found] == ["claims table 3 · abstract text 2"]
    found = disagreements(record(abstract=text, review_score=8, claims=claims(2, 12)))
    assert [describe(d) for d in found] == [
        "claims table 12 · abstract text 13",
        "review score 8.0 · abstract text 7.5",
    ]


def test_a_text_is_skipped_only_when_no_match_can_be_in_it() -> None:
    # Texts are scanned only when their lowered form holds a run of the pattern's literal: sound
    # only if every character IGNORECASE matches to a letter of the run lowers to that letter.
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    for stated in (_VERIFIED_IN_TEXT, _EXTRACTED_IN_TEXT, _SCORE_IN_TEXT):
        assert stated.needle in stated.pattern.pattern.lower()
        for letter in set(stated.needle) - {" "}:
            assert {found.lower() for found in re.findall(re.escape(letter), everything, re.I)} == {letter}
