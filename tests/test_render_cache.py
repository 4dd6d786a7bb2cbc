"""Compiled templates (the generator's pages, the theme's) are cached across builds, and a
changed template is never served stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.browse import FacetSummary
from generator.project import Project
from generator.render import Renderer
from tests.helpers import ROOT, copy_project


def compiled(cache: Path) -> dict[str, tuple[int, bytes]]:
    """Each cache file's inode and bytes (Jinja replaces a file it writes again)."""
    return {path.name: (path.stat().st_ino, path.read_bytes()) for path in cache.iterdir()}


def test_compiled_templates_are_cached_and_follow_their_source(tmp_path: Path) -> None:
    templates, cache = tmp_path / "pages", tmp_path / "cache"
    shutil.copytree(ROOT / "site_templates" / "pages", templates)
    facets = [FacetSummary("tier", "Quality tier", ())]
    first = Renderer(templates, cache).browse_home(facets, 3, 50)
    assert "# Browse records" in first
    written = compiled(cache)
    assert written, "nothing was cached"

    assert Renderer(templates, cache).browse_home(facets, 3, 50) == first
    assert compiled(cache) == written  # loaded, not compiled and written again

    page = templates / "browse_home.md.j2"
    page.write_text(page.read_text().replace("# Browse records", "# Browse every record"))
    assert "# Browse every record" in Renderer(templates, cache).browse_home(facets, 3, 50)
    assert compiled(cache) != written  # compiled again


def test_the_theme_s_compiled_templates_are_cached_and_follow_their_source(tmp_path: Path) -> None:
    """Plain ``mkdocs build``: the hook keeps Material's and the overrides' compiled templates in
    ``build/cache/theme-templates``; a second build loads them, an edited override is compiled again."""
    root = copy_project(tmp_path / "project")
    (root / "build" / "docs").mkdir(parents=True)
    cache = Project(root).cache_dir / "theme-templates"
    home = root / "out" / "index.html"

    def built() -> str:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "out")))
        return home.read_text(encoding="utf-8")

    first = built()
    written = compiled(cache)
    assert any(name.endswith(".cache") for name in written), "nothing was cached"

    assert built() == first
    assert compiled(cache) == written  # loaded, not compiled and written again

    main = root / "site_templates" / "overrides" / "main.html"
    main.write_text(main.read_text().replace("{% block extrahead %}", "{% block extrahead %}<!-- edited -->"))
    assert "<!-- edited -->" in built()
    assert compiled(cache) != written  # compiled again
