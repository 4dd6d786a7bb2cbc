"""The command line: validate reports every problem and exits non-zero; build publishes and summarises."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import copy_project


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_validate_passes_on_the_demo_content(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    result = run(root, "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "7 valid records and 3 valid scans, 0 rejected, 0 warnings, 3 notices"


def test_validate_names_file_field_expected_and_found(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    target = next((root / "content/records").glob("7c2e*.json"))
    data = json.loads(target.read_text())
    data["claims"][2]["confidence"] = "high"
    target.write_text(json.dumps(data))
    result = run(root, "validate")
    assert result.returncode == 1
    assert (
        f"error: content/records/{target.name}: claims[2].confidence: expected a valid number, found 'high'"
        in result.stderr
    )
    assert "6 valid records and 3 valid scans, 1 rejected" in result.stdout


def test_unknown_keys_warn_by_default_and_fail_under_strict(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    target = next((root / "content/records").glob("7c2e*.json"))
    target.write_text(json.dumps({**json.loads(target.read_text()), "new_field": 1}))
    relaxed = run(root, "validate")
    assert relaxed.returncode == 0 and "warning:" in relaxed.stderr and "new_field" in relaxed.stderr
    assert run(root, "validate", "--strict").returncode == 1


def test_build_publishes_valid_records_and_lists_the_rejected(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    (root / "content/records/broken.json").write_text("{ not json")
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("Published 7 records and 3 scans, 1 rejected, 0 warnings, 3 notices in ")
    assert "content/records/broken.json" in result.stderr
    assert len(list((root / "site/records").glob("*-*/index.html"))) == 7
    strict = run(root, "build", "--strict")
    assert strict.returncode == 1 and "broken.json" in strict.stderr
