"""One search bundle: the pages of a shard as sorted term chunks and page excerpts.

This is the index ``assets/search.js`` reads. It holds, per word, the pages it is on and how
much it weighs there, and no positions: a query fetches, per bundle, the one chunk holding each
of its words (~4 KB at 4,096 pages for a word on every page) and a small excerpt file per
result shown. Pagefind, used before, keeps every word's positions on every page, so two common
words cost a reader 725 KB at 10,000 records and indexing took ~36 s of CPU; see the README.

Layout of ``<site>/search-index/<bundle>/`` (every ``.json.gz`` file is gzip-compressed JSON):

* ``meta.json``: ``{"format": 1, "pages": N, "chunks": [first term of chunk 0, …]}``; chunk
  ``i`` holds the terms from ``chunks[i]`` up to, not including, ``chunks[i + 1]``.
* ``t/<i>.json.gz``: ``{term: [[page deltas…], [weights…]]}``. Pages are numbered from 0 in the
  shard's order; the first delta is the first page's number. A weight (1–255) is the term's
  BM25 term-frequency part on that page, scaled to 255 at its saturation ``K1 + 1``; the reader
  multiplies it by the term's IDF over every bundle.
* ``p/<n>.json.gz``: page ``n``'s ``{"url", "title", "text"}``: its site-relative URL, the text
  of its first heading, and its indexed text after that heading, from which the reader's
  browser cuts an excerpt around the words searched for (~2 KB gzipped for a record page).

Terms are runs of letters and digits, lower-cased (``[^\\W_]+`` here, ``[\\p{L}\\p{N}]+`` in the
browser), sorted by UTF-16 code units as JavaScript compares strings. A term in the page's
title counts ``HEADING_WEIGHTS[1]`` times, in another heading ``HEADING_WEIGHTS[2]`` times, and
page length is normalised against a fixed ``AVERAGE_TERMS``, so a page's weights do not
depend on which other pages share its bundle. There is no stemming: the reader's words match
terms they begin (``claim`` finds ``claims``), and so do their roots less an English ending
(``search.js``), exact matches first.

Pages are given as the lean copies ``search_shards.lean`` cuts (the indexed body, less the
regions marked ``search:skip``); their text is escaped HTML the generator and MkDocs wrote.
The output depends only on the pages, in order, and on this module (``search_index.context``).
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.write import create_file

FORMAT = 1
K1, B = 1.2, 0.75  # BM25's term-frequency saturation and length normalisation
AVERAGE_TERMS = 1000  # the page length (in terms) that is neither favoured nor penalised
HEADING_WEIGHTS = {1: 5, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2}  # times a term in a heading counts
CHUNK_BYTES = 32_000  # uncompressed JSON per term chunk (a common word's chunk is ~4 KB gzipped)

TERM = re.compile(r"[^\W_]+")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
# Inline tags are dropped, so "Self-<em>Alignment</em>" reads as one run of text; others become spaces.
_INLINE = re.compile(r"</?(?:a|em|strong|code|mark|span|sub|sup|abbr|b|i)\b[^>]*>")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Entry:
    """What the index keeps of one page: its excerpt file and each term's weight (1–255)."""

    url: str
    title: str
    text: str
    weights: dict[str, int]


def page_url(path: str) -> str:
    """The site-relative URL of the page at ``path`` (``records/x/index.html`` → ``records/x/``)."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def plain(fragment: str) -> str:
    """Text of an HTML fragment: tags become spaces, entities are decoded, whitespace is folded."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def terms(text: str) -> list[str]:
    """The terms of plain text, in order."""
    return TERM.findall(text.lower())


def read_page(path: str, lean_html: bytes) -> Entry:
    """The index entry of the page at site-relative ``path`` from its lean copy."""
    page = _INLINE.sub("", _PERMALINK.sub("", _SCRIPT.sub(" ", lean_html.decode("utf-8", "replace"))))
    head_title = _TITLE.search(page)
    if head_title:  # "<page> - <site name>": the site's name is on every page
        page = page[: head_title.start()] + page[head_title.end() :]
    title, after_title = "", 0
    extra: list[tuple[str, int]] = []
    for match in _HEADING.finditer(page):
        level, text = int(match.group(1)), plain(match.group(2))
        if level == 1 and not title:
            title, after_title = text, match.end()
        extra += [(term, HEADING_WEIGHTS[level] - 1) for term in terms(text)]
    text = plain(page[after_title:])
    counts = Counter(terms(plain(page[:after_title])))
    counts.update(terms(text))
    length = counts.total()
    for term, weight in extra:
        counts[term] += weight
    if not title and head_title:
        title = plain(head_title.group(1))
    norm = K1 * (1 - B + B * length / AVERAGE_TERMS)
    scale = {tf: max(1, min(255, round(255 * tf / (tf + norm)))) for tf in set(counts.values())}
    return Entry(page_url(path), title or page_url(path), text, {t: scale[tf] for t, tf in counts.items()})


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be")


def _gzip(text: str) -> bytes:
    """Gzipped with no timestamp, so the same text gives the same bytes."""
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def write_bundle(entries: Sequence[Entry], folder: Path) -> None:
    """Write the bundle of ``entries`` (page ``n`` is ``entries[n]``) into the empty ``folder``."""
    postings: dict[str, tuple[list[int], list[int]]] = {}
    last: dict[str, int] = {}
    for number, entry in enumerate(entries):
        for term, weight in entry.weights.items():
            if term not in postings:
                postings[term], last[term] = ([], []), 0
            pages, weights = postings[term]
            pages.append(number - last[term])
            weights.append(weight)
            last[term] = number
    chunks: list[list[str]] = [[]]
    firsts: list[str] = []
    size = 0
    for term in sorted(postings, key=_utf16):
        part = json.dumps(term) + ":" + json.dumps(postings[term], separators=(",", ":"))
        if size + len(part) > CHUNK_BYTES and chunks[-1]:
            chunks.append([])
            size = 0
        if not chunks[-1]:
            firsts.append(term)
        chunks[-1].append(part)
        size += len(part) + 1
    (folder / "t").mkdir(parents=True)
    (folder / "p").mkdir()
    for number, parts in enumerate(chunks if firsts else []):
        create_file(folder / "t" / f"{number}.json.gz", _gzip("{" + ",".join(parts) + "}"))
    for number, entry in enumerate(entries):
        excerpt = {"url": entry.url, "title": entry.title, "text": entry.text}
        create_file(folder / "p" / f"{number}.json.gz", _gzip(json.dumps(excerpt, separators=(",", ":"))))
    meta = {"format": FORMAT, "pages": len(entries), "chunks": firsts}
    (folder / "meta.json").write_text(json.dumps(meta, separators=(",", ":")) + "\n", encoding="utf-8")
