"""The search bundle format (``generator/search_bundle.py``), read back with gzip and json.

What the browser relies on: every term of every page is in the chunk the directory points to,
with the right pages and weights; terms are sorted as JavaScript compares strings; a page's
excerpt file holds its URL, title and text; the same pages always give the same bytes.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator import search_bundle
from generator.search_bundle import Entry, read_page, write_bundle

PAGE = b"""<html><head><title>Zebra findings - Assignee Research</title></head><body><div data-search-body>
<h1 id="t">Zebra <em>stripe</em> findings<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>
<script>var hidden = "scriptword";</script>
<h2 id="a">Abstract</h2>
<p>Self-<strong>alignment</strong> of zebras &#60;b&#62; and GR&Ouml;SSE stripes, zebra 42.</p>
<table><tr><td>Claim one</td><td>0.51</td></tr></table>
</div></body></html>"""


def test_a_page_is_read_as_terms_title_and_text() -> None:
    entry = read_page("records/x/index.html", PAGE)
    assert entry.url == "records/x/"
    assert entry.title == "Zebra stripe findings"
    # the text after the title, inline markup joined, entities decoded, cells kept in order
    assert entry.text == "Abstract Self-alignment of zebras <b> and GRÖSSE stripes, zebra 42. Claim one 0.51"
    assert {"zebra", "stripe", "alignment", "self", "grösse", "42", "claim", "51"} <= set(entry.weights)
    # not indexed: the script, the permalink sign, the site name in <title>, the page's own tags
    assert not {"scriptword", "hidden", "para", "assignee", "research", "strong", "em", "td"} & set(entry.weights)
    assert "b" in entry.weights  # "<b>" written in the text is text


def test_title_words_weigh_more_and_every_weight_is_a_byte() -> None:
    entry = read_page("records/x/index.html", PAGE)
    # "zebra" is in the title and twice in the text; "zebras" only once in the text
    assert entry.weights["zebra"] > entry.weights["stripes"] > 0
    assert entry.weights["abstract"] > entry.weights["claim"]  # a heading counts more than a cell
    assert all(1 <= weight <= 255 for weight in entry.weights.values())


def test_a_longer_page_gives_the_same_term_count_less_weight() -> None:
    short = read_page("a/index.html", b"<div data-search-body><p>zebra words</p></div>")
    long = read_page("b/index.html", b"<div data-search-body><p>zebra " + b"filler " * 3000 + b"</p></div>")
    assert short.weights["zebra"] > long.weights["zebra"]


def read_bundle(folder: Path) -> tuple[dict[str, object], dict[str, list[tuple[int, int]]]]:
    """The directory, and every term's (page, weight) pairs as stored, each found in its chunk."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    firsts: list[str] = meta["chunks"]
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, first in enumerate(firsts):
        chunk = json.loads(gzip.decompress((folder / "t" / f"{number}.json.gz").read_bytes()))
        after = firsts[number + 1] if number + 1 < len(firsts) else None
        for term, (deltas, weights) in chunk.items():
            key = term.encode("utf-16-be")
            assert first.encode("utf-16-be") <= key and (after is None or key < after.encode("utf-16-be")), term
            page, found = 0, []
            for delta, weight in zip(deltas, weights, strict=True):
                page += delta
                found.append((page, weight))
            postings[term] = found
    return meta, postings


def test_every_term_is_found_in_its_chunk_with_its_pages_and_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_bundle, "CHUNK_BYTES", 400)  # many chunks
    entries = [
        Entry(f"records/{n}/", f"Record {n}", f"text {n}", {"common": 1 + n % 255, f"own{n}": 9, "ωmega": 3})
        for n in range(300)
    ]
    entries.append(Entry("scans/x/", "Scan", "a scan", {"\U0001d54f": 5, "\uff41": 6}))  # astral and BMP sort
    write_bundle(entries, tmp_path / "b")
    meta, postings = read_bundle(tmp_path / "b")
    assert meta["format"] == search_bundle.FORMAT and meta["pages"] == len(entries)
    assert len(meta["chunks"]) > 10  # type: ignore[arg-type]
    expected: dict[str, list[tuple[int, int]]] = {}
    for number, entry in enumerate(entries):
        for term, weight in entry.weights.items():
            expected.setdefault(term, []).append((number, weight))
    assert postings == expected
    excerpt = json.loads(gzip.decompress((tmp_path / "b" / "p" / "300.json.gz").read_bytes()))
    assert excerpt == {"url": "scans/x/", "title": "Scan", "text": "a scan"}


def test_the_same_pages_give_the_same_bytes(tmp_path: Path) -> None:
    entries = [read_page("records/x/index.html", PAGE), read_page("records/y/index.html", PAGE.replace(b"42", b"43"))]
    write_bundle(entries, tmp_path / "a")
    write_bundle(entries, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    # no timestamp in any gzip header (bytes 4-7), so a later build writes the same bytes
    gzipped = [(tmp_path / "a" / f).read_bytes() for f in files if f.suffix == ".gz"]
    assert gzipped and all(data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0" for data in gzipped)
