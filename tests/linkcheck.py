"""Check every internal link and anchor of a built site, over the whole output."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from lxml import html

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def _targets(page: Path) -> Iterator[str]:
    tree = html.parse(str(page))
    for tag, attribute in LINK_ATTRIBUTES:
        for element in tree.iter(tag):
            value = element.get(attribute)
            if value:
                yield value


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path, fragment = urldefrag(href)
    base = site if path.startswith("/") else page.parent  # 404.html links from the site root
    target = (base / unquote(path.lstrip("/"))).resolve() if path else page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def broken_links(site: Path) -> list[str]:
    """``page -> href (reason)`` for every internal link whose file or anchor is missing."""
    ids: dict[Path, set[str]] = {}
    broken = []
    root = site.resolve()
    for page in sorted(root.rglob("*.html")):
        for href in _targets(page):
            resolved = _resolve(root, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_relative_to(root) or not target.is_file():
                broken.append(f"{page.relative_to(root)} -> {href} (no such file)")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e.get("id") for e in html.parse(str(target)).iter() if e.get("id")}
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(root)} -> {href} (no such anchor)")
    return broken
