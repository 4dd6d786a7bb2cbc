"""Citations parsed by independent tools: bibtexparser, rispy and citeproc-py."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy  # type: ignore[import-untyped]
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter  # type: ignore[import-untyped]
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

from generator.exports.citations import bibtex, citation, csl_json, ris
from generator.models.record import SynthesisRecord
from tests.export_fixtures import NO_REPORT, SEED_000, WITH_DOI, config, hostile, record

ONE_LINE_TITLE = " ".join(hostile().title.split())


def test_bibtex_parses_with_every_field() -> None:
    library = bibtexparser.parse_string(  # type: ignore[attr-defined]
        bibtex(citation(record(WITH_DOI), config()))
    )
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport" and entry.key == "srch-d1a9f0c2"
    assert entry["title"].strip("{}").startswith("Demonstration: a flagship-candidate synthesis")
    assert entry["author"] == "{Assignee Research}"
    assert entry["year"] == "2026" and entry["doi"] == "10.5281/zenodo.0000001"
    assert entry["url"] == f"https://records.example.org/records/{WITH_DOI}/"


def test_bibtex_escapes_hostile_title_into_one_balanced_field() -> None:
    text = bibtex(citation(hostile(), config()))
    library = bibtexparser.parse_string(  # type: ignore[attr-defined]
        text
    )
    assert not library.failed_blocks and len(library.entries) == 1
    title = library.entries[0]["title"]
    assert r"\textbraceleft{}a\textbraceright{}" in title and r"50\%" in title and r"\$x\$" in title
    assert r"\textbackslash{}cite" in title and "\n" not in title
    assert library.entries[0]["author"] == "{Assignee Research}", "fields after the title are intact"


@pytest.mark.parametrize("rec", [record(SEED_000), hostile(), record(NO_REPORT)], ids=["seed", "hostile", "undated"])
def test_ris_parses(rec: SynthesisRecord) -> None:
    (entry,) = rispy.loads(ris(citation(rec, config())))
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == " ".join(rec.title.split())
    assert entry["authors"] == ["Assignee Research"]
    assert entry["urls"] == [f"https://records.example.org/records/{rec.id}/"]
    if rec.submitted:
        assert entry["year"] == str(rec.submitted.year) and entry["date"] == rec.submitted.strftime("%Y/%m/%d")
    else:
        assert "year" not in entry


def _formatted(csl: str) -> str:
    items = json.loads(csl)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    return str(bibliography.bibliography()[0])


def test_csl_json_renders_to_a_reference() -> None:
    text = _formatted(csl_json(citation(record(SEED_000), config())))
    assert "Assignee Research" in text and "2026" in text
    assert "Scaling Human Preference Alignment in LLaMA-70B" in text


def test_csl_json_keeps_hostile_title_as_text() -> None:
    items = json.loads(csl_json(citation(hostile(), config())))
    assert items[0]["title"] == ONE_LINE_TITLE
    assert "a_b" in _formatted(json.dumps(items))
