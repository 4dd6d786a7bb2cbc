"""Free text becomes inert Markdown: rendered with Python-Markdown, it shows the same characters."""

from __future__ import annotations

import html

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from generator.formatting import long_date, score10, two_decimals
from generator.text import front_matter, inline, markdown_body, paragraphs, url

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](data:text/html,<script>alert(1)</script>)",
    "a | b | c",
    "`code` and **bold** and _em_",
    "# heading",
    "- list item",
    "1. ordered",
    "2024. A year at the start",
    "!!! note",
    "{: onclick=alert(1) }",
    "&lt;script&gt; already escaped",
    "C# and F#",
    "line one\nline two\n\nparagraph",
    "trailing backslash \\",
    "<http://example.com>",
    "***",
    "$x$ math and ~~strike~~ and ^sup^",
]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("payload", HOSTILE)
def test_inline_text_renders_as_exactly_its_characters(payload: str) -> None:
    output = render(inline(payload))
    assert output.startswith("<p>") and output.endswith("</p>")
    inner = output[3:-4]
    assert "<" not in inner.replace("&lt;", ""), output
    assert html.unescape(inner) == " ".join(payload.split())


@pytest.mark.parametrize("payload", HOSTILE)
def test_inline_text_keeps_a_table_row_whole(payload: str) -> None:
    table = f"| A | B |\n|---|---|\n| {inline(payload)} | end |\n"
    output = render(table)
    assert output.count("<td>") == 2 and "<td>end</td>" in output


def test_paragraphs_keep_paragraph_breaks_only() -> None:
    assert paragraphs("one\ntwo\n\n three ") == "one two\n\nthree"


def test_markdown_body_keeps_structure_but_not_links_html_or_attributes() -> None:
    body = "Some *emphasis*.\n\n- a\n- b\n\n[link](javascript:alert(1)) <b>x</b>\n\n# H {: onclick=x }"
    output = render(markdown_body(body))
    assert "<em>emphasis</em>" in output and "<li>a</li>" in output
    tree = BeautifulSoup(output, "html.parser")
    assert tree.find("a") is None and tree.find("b") is None
    assert not [tag for tag in tree.find_all(True) if "onclick" in tag.attrs]


def test_url_escapes_parentheses_so_a_link_target_cannot_end_early() -> None:
    assert url("https://example.org/a_(b)") == "https://example.org/a_%28b%29"


def test_one_number_formatter() -> None:
    from datetime import date

    assert score10(3.5) == "3.50/10"
    assert two_decimals(0.04) == "0.04"
    assert long_date(date(2026, 6, 6)) == "6 June 2026"


def test_front_matter_reads_back_as_the_same_values_for_every_character() -> None:
    """JSON front matter is read by MkDocs' own YAML front-matter parser; no character may be
    refused, folded or lost (C1 controls, NEL, U+2028/9, U+FFFE/F are the ones JSON leaves raw)."""
    characters = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, len(characters), 20_000):
        data = {"title": characters[start : start + 20_000], "pairs": [["og:title", "a: b\n- c"]], "flag": True}
        body, meta = get_data(front_matter(data) + "# Body\n")
        assert meta == data, f"characters from U+{ord(characters[start]):04X} did not round-trip"
        assert body == "# Body\n"
