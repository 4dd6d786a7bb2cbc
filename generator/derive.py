"""Derived values: short ids, tier thresholds, arXiv ids and claim counts. Pure functions."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final
from uuid import UUID

from generator.models.cards import Level, Tier
from generator.models.record import SynthesisRecord

FLAGSHIP_MIN_SCORE: Final = Decimal("8.5")
FLAGSHIP_MIN_VERIFIED: Final = 5
DOI_MIN_SCORE: Final = Decimal("7.5")
DOI_MIN_VERIFIED: Final = 1
PUBLIC_MIN_SCORE: Final = Decimal("5.0")

_ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/"
    r"(?P<id>(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_VERSION_SUFFIX = re.compile(r"v\d+$")


def short_id(record_id: UUID) -> str:
    """``7c2e3a4b-…`` → ``"SRCH:7C2E3A4B"``."""
    return "SRCH:" + record_id.hex[:8].upper()


def tier_for(score: float, verified_claims: int, reproducibility: Level | None) -> Tier:
    """The tier the published thresholds give, with one fixed precedence.

    The bands overlap (public record ≥ 5.0, watchlist ≤ 7.49), so they are tried in this
    order and the first that holds wins: flagship candidate (≥ 8.5, ≥ 5 verified, HIGH
    reproducibility) → DOI grade (≥ 7.5, ≥ 1 verified) → quarantine candidate (< 5.0) →
    watchlist (< 7.5) → public record (≥ 7.5 without a verified claim).
    """
    exact = Decimal(str(score))
    if exact >= FLAGSHIP_MIN_SCORE and verified_claims >= FLAGSHIP_MIN_VERIFIED and reproducibility is Level.HIGH:
        return Tier.FLAGSHIP_CANDIDATE
    if exact >= DOI_MIN_SCORE and verified_claims >= DOI_MIN_VERIFIED:
        return Tier.DOI_GRADE
    if exact < PUBLIC_MIN_SCORE:
        return Tier.QUARANTINE_CANDIDATE
    if exact < DOI_MIN_SCORE:
        return Tier.WATCHLIST
    return Tier.PUBLIC_RECORD


def arxiv_id(url: str) -> str | None:
    """The arXiv id in an arXiv abstract or PDF URL, version suffix kept (``2407.14477v4``)."""
    match = _ARXIV_URL.match(url.strip())
    return match.group("id") if match else None


def arxiv_key(identifier: str) -> str:
    """The id used for matching: version suffix dropped, lower case (``2407.14477``)."""
    return _VERSION_SUFFIX.sub("", identifier.strip()).lower()


def verified_claim_count(record: SynthesisRecord) -> int | None:
    """Verified claims, counted from the claims table (the one field for this number)."""
    if record.claims is None:
        return None
    return sum(1 for claim in record.claims if claim.verified)


def reproducibility_level(record: SynthesisRecord) -> Level | None:
    """D-7 level, used as the tier's reproducibility input when the tier stores none."""
    dims = record.quality_dimensions
    if dims is None or dims.reproducibility_status is None:
        return None
    return dims.reproducibility_status.level


def expected_tier(record: SynthesisRecord) -> Tier | None:
    """The tier the thresholds give for the stored inputs, or None when an input is missing."""
    inputs = record.quality_tier.inputs if record.quality_tier else None
    score = inputs.review_score if inputs and inputs.review_score is not None else record.review_score
    verified = (
        inputs.verified_claim_count
        if inputs and inputs.verified_claim_count is not None
        else verified_claim_count(record)
    )
    repro = inputs.reproducibility_level if inputs and inputs.reproducibility_level else None
    if score is None or verified is None:
        return None
    return tier_for(score, verified, repro or reproducibility_level(record))
