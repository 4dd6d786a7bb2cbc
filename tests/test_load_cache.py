"""The validation cache and the load memo: the same corpus with and without them, and never a stale result."""

from __future__ import annotations

import gc
import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from generator import load, load_memo, parallel, validate_cache
from generator.errors import Severity
from generator.load import Corpus, load_corpus
from generator.load_memo import _RECORD_LINE, MEMO_NAME, SUPERSEDED, record_line
from generator.models.record import SynthesisRecord
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


def test_loading_in_forked_workers_equals_loading_in_one_process(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 5 files on every core (listings sent back as JSON, read while later chunks are
    checked) give the corpus one process gives, problems and memo included."""
    if parallel.cores() < 2:
        pytest.skip("needs two cores")
    assert parallel._can_fork(), f"a test left threads running, so nothing forks: {threading.enumerate()}"
    age(root)  # stats trusted in both runs, so the memos can be compared
    monkeypatch.setattr(load, "FILES_PER_CHUNK", 100_000)
    alone = snapshot(load_corpus(root, root / "alone"))
    monkeypatch.setattr(load, "FILES_PER_CHUNK", 5)
    assert len(list((root / "content/records").glob("*.json"))) > 2 * 5
    assert snapshot(load_corpus(root, root / "forked")) == alone
    assert (root / "forked" / MEMO_NAME).read_bytes() == (root / "alone" / MEMO_NAME).read_bytes()


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


def age(root: Path) -> None:
    """Give every input file an mtime an hour old, so the load memo trusts its stat."""
    old = time.time() - 3600
    for path in (root / "content").rglob("*.json"):
        os.utime(path, (old, old))


def read_memo(memo: Path) -> tuple[dict[str, Any], list[list[Any]]]:
    """The memo's first line and its entry lines, parsed."""
    head, *lines = memo.read_text(encoding="utf-8").splitlines()
    return json.loads(head), [json.loads(line) for line in lines]


def write_memo(memo: Path, head: dict[str, Any], lines: list[list[Any]]) -> None:
    rows = [head, *lines]
    memo.write_text("".join(json.dumps(row, separators=(",", ":")) + "\n" for row in rows), encoding="utf-8")


def test_the_load_memo_gives_the_same_corpus_by_stat_and_by_text(root: Path) -> None:
    uncached = snapshot(load_corpus(root))
    age(root)
    load_corpus(root, root / "cache")
    assert (root / "cache" / MEMO_NAME).is_file()
    assert snapshot(load_corpus(root, root / "cache")) == uncached  # every stat as remembered
    for path in (root / "content").rglob("*.json"):
        path.touch()  # a fresh checkout: new mtimes, same texts
    assert snapshot(load_corpus(root, root / "cache")) == uncached


def test_a_listing_sent_as_json_is_written_to_the_memo_as_its_model_would_be(root: Path) -> None:
    """Workers send listing copies as JSON, which the memo writes as it is: byte for byte what
    the memo's adapter makes of the model, with a trusted stat or not."""
    corpus = load_corpus(root)
    assert corpus.records
    for loaded in corpus.records:
        dumped = TypeAdapter(SynthesisRecord).dump_json(loaded.listing, exclude_unset=True)
        for stat in ((123, 1_700_000_000_000_000_000), (-1, -1)):
            entry = (*stat, loaded.sha256, loaded.listing)
            line = _RECORD_LINE.dump_json(("r", loaded.source, *entry), exclude_unset=True)
            assert record_line(loaded.source, entry, dumped) == line


def test_a_remembered_file_is_not_read_again(root: Path) -> None:
    """The memo is really used: a planted title comes back while the file's stat is unchanged,
    and is gone once the file's text changes."""
    age(root)
    load_corpus(root, root / "cache")
    memo = root / "cache" / MEMO_NAME
    head, lines = read_memo(memo)
    source = f"content/records/{SEED.name}"
    for line in lines:
        if line[:2] == ["r", source]:
            line[5]["title"] = "Planted"
    write_memo(memo, head, lines)
    [seed] = [r for r in load_corpus(root, root / "cache").records if r.source == source]
    assert seed.listing.title == "Planted"

    record = root / "content/records" / SEED.name
    record.write_text(json.dumps({**json.loads(SEED.read_text()), "title": "Retitled"}), encoding="utf-8")
    [seed] = [r for r in load_corpus(root, root / "cache").records if r.source == source]
    assert seed.listing.title == "Retitled"


def test_the_caches_are_read_while_the_collector_is_paused(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo holds every listing: read with the cyclic collector running, its millions of new
    objects set off collection after collection (1.4 s instead of 0.35 s at 10,000 records)."""
    load_corpus(root, root / "cache")
    seen: dict[str, bool] = {}

    def spy(name: str, read: Callable[..., object]) -> Callable[..., object]:
        def reading(*args: object) -> object:
            seen[name] = gc.isenabled()
            return read(*args)

        return reading

    monkeypatch.setattr(load_memo, "_read", spy("memo", load_memo._read))
    monkeypatch.setattr(validate_cache, "_read_entries", spy("validation cache", validate_cache._read_entries))
    assert gc.isenabled()
    corpus = load_corpus(root, root / "cache")
    assert seen == {"memo": False, "validation cache": False}
    assert gc.isenabled()
    assert corpus.records and gc.get_freeze_count() > 0  # what the memo gave is kept out of later collections


def test_a_file_changed_within_its_mtime_tick_is_not_missed(root: Path) -> None:
    """A file written just before a load may change again without its size or mtime changing
    (racy stat): its stat is not trusted next time, its text is hashed."""
    record = root / "content/records" / SEED.name
    original = record.read_text()
    record.write_text(original, encoding="utf-8")  # written now
    load_corpus(root, root / "cache")
    stat = record.stat()
    record.write_text(original.replace('"title": "', '"title": "X', 1)[: len(original)], encoding="utf-8")
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert record.stat().st_size == stat.st_size
    assert snapshot(load_corpus(root, root / "cache")) == snapshot(load_corpus(root))


@pytest.mark.parametrize("content", ["", "{not json", '{"fingerprint": 1}', "[]"])
def test_an_unreadable_or_foreign_memo_is_ignored(root: Path, content: str) -> None:
    age(root)
    load_corpus(root, root / "cache")
    memo = root / "cache" / MEMO_NAME
    head, lines = read_memo(memo)
    for line in lines:
        if line[0] == "r":
            line[5]["title"] = "Planted"
    write_memo(memo, {**head, "fingerprint": "0123abcd"}, lines)  # a memo of other code
    assert "Planted" not in {r.listing.title for r in load_corpus(root, root / "cache").records}
    memo.write_text(content)
    assert snapshot(load_corpus(root, root / "cache")) == snapshot(load_corpus(root))


def test_the_memo_appends_what_changed_and_is_written_whole_once_mostly_superseded(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A publish that changed one file appends one line to the memo, which then gives that file's
    new listing; superseded lines are let grow to an eighth of the live ones (plus a slack), then
    the memo is written again whole. An append cut short is not appended to."""
    monkeypatch.setattr(load_memo, "SLACK", 3)
    age(root)
    load_corpus(root, root / "cache")
    memo = root / "cache" / MEMO_NAME
    before = memo.read_bytes()
    live = len(read_memo(memo)[1])
    bound = live + live // SUPERSEDED + 3
    record, source = root / "content/records" / SEED.name, f"content/records/{SEED.name}"

    def retitle(title: str) -> str:
        record.write_text(json.dumps({**json.loads(SEED.read_text()), "title": title}))
        os.utime(record, (time.time() - 3600,) * 2)  # a trusted stat, so the entry is not kept again
        return next(r.listing.title for r in load_corpus(root, root / "cache").records if r.source == source)

    for number in range(bound - live):
        assert retitle(f"Retitled {number}") == f"Retitled {number}"
        if number == 0:  # one line appended, nothing else written
            assert memo.read_bytes().startswith(before) and memo.read_bytes().count(b"\n") == before.count(b"\n") + 1
    assert len(read_memo(memo)[1]) == bound  # appended up to the bound
    assert next(r.listing.title for r in load_corpus(root, root / "cache").records if r.source == source) == (
        f"Retitled {bound - live - 1}"  # the last line of a source wins
    )
    retitle("One more")
    assert len(read_memo(memo)[1]) == live  # past the bound: written whole, a line per file
    with memo.open("ab") as out:
        out.write(b'["r","content/records/cut short')  # a publish stopped while appending
    assert retitle("After the cut") == "After the cut"
    assert len(read_memo(memo)[1]) == live  # written whole again, without the cut line
    assert snapshot(load_corpus(root, root / "cache")) == snapshot(load_corpus(root))
