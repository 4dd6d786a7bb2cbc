"""Where scan pages live and how scans and syntheses find each other (matched by arXiv id).

A scan page is ``scans/<arXiv id without version>.md`` (old-style ids ``hep-th/9901001``
become ``hep-th-9901001``); a scan without an arXiv id uses its file name. Both are checked
against ``SAFE_SLUG``, so a scan never writes outside ``scans/``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

from generator.derive import arxiv_id, arxiv_key
from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan

SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
SCANS_INDEX = "scans/index.md"


@dataclass(frozen=True)
class PublishedScan:
    """A scan and the slug its page is published under."""

    slug: str
    scan: PaperScan

    @property
    def path(self) -> str:
        return scan_path(self.slug)

    @property
    def arxiv_id(self) -> str | None:
        return self.scan.paper.arxiv_id


class ScanPage(Protocol):
    """A scan as the links between pages need it (``PublishedScan``, ``load.LoadedScan``)."""

    @property
    def path(self) -> str: ...

    @property
    def arxiv_id(self) -> str | None: ...


def scan_slug(scan: PaperScan, source: str) -> str | None:
    """The page slug: the version-less arXiv id, else the file name; None when unsafe."""
    if scan.paper.arxiv_id:
        slug = arxiv_key(scan.paper.arxiv_id).replace("/", "-")
    else:
        slug = PurePosixPath(source).stem.lower()
    return slug if SAFE_SLUG.match(slug) and slug != "index" else None


def scan_path(slug: str) -> str:
    return f"scans/{slug}.md"


def scan_targets(scans: Iterable[ScanPage]) -> dict[str, str]:
    """arXiv key → docs-relative path of that paper's scan page."""
    return {arxiv_key(s.arxiv_id): s.path for s in scans if s.arxiv_id}


def citing_records(records: Iterable[SynthesisRecord], targets: Mapping[str, str]) -> dict[str, list[SynthesisRecord]]:
    """Scan page path → the records with a reference to that paper, each record once, in input order."""
    cited_by: defaultdict[str, list[SynthesisRecord]] = defaultdict(list)
    for record in records:
        keys = {arxiv_key(found) for ref in record.references or [] if (found := arxiv_id(ref.url))}
        for path in sorted({targets[key] for key in keys if key in targets}):
            cited_by[path].append(record)
    return dict(cited_by)


def cited_by_shown(records: Iterable[SynthesisRecord]) -> list[tuple[str, str]]:
    """What a scan page shows of each record citing it (its "Cited by" list): id and title."""
    return [(str(record.id), record.title) for record in records]
