"""The published vocabulary: labels for every enum and level, and their quality-guide anchors.

One table per signal. The quality guide (``content/pages/quality-guide.md``) carries an anchor
for every entry here, and a test checks the two agree.
"""

from __future__ import annotations

from typing import Final

from generator.models.cards import CorrectionState, GateStatus, Level, Tier

GUIDE_PAGE: Final = "quality-guide.md"

VERIFICATION_LEVEL_LABELS: Final[dict[int, str]] = {
    0: "No claim record",
    1: "Extracted claims",
    2: "Source-grounded claims",
    3: "Cross-source corroborated claims",
    4: "Artifact-inspected claims",
    5: "Sandbox-executed claims",
    6: "Independently reproduced claims",
    7: "Externally reviewed or formally verified claims",
}

PROVENANCE_LEVEL_LABELS: Final[dict[int, str]] = {
    0: "No public provenance",
    1: "Publisher statement",
    2: "Source reference list",
    3: "Claim aggregate record",
    4: "External archival record",
    5: "Claim-level lineage record",
}

TIER_LABELS: Final[dict[Tier, str]] = {
    Tier.FLAGSHIP_CANDIDATE: "Flagship candidate",
    Tier.DOI_GRADE: "DOI grade",
    Tier.PUBLIC_RECORD: "Public record",
    Tier.WATCHLIST: "Watchlist",
    Tier.QUARANTINE_CANDIDATE: "Quarantine candidate",
}

TIER_CODES: Final[dict[Tier, str]] = {
    Tier.FLAGSHIP_CANDIDATE: "T-1",
    Tier.DOI_GRADE: "T-2",
    Tier.PUBLIC_RECORD: "T-3",
    Tier.WATCHLIST: "T-4",
    Tier.QUARANTINE_CANDIDATE: "T-5",
}

GATE_LABELS: Final[dict[GateStatus, str]] = {
    GateStatus.UNVERIFIED: "Unverified",
    GateStatus.VERIFIED: "Verified",
    GateStatus.FALSIFIED: "Falsified",
}

# (code, key, label) in contract order.
DIMENSIONS: Final[tuple[tuple[str, str, str], ...]] = (
    ("D-1", "evidence_strength", "Evidence strength"),
    ("D-2", "citation_grounding", "Citation grounding"),
    ("D-3", "numerical_consistency", "Numerical consistency"),
    ("D-4", "benchmark_validity", "Benchmark validity"),
    ("D-5", "novelty", "Novelty"),
    ("D-6", "uncertainty_disclosure", "Uncertainty disclosure"),
    ("D-7", "reproducibility_status", "Reproducibility status"),
    ("D-8", "safety_impact", "Safety impact"),
)

# Card titles and the row labels shown on a record page, each with its guide anchor.
ROW_ANCHORS: Final[dict[str, str]] = {
    "Submitted": "submitted",
    "Review score": "review-score",
    "Verification": "verification-level",
    "Quality tier": "quality-tier",
    "Verified claims": "verified-claims",
    "Paper level": "paper-level",
    "Source-grounded claims": "source-grounded-claims",
    "Claim record source": "claim-record-source",
    "Gate": "gate",
    "Reason": "gate-reason",
    "Evaluated at": "gate-evaluated-at",
    "Artifacts": "gate-artifacts",
    "Evidence of failure": "gate-evidence",
    "Tier": "tier",
    "Basis": "tier-basis",
    "Correction count": "correction-count",
    "Last corrected": "last-corrected",
    "Manifest contract": "manifest-contract",
    "Correction contract": "correction-contract",
    "Superseded manifests": "superseded-manifests",
    "Publisher": "publisher",
    "Public provenance": "public-provenance",
    "Report artifact": "report-artifact",
    "External record": "external-record",
    "Claim lineage": "claim-lineage",
    "Review method": "review-method",
    "Quality guide": "quality-guide-link",
    "Provenance contract": "provenance-contract",
    "Note": "provenance-note",
    "Extracted Claims": "extracted-claims",
    "Stored numbers disagree": "disagreements",
}

# "Status" is a row of two cards; each links to its own card's section of the guide.
STATUS_ANCHORS: Final[dict[str, str]] = {"gate": "gate-status", "correction": "correction-status"}

CARD_ANCHORS: Final[dict[str, str]] = {
    "Verification Level": "verification-level",
    "Truth-Engine Gate Verdict": "gate-verdict",
    "Quality Tier": "quality-tier",
    "Quality Dimensions": "quality-dimensions",
    "Correction Record": "correction-record",
    "Provenance": "provenance",
}


def verification_anchor(level: int) -> str:
    return f"verification-l{level}"


def provenance_anchor(level: int) -> str:
    return f"provenance-l{level}"


def tier_anchor(tier: Tier) -> str:
    return TIER_CODES[tier].lower()


def dimension_anchor(code: str) -> str:
    return code.lower()


def gate_anchor(status: GateStatus) -> str:
    return f"gate-{status.value.lower()}"


def correction_anchor(state: CorrectionState) -> str:
    return f"correction-{state.value.lower()}"


def level_anchor(level: Level) -> str:
    return f"level-{level.value.lower()}"


def all_guide_anchors() -> set[str]:
    """Every anchor a record page may link to; the guide must define each one."""
    anchors = set(ROW_ANCHORS.values()) | set(CARD_ANCHORS.values()) | set(STATUS_ANCHORS.values())
    anchors |= {verification_anchor(n) for n in VERIFICATION_LEVEL_LABELS}
    anchors |= {provenance_anchor(n) for n in PROVENANCE_LEVEL_LABELS}
    anchors |= {tier_anchor(t) for t in Tier} | {gate_anchor(s) for s in GateStatus}
    anchors |= {correction_anchor(s) for s in CorrectionState} | {level_anchor(v) for v in Level}
    anchors |= {dimension_anchor(code) for code, _, _ in DIMENSIONS}
    return anchors
