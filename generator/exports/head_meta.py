"""Scholarly metadata for a record page's ``<head>``, passed to the theme as front matter.

Python computes every value here as plain text; ``site_templates/overrides/main.html`` lays them
out, escaping each for its place (HTML attributes with ``|e``, JSON-LD with ``|tojson``, which
writes ``<``, ``>``, ``&`` and ``'`` as ``\\u003c`` … so record text cannot close the script).
``lastmod`` is the record's own date, used by the sitemap override.
"""

from __future__ import annotations

from typing import Any

from generator.derive import short_id
from generator.exports import facts
from generator.exports.citations import one_line
from generator.exports.paths import Export, doi_url, export_url, record_url
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig
from generator.text import front_matter as page_front_matter
from generator.text import page_title

DESCRIPTION_CHARS = 300


def description(record: SynthesisRecord) -> str:
    """The page description: the abstract (else research question, else title), cut at a word."""
    text = one_line(record.abstract or record.research_question or record.title)
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"


def highwire(record: SynthesisRecord, config: SiteConfig) -> list[list[str]]:
    """Google Scholar's ``citation_*`` tags, in its documented order, as (name, content) pairs."""
    publisher = facts.publisher_name(record, config)
    tags = [["citation_title", one_line(record.title)], ["citation_author", publisher]]
    if record.submitted:
        tags.append(["citation_publication_date", record.submitted.strftime("%Y/%m/%d")])
    tags += [["citation_publisher", publisher], ["citation_technical_report_institution", publisher]]
    tags.append(["citation_technical_report_number", short_id(record.id)])
    if record.doi:
        tags.append(["citation_doi", record.doi])
    if facts.has_report(record):
        tags.append(["citation_pdf_url", export_url(config, record.id, Export.PDF)])
    tags += [["citation_abstract_html_url", record_url(config, record.id)], ["citation_language", "en"]]
    return tags


def open_graph(record: SynthesisRecord, config: SiteConfig) -> list[list[str]]:
    tags = [["og:type", "article"], ["og:title", one_line(record.title)], ["og:description", description(record)]]
    tags += [["og:url", record_url(config, record.id)], ["og:site_name", config.site_name]]
    if record.submitted:
        tags.append(["article:published_time", record.submitted.isoformat()])
    updated = facts.updated_on(record)
    if updated:
        tags.append(["article:modified_time", updated.isoformat()])
    return tags


def json_ld(record: SynthesisRecord, config: SiteConfig) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle``; the publisher is the (corporate) author."""
    org = {
        "@type": "Organization",
        "name": facts.publisher_name(record, config),
        "url": facts.publisher_url(record, config),
    }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": record_url(config, record.id),
        "url": record_url(config, record.id),
        "headline": one_line(record.title),
        "name": one_line(record.title),
        "description": description(record),
        "author": org,
        "publisher": org,
        "identifier": short_id(record.id),
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "genre": "Machine-generated literature synthesis",
    }
    if record.submitted:
        data["datePublished"] = record.submitted.isoformat()
    updated = facts.updated_on(record)
    if updated:
        data["dateModified"] = updated.isoformat()
    if record.abstract:
        data["abstract"] = one_line(record.abstract)
    if record.doi:
        data["sameAs"] = doi_url(record.doi)
    if facts.has_report(record):
        data["encoding"] = [
            {"@type": "MediaObject", "contentUrl": export_url(config, record.id, e), "encodingFormat": m}
            for e, m in ((Export.PDF, "application/pdf"), (Export.JATS, "application/jats+xml"))
        ]
    return data


def page_meta(record: SynthesisRecord, config: SiteConfig) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": page_title(record.title), "description": description(record)}
    updated = facts.updated_on(record)
    if updated:
        meta["lastmod"] = updated.isoformat()
    meta["scholarly"] = {
        "highwire": highwire(record, config),
        "open_graph": open_graph(record, config),
        "json_ld": json_ld(record, config),
    }
    return meta


def front_matter(record: SynthesisRecord, config: SiteConfig) -> str:
    """The record page's front matter; MkDocs exposes it to templates as ``page.meta``."""
    return page_front_matter(page_meta(record, config))
