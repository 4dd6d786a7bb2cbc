"""The report as PDF and JATS XML, made by pandoc (and Typst for the PDF), cached by content hash.

The pandoc input is Markdown built from the record through ``generator.text``, so record text
reaches pandoc as inert text exactly as it reaches the site. Output is deterministic: the PDF's
creation and modification dates are the record's own date, fonts are Typst's bundled ones (no
system fonts), and nothing depends on the build time. Conversions are slow, so each result is
cached under ``build/cache/report-artifacts/`` by a hash of its input and the tool versions, and
only misses are converted, in a small thread pool (pandoc and Typst run outside the GIL).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]
import typst
import yaml

from generator.derive import short_id
from generator.exports import facts
from generator.exports.paths import Export
from generator.formatting import two_decimals
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig
from generator.text import inline, markdown_body, paragraphs

log = logging.getLogger("generator")

FORMAT_VERSION = "3"  # bump to invalidate every cached artifact after changing this module
# Keep quotes and dashes as the record typed them, and never read a "---" block inside a
# record's text as document metadata: metadata comes only from --metadata-file.
PANDOC_INPUT = "markdown-smart-yaml_metadata_block"
PANDOC_ARGS = ["--standalone", "--wrap=none"]
_SUFFIX = {Export.PDF: ".pdf", Export.JATS: ".jats.xml"}


@dataclass(frozen=True)
class Job:
    """One conversion: the pandoc source of a record's report and the format to make."""

    export: Export
    metadata: str  # YAML, passed to pandoc with --metadata-file
    source: str
    timestamp: int  # seconds since the epoch: the record's own date, or 0 when undated

    @property
    def key(self) -> str:
        tools = f"{FORMAT_VERSION}|{pypandoc.get_pandoc_version()}|{version('typst')}"
        text = f"{tools}|{self.export.value}|{self.timestamp}|{self.metadata}|{self.source}"
        return hashlib.sha256(text.encode()).hexdigest()


def _metadata(record: SynthesisRecord, config: SiteConfig) -> str:
    publisher = str(inline(facts.publisher_name(record, config)))
    article = {"publisher-id": short_id(record.id), "type": "research-article"}
    if record.doi:
        article["doi"] = record.doi
    meta: dict[str, object] = {
        "title": str(inline(record.title)),
        "author": [{"name": publisher}],
        "journal": {"publisher-name": publisher, "title": str(inline(config.site_name))},
        "article": article,
    }
    if record.submitted:
        meta["date"] = record.submitted.isoformat()
    if record.abstract:
        meta["abstract"] = str(paragraphs(record.abstract))
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)


def report_source(record: SynthesisRecord, config: SiteConfig) -> str | None:
    """Pandoc Markdown for the report, or None when the record has no report body."""
    if not facts.has_report(record) or record.report is None:
        return None
    parts = []
    for section in record.report.sections:
        parts.append(f"# {inline(section.heading)}\n\n{markdown_body(section.body)}\n")
    if record.claims:
        rows = [
            f"| {inline(c.text)} | {'✓' if c.verified else '×'} | {two_decimals(c.confidence)} |" for c in record.claims
        ]
        parts.append(
            "# Extracted Claims\n\n| Claim | Verified | Confidence |\n|---|:-:|--:|\n" + "\n".join(rows) + "\n"
        )
    if record.references:
        parts.append("# References\n\n" + "\n".join(f"- <{ref.url}>" for ref in record.references) + "\n")
    return "\n".join(parts)


def jobs_for(record: SynthesisRecord, config: SiteConfig) -> dict[Export, Job]:
    source = report_source(record, config)
    if source is None:
        return {}
    when = facts.updated_on(record)
    stamp = int(facts.as_datetime(when).timestamp()) if when else 0
    metadata = _metadata(record, config)
    return {export: Job(export, metadata, source, stamp) for export in (Export.PDF, Export.JATS)}


def convert(job: Job) -> bytes:
    """Run pandoc (and Typst for PDF). Raises on a conversion failure: that is a bug, not bad input."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8") as metadata:
        metadata.write(job.metadata)
        metadata.flush()
        args = [*PANDOC_ARGS, f"--metadata-file={metadata.name}"]
        to = "jats" if job.export is Export.JATS else "typst"
        output: str = pypandoc.convert_text(job.source, to, format=PANDOC_INPUT, extra_args=args)
    if job.export is Export.JATS:
        return output.encode()
    source = output
    pdf = typst.compile(source.encode(), format="pdf", ignore_system_fonts=True, timestamp=job.timestamp)
    assert isinstance(pdf, bytes)
    return pdf


class ArtifactCache:
    """Content-addressed files under ``folder``; a missing folder means no caching."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, job: Job) -> Path | None:
        return None if self.folder is None else self.folder / (job.key + _SUFFIX[job.export])

    def get(self, job: Job) -> bytes | None:
        path = self._path(job)
        return path.read_bytes() if path is not None and path.is_file() else None

    def put(self, job: Job, data: bytes) -> None:
        path = self._path(job)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)


def run_jobs(jobs: Iterable[Job], cache: ArtifactCache) -> dict[str, bytes]:
    """Job key → bytes. Cache hits are read; misses are converted in parallel and stored."""
    results: dict[str, bytes] = {}
    missing: dict[str, Job] = {}
    for job in jobs:
        cached = cache.get(job)
        if cached is not None:
            results[job.key] = cached
        else:
            missing[job.key] = job
    if missing:
        log.info("Converting %d report artifact(s) with pandoc", len(missing))
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            for key, data in zip(missing, pool.map(convert, missing.values()), strict=True):
                cache.put(missing[key], data)
                results[key] = data
    return results
