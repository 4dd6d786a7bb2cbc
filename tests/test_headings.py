"""Headings of HTML-written pages get the ids, permalinks and table of contents Python-Markdown gives.

A record page is written as HTML (``generator/headings.py``); each test states the same headings
as Markdown, converts them with Python-Markdown's ``toc`` extension as MkDocs would, and compares.
"""

from __future__ import annotations

import markdown
import pytest

from generator.body_html import body_html
from generator.headings import Headings
from generator.html_blocks import HtmlBlocksExtension
from generator.text import Md, inline, markdown_body

# (level, inner HTML, inner Markdown, explicit id): repeats, entities, accents, a link, reserved ids
HEADINGS = [
    (1, inline("Abstract: a | b < c — Ünïcode"), "Abstract: a &#124; b &#60; c — Ünïcode", None),
    (2, Md("Abstract"), "Abstract", None),
    (2, Md("Abstract"), "Abstract", None),
    (2, Md('<a href="../../quality-guide/#x">References</a>'), "[References](../quality-guide.md#x)", None),
    (2, Md("1 Introduction"), "1 Introduction", None),
    (2, Md("References"), "References { #references }", "references"),
]


def python_markdown(source: str) -> tuple[str, list[dict[str, object]]]:
    md = markdown.Markdown(
        extensions=["toc", "attr_list", HtmlBlocksExtension()], extension_configs={"toc": {"permalink": True}}
    )
    return md.convert(source), md.toc_tokens  # type: ignore[attr-defined]


def flat(tokens: list[dict[str, object]], depth: int = 0) -> list[tuple[object, ...]]:
    """Each token's depth in the nesting, level, id and name, in order."""
    out: list[tuple[object, ...]] = []
    for token in tokens:
        out.append((depth, token["level"], token["id"], token["name"]))
        out += flat(token["children"], depth + 1)  # type: ignore[arg-type]
    return out


def test_ids_and_the_table_of_contents_are_those_python_markdown_gives() -> None:
    headings = Headings(["references"])
    written = [headings.add(level, inner, fixed) for level, inner, _, fixed in HEADINGS]
    html, expected = python_markdown("\n\n".join("#" * level + " " + md for level, _, md, _ in HEADINGS))
    assert [h.id for h in written] == [t[2] for t in flat(expected)]
    # the page's declared toc, read by html_blocks, is the one Python-Markdown computed
    page = headings.toc_line() + "\n<!-- html -->\n" + "\n".join(h.html for h in written) + "\n<!-- /html -->"
    converted, declared = python_markdown(page)
    assert flat(declared) == flat(expected)  # what MkDocs reads of a token: level, id, name, nesting
    # the permalinks are written as the toc extension writes them
    assert all(
        h.html.split(">", 1)[1] in html.replace("../quality-guide.md#x", "../../quality-guide/#x") for h in written
    )
    assert all(h.html in converted for h in written)


def test_a_report_body_s_headings_get_the_next_ids_and_enter_the_toc() -> None:
    body = markdown_body("Text *here*.\n\n### Abstract\n\nMore.\n\n- a\n- b")
    headings = Headings()
    headings.add(2, Md("Abstract"))
    html = headings.body(body_html(body))
    _, expected = python_markdown("## Abstract\n\n" + body)
    assert '<h3 id="abstract_1">Abstract<a class="headerlink" href="#abstract_1"' in html
    assert "<em>here</em>" in html and "<li>a</li>" in html
    _, declared = python_markdown(headings.toc_line() + "\n<!-- html -->\n<!-- /html -->")
    assert flat(declared) == flat(expected) and len(declared) == 1 and len(declared[0]["children"]) == 1


def test_a_heading_name_cannot_end_the_toc_comment() -> None:
    headings = Headings()
    headings.add(2, inline("a --> b -- c"))
    line = headings.toc_line()
    assert line.count("-->") == 1 and line.endswith(" -->")
    _, declared = python_markdown(line + "\n<!-- html -->\n<!-- /html -->")
    assert declared[0]["name"] == "a --&#62; b -- c"


def test_an_explicit_id_must_be_reserved_before_other_headings_take_theirs() -> None:
    headings = Headings(["references"])
    assert headings.add(2, Md("References")).id == "references_1"  # the reserved id stays free
    assert headings.add(2, Md("References"), "references").id == "references"
    with pytest.raises(ValueError, match="not reserved"):
        headings.add(2, Md("Claims"), "claims")
