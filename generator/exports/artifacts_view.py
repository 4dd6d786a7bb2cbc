"""The "Artifacts" and "Cite this" blocks of a record page, and the Provenance row's links.

Links are relative to the record page's Markdown file ``records/<uuid>.md``; MkDocs turns them
into URLs of the files next to the page's HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.exports import facts
from generator.exports.citations import citation, reference_text
from generator.exports.paths import EXPORT_FILES, Export, page_link
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig
from generator.text import Md, inline

NO_REPORT = Md("*Not produced: the stored record has no report body.*")
NO_CORRECTIONS = Md("*Not produced: the stored record has no correction record.*")
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


def _link(record: SynthesisRecord, export: Export) -> Md:
    file = EXPORT_FILES[export]
    return Md(f"[{file.filename}]({page_link(record.id, export)})")


def _available(record: SynthesisRecord, export: Export) -> Md | None:
    if export in (Export.PDF, Export.JATS) and not facts.has_report(record):
        return NO_REPORT
    if export is Export.CORRECTIONS and record.correction_record is None:
        return NO_CORRECTIONS
    return None


def artifacts_view(record: SynthesisRecord, config: SiteConfig) -> ArtifactsView:
    rows = tuple(
        ArtifactRow(
            label=inline(EXPORT_FILES[e].label),
            media_type=EXPORT_FILES[e].media_type,
            description=inline(DESCRIPTIONS[e]),
            link=_available(record, e) or _link(record, e),
        )
        for e in Export
    )
    before, title, after = reference_text(citation(record, config))
    links = " · ".join(f"[{EXPORT_FILES[e].label}]({page_link(record.id, e)})" for e in CITATIONS)
    return ArtifactsView(
        rows=rows,
        reference=Md(f"{inline(before)} *{inline(title)}*{inline(after)}"),
        citation_links=Md(links),
        schema_link=Md("[paper-manifest-v1.1](../schemas/paper-manifest-v1.1.md)"),
    )


def report_artifact_links(record: SynthesisRecord) -> Md:
    """What the Provenance card's "Report artifact" row adds after the stored availability."""
    if not facts.has_report(record):
        return Md("no report body stored, so no PDF or JATS file ([artifacts](#artifacts))")
    return Md(f"[PDF]({page_link(record.id, Export.PDF)}) · [JATS XML]({page_link(record.id, Export.JATS)})")
