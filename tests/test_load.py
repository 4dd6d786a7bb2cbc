"""Loading: every problem is reported with file, field path, expected and found; valid files are kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from generator.assemble import index_tree, scan_tree
from generator.browse import browse_tree
from generator.errors import InputChanged, Problem, Severity
from generator.exports import facts
from generator.exports.feeds import atom_feed, json_feed
from generator.load import field_path, load_corpus, load_records
from generator.models.record import SynthesisRecord
from generator.project import Project
from generator.render import Renderer
from generator.scan_links import citing_records, scan_targets
from tests.helpers import ROOT

SEED = json.loads((ROOT / "content/records/7c2e3a4b-0000-4000-8000-000000000000.json").read_text())


def write(root: Path, name: str, data: object) -> None:
    folder = root / "content" / "records"
    folder.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / name).write_text(text, encoding="utf-8")


def test_field_path_reads_like_the_json() -> None:
    assert field_path(("claims", 3, "confidence")) == "claims[3].confidence"
    assert field_path(("quality_tier", "inputs", "review_score")) == "quality_tier.inputs.review_score"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    bad = {**SEED, "review_score": 12, "claims": [{"text": "x", "verified": "yes", "confidence": 1.5}]}
    del bad["title"]
    write(tmp_path, "bad.json", bad)
    corpus = load_records(tmp_path)
    assert corpus.records == []
    found = {(p.path, p.expected, p.found) for p in corpus.problems}
    assert found == {
        ("title", "a value (required field)", "nothing"),
        ("review_score", "less than or equal to 10", "12"),
        ("claims[0].verified", "a valid boolean", "'yes'"),
        ("claims[0].confidence", "less than or equal to 1", "1.5"),
    }
    assert {p.file for p in corpus.problems} == {"content/records/bad.json"}


def test_valid_files_are_kept_beside_rejected_ones(tmp_path: Path) -> None:
    write(tmp_path, "a-good.json", SEED)
    write(tmp_path, "b-broken.json", '{"id": ')
    write(tmp_path, "c-empty.json", "")
    corpus = load_records(tmp_path)
    assert [r.source for r in corpus.records] == ["content/records/a-good.json"]
    assert corpus.rejected == ["content/records/b-broken.json", "content/records/c-empty.json"]
    assert str(corpus.problems[0]).startswith("error: content/records/b-broken.json: expected valid JSON, found EOF")


def test_unknown_keys_warn_and_keep_the_record(tmp_path: Path) -> None:
    write(tmp_path, "extra.json", {**SEED, "pipeline_run": 7, "verification": {**SEED["verification"], "x": 1}})
    corpus = load_records(tmp_path)
    assert len(corpus.records) == 1 and corpus.rejected == []
    assert [(p.path, p.severity) for p in corpus.problems] == [
        ("pipeline_run", Severity.WARNING),
        ("verification.x", Severity.WARNING),
    ]


NESTED_OBJECTS = [
    "publisher",
    "report",
    "report.sections[0]",
    "claims[0]",
    "references[0]",
    "verification.claim_summary",
    "quality_tier",
    "quality_dimensions.reproducibility_status",
    "correction_record",
    "provenance",
]


@pytest.mark.parametrize("where", NESTED_OBJECTS)
def test_an_unknown_key_is_found_in_every_nested_object(tmp_path: Path, where: str) -> None:
    data = json.loads(json.dumps(SEED))
    node = data
    for part in where.replace("[0]", ".0").split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    node["unknown_field"] = {"nested": 1}
    write(tmp_path, "deep.json", data)
    corpus = load_records(tmp_path)
    assert [(p.path, p.severity) for p in corpus.problems] == [(f"{where}.unknown_field", Severity.WARNING)]
    assert len(corpus.records) == 1


def test_duplicate_ids_keep_the_first_file_and_reject_the_rest(tmp_path: Path) -> None:
    write(tmp_path, "a.json", SEED)
    write(tmp_path, "b.json", SEED)
    corpus = load_records(tmp_path)
    assert [r.source for r in corpus.records] == ["content/records/a.json"]
    assert corpus.problems == [
        Problem(
            "content/records/b.json", "id", "an id no other file uses", f"{SEED['id']} (also in content/records/a.json)"
        )
    ]


def test_unsafe_urls_and_nan_are_refused(tmp_path: Path) -> None:
    refs = [{"url": "javascript:alert(1)"}, {"url": "data:text/html,x"}]
    write(
        tmp_path,
        "r.json",
        json.dumps({**SEED, "references": refs}).replace('"review_score": 2.0', '"review_score": NaN'),
    )
    corpus = load_records(tmp_path)
    paths = sorted(p.path for p in corpus.problems)
    assert paths == ["references[0].url", "references[1].url", "review_score"]
    assert all("http:// or https:// URL" in p.expected for p in corpus.problems if p.path.startswith("references"))


def test_gate_verdict_status_needs_its_evidence(tmp_path: Path) -> None:
    gate = {"status": "VERIFIED", "gate": "Gate 2"}
    write(tmp_path, "g.json", {**SEED, "gate_verdict": gate})
    [problem] = load_records(tmp_path).problems
    assert problem.path == "gate_verdict"
    assert problem.expected == "at least one reproducible artifact in `artifacts` when status is VERIFIED"


@pytest.mark.parametrize("corpus_of", ["content", "bench corpus"])
def test_views_over_every_record_read_only_what_listing_copies_keep(corpus_of: str, tmp_path: Path) -> None:
    """The corpus keeps records as listing copies (claims, report … left out); every view over all
    records must come out the same from them as from the whole records."""
    root = ROOT
    if corpus_of == "bench corpus":
        root = tmp_path
        write_corpus(root, 60)
    corpus = load_corpus(root)
    listings, whole = [r.listing for r in corpus.records], [r.model() for r in corpus.records]
    assert all(r.claims is None and r.report is None for r in listings) and any(r.claims for r in whole)
    config, renderer = Project(ROOT).config, Renderer(ROOT / "site_templates" / "pages")
    scans = corpus.scans
    views: list[Callable[[list[SynthesisRecord]], object]] = [
        lambda records: index_tree(records, config, renderer),
        lambda records: browse_tree(records, config.records_per_page, renderer),
        lambda records: scan_tree(scans, citing_records(records, scan_targets(scans)), renderer),
        lambda records: (atom_feed(records, config), json_feed(records, config)),
        lambda records: [(r.id, facts.updated_on(r), r.submitted) for r in records],
    ]
    for view in views:
        assert view(listings) == view(whole)


def test_a_record_file_changed_after_validation_is_not_rendered(tmp_path: Path) -> None:
    write_corpus(tmp_path, 5)
    loaded = load_corpus(tmp_path).records[0]
    assert loaded.model().id == loaded.listing.id
    loaded.file.write_text(loaded.file.read_text().replace('"title": "', '"title": "Changed ', 1))
    with pytest.raises(InputChanged, match=loaded.source):
        loaded.model()
    kept = load_corpus(tmp_path).records[0].keeping_text()
    kept.file.write_text("{ broken")
    assert kept.model().title.startswith("Changed ")  # mkdocs serve's last good version
