"""Extraction damage is flagged as a notice (never fixed): lost ligatures and mojibake."""

from __future__ import annotations

import json

import pytest

from generator.errors import Severity
from generator.models.record import SynthesisRecord
from generator.text_quality import lost_ligatures, mojibake, text_damage, text_notices
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


CLEAN = ROOT / "content/records/7c2e3a4b-0000-4000-8000-000000000000.json"
# Field text whose JSON form hides or splits what the field shows: escapes before a damaged
# token, \u-escaped letters and mojibake, astral characters, non-breaking spaces in a pair.
TRICKY_TEXT = [
    ("x\tnetune and y\nnd", True),
    ("the e\r\ncient method", True),
    ('a "nd" b \\nd', True),
    ("caf\u00c3\u00a9 and \u00e2\u20ac\u2122", True),
    ("\U0001d400 nd", True),
    ("\U0001d400nd", False),
    ("the e\u00a0ect", True),
    ("\u0066ind the fine-tuning of the first field", False),
    ("tab\there, no damage: we find it efficient", False),
]


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize(("text", "damaged"), TRICKY_TEXT)
def test_the_whole_file_check_never_misses_a_damaged_field(text: str, damaged: bool, ensure_ascii: bool) -> None:
    record = json.loads(CLEAN.read_text())
    record["abstract"] = text
    record["claims"] = [{"text": text, "verified": False, "confidence": 0.5}]
    document = json.dumps(record, ensure_ascii=ensure_ascii)
    notices = text_notices(SynthesisRecord.model_validate_json(document, strict=True), "x.json")
    assert bool(notices) is damaged
    assert text_damage(document) or not notices


def test_clean_files_pass_the_whole_file_check() -> None:
    assert not text_damage(CLEAN.read_text())
    assert text_damage(SEED_002.read_text())
