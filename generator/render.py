"""Jinja2 templates (``site_templates/pages``) to Markdown. Lays out computed views only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from generator.browse import FacetSummary, ViewPage
from generator.exports.artifacts_view import ArtifactsView
from generator.formatting import counted
from generator.index_views import Counters, IndexPage, Listing
from generator.links import to_root
from generator.record_view import RecordView
from generator.scan_index_view import ScanListing
from generator.scan_view import ScanView


class Renderer:
    """Holds the template environment; one instance renders a whole build."""

    def __init__(self, templates: Path, cache: Path | None = None) -> None:
        """``cache``: a folder for compiled templates (Jinja checks each against its source), so a
        build does not compile them all again (~0.3 s)."""
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache is not None else None,
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # output is Markdown; values are escaped once in generator/text.py
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one build, one version of each template: no stat per page rendered
        )

    def _render(self, name: str, **values: Any) -> str:
        return self._env.get_template(name).render(**values)

    def record(self, view: RecordView) -> str:
        return self._render("record.md.j2", view=view)

    def home(
        self,
        *,
        site_name: str,
        publisher: str,
        counters: Counters,
        newest: list[Listing],
        tiers: list[tuple[str, str, str]],
    ) -> str:
        return self._render(
            "home.md.j2",
            site_name=site_name,
            publisher=publisher,
            counters=counters,
            newest=newest,
            tiers=tiers,
        )

    def records_index(self, page: IndexPage, total_records: int | None, per_page: int) -> str:
        """``total_records``: shown on the landing page only, None for archive pages."""
        return self._render(
            "records_index.md.j2",
            page=page,
            root=to_root(page.path),
            total_records=None if total_records is None else counted(total_records, "record"),
            per_page=per_page,
        )

    def scan(self, view: ScanView) -> str:
        return self._render("scan.md.j2", view=view)

    def scans_index(self, listings: list[ScanListing]) -> str:
        return self._render("scans_index.md.j2", listings=listings, total=f"{len(listings):,}")

    def browse_home(self, facets: list[FacetSummary], total_records: int, per_page: int) -> str:
        return self._render("browse_home.md.j2", facets=facets, total_records=f"{total_records:,}", per_page=per_page)

    def browse_view(self, view: ViewPage, per_page: int) -> str:
        return self._render("browse_view.md.j2", view=view, per_page=per_page, root=to_root(view.page.path))

    def record_artifacts(self, view: ArtifactsView, record: RecordView) -> str:
        """The end of a record page: its "Cite this" and "Artifacts" blocks, and the close of its HTML."""
        return self._render(
            "record_artifacts.md.j2",
            view=view,
            cite_heading=record.cite_heading,
            artifacts_heading=record.artifacts_heading,
        )
