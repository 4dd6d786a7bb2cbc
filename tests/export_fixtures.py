"""Records and configuration for the export tests: the demo records as stored, plus a hostile copy."""

from __future__ import annotations

from functools import cache

from generator.load import load_records
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig, load_site_config
from tests.helpers import ROOT

SEED_000 = "7c2e3a4b-0000-4000-8000-000000000000"
NO_REPORT = "4ab614f9-e0cb-5152-b96b-bcfd2d6d5f88"
CORRECTED = "d2b7e3a1-4c5d-4e6f-8a9b-0c1d2e3f2002"
WITH_DOI = "d1a9f0c2-6b1e-4f7a-9c3d-0e5b8a7f1001"
HOSTILE_TITLE = 'Braces {a} 50% $x$ #1 a_b ~ ^ \\cite "q" & <b>bold</b></script> line\nbreak'


@cache
def config() -> SiteConfig:
    return load_site_config(ROOT / "mkdocs.yml")


@cache
def records() -> tuple[SynthesisRecord, ...]:
    return tuple(loaded.model() for loaded in load_records(ROOT).records)


def record(record_id: str) -> SynthesisRecord:
    return next(r for r in records() if str(r.id) == record_id)


def hostile(record_id: str = SEED_000) -> SynthesisRecord:
    """A demo record whose title holds every character a citation format must escape."""
    return record(record_id).model_copy(update={"title": HOSTILE_TITLE})
