"""Material's navigation and tabs are rendered once for the pages outside the nav, with the same bytes.

``generator/partial_cache.py`` reuses a partial's HTML for a page whose relative URLs come out
the same. Each test builds the demo site in this process with MkDocs' own ``build`` (so the
cache's hits can be read) and compares it with a build from Material's unwrapped partials
and the header without its ``outside_nav`` call blocks.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import uuid
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import partial_cache
from tests.helpers import copy_project


def _site(root: Path) -> dict[str, str]:
    """Every built HTML file's digest, by path (the search index and exports aside)."""
    load = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "out"))
    build(load)
    out = root / "out"
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*.html")}


def _project(dest: Path, extra_records: int) -> Path:
    """The demo project with ``extra_records`` more records (copies of one), so record pages have many siblings."""
    root = copy_project(dest)
    (root / "build" / "docs").mkdir(parents=True)
    records = root / "content" / "records"
    template = json.loads(sorted(records.glob("*.json"))[0].read_text())
    for number in range(extra_records):
        template["id"] = str(uuid.UUID(int=number + 1, version=4))
        (records / f"{template['id']}.json").write_text(json.dumps(template))
    return root


def test_pages_outside_the_nav_share_one_rendering_with_material_s_bytes(tmp_path: Path) -> None:
    wrapped = _project(tmp_path / "wrapped", 12)
    site = _site(wrapped)
    cache = partial_cache.installed[0]
    record_pages = [path for path in site if path.startswith("records/") and path.count("/") == 2]
    assert len(record_pages) >= 19
    # every record page but the first reuses the nav, the tabs and the header's two parts
    assert cache.hits >= 4 * (len(record_pages) - 1)

    plain = _project(tmp_path / "plain", 12)
    partials = plain / "site_templates/overrides/partials"
    for name in ("nav.html", "tabs.html"):
        (partials / name).unlink()
    header = (partials / "header.html").read_text()
    unwrapped = re.sub(r"\{% (?:call outside_nav\([^)]*\)|endcall) %\}", "", header)
    assert unwrapped.count("outside_nav") == 1  # the comment that mentions it
    (partials / "header.html").write_text(unwrapped)
    reference = _site(plain)
    assert partial_cache.installed[0].hits == 0
    assert site.keys() == reference.keys()
    assert sorted(path for path in site if site[path] != reference[path]) == []
    shutil.rmtree(tmp_path)
