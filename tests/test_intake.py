"""Intake: ``add`` stores valid files under canonical names and refuses everything else; ``new`` is valid."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from generator.errors import Severity
from generator.intake import IntakeRefused, add, skeleton
from generator.load import validate
from generator.models.record import SynthesisRecord
from generator.project import Project
from tests.helpers import copy_project

NEW_ID = UUID("5eed0000-0000-4000-8000-00000000abcd")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(copy_project(tmp_path / "p"))


def incoming(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
    return path


def record(**changes: object) -> dict[str, object]:
    data: dict[str, object] = json.loads(skeleton(NEW_ID, date(2026, 6, 6)))
    return {**data, **changes}


def snapshot(project: Project) -> dict[str, bytes]:
    return {p.relative_to(project.root).as_posix(): p.read_bytes() for p in (project.root / "content").rglob("*.json")}


def test_new_prints_a_skeleton_that_validates_strictly(tmp_path: Path) -> None:
    result = run(tmp_path, "new")
    assert result.returncode == 0, result.stderr
    model, problems = validate(SynthesisRecord, result.stdout, "new.json")
    assert model is not None and model.id.version == 4
    assert [p for p in problems if p.severity is not Severity.NOTICE] == []
    assert json.loads(run(tmp_path, "new").stdout)["id"] != str(model.id)  # a fresh id each time


def test_add_stores_a_record_under_its_id_with_its_exact_bytes(project: Project, tmp_path: Path) -> None:
    source = incoming(tmp_path, "My Draft.json", record(title="Added by intake"))
    result = run(project.root, "add", str(source))
    assert result.returncode == 0, result.stderr
    stored = project.records_dir / f"{NEW_ID}.json"
    assert result.stdout.strip() == f"added content/records/{NEW_ID}.json"
    assert stored.read_bytes() == source.read_bytes()
    assert run(project.root, "validate", "--strict").stdout.startswith("8 valid records and 3 valid scans, 0 rejected")


def test_add_stores_a_scan_under_its_arxiv_id_without_version(project: Project, tmp_path: Path) -> None:
    scan = json.loads((project.root / "content/scans/2401.06785.json").read_text())
    scan["paper"]["arxiv_id"] = "2402.01234v2"
    assert add([incoming(tmp_path, "scan.json", scan)], project) == [project.root / "content/scans/2402.01234.json"]


def test_add_refuses_a_duplicate_id_and_writes_nothing(project: Project, tmp_path: Path) -> None:
    existing = next(project.records_dir.glob("7c2e*.json"))
    before = snapshot(project)
    result = run(project.root, "add", str(incoming(tmp_path, "copy.json", existing.read_text())))
    assert result.returncode == 1
    assert f"id: expected an id no stored record uses, found {existing.stem} (already in content/records/" in (
        result.stderr
    )
    assert "nothing was written" in result.stderr and snapshot(project) == before


def test_add_refuses_the_same_id_twice_in_one_batch(project: Project, tmp_path: Path) -> None:
    first, second = incoming(tmp_path, "a.json", record()), incoming(tmp_path, "b.json", record(title="Other"))
    with pytest.raises(IntakeRefused) as refused:
        add([first, second], project)
    assert [(p.file, p.path) for p in refused.value.problems] == [(str(second), "id")]
    assert not (project.records_dir / f"{NEW_ID}.json").exists()


def test_add_refuses_a_scan_of_an_already_scanned_paper(project: Project, tmp_path: Path) -> None:
    scan = (project.root / "content/scans/2401.06785.json").read_text()
    with pytest.raises(IntakeRefused, match=r"paper\.arxiv_id: expected a paper no stored scan audits"):
        add([incoming(tmp_path, "again.json", scan)], project)


def test_one_invalid_file_refuses_the_whole_batch(project: Project, tmp_path: Path) -> None:
    good = incoming(tmp_path, "good.json", record())
    bad = incoming(tmp_path, "bad.json", record(id=str(UUID(int=7)), claims=[{"text": "x", "verified": "yes"}]))
    before = snapshot(project)
    result = run(project.root, "add", str(good), str(bad))
    assert result.returncode == 1
    assert f"error: {bad}: claims[0].verified: expected a valid boolean, found 'yes'" in result.stderr
    assert f"error: {bad}: claims[0].confidence: expected a value (required field), found nothing" in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        (record(id="../../etc/passwd"), "id", "a valid UUID"),
        (record(id="7c2e3a4b"), "id", "a valid UUID"),
        ("{ not json", "", "valid JSON"),
        ("", "", "a JSON object"),
    ],
)
def test_add_refuses_unsafe_ids_and_invalid_files(
    project: Project, tmp_path: Path, data: object, field: str, expected: str
) -> None:
    before = snapshot(project)
    with pytest.raises(IntakeRefused) as refused:
        add([incoming(tmp_path, "x.json", data)], project)
    assert [(p.path, expected in p.expected) for p in refused.value.problems][:1] == [(field, True)]
    assert snapshot(project) == before


def test_add_refuses_a_scan_whose_name_would_be_an_unsafe_path(project: Project, tmp_path: Path) -> None:
    scan = json.loads((project.root / "content/scans/2401.06785.json").read_text())
    scan["paper"]["arxiv_id"] = None
    before = snapshot(project)
    with pytest.raises(IntakeRefused, match=r"paper\.arxiv_id: expected an arXiv id, or a file name of a-z"):
        add([incoming(tmp_path, "..Evil Name!.json", scan)], project)
    assert snapshot(project) == before


def test_add_refuses_missing_paths_directories_and_non_json_names(project: Project, tmp_path: Path) -> None:
    text = incoming(tmp_path, "record.txt", record())
    with pytest.raises(IntakeRefused) as refused:
        add([tmp_path / "missing.json", tmp_path, text], project)
    assert [p.expected for p in refused.value.problems] == [
        "an existing file",
        "a regular file",
        "a file named *.json",
    ]


def test_unknown_keys_are_refused_unless_lenient(project: Project, tmp_path: Path) -> None:
    source = incoming(tmp_path, "extra.json", record(pipeline_run="r-17"))
    with pytest.raises(IntakeRefused, match="pipeline_run: expected a field of the contract"):
        add([source], project)
    result = run(project.root, "add", "--lenient", str(source))
    assert result.returncode == 0, result.stderr
    assert (project.records_dir / f"{NEW_ID}.json").is_file()
