"""Front matter read as JSON (``generator/page_meta.py``) is what MkDocs reads through YAML."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import meta

from generator import page_meta
from generator.text import front_matter
from tests.hostile_payloads import payloads


def test_every_generated_page_reads_the_same_as_through_yaml(demo_site: Path) -> None:
    docs = demo_site.parent / "build" / "docs"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 20
    fast = 0
    for page in pages:
        doc = page.read_text(encoding="utf-8")
        assert page_meta.get_data(doc) == meta.get_data(doc), page
        fast += doc.startswith("---\n{")
    assert fast >= 10  # every record and scan page


def test_hostile_values_and_numbers_read_the_same_as_through_yaml() -> None:
    values = [*payloads(), "\x7f\x85\u2028\ufffe", "a\tb\nc", "--- x", "}\n---\n", "1e-05", "", "\\u0041"]
    docs = [
        front_matter({"title": value, "list": [value, True, None], "map": {value: value}}) + "body" for value in values
    ]
    docs += [front_matter({"score": 0.00001, "count": 3, "big": 1e16, "half": 0.5}) + "body"]  # numbers: YAML's reading
    docs += ['---\n{"a": \n "b"}\n---\nbody', "---\ntitle: plain yaml\n---\nbody", "no front matter", "---\n{}\n---\n"]
    for doc in docs:
        assert page_meta.get_data(doc) == meta.get_data(doc), doc


def test_mkdocs_reads_with_it_only_inside_the_context() -> None:
    doc = front_matter({"title": "x"}) + "body"
    original = meta.get_data
    with page_meta.json_front_matter():
        assert meta.get_data is not original and meta.get_data(doc) == ("body", {"title": "x"})
    assert meta.get_data is original
