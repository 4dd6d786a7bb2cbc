"""Synthetic corpus for the benchmark: N synthesis records and N/5 paper scans.

Sizes and variety follow the seeds: 13 claims, 4 references and 4 report sections per record,
every card, a spread of tiers, gate verdicts and correction states, and some hostile characters
(pipes, angle brackets, backticks) in the text. Deterministic for a given N and seed.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _vocabulary() -> list[str]:
    """Words of the seed texts (records and the seed scan), most frequent first."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "content").rglob("*.json")):
        for word in re.findall(r"[A-Za-z][A-Za-z-]{2,}", path.read_text(encoding="utf-8")):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


WORDS = _vocabulary()
# Zipf-like weights, as in real prose: a few words everywhere, most words rare.
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
HOSTILE = ["a | b", "<script>x</script>", "`code`", "x < y & z > w", "[link](javascript:x)"]
TIERS = [
    ("FLAGSHIP_CANDIDATE", 8.9, 5, "HIGH"),
    ("DOI_GRADE", 7.8, 2, "MEDIUM"),
    ("PUBLIC_RECORD", 7.6, 0, "MEDIUM"),
    ("WATCHLIST", 6.2, 1, "LOW"),
    ("QUARANTINE_CANDIDATE", 3.1, 0, "LOW"),
]
DIMENSIONS = [
    "evidence_strength",
    "citation_grounding",
    "numerical_consistency",
    "benchmark_validity",
    "novelty",
    "uncertainty_disclosure",
    "reproducibility_status",
    "safety_impact",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, WEIGHTS, k=words))
    if rng.random() < 0.05:
        text += " " + rng.choice(HOSTILE)
    return text[0].upper() + text[1:] + "."


def record(rng: random.Random, index: int, scan_ids: list[str]) -> dict[str, Any]:
    tier, score, verified, repro = TIERS[index % len(TIERS)]
    record_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    claims = [
        {"text": sentence(rng, 14), "verified": i < verified, "confidence": round(rng.random(), 2)} for i in range(13)
    ]
    refs = [{"url": f"http://arxiv.org/abs/{rng.choice(scan_ids)}v{rng.randint(1, 4)}"} for _ in range(2)]
    refs += [
        {"url": f"http://arxiv.org/abs/26{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}v1"} for _ in range(2)
    ]
    day = 1 + index % 330
    record = {
        "id": record_id,
        "title": sentence(rng, 12).rstrip("."),
        "demonstration": True,
        "submitted": f"2026-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}",
        "publisher": {"name": "Assignee Research"},
        "research_question": sentence(rng, 30).rstrip(".") + "?",
        "abstract": " ".join(sentence(rng, 20) for _ in range(6)),
        "report": {
            "format": "markdown",
            "sections": [
                {"heading": h, "body": "\n\n".join(sentence(rng, 25) for _ in range(2))}
                for h in ("Introduction", "Methodology", "Results", "Limitations")
            ],
        },
        "claims": claims,
        "references": refs,
        "review_score": score,
        "review_method": "Automated multi-reviewer assessment",
        "sources_retrieved": rng.randint(3, 14),
        "verification": {
            "paper_level": 2 + index % 3,
            "claim_summary": {"source_grounded_claims": 13},
            "claim_record_source": "parsed source sections",
        },
        "quality_tier": {
            "tier": tier,
            "basis": sentence(rng, 12),
            "inputs": {"review_score": score, "verified_claim_count": verified, "reproducibility_level": repro},
        },
        "quality_dimensions": {k: {"level": rng.choice(["LOW", "MEDIUM", "HIGH", "UNASSESSED"])} for k in DIMENSIONS},
        "correction_record": {"correction_state": "CURRENT", "correction_count": 0},
        "provenance": {"level": 3, "report_artifact_available": True, "external_record_registered": False},
    }
    if index % 7 == 0:
        record["gate_verdict"] = {"status": "UNVERIFIED", "gate": "Gate 2", "reason": sentence(rng, 15)}
    if index % 11 == 0:
        event = {"event_id": f"c-{index}", "corrected_at": "2026-11-01", "correction_type": "METADATA"}
        record["correction_record"] = {
            "correction_state": "CORRECTED",
            "correction_count": 1,
            "correction_events": [event],
        }
    return record


def scan(rng: random.Random, arxiv_id: str, template: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(template))
    data["paper"] = {**data["paper"], "title": sentence(rng, 9).rstrip("."), "arxiv_id": arxiv_id, "doi": None}
    data["key_findings"] = " ".join(sentence(rng, 20) for _ in range(3))
    for items in data["checklist"].values():
        for item in items.values():
            item["answer"] = rng.random() < 0.5
    return data


def write_corpus(dest: Path, records: int, *, seed: int = 7) -> list[Path]:
    """Write ``records`` records and ``records // 5`` scans into ``dest/content``; returns the record files."""
    rng = random.Random(seed)
    template = json.loads((ROOT / "content/scans/2401.06785.json").read_text())
    scan_ids = [f"25{m:02d}.{n:05d}" for m in range(1, 13) for n in range(10000, 10000 + records // 60 + 1)]
    scan_ids = scan_ids[: max(1, records // 5)]
    (dest / "content/records").mkdir(parents=True, exist_ok=True)
    (dest / "content/scans").mkdir(parents=True, exist_ok=True)
    for arxiv_id in scan_ids:
        (dest / f"content/scans/{arxiv_id}.json").write_text(json.dumps(scan(rng, arxiv_id, template)))
    paths = []
    for index in range(records):
        data = record(rng, index, scan_ids)
        path = dest / f"content/records/{data['id']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False))
        paths.append(path)
    return paths
