"""The report as PDF and JATS XML, made by pandoc (and Typst for the PDF), cached by content hash.

The pandoc input is Markdown built from the record through ``generator.text``, so record text
reaches pandoc as inert text exactly as it reaches the site. Output is deterministic: the PDF's
creation and modification dates are the record's own date, fonts are Typst's bundled ones (no
system fonts), and nothing depends on the build time or on how conversions were batched. Each
result is cached under ``build/cache/report-artifacts/`` by a hash of its input, the tool versions
and the templates; only misses are converted (``generator.exports.report_convert``): batches of
reports go through one pandoc run each, in a few threads, and Typst compiles in those threads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.derive import short_id
from generator.exports import facts
from generator.exports.paths import Export
from generator.exports.report_convert import Document, compile_pdf, run_pandoc, tools_fingerprint
from generator.formatting import two_decimals
from generator.models.record import SynthesisRecord
from generator.parallel import cores
from generator.site_config import SiteConfig
from generator.text import inline, markdown_body, paragraphs

log = logging.getLogger("generator")

FORMAT_VERSION = "4"  # bump to invalidate every cached artifact after changing this module
BATCH_SIZE = 48  # reports per pandoc run: large enough to amortise its start, small enough to spread
_SUFFIX = {Export.PDF: ".pdf", Export.JATS: ".jats.xml"}
# The claims table's relative column widths (pandoc reads them from the dashes of a pipe table
# whose rows are long): the claim text gets most of the line and reads left-aligned.
_CLAIMS_HEADER = "| Claim | Verified | Confidence |\n|:" + "-" * 71 + "|:" + "-" * 10 + ":|" + "-" * 15 + ":|\n"


@dataclass(frozen=True)
class Job:
    """One conversion: the pandoc source of a record's report and the format to make."""

    export: Export
    metadata: str  # YAML (written as JSON, which YAML reads the same), pandoc's --metadata-file
    source: str
    timestamp: int  # seconds since the epoch: the record's own date, or 0 when undated

    @cached_property
    def key(self) -> str:
        text = (
            f"{FORMAT_VERSION}|{tools_fingerprint()}|{self.export.value}|{self.timestamp}|{self.metadata}|{self.source}"
        )
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def document(self) -> Document:
        return Document(self.metadata, self.source)


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
    return json.dumps(meta, ensure_ascii=False, sort_keys=True)


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
        parts.append("# Extracted Claims\n\n" + _CLAIMS_HEADER + "\n".join(rows) + "\n")
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


class ArtifactCache:
    """Content-addressed files under ``folder``; a missing folder means no caching."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, job: Job) -> Path | None:
        return None if self.folder is None else self.folder / (job.key + _SUFFIX[job.export])

    def get(self, job: Job) -> bytes | None:
        path = self._path(job)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def put(self, job: Job, data: bytes) -> None:
        path = self._path(job)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)


def lookup(jobs: Iterable[Job], cache: ArtifactCache) -> tuple[dict[str, bytes], list[Job]]:
    """Cached bytes by job key, and the jobs still to convert (each key once)."""
    found: dict[str, bytes] = {}
    missing: dict[str, Job] = {}
    for job in jobs:
        if job.key in found or job.key in missing:
            continue
        cached = cache.get(job)
        if cached is None:
            missing[job.key] = job
        else:
            found[job.key] = cached
    return found, list(missing.values())


def _convert_batch(jobs: Sequence[Job]) -> dict[str, bytes]:
    """One pandoc run for the distinct documents of ``jobs``, then Typst for the PDFs."""
    documents = list(dict.fromkeys(job.document for job in jobs))
    converted = dict(zip(documents, run_pandoc(documents), strict=True))
    made: dict[str, bytes] = {}
    for job in jobs:
        result = converted[job.document]
        made[job.key] = result.jats.encode() if job.export is Export.JATS else compile_pdf(result.typst, job.timestamp)
    return made


def _batches(jobs: Sequence[Job]) -> list[list[Job]]:
    """Jobs grouped so both exports of a report share a batch; enough batches to keep every core busy."""
    by_document: dict[Document, list[Job]] = {}
    for job in jobs:
        by_document.setdefault(job.document, []).append(job)
    groups = list(by_document.values())
    size = max(1, min(BATCH_SIZE, -(-len(groups) // cores())))
    return [[job for group in groups[i : i + size] for job in group] for i in range(0, len(groups), size)]


def convert_all(jobs: Sequence[Job]) -> dict[str, bytes]:
    """Job key → converted bytes. Batches run in threads: pandoc is a subprocess and Typst
    releases the GIL, so both cores work. (No forked workers: Typst's threads do not survive a fork.)"""
    batches = _batches(jobs)
    if len(batches) <= 1:
        return _convert_batch(jobs)
    made: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=min(cores(), len(batches))) as pool:
        for part in pool.map(_convert_batch, batches):
            made |= part
    return made


def convert(job: Job) -> bytes:
    """Run pandoc (and Typst for PDF). Raises on a conversion failure: that is a bug, not bad input."""
    return convert_all([job])[job.key]


def run_jobs(jobs: Iterable[Job], cache: ArtifactCache) -> dict[str, bytes]:
    """Job key → bytes. Cache hits are read; misses are converted in parallel and stored."""
    results, missing = lookup(jobs, cache)
    if missing:
        log.info("Converting %d report artifact(s) with pandoc and Typst", len(missing))
        made = convert_all(missing)
        for job in missing:
            cache.put(job, made[job.key])
        results |= made
    return results
