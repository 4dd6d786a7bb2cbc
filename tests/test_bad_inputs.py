"""The bad-file corpus: every broken input gets its own error naming file, field, expected and found.

``tests/bad_inputs/records/`` holds one file per kind of breakage; ``records.expected.json``
says which problems each must produce. All files are validated in one run, so this also checks
that one bad file never hides another's problems and that valid files beside them are kept.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import Problem, Severity
from generator.load import Corpus, load_records, load_scans
from tests.helpers import ROOT

FOLDER = "tests/bad_inputs/records"
EXPECTED: dict[str, list[dict[str, str]]] = json.loads((ROOT / "tests/bad_inputs/records.expected.json").read_text())


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_records(ROOT, FOLDER)


def problems_of(corpus: Corpus, name: str) -> list[Problem]:
    return [p for p in corpus.problems if p.file == f"{FOLDER}/{name}"]


def test_the_corpus_covers_at_least_thirty_kinds() -> None:
    assert len([name for name, expected in EXPECTED.items() if expected]) >= 30
    assert {p.name for p in (ROOT / FOLDER).glob("*.json")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_its_expected_errors(corpus: Corpus, name: str) -> None:
    found = [p for p in problems_of(corpus, name) if p.severity is Severity.ERROR]
    for want in EXPECTED[name]:
        matches = [
            p for p in found if p.path == want["path"] and want["expected"] in p.expected and want["found"] in p.found
        ]
        assert matches, f"{name}: no problem like {want}; got {[str(p) for p in found]}"
    assert len(found) == len(EXPECTED[name]), [str(p) for p in found]
    for problem in found:
        assert problem.expected and problem.found, problem


def test_the_published_set_is_exactly_the_valid_inputs(corpus: Corpus) -> None:
    valid = {f"{FOLDER}/{name}" for name, expected in EXPECTED.items() if not expected}
    assert {loaded.source for loaded in corpus.records} == valid
    assert set(corpus.rejected) == {f"{FOLDER}/{name}" for name, expected in EXPECTED.items() if expected}


SCANS = "tests/bad_inputs/scans"
SCAN_EXPECTED: dict[str, list[dict[str, str]]] = json.loads((ROOT / "tests/bad_inputs/scans.expected.json").read_text())


@pytest.mark.parametrize("name", sorted(SCAN_EXPECTED))
def test_each_bad_scan_gets_its_expected_errors(name: str) -> None:
    scans, problems = load_scans(ROOT, SCANS)
    found = [p for p in problems if p.file == f"{SCANS}/{name}"]
    for want in SCAN_EXPECTED[name]:
        assert [
            p for p in found if p.path == want["path"] and want["expected"] in p.expected and want["found"] in p.found
        ], f"{name}: no problem like {want}; got {[str(p) for p in found]}"
    assert len(found) == len(SCAN_EXPECTED[name])
    published = {s.source for s in scans}
    assert (f"{SCANS}/{name}" in published) == (not SCAN_EXPECTED[name])


def test_an_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "records"
    folder.mkdir(parents=True)
    (folder / "huge.json").write_text('{"title": "' + "x" * (5 * 1024 * 1024) + '"}')
    [problem] = load_records(tmp_path).problems
    assert (problem.path, problem.expected) == ("", "at most 4,194,304 bytes")
    assert problem.found == f"{(folder / 'huge.json').stat().st_size:,} bytes"
