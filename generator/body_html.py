"""A report section's body, inert Markdown (``text.markdown_body``), converted to HTML here.

Record pages are written as HTML (``generator/headings.py`` says why), so the one part of a
record that is Markdown, each report section's body, is converted by the generator with the
site's own Markdown extensions (``mkdocs.yml``, less ``toc``: a body's headings get their ids
and permalinks from ``Headings.body``). One converter per process, reset for each body.

Most bodies are plain prose, sentences in paragraphs: the real publisher's report sections are.
Python-Markdown makes each paragraph of such a body a ``<p>`` with its text unchanged, and takes
a tenth of a millisecond to find that out, the largest part of rendering a record page; those
bodies (``plain_paragraphs``) are written directly. tests/test_body_html.py checks that both give
the same HTML.
"""

from __future__ import annotations

import re

from markdown import Markdown

from generator.text import Md, p_elements

# The extensions MkDocs converts pages with (its built-in toc, tables and fenced_code, then
# mkdocs.yml's markdown_extensions), in its order, less toc and generator.html_blocks (a body
# holds no "<"); tests/test_body_html.py checks this against MkDocs' own list. An extension added
# here may act on prose that _PLAIN_LINE lets through (bare URLs, smart quotes): extend the
# check and the test's edge cases with it.
EXTENSIONS = ("tables", "fenced_code", "admonition", "attr_list", "md_in_html")
# Inline patterns that need a "<" or "[", which a body never holds (text.markdown_body writes them
# as &#60; and &#91;): left out, each would search every text of every body for nothing.
NEVER_MATCH: tuple[str, ...] = ("reference", "link", "image_link", "image_reference", "short_reference")
NEVER_MATCH += ("short_image_ref", "autolink", "automail", "html")

_converter: Markdown | None = None

# A line of plain prose: it starts with a letter or digit but no list number ("1."), ends with no
# whitespace (two spaces make a line break), and holds no tab (expanded to spaces) and none of
# the characters Markdown acts on inside a line: emphasis, code spans, backslash escapes. Block
# syntax (headings, lists, quotes, rules, fences, admonitions, indented code, setext underlines,
# a table's delimiter row) needs another first character; links, HTML and attribute lists need
# "<", "[" or "{", which an inert body writes as character references.
_PLAIN_LINE = re.compile(r"(?!\d+\.)[^\W_][^`*_\\\t]*(?<!\s)")


def plain_paragraphs(body: Md) -> list[str] | None:
    """The paragraphs of ``body`` if every line of it is blank or plain prose, else None."""
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in [*body.split("\n"), ""]:
        if not line:
            if lines:
                paragraphs.append("\n".join(lines))
                lines = []
        elif _PLAIN_LINE.fullmatch(line):
            lines.append(line)
        else:
            return None
    return paragraphs


def body_html(body: Md) -> str:
    """The HTML of an inert Markdown body (its headings without ids yet)."""
    if (paragraphs := plain_paragraphs(body)) is not None:
        return p_elements(paragraphs)
    global _converter
    if _converter is None:
        _converter = Markdown(extensions=list(EXTENSIONS))
        for name in NEVER_MATCH:
            _converter.inlinePatterns.deregister(name)
    return _converter.reset().convert(body)
