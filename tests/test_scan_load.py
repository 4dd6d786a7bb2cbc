"""Loading scans: every version validates, unknown keys warn and are kept, bad files are named and rejected."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from generator.errors import Problem, Severity
from generator.load import load_scans
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "scans"


def write(root: Path, name: str, data: dict[str, Any]) -> None:
    folder = root / "content" / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


def minimal(**paper: Any) -> dict[str, Any]:
    return {"paper": {"title": "T", **paper}, "checklist": {}}


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def test_every_golden_scan_version_loads(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN, tmp_path / "content" / "scans", ignore=shutil.ignore_patterns("*.md"))
    scans, problems = load_scans(tmp_path)
    assert errors(problems) == []
    assert len(scans) == len(list(GOLDEN.glob("*.json")))


def test_unknown_keys_and_categories_warn_and_are_kept(tmp_path: Path) -> None:
    write(tmp_path, "v5-demo.json", json.loads((GOLDEN / "v5-demo.json").read_text(encoding="utf-8")))
    scans, problems = load_scans(tmp_path)
    warned = {(p.path, p.severity) for p in problems}
    assert ("review_model", Severity.WARNING) in warned
    assert ("checklist.reviewer_agreement", Severity.WARNING) in warned
    assert ("hn_data.rank", Severity.WARNING) in warned
    scan = scans[0].model()
    assert scan.model_extra == {"review_model": "a newer key: kept and warned about"}
    assert "reviewer_agreement" in dict(scan.checklist.categories())


def test_unknown_key_inside_a_checklist_item_warns(tmp_path: Path) -> None:
    data = minimal(arxiv_id="2401.00001")
    data["checklist"] = {"artifacts": {"code": {"applies": True, "answer": True, "justification": "j", "extra": 1}}}
    write(tmp_path, "2401.00001.json", data)
    _, problems = load_scans(tmp_path)
    assert [(p.path, p.severity) for p in problems] == [("checklist.artifacts.code.extra", Severity.WARNING)]


def test_bad_item_is_rejected_with_its_field_path(tmp_path: Path) -> None:
    data = minimal(arxiv_id="2401.00002")
    data["checklist"] = {"artifacts": {"code": {"applies": "yes", "answer": True, "justification": "j"}}}
    write(tmp_path, "2401.00002.json", data)
    scans, problems = load_scans(tmp_path)
    assert scans == []
    assert [(p.file, p.path) for p in errors(problems)] == [
        ("content/scans/2401.00002.json", "checklist.artifacts.code.applies")
    ]


def test_unknown_paper_type_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {**minimal(), "scan_version": 4, "paper_type": "opinion"})
    scans, problems = load_scans(tmp_path)
    assert scans == [] and errors(problems)[0].path == "paper_type"


def test_second_scan_of_the_same_paper_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "2401.06785.json", minimal(arxiv_id="2401.06785"))
    write(tmp_path, "2401.06785v2.json", minimal(arxiv_id="2401.06785v2"))
    scans, problems = load_scans(tmp_path)
    assert [s.source for s in scans] == ["content/scans/2401.06785.json"]
    assert errors(problems)[0].found == "2401.06785 (also in content/scans/2401.06785.json)"


def test_scan_without_arxiv_id_needs_a_safe_file_name(tmp_path: Path) -> None:
    write(tmp_path, "Bad Name!.json", minimal())
    write(tmp_path, "good-name.json", minimal())
    scans, problems = load_scans(tmp_path)
    assert [s.source for s in scans] == ["content/scans/good-name.json"]
    assert [(p.file, p.path) for p in errors(problems)] == [("content/scans/Bad Name!.json", "paper.arxiv_id")]
