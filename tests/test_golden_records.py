"""Golden files: the rendered Markdown of every stored record, compared byte for byte.

Refresh after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden_records.py``
and review the diff under ``tests/golden/records/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.models.record import SynthesisRecord
from generator.record_view import record_view
from generator.render import Renderer
from generator.site_config import load_site_config
from tests.helpers import ROOT

GOLDEN = Path(__file__).parent / "golden" / "records"
RECORDS = sorted((ROOT / "content" / "records").glob("*.json"))


@pytest.mark.parametrize("source", RECORDS, ids=lambda p: p.stem)
def test_record_markdown_matches_golden(source: Path) -> None:
    config = load_site_config(ROOT / "mkdocs.yml")
    record = SynthesisRecord.model_validate_json(source.read_text(encoding="utf-8"), strict=True)
    rendered = Renderer(ROOT / "site_templates" / "pages").record(record_view(record, config))
    expected = GOLDEN / f"{source.stem}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(rendered, encoding="utf-8")
    assert expected.exists(), f"no golden file; run with UPDATE_GOLDEN=1 and review {expected}"
    assert rendered == expected.read_text(encoding="utf-8")


def test_every_golden_file_has_its_record() -> None:
    assert {p.stem for p in GOLDEN.glob("*.md")} == {p.stem for p in RECORDS}
