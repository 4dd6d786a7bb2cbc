"""Site configuration, read from the one place it lives: ``mkdocs.yml`` (``site_*`` and ``extra``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.errors import ConfigError


class SiteConfig(BaseModel):
    """What every page and export reads about the site itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    site_name: str
    site_url: str
    publisher_name: str
    publisher_url: str
    doi_prefix: str = "10.5281"
    records_per_page: int = Field(50, ge=10, le=500)
    newest_on_home: int = Field(10, ge=1, le=100)
    feed_entries: int = Field(50, ge=1, le=1000)
    docs_dir: str = "build/docs"


def load_site_config(mkdocs_yml: Path) -> SiteConfig:
    """Read ``mkdocs.yml``; the ``extra.site`` mapping holds the generator's settings."""
    try:
        data = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8")) or {}
        extra = (data.get("extra") or {}).get("site") or {}
        return SiteConfig(
            site_name=data["site_name"],
            site_url=data.get("site_url", ""),
            docs_dir=data.get("docs_dir", "build/docs"),
            **extra,
        )
    except (OSError, yaml.YAMLError, KeyError, ValidationError) as exc:
        raise ConfigError(f"{mkdocs_yml}: cannot read the site configuration: {exc}") from exc
