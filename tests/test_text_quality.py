"""Extraction damage is flagged as a notice (never fixed): lost ligatures and mojibake."""

from __future__ import annotations

import json

from generator.errors import Severity
from generator.models.record import SynthesisRecord
from generator.text_quality import lost_ligatures, mojibake, text_notices
from tests.helpers import ROOT

SEED_002 = ROOT / "content/records/4ab614f9-e0cb-5152-b96b-bcfd2d6d5f88.json"


def test_seed_002_lost_ligatures_are_found() -> None:
    abstract = json.loads(SEED_002.read_text())["abstract"]
    assert lost_ligatures(abstract) == [("netune", "finetune"), ("nd", "find"), ("efciently", "efficiently")]


def test_clean_text_and_near_misses_are_quiet() -> None:
    text = "We find that fine-tuning is efficient; the 2nd run and the first field figure are fine."
    assert lost_ligatures(text) == [] and mojibake(text) == []
    assert lost_ligatures("a con guration and the e ect") == [("con guration", "configuration"), ("e ect", "effect")]


def test_mojibake_is_found() -> None:
    assert mojibake("Itâ€™s a cafÃ© with a \ufffd") == ["Ã©", "â€™", "\ufffd"]


def test_notices_name_the_field_and_the_record_is_unchanged() -> None:
    record = SynthesisRecord.model_validate_json(SEED_002.read_text(), strict=True)
    notices = text_notices(record, "content/records/x.json")
    assert {(n.path, n.severity) for n in notices} == {("abstract", Severity.NOTICE)}
    assert "netune" in (record.abstract or "")
