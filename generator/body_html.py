"""A report section's body, inert Markdown (``text.markdown_body``), converted to HTML here.

Record pages are written as HTML (``generator/headings.py`` says why), so the one part of a
record that is Markdown, each report section's body, is converted by the generator with the
site's own Markdown extensions (``mkdocs.yml``, less ``toc``: a body's headings get their ids
and permalinks from ``Headings.body``). One converter per process, reset for each body.
"""

from __future__ import annotations

from markdown import Markdown

from generator.text import Md

# The extensions MkDocs converts pages with (its built-in toc, tables and fenced_code, then
# mkdocs.yml's markdown_extensions), in its order, less toc and generator.html_blocks (a body
# holds no "<"); tests/test_headings.py checks this against MkDocs' own list.
EXTENSIONS = ("tables", "fenced_code", "admonition", "attr_list", "md_in_html")
# Inline patterns that need a "<" or "[", which a body never holds (text.markdown_body writes them
# as &#60; and &#91;): left out, each would search every text of every body for nothing.
NEVER_MATCH: tuple[str, ...] = ("reference", "link", "image_link", "image_reference", "short_reference")
NEVER_MATCH += ("short_image_ref", "autolink", "automail", "html")

_converter: Markdown | None = None


def body_html(body: Md) -> str:
    """The HTML of an inert Markdown body (its headings without ids yet)."""
    global _converter
    if _converter is None:
        _converter = Markdown(extensions=list(EXTENSIONS))
        for name in NEVER_MATCH:
            _converter.inlinePatterns.deregister(name)
    return _converter.reset().convert(body)
