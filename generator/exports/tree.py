"""Every export file of the site: per-record files, their schemas, and the feeds.

Per-record files are made in chunks of records on every core, with the record pages
(``generator.assemble.write_records``); each chunk also reads its cached report artifacts.
Report artifacts not yet cached are converted afterwards in this process, a batch at a time
(``convert_missing``, ``report_artifacts.convert_all``), then stored in the cache.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from generator.exports.citations import bibtex, citation, csl_json, ris
from generator.exports.corrections import PublishedCorrectionRecord, correction_bytes
from generator.exports.feeds import ATOM_PATH, JSON_FEED_PATH, atom_feed, json_feed
from generator.exports.manifest import PaperManifest, manifest_bytes
from generator.exports.paths import CORRECTION_SCHEMA, MANIFEST_SCHEMA, Export, export_path
from generator.exports.report_artifacts import ArtifactCache, Job, jobs_for, lookup, run_jobs
from generator.models.record import SynthesisRecord
from generator.schema import schema_files
from generator.site_config import SiteConfig

Tree = dict[str, bytes]
PUBLISHED_SCHEMAS: dict[str, type[BaseModel]] = {
    MANIFEST_SCHEMA: PaperManifest,
    CORRECTION_SCHEMA: PublishedCorrectionRecord,
}


CONVERT_BATCH = 1000  # report artifacts converted (and held) at a time


@dataclass(frozen=True)
class Exported:
    """Export files made (path → bytes) and the report artifacts still to convert (path, job)."""

    files: Tree
    missing: list[tuple[str, Job]]


def record_exports(record: SynthesisRecord, config: SiteConfig) -> Tree:
    """The fast exports of one record (everything but the report artifacts)."""
    cite = citation(record, config)
    tree = {
        export_path(record.id, Export.MANIFEST): manifest_bytes(record, config),
        export_path(record.id, Export.BIBTEX): bibtex(cite).encode(),
        export_path(record.id, Export.RIS): ris(cite).encode(),
        export_path(record.id, Export.CSL_JSON): csl_json(cite).encode(),
    }
    corrections = correction_bytes(record, config)
    if corrections is not None:
        tree[export_path(record.id, Export.CORRECTIONS)] = corrections
    return tree


def report_artifacts(records: list[SynthesisRecord], config: SiteConfig, cache_dir: Path | None) -> Tree:
    """PDF and JATS files of every record with a report body; cached conversions are reused."""
    planned = {(record.id, export): job for record in records for export, job in jobs_for(record, config).items()}
    made = run_jobs(planned.values(), ArtifactCache(cache_dir))
    return {export_path(record_id, export): made[job.key] for (record_id, export), job in planned.items()}


def chunk_exports(records: Sequence[SynthesisRecord], config: SiteConfig, cache_dir: Path | None) -> Exported:
    """The export files of some records, with their cached report artifacts, and the report
    artifacts still to convert (``convert_missing``)."""
    tree: Tree = {}
    planned: list[tuple[str, Job]] = []
    for record in records:
        tree |= record_exports(record, config)
        planned += [(export_path(record.id, export), job) for export, job in jobs_for(record, config).items()]
    cached, _ = lookup((job for _, job in planned), ArtifactCache(cache_dir))
    tree |= {path: cached[job.key] for path, job in planned if job.key in cached}
    return Exported(tree, [(path, job) for path, job in planned if job.key not in cached])


def convert_missing(missing: Sequence[tuple[str, Job]], cache_dir: Path | None) -> Iterator[Tree]:
    """The report artifacts ``chunk_exports`` left to convert, made and cached a batch at a time
    (so a cold build of many records never holds every PDF at once)."""
    for start in range(0, len(missing), CONVERT_BATCH):
        batch = missing[start : start + CONVERT_BATCH]
        made = run_jobs((job for _, job in batch), ArtifactCache(cache_dir))
        yield {path: made[job.key] for path, job in batch}


def exports_tree(records: list[SynthesisRecord], config: SiteConfig) -> Tree:
    """The export files over every record: the published schemas of the manifest and correction
    record, and the feeds. Each record's own export files are made with its page
    (``chunk_exports``, ``generator.assemble.write_records``)."""
    tree = schema_files(PUBLISHED_SCHEMAS, config.site_url)
    tree[ATOM_PATH] = atom_feed(records, config)
    tree[JSON_FEED_PATH] = json_feed(records, config)
    return tree
