"""Report artifacts: JATS parsed as XML, PDF opened with pypdf; deterministic and cached."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from lxml import etree  # type: ignore[import-untyped]

from generator.exports.paths import Export
from generator.exports.report_artifacts import ArtifactCache, convert, jobs_for, run_jobs
from generator.exports.tree import report_artifacts
from generator.models.record import SynthesisRecord
from tests.export_fixtures import NO_REPORT, SEED_000, WITH_DOI, config, hostile, record


def _made(rec: SynthesisRecord, export: Export, cache: Path | None = None) -> bytes:
    return report_artifacts([rec], config(), cache)[
        f"records/{rec.id}/report{'.pdf' if export is Export.PDF else '.jats.xml'}"
    ]


def test_jats_front_matter() -> None:
    rec = record(WITH_DOI)
    root = etree.fromstring(_made(rec, Export.JATS))
    meta = root.find("front/article-meta")
    assert meta is not None
    assert meta.findtext("title-group/article-title") == rec.title
    assert meta.findtext("article-id[@pub-id-type='doi']") == "10.5281/zenodo.0000001"
    assert meta.findtext("article-id[@pub-id-type='publisher-id']") == "SRCH:D1A9F0C2"
    assert meta.findtext("contrib-group/contrib/string-name") == "Assignee Research"
    assert meta.findtext("pub-date/year") == "2026"
    assert meta.find("abstract") is not None
    assert root.findtext("front/journal-meta/publisher/publisher-name") == "Assignee Research"
    assert [t.text for t in root.findall("body/sec/title")][:1] == [rec.report.sections[0].heading]  # type: ignore[union-attr]


def test_pdf_text_holds_title_and_a_claim() -> None:
    rec = record(SEED_000)
    reader = pypdf.PdfReader(io.BytesIO(_made(rec, Export.PDF)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Scaling Human Preference Alignment in LLaMA-70B" in text
    assert rec.claims and " ".join(rec.claims[0].text.split())[:40] in text
    assert reader.metadata is not None and reader.metadata.get("/CreationDate") == "D:20260530000000Z"


def test_hostile_text_stays_text_in_both_formats() -> None:
    rec = hostile()
    jats = etree.fromstring(_made(rec, Export.JATS))
    assert jats.findtext("front/article-meta/title-group/article-title") == " ".join(rec.title.split())
    assert not jats.findall(".//b")
    reader = pypdf.PdfReader(io.BytesIO(_made(rec, Export.PDF)))
    assert "</script>" in " ".join((p.extract_text() or "") for p in reader.pages)


def test_no_report_body_means_no_files() -> None:
    assert jobs_for(record(NO_REPORT), config()) == {}
    assert report_artifacts([record(NO_REPORT)], config(), None) == {}


def test_conversion_is_deterministic() -> None:
    job = jobs_for(record(SEED_000), config())[Export.PDF]
    assert convert(job) == convert(job)


def test_cache_is_used_while_the_record_is_unchanged(tmp_path: Path) -> None:
    jobs = jobs_for(record(SEED_000), config())
    first = run_jobs(jobs.values(), ArtifactCache(tmp_path))
    assert len(list(tmp_path.iterdir())) == 2
    # A cache entry is trusted by its key: replace one and the next run returns it unconverted.
    marker = b"%PDF-cached"
    (tmp_path / (jobs[Export.PDF].key + ".pdf")).write_bytes(marker)
    again = run_jobs(jobs.values(), ArtifactCache(tmp_path))
    assert again[jobs[Export.PDF].key] == marker
    assert again[jobs[Export.JATS].key] == first[jobs[Export.JATS].key]
    changed = jobs_for(hostile(), config())[Export.PDF]
    assert changed.key != jobs[Export.PDF].key, "a changed record gets a new key and is converted again"
