"""Golden files: the rendered Markdown of one scan per scan version (1-5), compared byte for byte.

Inputs and expected pages sit side by side in ``tests/golden/scans/`` (``X.json`` → ``X.md``).
Refresh after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_scan_golden.py`` and
review the diff. The content scans are copied there too, so a change to one shows up as a diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.models.scan import PaperScan
from generator.render import Renderer
from generator.scan_links import PublishedScan, scan_slug, scan_targets
from generator.scan_view import scan_view
from tests.helpers import ROOT

GOLDEN = Path(__file__).parent / "golden" / "scans"
INPUTS = sorted(GOLDEN.glob("*.json"))


def published(source: Path) -> PublishedScan:
    scan = PaperScan.model_validate_json(source.read_text(encoding="utf-8"), strict=True)
    slug = scan_slug(scan, source.name)
    assert slug is not None
    return PublishedScan(slug, scan)


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.stem)
def test_scan_markdown_matches_golden(source: Path) -> None:
    targets = scan_targets(published(p) for p in INPUTS)
    rendered = Renderer(ROOT / "site_templates" / "pages").scan(scan_view(published(source), targets))
    expected = source.with_suffix(".md")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected.write_text(rendered, encoding="utf-8")
    assert expected.exists(), f"no golden file; run with UPDATE_GOLDEN=1 and review {expected}"
    assert rendered == expected.read_text(encoding="utf-8")


def test_golden_inputs_cover_every_scan_version() -> None:
    versions = {published(p).scan.scan_version or 1 for p in INPUTS}
    assert versions == {1, 2, 3, 4, 5}


def test_every_content_scan_is_a_golden_input() -> None:
    for source in sorted((ROOT / "content" / "scans").glob("*.json")):
        assert (GOLDEN / source.name).read_bytes() == source.read_bytes(), f"copy {source.name} into {GOLDEN}"


def test_every_golden_page_has_its_input() -> None:
    assert {p.stem for p in GOLDEN.glob("*.md")} == {p.stem for p in INPUTS}
