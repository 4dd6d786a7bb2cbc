"""Every export file of the site: per-record files, their schemas, and the feeds.

Per-record files are made in chunks of records on every core (``generator.parallel``);
each chunk also reads its cached report artifacts. Report artifacts not yet cached are converted
afterwards in this process (``report_artifacts.convert_all``), then stored in the cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from pydantic import BaseModel

from generator.exports.citations import bibtex, citation, csl_json, ris
from generator.exports.corrections import PublishedCorrectionRecord, correction_bytes
from generator.exports.feeds import ATOM_PATH, JSON_FEED_PATH, atom_feed, json_feed
from generator.exports.manifest import PaperManifest, manifest_bytes
from generator.exports.paths import CORRECTION_SCHEMA, MANIFEST_SCHEMA, Export, export_path
from generator.exports.report_artifacts import ArtifactCache, Job, jobs_for, lookup, run_jobs
from generator.models.record import SynthesisRecord
from generator.parallel import cores, map_chunks
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


def _chunk_exports(
    records: Sequence[SynthesisRecord], config: SiteConfig, cache_dir: Path | None
) -> tuple[Tree, list[tuple[str, Job]]]:
    """A chunk's files with its cached report artifacts, and the artifacts still to convert."""
    tree: Tree = {}
    planned: list[tuple[str, Job]] = []
    for record in records:
        tree |= record_exports(record, config)
        planned += [(export_path(record.id, export), job) for export, job in jobs_for(record, config).items()]
    cached, _ = lookup((job for _, job in planned), ArtifactCache(cache_dir))
    tree |= {path: cached[job.key] for path, job in planned if job.key in cached}
    return tree, [(path, job) for path, job in planned if job.key not in cached]


def _chunk_size(count: int) -> int:
    """About four chunks per core, so a slow chunk does not leave a core idle, within fixed bounds."""
    return min(500, max(50, -(-count // (4 * cores()))))


def record_files(records: Sequence[SynthesisRecord], config: SiteConfig, cache_dir: Path | None) -> Tree:
    """Every per-record export file; missing report artifacts are converted and cached."""
    tree: Tree = {}
    missing: list[tuple[str, Job]] = []
    for part, todo in map_chunks(
        partial(_chunk_exports, config=config, cache_dir=cache_dir), records, _chunk_size(len(records))
    ):
        tree |= part
        missing += todo
    if missing:
        made = run_jobs((job for _, job in missing), ArtifactCache(cache_dir))
        tree |= {path: made[job.key] for path, job in missing}
    return tree


def exports_tree(
    records: list[SynthesisRecord],
    config: SiteConfig,
    cache_dir: Path | None,
    fresh: Sequence[SynthesisRecord] | None = None,
) -> Tree:
    """Per-record exports (of ``fresh`` records only, when given), the published schemas of the
    manifest and correction record, and the feeds (over all ``records``)."""
    tree = record_files(records if fresh is None else fresh, config, cache_dir)
    tree |= schema_files(PUBLISHED_SCHEMAS, config.site_url)
    tree[ATOM_PATH] = atom_feed(records, config)
    tree[JSON_FEED_PATH] = json_feed(records, config)
    return tree
