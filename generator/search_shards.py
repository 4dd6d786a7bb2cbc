"""Which built pages the search index covers, and how they are split into shards.

A page is indexed when the theme marks part of it ``data-search-body`` (record pages, scan
pages and the hand-written pages). Shards are laid out so that a new record re-indexes little:

* Record pages (pages whose ``<head>`` carries ``article:published_time``) are taken in arrival
  order, by publication date then path, and cut into blocks by rank: sealed blocks of ``big``
  pages, then the newest pages in blocks of ``big / FANOUT`` (``record_blocks``). A new record
  is the newest, so it lands in the last small block and every other block keeps its pages;
  when the small blocks fill a big one, they are merged into it (one larger rebuild, every
  ``big`` records). A record dated before others shifts the blocks after it: correct, slower.
* Every other page goes to one of ``OTHER_SHARDS`` shards by a hash of its path.

The layout is a function of the pages alone, so a cold build and an incremental one agree.

The index is made from a lean copy of each page (``lean``): the theme's head, header and
navigation, everything after the indexed body (marked ``<!-- search:end -->`` by the theme) and
the regions the page templates mark ``<!-- search:skip -->`` (record cards, citation and artifact
blocks, a scan's "Cited by" list) are cut first. A shard's digest covers exactly those lean bytes
plus everything else that decides its bundle (``search_bundle``'s code, the shard layout): equal
digests mean the same bundle would be written, so the previous one can be reused. A new record
that only changes the "Cited by" list of a scan page therefore leaves that scan's shard alone.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.parallel import map_chunks
from generator.write import folders

# An element carrying the attribute. Record text is escaped before it reaches a page, so it can
# never open a tag: the attribute's name alone in a claim does not match.
_BODY = re.compile(rb"<[a-zA-Z][^<>]*\sdata-search-body[\s=/>]")
_MARK = b"data-search-body"
_TITLE = re.compile(rb"<title>[^<]*</title>", re.IGNORECASE)
# Markers written by the theme and the page templates, never by record text (its "<" is escaped).
_SKIP = re.compile(rb"<!-- search:skip -->.*?<!-- /search:skip -->", re.DOTALL)
_END = b"<!-- search:end -->"
# Written into a record page's <head> by the theme (overrides/main.html) from the record's date.
_PUBLISHED = re.compile(rb'<meta property="article:published_time" content="([0-9-]{1,32})"')

# Every bundle costs a reader one term chunk (a few KB) per query word, so bundles are few:
# at 10,000 records, two sealed blocks and up to four small ones. A new record re-indexes one
# small block (at most BLOCK / FANOUT pages); the scans and other pages are split in two shards:
# one weighed as much as both sealed blocks (2,000 scan pages at 10,000 records), and the worker
# writing it alone decided how long indexing took (12.6 s → 11 s).
# Small blocks of 512 rather than 1,024 pages: adding a record at 10,000 re-indexed ~800 pages
# (~2 s) and now ~300 (~1.3 s); a first two-word query there fetches ~124 KB instead of ~104 KB.
BLOCK = 4096  # the smallest sealed block of record pages
FANOUT = 8  # small blocks per sealed block
OTHER_SHARDS = 2


@dataclass(frozen=True)
class Page:
    """One indexed page: its site-relative path (POSIX), the SHA-256 of its lean copy,
    and its publication date (ISO, from its ``<head>``; empty for pages that are not records)."""

    path: str
    sha256: str
    published: str = ""


@dataclass(frozen=True)
class Shard:
    """The pages of one bundle (``search-index/<name>/``) and the digest of everything it depends on."""

    name: str
    pages: tuple[Page, ...]
    digest: str


def shard_number(path: str, count: int) -> int:
    """The shard of the page at site-relative ``path`` among ``count`` shards (stable, uniform)."""
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:4], "big") % count


def html_files(site_dir: Path, skip: str) -> list[str]:
    """Site-relative POSIX paths of every ``.html`` file, sorted, leaving out the folder ``skip``."""
    found: list[str] = []
    root = str(site_dir)
    for folder, dirs, files in os.walk(root):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        if relative == ".":
            dirs[:] = [name for name in dirs if name != skip]
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in files if name.endswith(".html")]
    return sorted(found)


PageStat = tuple[int, int, str, str]
"""A site file's size, mtime (ns), the SHA-256 of its lean copy ("" when it is not indexed) and
its publication date ("" when it has none)."""


def _known_stat(site_dir: Path, path: str, known: PageStat | None) -> PageStat | None:
    """``known`` when the file still has its size and mtime, else None."""
    if known is None:
        return None
    stat = os.stat(os.path.join(site_dir, path))  # no Path object: this runs for every page of the site
    return known if known[0] == stat.st_size and known[1] == stat.st_mtime_ns else None


def _body(html: bytes) -> re.Match[bytes] | None:
    """The first tag carrying ``data-search-body`` (found from the attribute back to its ``<``:
    scanning every tag of a 40 KB page for it took most of the time ``lean`` takes)."""
    at = html.find(_MARK)
    while at >= 0:
        found = _BODY.match(html, max(0, html.rfind(b"<", 0, at)))
        if found and found.end() > at:
            return found
        at = html.find(_MARK, at + 1)
    return None


def _page_stat(site_dir: Path, path: str) -> PageStat:
    """What ``indexed_pages`` records of one file."""
    stat = os.stat(site_dir / path)
    data = (site_dir / path).read_bytes()
    body = _body(data)
    if body is None:
        return stat.st_size, stat.st_mtime_ns, "", ""
    published = _PUBLISHED.search(data, 0, body.start())
    date = published.group(1).decode("ascii") if published else ""
    return stat.st_size, stat.st_mtime_ns, hashlib.sha256(_cut(data, body)).hexdigest(), date


PAGES_PER_CHUNK = 500  # pages read, cut and hashed per task on every core


def indexed_pages(
    site_dir: Path,
    skip: str,
    known: Mapping[str, PageStat] | None = None,
    seen: dict[str, PageStat] | None = None,
) -> list[Page]:
    """Every page of the site that has a ``data-search-body`` element, sorted by path.

    ``known`` holds what an earlier run found per file: a file with the same size and mtime is
    taken as unchanged and not read again (the site build writes every page it renders anew and
    hard-links the pages it reuses, which keeps their stat). ``seen`` receives this run's entries.
    The other files are read on every core (cutting a page is regex work that holds the GIL).
    """
    paths = html_files(site_dir, skip)
    known = known or {}
    kept = [_known_stat(site_dir, path, known.get(path)) for path in paths]
    unknown = [path for path, stat in zip(paths, kept, strict=True) if stat is None]

    def work(chunk: Sequence[str]) -> list[PageStat]:
        return [_page_stat(site_dir, path) for path in chunk]

    found = dict(zip(unknown, (s for chunk in map_chunks(work, unknown, PAGES_PER_CHUNK) for s in chunk), strict=True))
    stats = [stat if stat is not None else found[path] for path, stat in zip(paths, kept, strict=True)]
    if seen is not None:
        seen.update(zip(paths, stats, strict=True))
    return [Page(path, stat[2], stat[3]) for path, stat in zip(paths, stats, strict=True) if stat[2]]


def record_blocks(count: int) -> list[tuple[int, int, str]]:
    """Rank ranges ``[start, stop)`` and names of the blocks holding ``count`` record pages.

    Sealed blocks hold ``big`` pages, the smallest power-of-two multiple of ``BLOCK`` that keeps
    their number at most 8; the rest are in blocks of ``big / FANOUT``. A block's name says its
    size and position, so an unchanged block has the same name from one build to the next.
    """
    big = BLOCK
    while count > 8 * big:
        big *= 2
    small = big // FANOUT
    sealed = count // big * big
    blocks = [(start, start + big, f"r{big}-{start // big}") for start in range(0, sealed, big)]
    tail = range(sealed, count, small)
    return blocks + [(start, min(start + small, count), f"r{small}-{start // small}") for start in tail]


def split(pages: Sequence[Page], context: str) -> list[Shard]:
    """The non-empty shards of ``pages``; ``context`` names what else the output depends on."""
    records = sorted((page for page in pages if page.published), key=lambda page: (page.published, page.path))
    others: list[list[Page]] = [[] for _ in range(OTHER_SHARDS)]
    for page in pages:
        if not page.published:
            others[shard_number(page.path, OTHER_SHARDS)].append(page)
    groups = [(name, records[start:stop]) for start, stop, name in record_blocks(len(records))]
    groups += [(f"p{number}", bucket) for number, bucket in enumerate(others)]
    return [Shard(name, tuple(group), _digest(name, group, context)) for name, group in groups if group]


def _digest(name: str, pages: list[Page], context: str) -> str:
    digest = hashlib.sha256(f"{context}\nshard {name}\n".encode())
    for page in pages:
        digest.update(f"{page.path}\0{page.sha256}\n".encode())
    return digest.hexdigest()


def lean(html: bytes) -> bytes:
    """What the index reads of a page: its ``<title>`` and its indexed body, less skipped regions.

    The theme's head, header, navigation and footer are most of a record page and none of it is
    searched; a page with no indexed body is returned as it is.
    """
    body = _body(html)
    return html if body is None else _cut(html, body)


def _cut(html: bytes, body: re.Match[bytes]) -> bytes:
    """``lean`` of a page whose indexed body element is ``body``."""
    title = _TITLE.search(html, 0, body.start())
    rest = html[body.start() :]
    end = rest.find(_END)
    return (title.group(0) if title else b"") + _SKIP.sub(b"", rest if end < 0 else rest[:end])


def files_under(folder: Path) -> list[tuple[str, str]]:
    """(POSIX path relative to ``folder``, path as a string) of every file below ``folder``, sorted
    (``os.walk``: a reused bundle's ~3,000 files are listed without a ``Path`` each)."""
    return sorted(
        (prefix + name, os.path.join(folder, prefix + name)) for prefix, names in folders(folder) for name in names
    )


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``, keyed by its POSIX path relative to ``folder``."""
    return {relative: file_sha256(Path(path)) for relative, path in files_under(folder)}


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
