"""The "Artifacts" and "Cite this" blocks of a record page, and the Provenance row's links.

The page lays these out as HTML blocks, so links are URLs relative to the page's own URL,
``records/<uuid>/``, where the export files sit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.exports import facts
from generator.exports.citations import citation, reference_text
from generator.exports.paths import EXPORT_FILES, Export
from generator.links import RECORD_TO_ROOT, anchor
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig
from generator.text import Md, inline

NO_REPORT = Md("<em>Not produced: the stored record has no report body.</em>")
NO_CORRECTIONS = Md("<em>Not produced: the stored record has no correction record.</em>")
DESCRIPTIONS = {
    Export.MANIFEST: "Identity, artifacts, quality signals, provenance, correction state and limitations",
    Export.CORRECTIONS: "Every correction event, in order",
    Export.BIBTEX: "Citation for BibTeX and LaTeX",
    Export.RIS: "Citation for reference managers (Zotero, EndNote, Mendeley)",
    Export.CSL_JSON: "Citation for citeproc and Pandoc",
    Export.PDF: "The report, typeset",
    Export.JATS: "The report as JATS XML for archives and indexers",
}
CITATIONS = (Export.BIBTEX, Export.RIS, Export.CSL_JSON)


@dataclass(frozen=True)
class ArtifactRow:
    label: Md
    media_type: str
    description: Md
    link: Md  # a Markdown link, or why the file is not produced


@dataclass(frozen=True)
class ArtifactsView:
    rows: tuple[ArtifactRow, ...]
    reference: Md
    citation_links: Md
    schema_link: Md


def _link(export: Export, label: str | None = None) -> Md:
    """A link from the record page to one of its exports, which sit next to the page's HTML."""
    file = EXPORT_FILES[export]
    return anchor(file.filename, inline(label or file.filename))


def _unavailable(export: Export, has_report: bool, has_corrections: bool) -> Md | None:
    """Why ``export`` is not produced, or None when it is."""
    if export in (Export.PDF, Export.JATS) and not has_report:
        return NO_REPORT
    if export is Export.CORRECTIONS and not has_corrections:
        return NO_CORRECTIONS
    return None


@lru_cache(maxsize=4)
def _rows(has_report: bool, has_corrections: bool) -> tuple[ArtifactRow, ...]:
    """The table of exports, which depends on a record only through what it stores (four tables in all)."""
    return tuple(
        ArtifactRow(
            label=inline(EXPORT_FILES[e].label),
            media_type=EXPORT_FILES[e].media_type,
            description=inline(DESCRIPTIONS[e]),
            link=_unavailable(e, has_report, has_corrections) or _link(e),
        )
        for e in Export
    )


CITATION_LINKS = Md(" · ".join(_link(e, EXPORT_FILES[e].label) for e in CITATIONS))
SCHEMA_LINK = anchor(f"{RECORD_TO_ROOT}schemas/paper-manifest-v1.1/", Md("paper-manifest-v1.1"))


def artifacts_view(record: SynthesisRecord, config: SiteConfig) -> ArtifactsView:
    before, title, after = reference_text(citation(record, config))
    return ArtifactsView(
        rows=_rows(facts.has_report(record), record.correction_record is not None),
        reference=Md(f"{inline(before)} <em>{inline(title)}</em>{inline(after)}"),
        citation_links=CITATION_LINKS,
        schema_link=SCHEMA_LINK,
    )


def report_artifact_links(record: SynthesisRecord) -> Md:
    """What the Provenance card's "Report artifact" row adds after the stored availability."""
    if not facts.has_report(record):
        return Md(f"no report body stored, so no PDF or JATS file ({anchor('#artifacts', Md('artifacts'))})")
    return Md(f"{_link(Export.PDF, 'PDF')} · {_link(Export.JATS, 'JATS XML')}")
