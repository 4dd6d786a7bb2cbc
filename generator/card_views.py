"""The six record cards as rows of display values. Computes; never lays out."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from generator import vocab
from generator.exports.artifacts_view import report_artifact_links
from generator.formatting import count, score10, timestamp
from generator.links import GUIDE_URL, anchor, linked, row_label
from generator.models.cards import CorrectionRecord, GateStatus, Level
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig
from generator.text import Md, inline, url

NOT_RECORDED = Md("<em>not recorded</em>")


class Row(NamedTuple):
    """A table row: its cells, in order (a template joins them)."""

    label: Md
    value: Md


@dataclass(frozen=True)
class Table:
    """A small table inside a card (correction events)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Md, ...], ...]


@dataclass(frozen=True)
class Card:
    key: str
    title: Md
    recorded: bool
    rows: tuple[Row, ...]
    caveat: Md
    tables: tuple[Table, ...] = field(default=())


CAVEATS = {
    "Verification Level": "Descriptive public verification status only; aggregate claim counts are public, "
    "but individual claim records are not exposed here.",
    "Quality Tier": "Descriptive public triage only; this tier does not alter current publication or DOI behavior.",
    "Quality Dimensions": "Automated triage signals derived from public fields; not human peer review "
    "or independent validation.",
    "Correction Record": "Public corrections are additive records. Current status does not claim the "
    "synthesis is error-free.",
    "Provenance": "Provenance says where this record came from and how it was made; it does not vouch for the claims.",
}
GATE_CAVEATS = {
    GateStatus.UNVERIFIED: "This record has not completed Gate 2 of the verification pipeline (a type-checked "
    "Lean4 proof for mathematical claims, or a sealed-sandbox reproduction for empirical claims). It is a "
    "literature synthesis only. VERIFIED requires an attached reproducible artifact (Lean4 proof source, or "
    "repro script and results) before this status can be set; it is not derived from review score or claim count.",
    GateStatus.VERIFIED: "VERIFIED means the attached artifact reproduced or proved the gated claims; it does "
    "not verify the rest of the synthesis, and it is not derived from review score or claim count.",
    GateStatus.FALSIFIED: "FALSIFIED means the gate's check failed on the evidence shown; it judges the gated "
    "claims only, not every source the synthesis cites.",
}


def _card(title: str, prefix: str, rows: list[Row] | None, caveat: str, tables: tuple[Table, ...] = ()) -> Card:
    return Card(
        key=vocab.CARD_ANCHORS[title],
        title=linked(title, vocab.CARD_ANCHORS[title], prefix),
        recorded=rows is not None,
        rows=tuple(rows or ()),
        caveat=_inert_caveat(caveat),
        tables=tables,
    )


@lru_cache(maxsize=64)
def _inert_caveat(caveat: str) -> Md:
    """A card's caveat (one of the fixed texts above) as inert HTML, made once."""
    return inline(caveat)


def _or_not_recorded(value: Md | None) -> Md:
    return NOT_RECORDED if value is None else value


def verification_value(level: int, prefix: str) -> Md:
    text = f"L{level}, {vocab.VERIFICATION_LEVEL_LABELS[level]}"
    return linked(text, vocab.verification_anchor(level), prefix)


def verification_card(record: SynthesisRecord, prefix: str) -> Card:
    card = record.verification
    rows = None
    if card is not None:
        grounded = card.claim_summary.source_grounded_claims
        rows = [
            Row(row_label("Paper level", prefix), verification_value(card.paper_level, prefix)),
            Row(row_label("Source-grounded claims", prefix), _or_not_recorded(_count(grounded))),
            Row(row_label("Claim record source", prefix), _or_not_recorded(_text(card.claim_record_source))),
        ]
    return _card("Verification Level", prefix, rows, CAVEATS["Verification Level"])


def gate_card(record: SynthesisRecord, prefix: str) -> Card | None:
    gate = record.gate_verdict
    if gate is None:
        return None
    status = linked(vocab.GATE_LABELS[gate.status], vocab.gate_anchor(gate.status), prefix)
    status_label = linked("Status", vocab.STATUS_ANCHORS["gate"], prefix)
    rows = [Row(status_label, status), Row(row_label("Gate", prefix), inline(gate.gate))]
    rows.append(Row(row_label("Reason", prefix), _or_not_recorded(_text(gate.reason))))
    if gate.evaluated_at is not None:
        rows.append(Row(row_label("Evaluated at", prefix), Md(timestamp(gate.evaluated_at))))
    if gate.artifacts:
        links = [anchor(url(a.url), inline(a.description or a.kind.value)) for a in gate.artifacts]
        rows.append(Row(row_label("Artifacts", prefix), Md(" · ".join(links))))
    if gate.evidence:
        rows.append(Row(row_label("Evidence of failure", prefix), inline(gate.evidence)))
    return _card("Truth-Engine Gate Verdict", prefix, rows, GATE_CAVEATS[gate.status])


def tier_card(record: SynthesisRecord, prefix: str) -> Card:
    card = record.quality_tier
    rows = None
    if card is not None:
        tier = linked(vocab.TIER_LABELS[card.tier], vocab.tier_anchor(card.tier), prefix)
        rows = [Row(row_label("Tier", prefix), tier)]
        rows.append(Row(row_label("Basis", prefix), _or_not_recorded(_text(card.basis))))
    return _card("Quality Tier", prefix, rows, CAVEATS["Quality Tier"])


def dimensions_card(record: SynthesisRecord, prefix: str) -> Card:
    dims = record.quality_dimensions
    rows = None
    if dims is not None:
        rows = []
        for code, key, label in vocab.DIMENSIONS:
            dim = getattr(dims, key)
            if dim is None or dim.level is Level.UNASSESSED:
                continue
            level = linked(dim.level.value, vocab.level_anchor(dim.level), prefix)
            scored = f" ({score10(dim.score)})" if dim.score is not None else ""
            rows.append(Row(linked(label, vocab.dimension_anchor(code), prefix), Md(f"{level}{scored}")))
        if not rows:
            rows.append(Row(linked("Assessed dimensions", "level-unassessed", prefix), Md("none assessed")))
    return _card("Quality Dimensions", prefix, rows, CAVEATS["Quality Dimensions"])


def _count(value: int | None) -> Md | None:
    return None if value is None else Md(count(value))


def _text(value: str | None) -> Md | None:
    return None if value is None else inline(value)


def provenance_rows(record: SynthesisRecord, config: SiteConfig, prefix: str) -> list[Row]:
    card = record.provenance
    publisher = record.publisher.name if record.publisher else config.publisher_name
    level = None
    if card is not None and card.level is not None:
        text = f"L{card.level}, {vocab.PROVENANCE_LEVEL_LABELS[card.level]}"
        level = linked(text, vocab.provenance_anchor(card.level), prefix)
    grounded = record.verification.claim_summary.source_grounded_claims if record.verification else None
    lineage = None if grounded is None else Md(f"{count(grounded)} aggregate source-grounded claims")
    artifact = (
        None
        if card is None or card.report_artifact_available is None
        else Md("Available" if card.report_artifact_available else "Not available")
    )
    return [
        Row(row_label("Publisher", prefix), inline(publisher)),
        Row(row_label("Public provenance", prefix), _or_not_recorded(level)),
        Row(
            row_label("Report artifact", prefix), Md(f"{_or_not_recorded(artifact)} — {report_artifact_links(record)}")
        ),
        Row(row_label("External record", prefix), external_record(record)),
        Row(row_label("Claim lineage", prefix), _or_not_recorded(lineage)),
        Row(row_label("Review method", prefix), _or_not_recorded(_text(record.review_method))),
        Row(row_label("Quality guide", prefix), anchor(prefix + GUIDE_URL, Md(GUIDE_LINK_TEXT))),
        Row(row_label("Provenance contract", prefix), Md("source-provenance-v1")),
        Row(row_label("Note", prefix), _or_not_recorded(_text(card.note if card else None))),
    ]


GUIDE_LINK_TEXT = "How to read scores, claims, manifests, and evidence links"


def external_record(record: SynthesisRecord) -> Md:
    registered = record.provenance.external_record_registered if record.provenance else None
    if record.doi:
        return Md(f"Registered: {anchor(url('https://doi.org/' + record.doi), Md(f'doi:{inline(record.doi)}'))}")
    if registered:
        return Md("Registered (DOI not recorded)")
    return Md("Not registered") if registered is False else NOT_RECORDED


def provenance_card(record: SynthesisRecord, config: SiteConfig, prefix: str) -> Card:
    return _card("Provenance", prefix, provenance_rows(record, config, prefix), CAVEATS["Provenance"])


def correction_card(record: SynthesisRecord, prefix: str) -> Card:
    card = record.correction_record
    if card is None:
        return _card("Correction Record", prefix, None, CAVEATS["Correction Record"])
    state = linked(card.correction_state.value, vocab.correction_anchor(card.correction_state), prefix)
    rows = [Row(linked("Status", vocab.STATUS_ANCHORS["correction"], prefix), state)]
    rows.append(Row(row_label("Correction count", prefix), Md(count(card.correction_count))))
    if card.last_corrected_at is not None:
        rows.append(Row(row_label("Last corrected", prefix), Md(timestamp(card.last_corrected_at))))
    rows.append(Row(row_label("Manifest contract", prefix), inline(card.manifest_contract)))
    rows.append(Row(row_label("Correction contract", prefix), inline(card.correction_contract)))
    if card.known_superseded_manifest_urls:
        links = [anchor(url(u), inline(u)) for u in card.known_superseded_manifest_urls]
        rows.append(Row(row_label("Superseded manifests", prefix), Md(" · ".join(links))))
    tables = (_events_table(card),) if card.correction_events else ()
    return _card("Correction Record", prefix, rows, CAVEATS["Correction Record"], tables)


def _events_table(card: CorrectionRecord) -> Table:
    rows = tuple(
        (
            inline(event.event_id),
            Md(timestamp(event.corrected_at)),
            Md(event.correction_type.value),
            inline(event.public_note) if event.public_note else NOT_RECORDED,
            inline(", ".join(event.affected_fields)) if event.affected_fields else Md("—"),
        )
        for event in card.correction_events
    )
    return Table(("Event", "Corrected at", "Type", "Public note", "Affected fields"), rows)
