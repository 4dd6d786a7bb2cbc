"""Exports do not depend on how the work was split: batched, threaded or forked, same bytes.

Also pins what keeps the files small: one embedded font face in a plain report PDF, and JSON
exports without layout whitespace.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from generator import parallel
from generator.assemble import write_records
from generator.exports.corrections import correction_bytes
from generator.exports.manifest import manifest_bytes
from generator.exports.paths import Export
from generator.exports.report_artifacts import ArtifactCache, Job, convert, convert_all, jobs_for, run_jobs
from generator.exports.report_convert import run_pandoc
from generator.load import LoadedRecord, listing_copy
from generator.render import Renderer
from tests.export_fixtures import CORRECTED, SEED_000, config, hostile, record, records
from tests.helpers import ROOT


def _jobs() -> list[Job]:
    reports = [*records(), hostile()]
    return [job for rec in reports for job in jobs_for(rec, config()).values()]


def test_one_pandoc_run_for_many_documents_equals_one_run_each() -> None:
    documents = list(dict.fromkeys(job.document for job in _jobs()))
    assert len(documents) >= 3
    assert run_pandoc(documents) == [run_pandoc([document])[0] for document in documents]


def test_threaded_batches_equal_single_conversions(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _jobs()
    monkeypatch.setattr("generator.exports.report_artifacts.BATCH_SIZE", 1)
    monkeypatch.setattr("generator.exports.report_artifacts.cores", lambda: 2)
    together = convert_all(jobs)
    assert {job.key: convert(job) for job in jobs} == together


def test_cached_bytes_equal_fresh_conversions(tmp_path: Path) -> None:
    jobs = _jobs()
    fresh = run_jobs(jobs, ArtifactCache(tmp_path))
    assert run_jobs(jobs, ArtifactCache(tmp_path)) == fresh
    assert not list(tmp_path.glob("*.tmp"))


def _written(tmp_path: Path, cache: Path, cores: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every record's page and export files as ``write_records`` writes them, in chunks of two."""
    monkeypatch.setattr(parallel, "cores", lambda: cores)
    monkeypatch.setattr("generator.assemble.RECORDS_PER_CHUNK", 2)
    many = [LoadedRecord(f"{r.id}.json", tmp_path, listing_copy(r), "", r.model_dump_json()) for r in records()]
    docs, exports = tmp_path / "docs", tmp_path / "exports"
    made = write_records(many, config(), Renderer(ROOT / "site_templates" / "pages"), docs, exports, cache)
    files = {
        f"{tree.name}/{path.relative_to(tree).as_posix()}": path.read_bytes()
        for tree in (docs, exports)
        for path in tree.rglob("*")
        if path.is_file()
    }
    assert sorted(f"docs/{page}" for page in made.pages) == sorted(f for f in files if f.startswith("docs/"))
    assert sorted(f"exports/{path}" for path in made.exports) == sorted(f for f in files if f.startswith("exports/"))
    assert all(page.endswith(".md") for page in made.pages) and made.changed == len(files)
    return files


def test_forked_chunks_give_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _written(tmp_path / "a", tmp_path / "cache-a", 1, monkeypatch)
    forked = _written(tmp_path / "b", tmp_path / "cache-b", 2, monkeypatch)
    warm = _written(tmp_path / "c", tmp_path / "cache-b", 2, monkeypatch)
    assert any(path.endswith("report.pdf") for path in alone)
    assert alone == forked == warm


FORK_CHECK = """
import os
from generator import parallel
parallel.cores = lambda: 2
done = parallel.map_chunks(lambda chunk: (os.getpid(), sum(chunk)), list(range(100)), 7)
assert [total for _, total in done] == [sum(range(i, min(i + 7, 100))) for i in range(0, 100, 7)], done
assert os.getpid() not in {pid for pid, _ in done}, "ran in this process, not in forked workers"
outer = parallel.each_chunk(lambda chunk: os.getpid(), list(range(20)), 5)
assert next(outer) != os.getpid()
inner = parallel.map_chunks(lambda chunk: (os.getpid(), sum(chunk)), list(range(20)), 5)
assert inner == [(os.getpid(), total) for total in (10, 35, 60, 85)], "nested: in this process, in order"
assert all(pid != os.getpid() for pid in outer), "the open iterator's chunks still come from its workers"
"""


def test_map_chunks_runs_in_forked_workers_and_keeps_input_order() -> None:
    """In a fresh interpreter, whatever threads earlier tests left (``map_chunks`` never forks
    beside other threads): chunks run in forked workers, results come back in order, and no second
    pool forks while an iterator over chunks (``each_chunk``) is still open: a nested call runs here."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", FORK_CHECK], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_plain_report_pdf_embeds_one_font_face_and_keeps_its_metadata() -> None:
    rec = record(SEED_000)
    pdf = convert(jobs_for(rec, config())[Export.PDF])
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert fonts == {"LibertinusSerif-Regular-Identity-H"}
    assert reader.metadata is not None
    assert reader.metadata.title == rec.title and reader.metadata.author == "Assignee Research"
    mark_info = reader.root_object["/MarkInfo"].get_object()
    assert mark_info["/Marked"], "the PDF stays tagged for assistive technology"  # type: ignore[index]
    assert len(pdf) < 36_000


def test_json_exports_carry_no_layout_whitespace() -> None:
    for data in (manifest_bytes(record(SEED_000), config()), correction_bytes(record(CORRECTED), config())):
        assert data is not None and data.endswith(b"}\n") and b"\n" not in data[:-1]
        assert json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode() + b"\n" == data
