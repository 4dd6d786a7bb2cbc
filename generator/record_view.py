"""Everything a record page shows, computed from one record. Templates only lay it out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from generator import vocab
from generator.body_html import body_html
from generator.card_views import (
    NOT_RECORDED,
    Card,
    Row,
    correction_card,
    dimensions_card,
    gate_card,
    provenance_card,
    tier_card,
    verification_card,
    verification_value,
)
from generator.consistency import describe, disagreements
from generator.derive import arxiv_id, arxiv_key, short_id, verified_claim_count
from generator.formatting import count, long_date, score10, two_decimals
from generator.headings import Heading, Headings
from generator.links import RECORD_TO_ROOT, anchor, linked, page_url, row_label
from generator.models.record import Reference, SynthesisRecord
from generator.site_config import SiteConfig
from generator.text import Md, html_paragraphs, inline, markdown_body, p_elements, url

PREFIX = RECORD_TO_ROOT  # links in the page's HTML are relative to its URL, records/<uuid>/
# Ids the page gives headings itself (`{ #id }` in Markdown), reserved before the others take theirs.
FIXED_IDS = ("extracted-claims", "references", "cite-this", "artifacts")


class ClaimRow(NamedTuple):
    """A row of the claims table: its cells, in order."""

    text: Md
    verified: str
    confidence: str


@dataclass(frozen=True)
class Section:
    heading: Heading
    body: Md  # HTML


@dataclass(frozen=True)
class CardSection:
    heading: Heading
    card: Card


@dataclass(frozen=True)
class RecordView:
    """A record page, as HTML pieces in document order; ``toc`` declares its headings."""

    short_id: str
    title: Heading
    demonstration: bool
    summary: tuple[Row, ...]
    disagreements: tuple[Row, ...]
    disagreements_label: Md
    abstract_heading: Heading
    abstract: Md
    question_heading: Heading
    research_question: Md
    cards: tuple[CardSection, ...]
    sections: tuple[Section, ...]
    claims_heading: Heading
    claims: tuple[ClaimRow, ...] | None
    references_heading: Heading
    references: tuple[Md, ...] | None
    cite_heading: Heading
    artifacts_heading: Heading
    toc: str


def _summary(record: SynthesisRecord) -> tuple[Row, ...]:
    submitted = Md(long_date(record.submitted)) if record.submitted else NOT_RECORDED
    score = Md(score10(record.review_score)) if record.review_score is not None else NOT_RECORDED
    level = record.verification.paper_level if record.verification else None
    verification = verification_value(level, PREFIX) if level is not None else NOT_RECORDED
    tier = record.quality_tier.tier if record.quality_tier else None
    tier_md = linked(vocab.TIER_LABELS[tier], vocab.tier_anchor(tier), PREFIX) if tier else NOT_RECORDED
    verified = verified_claim_count(record)
    return (
        Row(row_label("Submitted", PREFIX), submitted),
        Row(row_label("Review score", PREFIX), score),
        Row(row_label("Verification", PREFIX), verification),
        Row(row_label("Quality tier", PREFIX), tier_md),
        Row(row_label("Verified claims", PREFIX), NOT_RECORDED if verified is None else Md(count(verified))),
    )


def reference_item(reference: Reference, scans: Mapping[str, str] | None = None) -> Md:
    """A reference as an HTML link: arXiv id (or the URL) and the title when stored.

    ``scans`` maps arXiv keys to scan pages; a reference to a scanned paper links to its scan.
    """
    identifier = arxiv_id(reference.url)
    label = f"arXiv:{identifier}" if identifier else reference.url
    parts: list[str] = [anchor(url(reference.url), inline(label))]
    if reference.title:
        parts.append(f"<em>{inline(reference.title)}</em>")
    if reference.authors:
        parts.append(inline(", ".join(reference.authors)))
    if reference.year:
        parts.append(f"({reference.year})")
    item = " — ".join(parts[:2]) + (" " + " ".join(parts[2:]) if parts[2:] else "")
    scan = scans.get(arxiv_key(identifier)) if scans and identifier else None
    return Md(f"{item} · {anchor(PREFIX + page_url(scan), Md('methodology scan'), 'scan-link')}" if scan else item)


def _claims(record: SynthesisRecord) -> tuple[ClaimRow, ...] | None:
    if record.claims is None:
        return None
    return tuple(
        ClaimRow(inline(c.text), "✓" if c.verified else "×", two_decimals(c.confidence)) for c in record.claims
    )


def record_view(record: SynthesisRecord, config: SiteConfig, scans: Mapping[str, str] | None = None) -> RecordView:
    cards = [verification_card(record, PREFIX), gate_card(record, PREFIX), tier_card(record, PREFIX)]
    cards += [dimensions_card(record, PREFIX), correction_card(record, PREFIX)]
    cards.append(provenance_card(record, config, PREFIX))
    headings = Headings(FIXED_IDS)
    title = headings.add(1, inline(record.title))
    abstract_heading = headings.add(2, Md("Abstract"))
    question_heading = headings.add(2, Md("Research Question"))
    card_sections = tuple(CardSection(headings.add(2, card.title), card) for card in cards if card is not None)
    sections = []
    for number, section in enumerate(record.report.sections if record.report else [], start=1):
        heading = headings.add(2, Md(f"{number} {inline(section.heading)}"))
        sections.append(Section(heading, headings.body(body_html(markdown_body(section.body)))))
    claims_label = linked("Extracted Claims", vocab.ROW_ANCHORS["Extracted Claims"], PREFIX)
    claims_heading = headings.add(2, claims_label, "extracted-claims")
    references_heading = headings.add(2, Md("References"), "references")
    cite_heading, artifacts_heading = (
        headings.add(2, Md("Cite this"), "cite-this"),
        headings.add(2, Md("Artifacts"), "artifacts"),
    )
    return RecordView(
        short_id=short_id(record.id),
        title=title,
        demonstration=record.demonstration,
        summary=_summary(record),
        disagreements=tuple(Row(inline(d.topic), inline(describe(d))) for d in disagreements(record)),
        disagreements_label=row_label("Stored numbers disagree", PREFIX),
        abstract_heading=abstract_heading,
        abstract=html_paragraphs(record.abstract) if record.abstract else p_elements([NOT_RECORDED]),
        question_heading=question_heading,
        research_question=(
            html_paragraphs(record.research_question) if record.research_question else p_elements([NOT_RECORDED])
        ),
        cards=card_sections,
        sections=tuple(sections),
        claims_heading=claims_heading,
        claims=_claims(record),
        references_heading=references_heading,
        references=None if record.references is None else tuple(reference_item(r, scans) for r in record.references),
        cite_heading=cite_heading,
        artifacts_heading=artifacts_heading,
        toc=headings.toc_line(),
    )
