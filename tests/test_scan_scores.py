"""Methodology score arithmetic: yes ÷ applicable, n/a handling, module categories, and seed 003 by hand."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from generator.models.scan import PaperScan
from generator.scan_view import score_text
from generator.scores import Tally, is_scored, scan_score, tally
from tests.helpers import ROOT

SEED_003 = ROOT / "content" / "scans" / "2401.06785.json"


def item(applies: bool, answer: bool) -> dict[str, Any]:
    return {"applies": applies, "answer": answer, "justification": "test"}


def make_scan(checklist: dict[str, Any], **extra: Any) -> PaperScan:
    data = {"paper": {"title": "T"}, "checklist": checklist, **extra}
    return PaperScan.model_validate_json(json.dumps(data), strict=True)


def by_name(scan: PaperScan) -> dict[str, tuple[int, int, int, bool]]:
    return {
        c.name: (c.tally.yes, c.tally.applicable, c.tally.not_applicable, c.scored) for c in scan_score(scan).categories
    }


def test_items_that_do_not_apply_leave_every_count_even_when_answered_yes() -> None:
    scan = make_scan({"artifacts": {"a": item(True, True), "b": item(True, False), "c": item(False, True)}})
    assert scan_score(scan).overall == Tally(yes=1, applicable=2, not_applicable=1)
    assert scan_score(scan).overall.fraction == Fraction(1, 2)


def test_a_category_where_nothing_applies_is_na_not_zero() -> None:
    scan = make_scan(
        {"human_studies": {"a": item(False, False), "b": item(False, False)}, "artifacts": {"x": item(True, True)}}
    )
    human = scan_score(scan).categories[1]
    assert human.name == "human_studies" and human.tally.fraction is None and human.tally.percent is None
    assert score_text(human.tally) == "n/a"
    assert score_text(scan_score(scan).overall) == "1/1 (100%)"


def test_a_scan_where_nothing_applies_has_no_overall_score() -> None:
    scan = make_scan({"artifacts": {"a": item(False, True)}})
    assert scan_score(scan).overall.fraction is None
    assert score_text(scan_score(scan).overall) == "n/a"


def test_inactive_module_category_is_shown_but_not_scored() -> None:
    checklist = {
        "artifacts": {"a": item(True, False)},
        "experimental_rigor": {"r": item(True, True)},
        "data_leakage": {"l": item(True, True), "m": item(True, True)},
    }
    scan = make_scan(checklist, scan_version=2, active_modules=["experimental_rigor"])
    assert by_name(scan) == {
        "artifacts": (0, 1, 0, True),
        "experimental_rigor": (1, 1, 0, True),
        "data_leakage": (2, 2, 0, False),
    }
    assert scan_score(scan).overall == Tally(yes=1, applicable=2)


def test_empty_module_list_makes_every_module_category_inactive() -> None:
    scan = make_scan({"survey_methodology": {"s": item(True, True)}}, scan_version=2, active_modules=[])
    assert by_name(scan)["survey_methodology"][3] is False
    assert scan_score(scan).overall.fraction is None


def test_v1_without_module_list_scores_module_categories() -> None:
    scan = make_scan({"experimental_rigor": {"r": item(True, True)}, "artifacts": {"a": item(True, False)}})
    assert scan.scan_version is None and scan.active_modules is None
    assert scan_score(scan).overall == Tally(yes=1, applicable=2)


def test_only_module_categories_depend_on_active_modules() -> None:
    assert is_scored("artifacts", []) and is_scored("some_new_category", [])
    assert not is_scored("data_leakage", ["experimental_rigor"])
    assert is_scored("data_leakage", None)


def test_type_checklist_and_unknown_categories_are_scored() -> None:
    checklist = {"artifacts": {"a": item(True, False)}, "new_category": {"n": item(True, True)}}
    type_items = {"t1": item(True, True), "t2": item(False, False)}
    scan = make_scan(checklist, scan_version=4, paper_type="survey", type_checklist=type_items)
    assert by_name(scan) == {
        "artifacts": (0, 1, 0, True),
        "new_category": (1, 1, 0, True),
        "type_checklist": (1, 1, 1, True),
    }
    assert scan_score(scan).overall == Tally(yes=2, applicable=3, not_applicable=1)


def test_percent_rounds_halves_up_and_keeps_exact_fraction() -> None:
    assert Tally(yes=1, applicable=8).percent == 13  # 12.5
    assert Tally(yes=1, applicable=3).percent == 33
    assert Tally(yes=2, applicable=3).percent == 67
    assert score_text(Tally(yes=0, applicable=4)) == "0/4 (0%)"
    assert tally([]) == Tally()


def test_seed_003_matches_a_hand_count() -> None:
    """Counted by hand from seed 003 (yes, applicable, n/a per category; both modules active)."""
    scan = PaperScan.model_validate_json(SEED_003.read_text(encoding="utf-8"), strict=True)
    assert by_name(scan) == {
        "artifacts": (1, 4, 0, True),  # data_released
        "statistical_methodology": (1, 5, 0, True),  # effect_sizes_reported
        "evaluation_design": (7, 9, 0, True),  # all but human_evaluation, failure_cases_discussed
        "claims_and_evidence": (2, 5, 0, True),  # abstract_claims_supported, causal_claims_justified
        "setup_transparency": (4, 4, 1, True),  # scaffolding_described n/a
        "limitations_and_scope": (0, 3, 0, True),
        "data_integrity": (2, 3, 1, True),  # recruitment_methods_described n/a
        "conflicts_of_interest": (1, 4, 0, True),  # affiliations_disclosed
        "contamination": (0, 3, 0, True),
        "human_studies": (0, 0, 7, True),  # nothing applies: n/a
        "cost_and_practicality": (0, 2, 0, True),
        "experimental_rigor": (0, 8, 1, True),  # scaffold_confound_addressed n/a
        "data_leakage": (0, 4, 0, True),
    }
    overall = scan_score(scan).overall
    assert overall == Tally(yes=18, applicable=54, not_applicable=10)
    assert overall.fraction == Fraction(1, 3)
    assert score_text(overall) == "18/54 (33%)"
