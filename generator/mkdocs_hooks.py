"""MkDocs hooks: a thin adapter so plain ``mkdocs build`` and ``mkdocs serve`` generate first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from generator import build
from generator.project import Project


def _project(config: MkDocsConfig) -> Project:
    return Project(Path(str(config.config_file_path)).resolve().parent)


def on_pre_build(config: MkDocsConfig) -> None:
    if not build.generated_in_process:
        build.generate(_project(config))


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Also watch the stored inputs and templates, which live outside ``docs_dir``."""
    project = _project(config)
    for folder in (project.root / "content", project.root / "site_templates"):
        server.watch(str(folder))
    return server
