"""MkDocs hooks: a thin adapter so plain ``mkdocs build`` and ``mkdocs serve`` generate first.

``mkdocs build`` calls the same ``generate`` as the CLI. ``mkdocs serve`` goes through
``generator.preview``, which keeps the last good version of a file that stops validating and
reports the problem in the terminal and on a banner-linked page instead of stopping.

``mkdocs serve --dirty`` (``make serve DIRTY=1``) rebuilds only the pages whose Markdown changed,
which the generator rewrites only when they change: at 10,000 records an edit shows in ~10 s
instead of ~130 s. What every page shows besides its own Markdown (the theme overrides,
``mkdocs.yml``, the preview banner) is checked before each build, and when it changed the served
site is emptied so every page is built again; pages whose source is gone are removed after it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator import build
from generator.partial_cache import PartialCache
from generator.preview import Preview
from generator.project import Project
from generator.search_index import BUNDLE, index_site
from generator.site_build import link_exports

# One serve session per process; MkDocs loads this hook module once and keeps it.
_preview: Preview | None = None
_dirty = False  # `mkdocs serve --dirty`: MkDocs builds only pages whose Markdown is newer than their HTML
_layout = ""  # the digest of what every page shows besides its Markdown, at the last dirty build
_built: set[str] = set()  # the site paths this build writes or keeps (dirty serve)


def _project(config: MkDocsConfig) -> Project:
    return Project(Path(str(config.config_file_path)).resolve().parent)


def on_startup(command: str, dirty: bool) -> None:
    global _preview, _dirty
    _preview = Preview() if command == "serve" else None
    _dirty = dirty and _preview is not None


def on_pre_build(config: MkDocsConfig) -> None:
    if build.generated_in_process:
        return
    if _preview is None:
        build.generate(_project(config))
    else:
        _preview.refresh(_project(config))
        if _dirty:
            _empty_if_layout_changed(config)


def _layout_digest(config: MkDocsConfig) -> str:
    """The theme overrides and ``mkdocs.yml`` by stat, and the preview banner's file count."""
    digest = hashlib.sha256(str(len(_preview.rejected) if _preview else 0).encode())
    overrides = Path(str(config.theme.custom_dir)) if config.theme.custom_dir else None
    found = sorted(overrides.rglob("*")) if overrides is not None and overrides.is_dir() else []
    for path in [Path(str(config.config_file_path)), *found]:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _empty_if_layout_changed(config: MkDocsConfig) -> None:
    """Empty the served site when anything every page shows changed, so the dirty build builds all."""
    global _layout
    layout = _layout_digest(config)
    if _layout and layout != _layout:
        site = Path(config.site_dir)
        for child in site.iterdir() if site.is_dir() else []:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    _layout = layout


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Material's navigation, tabs and header rendered once for all pages outside the nav
    (``partial_cache``), and the theme's templates compiled once, not on every build: Jinja keeps
    them in ``build/cache`` and checks each against its source (~0.3 s a build)."""
    compiled = _project(config).cache_dir / "theme-templates"
    compiled.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
    return PartialCache(env.filters["url"]).install(env)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _dirty:
        _built.clear()
        _built.update(file.dest_uri for file in files)
    return files


def _remove_gone_pages(site: Path) -> None:
    """Delete served pages whose source is gone (a dirty build leaves them), with their folders'
    other files (a record's exports) unless a file of this build lives below."""
    live_folders = {os.path.dirname(path) for path in _built}
    for folder, dirs, names in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        if relative == ".":
            dirs[:] = [name for name in dirs if name != BUNDLE]
            continue
        gone = "index.html" in names and f"{relative}/index.html" not in _built
        if gone and not any(live == relative or live.startswith(relative + "/") for live in live_folders):
            shutil.rmtree(folder)
            dirs[:] = []


def on_post_build(config: MkDocsConfig) -> None:
    """Link each record's export files into the site (they live outside ``docs_dir``), then index
    it for search; ``publish`` does both in its own site build.

    ``mkdocs serve`` rebuilds ``site_dir`` in place: search shards whose pages did not change
    are kept from the last rebuild (``build/cache`` records which).
    """
    if not build.generated_in_process:
        site, project = Path(config.site_dir), _project(config)
        if _dirty:
            _remove_gone_pages(site)
        link_exports(project.exports_dir, site)
        index_site(site, previous=site, cache_dir=project.cache_dir)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    return markdown if _preview is None else _preview.banner(page.file.src_uri) + markdown


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Watch the stored inputs and templates, which live outside ``docs_dir``, and not ``docs_dir``.

    ``docs_dir`` is generated by the build itself (in ``on_pre_build``, before MkDocs reads it),
    so watching it would only make every change build twice.
    """
    project = _project(config)
    server.unwatch(str(config.docs_dir))
    for folder in (project.root / "content", project.root / "site_templates"):
        server.watch(str(folder))
    return server
