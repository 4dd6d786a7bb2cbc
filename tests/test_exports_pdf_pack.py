"""The PDF packer is lossless: every object of Typst's file survives, read back by pypdf."""

from __future__ import annotations

import io

import pypdf
import pytest
import typst
from pypdf.generic import PdfObject, StreamObject

from generator.exports.paths import Export
from generator.exports.pdf_pack import pack, parse
from generator.exports.report_artifacts import jobs_for
from generator.exports.report_convert import run_pandoc
from tests.export_fixtures import SEED_000, config, hostile


def _typst_pdf(rec_id: str = SEED_000) -> bytes:
    """Typst's own output for a demo report, before packing."""
    job = jobs_for(hostile(rec_id), config())[Export.PDF]
    pdf = typst.compile(run_pandoc([job.document])[0].typst.encode(), format="pdf", ignore_system_fonts=True)
    assert isinstance(pdf, bytes)
    return pdf


def _serialised(obj: PdfObject) -> bytes:
    """An object as bytes: references as "N 0 R", streams by their decoded data."""
    out = io.BytesIO()
    if isinstance(obj, StreamObject):
        out.write(obj.get_data())
        obj = pypdf.generic.DictionaryObject({k: v for k, v in obj.items() if k not in ("/Length", "/Filter")})
    obj.write_to_stream(out)
    return out.getvalue()


def test_every_object_survives_packing() -> None:
    original = _typst_pdf()
    packed = pack(original)
    before, after = pypdf.PdfReader(io.BytesIO(original)), pypdf.PdfReader(io.BytesIO(packed))
    numbers = sorted(parse(original).bodies)
    for number in numbers:
        assert _serialised(after.get_object(number)) == _serialised(before.get_object(number)), number  # type: ignore[arg-type]
    for key in ("/Root", "/Info"):
        assert after.trailer.raw_get(key).idnum == before.trailer.raw_get(key).idnum
    assert after.trailer["/ID"] == before.trailer["/ID"]
    assert [p.extract_text() for p in after.pages] == [p.extract_text() for p in before.pages]
    assert after.metadata == before.metadata


def test_packing_shrinks_and_is_deterministic() -> None:
    original = _typst_pdf()
    packed = pack(original)
    assert pack(original) == packed
    assert len(packed) < 0.75 * len(original)
    assert b"/Type/XRef" in packed and b"/Type/ObjStm" in packed and b"\nxref\n" not in packed


def test_a_file_without_a_cross_reference_table_is_refused() -> None:
    with pytest.raises(AssertionError):
        pack(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n")
