"""Where each export of a record lives: docs paths, absolute URLs and media types.

With ``use_directory_urls`` the page ``records/<uuid>.md`` is served at ``records/<uuid>/``, so
the exports are placed in the docs folder ``records/<uuid>/`` and sit next to the page's HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from generator.site_config import SiteConfig


class Export(StrEnum):
    MANIFEST = "manifest"
    CORRECTIONS = "corrections"
    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"
    PDF = "pdf"
    JATS = "jats"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    label: str


EXPORT_FILES: dict[Export, ExportFile] = {
    Export.MANIFEST: ExportFile("manifest.json", "application/json", "Manifest (JSON)"),
    Export.CORRECTIONS: ExportFile("correction-record.json", "application/json", "Correction record (JSON)"),
    Export.BIBTEX: ExportFile("citation.bib", "application/x-bibtex", "BibTeX"),
    Export.RIS: ExportFile("citation.ris", "application/x-research-info-systems", "RIS"),
    Export.CSL_JSON: ExportFile("citation.csl.json", "application/vnd.citationstyles.csl+json", "CSL-JSON"),
    Export.PDF: ExportFile("report.pdf", "application/pdf", "Report (PDF)"),
    Export.JATS: ExportFile("report.jats.xml", "application/jats+xml", "Report (JATS XML)"),
}

MANIFEST_SCHEMA = "paper-manifest-v1.1"
CORRECTION_SCHEMA = "correction-record-v1"


def export_path(record_id: UUID, export: Export) -> str:
    """Docs-relative path of one export; the id is a UUID, so it never leaves ``records/``."""
    return f"records/{record_id}/{EXPORT_FILES[export].filename}"


def absolute(config: SiteConfig, docs_path: str) -> str:
    """The public URL of a docs-relative file (``index.md`` pages map to their folder)."""
    return config.site_url.rstrip("/") + "/" + docs_path


def export_url(config: SiteConfig, record_id: UUID, export: Export) -> str:
    return absolute(config, export_path(record_id, export))


def record_url(config: SiteConfig, record_id: UUID) -> str:
    return absolute(config, f"records/{record_id}/")


def schema_url(config: SiteConfig, name: str) -> str:
    return absolute(config, f"schemas/{name}.schema.json")


def doi_url(doi: str) -> str:
    return "https://doi.org/" + doi
