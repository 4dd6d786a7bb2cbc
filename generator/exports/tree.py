"""Every export file of the site: per-record files, their schemas, and the feeds."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from generator.exports.citations import bibtex, citation, csl_json, ris
from generator.exports.corrections import PublishedCorrectionRecord, correction_bytes
from generator.exports.feeds import ATOM_PATH, JSON_FEED_PATH, atom_feed, json_feed
from generator.exports.manifest import PaperManifest, manifest_bytes
from generator.exports.paths import CORRECTION_SCHEMA, MANIFEST_SCHEMA, Export, export_path
from generator.exports.report_artifacts import ArtifactCache, jobs_for, run_jobs
from generator.models.record import SynthesisRecord
from generator.schema import schema_files
from generator.site_config import SiteConfig

Tree = dict[str, bytes]
PUBLISHED_SCHEMAS: dict[str, type[BaseModel]] = {
    MANIFEST_SCHEMA: PaperManifest,
    CORRECTION_SCHEMA: PublishedCorrectionRecord,
}


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


def exports_tree(records: list[SynthesisRecord], config: SiteConfig, cache_dir: Path | None) -> Tree:
    tree: Tree = {}
    for record in records:
        tree |= record_exports(record, config)
    tree |= report_artifacts(records, config, cache_dir)
    tree |= schema_files(PUBLISHED_SCHEMAS, config.site_url)
    tree[ATOM_PATH] = atom_feed(records, config)
    tree[JSON_FEED_PATH] = json_feed(records, config)
    return tree
