"""The Markdown extension that passes generated HTML blocks through untouched."""

from __future__ import annotations

import markdown

EXTENSIONS = ["generator.html_blocks", "attr_list", "md_in_html", "tables", "toc"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_a_block_passes_through_byte_for_byte_and_headings_between_blocks_stay_markdown() -> None:
    block = '<div class="card">\n<table><tr><td>*not emphasis* [not](a-link) &#60;x&#62;</td></tr></table>'
    html = convert(f"<!-- html -->\n{block}\n<!-- /html -->\n\n## Title\n\n<!-- html -->\n</div>\n<!-- /html -->\n")
    assert block in html
    assert '<h2 id="title">Title</h2>' in html
    assert html.index(block) < html.index("<h2") < html.rindex("</div>")


def test_an_unclosed_block_stays_ordinary_markdown() -> None:
    html = convert("<!-- html -->\n*emphasis*\n")
    assert "<em>emphasis</em>" in html


def test_without_markers_nothing_changes() -> None:
    text = "# Heading\n\n| a | b |\n|---|---|\n| *x* | y |\n"
    plain = markdown.Markdown(extensions=EXTENSIONS[1:]).convert(text)
    assert convert(text) == plain


def test_no_other_preprocessor_reads_a_block() -> None:
    """A block is stashed before fenced code reads any line of it (MkDocs always enables
    fenced_code): a fence inside a block is not code."""
    block = "<pre>\n```\n<b>bold</b>\n```\n</pre>"
    html = markdown.Markdown(extensions=["fenced_code", *EXTENSIONS]).convert(f"<!-- html -->\n{block}\n<!-- /html -->")
    assert block in html
