"""The validation cache: the same corpus with and without it, and never a stale result."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.errors import Severity
from generator.load import Corpus, load_corpus
from generator.validate_cache import CACHE_NAME, code_fingerprint, text_key
from tests.helpers import ROOT

SEED = ROOT / "content/records/7c2e3a4b-0000-4000-8000-000000000000.json"
LIGATURES = ROOT / "content/records/4ab614f9-e0cb-5152-b96b-bcfd2d6d5f88.json"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Seed records and scans beside every bad input: errors, warnings, notices and duplicates."""
    for kind in ("records", "scans"):
        folder = tmp_path / "content" / kind
        shutil.copytree(ROOT / "content" / kind, folder)
        for path in (ROOT / "tests/bad_inputs" / kind).glob("*.json"):
            shutil.copy(path, folder / f"bad-{path.name}")
    seed = json.loads(SEED.read_text())
    unknown = {
        **seed,
        "id": "7c2e3a4b-0000-4000-8000-0000000000ff",
        "x": 1,
        "verification": {**seed["verification"], "y": 2},
    }
    (tmp_path / "content/records/unknown-keys.json").write_text(json.dumps(unknown), encoding="utf-8")
    return tmp_path


def snapshot(corpus: Corpus) -> tuple[object, ...]:
    """Everything a caller sees of a corpus, models compared as their full JSON and repr."""
    return (
        [(loaded.source, loaded.model().model_dump_json(), loaded.listing, loaded.sha256) for loaded in corpus.records],
        [(loaded.source, loaded.model().model_dump_json(), loaded.listing, loaded.sha256) for loaded in corpus.scans],
        corpus.problems,
        corpus.rejected,
    )


def test_a_cached_run_equals_an_uncached_one(root: Path) -> None:
    uncached = snapshot(load_corpus(root))
    cold = snapshot(load_corpus(root, root / "cache"))
    assert (root / "cache" / CACHE_NAME).is_file()
    warm = snapshot(load_corpus(root, root / "cache"))
    assert cold == uncached and warm == uncached
    severities = {problem.severity for problem in load_corpus(root, root / "cache").problems}
    assert severities == {Severity.ERROR, Severity.WARNING, Severity.NOTICE}


def test_a_changed_file_is_validated_again(root: Path) -> None:
    record = root / "content/records" / SEED.name
    load_corpus(root, root / "cache")
    record.write_text(json.dumps({**json.loads(SEED.read_text()), "pipeline_run": 7}), encoding="utf-8")
    assert [(p.path, p.severity) for p in load_corpus(root, root / "cache").problems if p.file.endswith(SEED.name)] == [
        ("pipeline_run", Severity.WARNING)
    ]
    record.write_text('{"id": ', encoding="utf-8")
    corpus = load_corpus(root, root / "cache")
    assert f"content/records/{SEED.name}" in corpus.rejected
    shutil.copy(SEED, record)
    corpus = load_corpus(root, root / "cache")
    assert f"content/records/{SEED.name}" not in corpus.rejected
    assert snapshot(corpus) == snapshot(load_corpus(root))


def test_entries_are_keyed_by_content_and_tied_to_the_code(root: Path) -> None:
    """An entry is used only for the very same text under the same validating code."""
    load_corpus(root, root / "cache")
    cache = root / "cache" / CACHE_NAME
    data = json.loads(cache.read_text())
    assert data["fingerprint"] == code_fingerprint()
    data["entries"][text_key(LIGATURES.read_text())] = [True, [["abstract", "planted", "planted", "notice"]]]
    cache.write_text(json.dumps(data))
    planted = [p for p in load_corpus(root, root / "cache").problems if p.expected == "planted"]
    assert [p.file for p in planted] == [f"content/records/{LIGATURES.name}"]  # the entry is really used

    cache.write_text(json.dumps({**data, "fingerprint": "other code"}))
    assert not [p for p in load_corpus(root, root / "cache").problems if p.expected == "planted"]


@pytest.mark.parametrize("content", ["", "{not json", '{"fingerprint": 1}', "[]"])
def test_an_unreadable_cache_is_ignored(root: Path, content: str) -> None:
    (root / "cache").mkdir()
    (root / "cache" / CACHE_NAME).write_text(content)
    assert snapshot(load_corpus(root, root / "cache")) == snapshot(load_corpus(root))
