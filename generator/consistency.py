"""Find stored numbers that disagree with each other, so the page can show it.

The pipeline stores some numbers more than once (the claims table, the tier inputs, the
generated abstract). A page shows each count from one field; where another stored copy
says otherwise, that disagreement is shown, never smoothed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from generator.derive import expected_tier, verified_claim_count
from generator.formatting import score10
from generator.models.cards import CorrectionState
from generator.models.record import SynthesisRecord
from generator.vocab import TIER_LABELS


@dataclass(frozen=True)
class _InText:
    """A number stated in free text, and a lowercase run of letters every match contains: texts
    without it are not scanned (a regex scan of a record's texts costs ~0.03 ms; most lack it).
    The run has no i, s or k, which the regex's IGNORECASE also matches to ı, İ, ſ and K, whose
    ``lower()`` is not that letter; for every other letter, the run is in the lowered match."""

    pattern: re.Pattern[str]
    needle: str


_VERIFIED_IN_TEXT = _InText(re.compile(r"\b(\d+)\s+(?:were\s+|was\s+)?independently verified", re.I), "ndependently")
_EXTRACTED_IN_TEXT = _InText(re.compile(r"\b(\d+)\s+claims?\s+(?:were\s+|was\s+)?extracted", re.I), "xtracted")
_SCORE_IN_TEXT = _InText(re.compile(r"score of\s+(\d+(?:\.\d+)?)\s*/\s*10", re.I), "core of")


@dataclass(frozen=True)
class Reading:
    source: str
    value: str


@dataclass(frozen=True)
class Disagreement:
    topic: str
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class _Text:
    source: str
    text: str
    lowered: str


def _texts(record: SynthesisRecord) -> list[_Text]:
    """The free texts that state counts: the abstract, then each report section."""
    found = [("abstract text", record.abstract)] if record.abstract else []
    found += [(f"report section “{s.heading}”", s.body) for s in (record.report.sections if record.report else [])]
    return [_Text(source, text, text.lower()) for source, text in found]


def _text_numbers(texts: list[_Text], stated: _InText) -> list[Reading]:
    return [
        Reading(t.source, m.group(1))
        for t in texts
        if stated.needle in t.lowered
        for m in stated.pattern.finditer(t.text)
    ]


def _disagree(topic: str, readings: list[Reading]) -> list[Disagreement]:
    distinct = {Decimal(r.value) if _is_number(r.value) else r.value for r in readings}
    return [Disagreement(topic, tuple(readings))] if len(distinct) > 1 else []


def _is_number(value: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", value))


def _verified_claims(record: SynthesisRecord, texts: list[_Text]) -> list[Disagreement]:
    readings = []
    table = verified_claim_count(record)
    if table is not None:
        readings.append(Reading("claims table", str(table)))
    inputs = record.quality_tier.inputs if record.quality_tier else None
    if inputs and inputs.verified_claim_count is not None:
        readings.append(Reading("quality tier inputs", str(inputs.verified_claim_count)))
    return _disagree("Verified claims", readings + _text_numbers(texts, _VERIFIED_IN_TEXT))


def _extracted_claims(record: SynthesisRecord, texts: list[_Text]) -> list[Disagreement]:
    readings = [] if record.claims is None else [Reading("claims table", str(len(record.claims)))]
    found = _disagree("Extracted claims", readings + _text_numbers(texts, _EXTRACTED_IN_TEXT))
    grounded = record.verification.claim_summary.source_grounded_claims if record.verification else None
    if record.claims is not None and grounded is not None and grounded > len(record.claims):
        pair = (Reading("source-grounded claims", str(grounded)), readings[0])
        found.append(Disagreement("Source-grounded claims exceed extracted claims", pair))
    return found


def _review_score(record: SynthesisRecord, texts: list[_Text]) -> list[Disagreement]:
    readings = [] if record.review_score is None else [Reading("review score", str(record.review_score))]
    inputs = record.quality_tier.inputs if record.quality_tier else None
    if inputs and inputs.review_score is not None:
        readings.append(Reading("quality tier inputs", str(inputs.review_score)))
    return _disagree("Review score", readings + _text_numbers(texts, _SCORE_IN_TEXT))


def _corrections(record: SynthesisRecord) -> list[Disagreement]:
    card = record.correction_record
    if card is None:
        return []
    events = len(card.correction_events)
    found = _disagree(
        "Correction count",
        [Reading("correction count", str(card.correction_count)), Reading("listed events", str(events))],
    )
    if card.correction_state is CorrectionState.CORRECTED and events == 0:
        found.append(Disagreement("Correction state", (Reading("status", "CORRECTED"), Reading("listed events", "0"))))
    return found


def _tier(record: SynthesisRecord) -> list[Disagreement]:
    expected = expected_tier(record)
    if record.quality_tier is None or expected is None or expected is record.quality_tier.tier:
        return []
    stored = Reading("stored tier", TIER_LABELS[record.quality_tier.tier])
    return [Disagreement("Quality tier", (stored, Reading("thresholds on stored inputs", TIER_LABELS[expected])))]


def _external_record(record: SynthesisRecord) -> list[Disagreement]:
    registered = record.provenance.external_record_registered if record.provenance else None
    if registered is False and record.doi:
        pair = (Reading("external record", "Not registered"), Reading("DOI", record.doi))
        return [Disagreement("External record", pair)]
    return []


def disagreements(record: SynthesisRecord) -> list[Disagreement]:
    """Every disagreement between stored numbers of one record, in a fixed order."""
    texts = _texts(record)
    return [
        *_verified_claims(record, texts),
        *_extracted_claims(record, texts),
        *_review_score(record, texts),
        *_corrections(record),
        *_tier(record),
        *_external_record(record),
    ]


def describe(item: Disagreement) -> str:
    """Plain text: ``"claims table 0 · quality tier inputs 10"``."""
    return " · ".join(f"{r.source} {r.value}" for r in item.readings)


__all__ = ["Disagreement", "Reading", "describe", "disagreements", "score10"]
