"""Which built pages the search index covers, and how they are split into shards.

A page is indexed when the theme marks part of it ``data-pagefind-body`` (record pages, scan
pages and the hand-written pages). Each indexed page belongs to one shard, chosen by a hash of
its site-relative path, so a page never moves between shards when other pages come or go.

Pagefind is given a lean copy of each page (``lean``): the theme's head, header and navigation,
everything after the indexed body (marked ``<!-- search:end -->`` by the theme) and the regions
the page templates mark ``<!-- search:skip -->`` (record cards, citation and artifact blocks, a
scan's "Cited by" list) are cut before Pagefind reads the page. A shard's digest covers exactly
those lean bytes plus everything else that decides Pagefind's output (its version and options,
the shard layout): equal digests mean Pagefind would be given the same input and write the same
bundle, so the previous one can be reused. A new record that only changes the "Cited by" list of
a scan page therefore leaves that scan's shard alone.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# An element carrying the attribute. Record text is escaped before it reaches a page, so it can
# never open a tag: the attribute's name alone in a claim does not match.
_BODY = re.compile(rb"<[a-zA-Z][^<>]*\sdata-pagefind-body[\s=/>]")
_HTML = re.compile(rb"<html[\s>][^<>]*>?", re.IGNORECASE)
_TITLE = re.compile(rb"<title>[^<]*</title>", re.IGNORECASE)
# Markers written by the theme and the page templates, never by record text (its "<" is escaped).
_SKIP = re.compile(rb"<!-- search:skip -->.*?<!-- /search:skip -->", re.DOTALL)
_END = b"<!-- search:end -->"


@dataclass(frozen=True)
class Page:
    """One indexed page: its site-relative path (POSIX) and the SHA-256 of what Pagefind reads of it."""

    path: str
    sha256: str


@dataclass(frozen=True)
class Shard:
    """The pages of one bundle (``pagefind/<name>/``) and the digest of everything it depends on."""

    name: str
    pages: tuple[Page, ...]
    digest: str


def shard_number(path: str, count: int) -> int:
    """The shard of the page at site-relative ``path`` among ``count`` shards (stable, uniform)."""
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:4], "big") % count


def html_files(site_dir: Path, skip: str) -> list[str]:
    """Site-relative POSIX paths of every ``.html`` file, sorted, leaving out the folder ``skip``."""
    found: list[str] = []
    for folder, dirs, files in os.walk(site_dir):
        relative = Path(folder).relative_to(site_dir).as_posix()
        if relative == ".":
            dirs[:] = [name for name in dirs if name != skip]
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in files if name.endswith(".html")]
    return sorted(found)


def _indexed(site_dir: Path, path: str) -> Page | None:
    data = (site_dir / path).read_bytes()
    if b"data-pagefind-body" not in data or not _BODY.search(data):
        return None
    return Page(path, hashlib.sha256(lean(path, data)).hexdigest())


def indexed_pages(site_dir: Path, skip: str) -> list[Page]:
    """Every page of the site that has a ``data-pagefind-body`` element, sorted by path."""
    paths = html_files(site_dir, skip)
    with ThreadPoolExecutor(max_workers=4) as pool:  # hashing and reading release the GIL
        pages = pool.map(lambda path: _indexed(site_dir, path), paths, chunksize=64)
        return [page for page in pages if page is not None]


def split(pages: Iterable[Page], count: int, context: str) -> list[Shard]:
    """The non-empty shards of ``pages``; ``context`` names what else the output depends on."""
    buckets: list[list[Page]] = [[] for _ in range(count)]
    for page in pages:
        buckets[shard_number(page.path, count)].append(page)
    width = len(str(count - 1))
    return [
        Shard(f"{number:0{width}d}", tuple(bucket), _digest(f"{number:0{width}d}", bucket, context))
        for number, bucket in enumerate(buckets)
        if bucket
    ]


def _digest(name: str, pages: list[Page], context: str) -> str:
    digest = hashlib.sha256(f"{context}\nshard {name}\n".encode())
    for page in pages:
        digest.update(f"{page.path}\0{page.sha256}\n".encode())
    return digest.hexdigest()


def mirror(site_dir: Path, pages: Iterable[Page], dest: Path) -> None:
    """Write what Pagefind reads of ``pages`` under ``dest``, at the same relative paths."""
    for page in pages:
        target = dest / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(lean(page.path, (site_dir / page.path).read_bytes()))


def lean(path: str, html: bytes) -> bytes:
    """What Pagefind is given of a page: ``<html>``, ``<title>`` and the indexed body, less skipped regions.

    The theme's head, header, navigation and footer are most of a record page; Pagefind ignores
    them when a body element is marked, but parses them all the same. When anything cut before or
    after the body carries a ``data-pagefind-*`` attribute (which Pagefind reads anywhere), that
    part is kept.
    """
    body = _BODY.search(html)
    if body is None or b"data-pagefind" in html[: body.start()]:
        return html
    opening, title = _HTML.search(html, 0, body.start()), _TITLE.search(html, 0, body.start())
    head = b"<head>" + (title.group(0) if title else b"") + b"</head><body>"
    rest = html[body.start() :]
    end = rest.find(_END)
    if end >= 0 and b"data-pagefind" not in rest[end:]:
        rest = rest[:end] + b"</body></html>"
    return (opening.group(0) if opening else b"<html>") + head + _SKIP.sub(b"", rest)


def files_under(folder: Path) -> Iterator[Path]:
    """Every file below ``folder``, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``, keyed by its POSIX path relative to ``folder``."""
    return {path.relative_to(folder).as_posix(): _sha256(path) for path in files_under(folder)}


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
