"""Where things are in a checkout, derived from its root and ``mkdocs.yml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.site_config import SiteConfig, load_site_config


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @cached_property
    def config(self) -> SiteConfig:
        return load_site_config(self.mkdocs_yml)

    @property
    def records_dir(self) -> Path:
        return self.root / "content" / "records"

    @property
    def pages_dir(self) -> Path:
        return self.root / "content" / "pages"

    @property
    def templates_dir(self) -> Path:
        return self.root / "site_templates" / "pages"

    @property
    def assets_dir(self) -> Path:
        return self.root / "site_templates" / "assets"

    @property
    def docs_dir(self) -> Path:
        return self.root / self.config.docs_dir

    @property
    def exports_dir(self) -> Path:
        """Each record's export files, at their site paths (``records/<id>/manifest.json``, ...).

        Kept out of ``docs_dir`` so MkDocs never lists them (seven files a record, most of what a
        docs tree would hold); the site build and the MkDocs hook link them into the site."""
        return self.root / "build" / "exports"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        """What builds keep for the next one: converted report artifacts, compiled templates, the
        load memo, validation findings and the page and search bookkeeping (CI restores it)."""
        return self.root / "build" / "cache"


def find_project(start: Path) -> Project:
    """The nearest folder at or above ``start`` that holds ``mkdocs.yml``."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "mkdocs.yml").is_file():
            return Project(folder)
    from generator.errors import ConfigError

    raise ConfigError(f"no mkdocs.yml in {start.resolve()} or any folder above it")
