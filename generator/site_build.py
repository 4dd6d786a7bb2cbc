"""Site build stage: MkDocs' own build, step for step, on every core, reusing unchanged pages.

``mkdocs build`` renders every page in one process. This runs the same steps (config and
plugin events, files, nav, populate, render with the theme, anchors, static files) with three
changes, none of which alters a byte of output:

* pages outside the nav (records, scans, listing views, schemas) are rendered by forked
  worker processes, one per core; the nav pages are rendered here first, so every worker
  can validate links into their anchors;
* a page whose Markdown and whose build inputs (``fingerprint``) are those of a page in the
  previous site is hard-linked from it instead of rendered again; ``build/cache`` keeps, for each
  page, the key it was rendered from and the stat of the file written;
* static files (assets, schemas, feeds) are hard-linked from ``docs_dir`` instead of copied.

Each record's export files are not in ``docs_dir`` at all (``Project.exports_dir``), so MkDocs
never lists them; they are hard-linked into the site after the static files, as the MkDocs hook
does for plain ``mkdocs build`` (``link_exports``).

Plain ``mkdocs build`` and ``mkdocs serve`` still work and give the same site; this is only faster.
Maintainers: it calls MkDocs' private ``_populate_page``/``_build_page`` (MkDocs is pinned below 2).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from generator.page_meta import json_front_matter
from generator.parallel import cores, map_chunks
from generator.write import link_all, link_tree

log = logging.getLogger("generator")

FORMAT = 2  # bump when the way pages are rendered or recorded changes in a way the fingerprint cannot see
INCLUDED = InclusionLevel.is_included
PAGES_PER_FORK = 100  # fewer pages than this render here: forking this process costs more than they do
# The project's own code that MkDocs runs (the hooks, generator.html_blocks, partial_cache,
# page_meta and what they import) has no version: its source counts, all of it, as in render_book.
PACKAGE = Path(__file__).parent


def _outside_nav(file: File) -> bool:
    """Listed under ``not_in_nav`` (MkDocs' ``InclusionLevel.is_not_in_nav``, which is untyped)."""
    return bool(file.inclusion.value <= InclusionLevel.NOT_IN_NAV.value)


def _included(file: File) -> bool:
    return bool(file.inclusion.value > InclusionLevel.DRAFT.value)


@dataclass(frozen=True)
class SiteStats:
    rendered: int
    reused: int
    static: int
    seconds: float


@dataclass
class _Build:
    """What a forked worker inherits: everything MkDocs gathered before rendering pages."""

    config: MkDocsConfig
    files: Files
    doc_files: Sequence[File]
    nav: Navigation
    env: Any
    pages: list[Page]


_BUILD: _Build | None = None  # set in the parent just before forking the workers
_PARENT = os.getpid()


def build_site(
    mkdocs_yml: Path,
    site_dir: Path,
    *,
    previous: Path | None = None,
    cache: Path | None = None,
    exports: Path | None = None,
) -> SiteStats:
    """Build the site into ``site_dir`` (emptied first), reusing unchanged pages of ``previous``;
    the files below ``exports`` are linked in at their paths."""
    started = time.monotonic()
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = load_config(str(mkdocs_yml), strict=True, site_dir=str(site_dir))
        with json_front_matter():
            stats, worker_counts = _build(config, previous, cache, exports, started)
        for level, n in worker_counts.items():
            counter.counts[level] += n
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        return stats
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def _build(
    config: MkDocsConfig, previous: Path | None, cache: Path | None, exports: Path | None, started: float
) -> tuple[SiteStats, dict[int, int]]:
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    doc_files = files.documentation_pages(inclusion=INCLUDED)
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)
    shared = [f.page for f in doc_files if f.page is not None and not _outside_nav(f)]
    bulk = [f.page for f in doc_files if f.page is not None and _outside_nav(f)]
    for page in shared:
        mkdocs_build._populate_page(page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    stamp = fingerprint(config, shared)
    book = PageBook(cache, stamp)
    keys = {page.file.dest_uri: book.key(page) for page in bulk}
    reused = {uri for uri, key in keys.items() if previous and book.reusable(uri, key, previous)}
    fresh = [page for page in bulk if page.file.dest_uri not in reused]
    static = _link_static_files(files)
    link_exports(exports, Path(config.site_dir))  # first: GNU cp makes the records' folders
    if previous:
        link_all((os.path.join(previous, uri), os.path.join(config.site_dir, uri)) for uri in sorted(reused))
    for template in config.theme.static_templates:
        mkdocs_build._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkdocs_build._build_extra_template(template, files, config, nav)
    worker_counts = _render_in_workers(_Build(config, files, doc_files, nav, env, fresh))
    for page in shared:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        mkdocs_build._build_page(page, config, doc_files, nav, env)
    book.save({page.file.dest_uri: keys[page.file.dest_uri] for page in bulk}, Path(config.site_dir))
    config.plugins.on_post_build(config=config)
    stats = SiteStats(len(fresh) + len(shared), len(bulk) - len(fresh), static, time.monotonic() - started)
    log.info("Built %d pages (%d reused) and %d static files, plus the export files, in %.1f s", *vars(stats).values())
    return stats, worker_counts


def fingerprint(config: MkDocsConfig, shared: Iterable[Page]) -> str:
    """Everything besides its own Markdown that a page outside the nav is rendered from."""
    sha = hashlib.sha256(f"format {FORMAT}\n".encode())
    for package in ("mkdocs", "mkdocs-material", "markdown", "jinja2"):
        sha.update(f"{package} {version(package)}\n".encode())
    sha.update(Path(str(config.config_file_path)).read_bytes())
    if config.theme.custom_dir:  # the theme itself is pinned by its version above
        custom = Path(config.theme.custom_dir)
        for path in sorted(p for p in custom.rglob("*") if p.is_file()):
            sha.update(f"{path.relative_to(custom)}\n".encode() + path.read_bytes())
    for hook in config.hooks:
        sha.update(Path(hook).read_bytes() if Path(hook).is_file() else hook.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        sha.update(f"{path.relative_to(PACKAGE)}\n".encode() + path.read_bytes())
    for module in (e for e in config.markdown_extensions if isinstance(e, str)):  # local ones have no version
        spec = find_spec(module)
        if spec is not None and spec.origin and Path(spec.origin).is_file():
            sha.update(f"{module}\n".encode() + Path(spec.origin).read_bytes())
    for page in shared:  # titles and URLs in the nav, anchors other pages link to
        sha.update(
            f"{page.file.src_uri} {page.title} {sorted(a for a in page.present_anchor_ids or () if a)}\n".encode()
        )
    return sha.hexdigest()


class PageBook:
    """Which Markdown each page of the last build was rendered from, and the file it wrote.

    It also keeps each Markdown file's size, mtime and hash, so a file the generator did not
    rewrite (it writes only changed bytes) is not read and hashed again; any rewrite changes the mtime.
    """

    def __init__(self, cache: Path | None, stamp: str) -> None:
        self._path = cache / "site-pages.json" if cache else None
        self._stamp = stamp
        self._entries: dict[str, list[Any]] = {}
        self._sources: dict[str, list[Any]] = {}
        self._seen: dict[str, list[Any]] = {}
        self._kept: dict[str, list[Any]] = {}  # entries of the pages ``reusable`` found current
        if self._path and self._path.is_file():
            saved = json.loads(self._path.read_text(encoding="utf-8"))
            if saved.get("format") == FORMAT:
                self._sources = saved.get("sources", {})
                self._entries = saved.get("pages", {}) if saved.get("fingerprint") == stamp else {}

    def key(self, page: Page) -> str:
        src = page.file.abs_src_path or ""
        stat = os.stat(src)
        known = self._sources.get(page.file.src_uri)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            sha = str(known[2])
        else:
            sha = hashlib.sha256(Path(src).read_bytes()).hexdigest()
        self._seen[page.file.src_uri] = [stat.st_size, stat.st_mtime_ns, sha]
        return hashlib.sha256(f"{self._stamp}\0{page.file.src_uri}\0{sha}".encode()).hexdigest()

    def reusable(self, dest_uri: str, key: str, previous: Path) -> bool:
        """Whether the previous build's file ``dest_uri`` is still the page rendered from ``key``.

        The caller links it into the new site: the same file, so ``save`` keeps its entry unread."""
        entry = self._entries.get(dest_uri)
        if entry is None or entry[0] != key:
            return False
        try:
            stat = os.stat(os.path.join(previous, dest_uri))
        except FileNotFoundError:
            return False
        if entry[1:] != [stat.st_size, stat.st_mtime_ns]:
            return False
        self._kept[dest_uri] = entry
        return True

    def save(self, keys: dict[str, str], site: Path) -> None:
        if self._path is None:
            return
        pages = {}
        for dest, key in sorted(keys.items()):
            if (kept := self._kept.get(dest)) is not None:
                pages[dest] = kept
                continue
            stat = os.stat(os.path.join(site, dest))
            pages[dest] = [key, stat.st_size, stat.st_mtime_ns]
        self._path.parent.mkdir(parents=True, exist_ok=True)
        body = {"format": FORMAT, "fingerprint": self._stamp, "pages": pages, "sources": self._seen}
        self._path.write_text(json.dumps(body, sort_keys=True), encoding="utf-8")


def _link_static_files(files: Files) -> int:
    """MkDocs' ``copy_static_files``, with hard links for files that exist on disk."""
    written = 0
    on_disk: list[tuple[str, str]] = []
    for file in files:
        if file.is_documentation_page() or not _included(file):
            continue
        if file.generated_by or file.abs_src_path is None:
            file.copy_file()
            written += 1
        else:
            on_disk.append((file.abs_src_path, file.abs_dest_path))
    return written + link_all(on_disk)


def link_exports(exports: Path | None, site_dir: Path) -> None:
    """Hard-link each record's export files (``Project.exports_dir``) into the site."""
    if exports is not None and exports.is_dir():
        link_tree(exports, site_dir)


def _render_in_workers(state: _Build) -> dict[int, int]:
    """Populate, validate and write ``state.pages`` on every core (``generator.parallel``).

    Returns how many warnings, by level, MkDocs logged in worker processes, for strict mode; a
    chunk rendered in this process was already counted by the caller's handler.
    """
    global _BUILD, _PARENT
    _BUILD, _PARENT = state, os.getpid()
    try:
        results = map_chunks(_render_chunk, state.pages, max(PAGES_PER_FORK, len(state.pages) // (4 * cores()) + 1))
    finally:
        _BUILD = None
    total: dict[int, int] = {}
    for counts in results:
        for level, n in counts.items():
            total[level] = total.get(level, 0) + n
    return total


def _render_chunk(pages: Sequence[Page]) -> dict[int, int]:
    """Populate, validate anchors, render with the theme and write each page; count MkDocs' warnings."""
    assert _BUILD is not None
    b, forked = _BUILD, os.getpid() != _PARENT
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if forked:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        for page in pages:
            mkdocs_build._populate_page(page, b.config, b.files)
            page.validate_anchor_links(files=b.files, log_level=b.config.validation.links.anchors)
            mkdocs_build._build_page(page, b.config, b.doc_files, b.nav, b.env)
            page.markdown = page.content = None  # keep a worker's memory flat
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    return dict(counter.counts)
