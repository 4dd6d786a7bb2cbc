"""Derived values: short ids, tier thresholds and precedence, arXiv ids, claim counts."""

from __future__ import annotations

from uuid import UUID

import pytest

from generator.derive import arxiv_id, arxiv_key, expected_tier, short_id, tier_for, verified_claim_count
from generator.models.cards import Level, Tier
from generator.models.record import SynthesisRecord


def test_short_id_is_srch_and_first_eight_hex_upper() -> None:
    assert short_id(UUID("7c2e3a4b-0000-4000-8000-000000000000")) == "SRCH:7C2E3A4B"
    assert short_id(UUID("00ab14f9-e0cb-5152-b96b-bcfd2d6d5f88")) == "SRCH:00AB14F9"


@pytest.mark.parametrize(
    ("score", "verified", "repro", "tier"),
    [
        (0.0, 0, None, Tier.QUARANTINE_CANDIDATE),
        (4.99, 5, Level.HIGH, Tier.QUARANTINE_CANDIDATE),
        (5.0, 0, None, Tier.WATCHLIST),
        (5.0, 1, Level.HIGH, Tier.WATCHLIST),
        (7.49, 5, Level.HIGH, Tier.WATCHLIST),
        (7.5, 0, None, Tier.PUBLIC_RECORD),
        (7.5, 1, None, Tier.DOI_GRADE),
        (8.49, 5, Level.HIGH, Tier.DOI_GRADE),
        (8.5, 0, Level.HIGH, Tier.PUBLIC_RECORD),
        (8.5, 1, Level.HIGH, Tier.DOI_GRADE),
        (8.5, 4, Level.HIGH, Tier.DOI_GRADE),
        (8.5, 5, Level.MEDIUM, Tier.DOI_GRADE),
        (8.5, 5, None, Tier.DOI_GRADE),
        (8.5, 5, Level.HIGH, Tier.FLAGSHIP_CANDIDATE),
        (10.0, 50, Level.HIGH, Tier.FLAGSHIP_CANDIDATE),
    ],
)
def test_tier_boundaries_and_precedence(score: float, verified: int, repro: Level | None, tier: Tier) -> None:
    assert tier_for(score, verified, repro) is tier


def test_every_tier_is_reachable() -> None:
    reached = {tier_for(s / 100, v, r) for s in range(0, 1001, 7) for v in (0, 1, 5) for r in (None, Level.HIGH)}
    assert reached == set(Tier)


@pytest.mark.parametrize(
    ("url", "identifier", "key"),
    [
        ("http://arxiv.org/abs/2209.09724v1", "2209.09724v1", "2209.09724"),
        ("https://arxiv.org/abs/2401.06785", "2401.06785", "2401.06785"),
        ("https://arxiv.org/pdf/2407.14477v4.pdf", "2407.14477v4", "2407.14477"),
        ("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001v2", "hep-th/9901001"),
    ],
)
def test_arxiv_ids_keep_version_for_display_and_drop_it_for_matching(url: str, identifier: str, key: str) -> None:
    assert arxiv_id(url) == identifier
    assert arxiv_key(identifier) == key


def test_non_arxiv_urls_have_no_arxiv_id() -> None:
    assert arxiv_id("https://example.org/abs/2209.09724") is None
    assert arxiv_id("https://arxiv.org/list/cs.CL") is None


def _record(**fields: object) -> SynthesisRecord:
    return SynthesisRecord.model_validate({"id": "7c2e3a4b-0000-4000-8000-000000000000", "title": "T", **fields})


def test_verified_claims_come_from_the_claims_table_only() -> None:
    claims = [{"text": "a", "verified": True, "confidence": 0.5}, {"text": "b", "verified": False, "confidence": 0.1}]
    tier = {"tier": "WATCHLIST", "inputs": {"verified_claim_count": 10}}
    assert verified_claim_count(_record(claims=claims, quality_tier=tier)) == 1
    assert verified_claim_count(_record()) is None


def test_expected_tier_uses_stored_inputs_and_needs_them_all() -> None:
    assert expected_tier(_record(review_score=2.0, claims=[])) is Tier.QUARANTINE_CANDIDATE
    assert expected_tier(_record(review_score=2.0)) is None, "no claims table and no tier input"
    inputs = {"tier": "DOI_GRADE", "inputs": {"review_score": 8.6, "verified_claim_count": 5}}
    dims = {"reproducibility_status": {"level": "HIGH"}}
    assert expected_tier(_record(quality_tier=inputs, quality_dimensions=dims)) is Tier.FLAGSHIP_CANDIDATE
