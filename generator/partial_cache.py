"""Material's navigation, tabs and header, rendered once for the pages outside the nav, not once a page.

Every record, scan and listing page shows the same primary navigation, tabs and header (but for
the page title); rendering them each time was ~15% of the site build (25.4 s → 21.7 s at 10,000
records). The theme overrides wrap each partial, and the header's parts around the title, in
``{% call outside_nav("nav") %}`` and ``mkdocs_hooks.on_env`` installs this cache.

For a page outside the nav, no nav item is active and no item is the page, so the partials
depend on the page only through the relative URLs the ``url`` filter computes, and through
``base_url``. The cache keeps, per partial and ``base_url``, the HTML and every URL the filter
computed while rendering it (value → result); another page reuses that HTML only if each of
those values gives it the same result. Record pages are siblings (``records/<id>/``), so they
all share one rendering. Pages in the nav are always rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import jinja2
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation

ORIGINALS = "material"
"""Prefix under which the overrides include Material's own partial they wrap (``material/partials/…``)."""
installed: list[PartialCache] = []
"""The cache of the last build in this process (``install``), whose ``hits`` tests read."""


@dataclass(frozen=True)
class _Rendered:
    html: str
    urls: tuple[tuple[str, str], ...]  # what the url filter gave, for each value, rendering it


class PartialCache:
    """One build's cache: install it on that build's Jinja environment."""

    def __init__(self, url_filter: Callable[[Context, str], str]) -> None:
        self._url = url_filter
        self._rendered: dict[tuple[str, str], _Rendered] = {}
        self._recording: list[tuple[str, str]] | None = None
        self.hits = 0

    def install(self, env: jinja2.Environment) -> jinja2.Environment:
        material = Path(str(files("material") / "templates"))
        assert env.loader is not None
        prefixed = jinja2.PrefixLoader({ORIGINALS: jinja2.FileSystemLoader(material)})
        env.loader = jinja2.ChoiceLoader([env.loader, prefixed])
        env.filters["url"] = self.url
        env.globals["outside_nav"] = self.render
        installed[:] = [self]
        return env

    @jinja2.pass_context
    def url(self, context: Context, value: str) -> str:
        result = self._url(context, value)
        if self._recording is not None:
            self._recording.append((value, result))
        return result

    @jinja2.pass_context
    def render(self, context: Context, name: str, caller: Callable[[], str]) -> str:
        """The partial ``caller`` renders, from the cache when this page would get the same HTML."""
        page, nav = context.get("page"), context.get("nav")
        # A page in the nav (or no page, no nav) is always rendered: an item may be active or be it.
        uncached = page is None or not isinstance(nav, Navigation) or page.parent is not None
        if uncached or any(p is page for p in nav.pages):
            return caller()
        key = (name, str(context.get("base_url")))
        kept = self._rendered.get(key)
        if kept is not None and all(self._url(context, value) == result for value, result in kept.urls):
            self.hits += 1
            return kept.html
        outer, self._recording = self._recording, []
        try:
            html = caller()
            urls = tuple(self._recording)
        finally:
            self._recording = outer
        if outer is not None:
            outer.extend(urls)
        self._rendered[key] = _Rendered(html, urls)
        return html
