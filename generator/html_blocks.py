"""Python-Markdown extension: HTML blocks the generator wrote pass through without a second parse.

Record pages are mostly tables of links the generator has already laid out as HTML (values
escaped once, in ``generator/text.py``). Python-Markdown would parse every tag of it again, which
was most of the time MkDocs spent on a record page. A block runs from a line ``<!-- html -->`` to
a line ``<!-- /html -->`` and is stored as it is; record text can never produce either line,
because ``<`` in record text is always written as ``&#60;``.

A page written wholly as one block (a record page) declares its headings' table of contents in
a line ``<!-- toc: [[level, id, name], …] -->`` (``generator/headings.py`` writes it); the
extension hands those entries to MkDocs as the ``toc`` extension's would be, nested the same way.
Without it Python-Markdown would see no heading in such a page and MkDocs would show no table of
contents. A renderer without this extension (Zensical, for one) would need the same one.

Enabled in ``mkdocs.yml`` as ``generator.html_blocks``.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.extensions.toc import nest_toc_tokens
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

OPEN = "<!-- html -->"
CLOSE = "<!-- /html -->"
TOC = ("<!-- toc: ", " -->")


class _StashBlocks(Preprocessor):
    def __init__(self, md: Markdown, extension: HtmlBlocksExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines:
            return lines
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = []
                elif line.startswith(TOC[0]) and line.endswith(TOC[1]):
                    self.extension.declared = json.loads(line[len(TOC[0]) : -len(TOC[1])])
                else:
                    out.append(line)
            elif line == CLOSE:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # an unclosed block stays ordinary Markdown
            out += [OPEN, *block]
        return out


class _DeclaredToc(Treeprocessor):
    """Replace the table of contents by the page's declared one, after ``toc`` (priority 5) ran."""

    def __init__(self, md: Markdown, extension: HtmlBlocksExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        if self.extension.declared is not None:
            tokens = [
                {"level": level, "id": id_, "name": name, "html": name, "data-toc-label": ""}
                for level, id_, name in self.extension.declared
            ]
            self.md.toc_tokens = nest_toc_tokens(tokens)  # type: ignore[arg-type,attr-defined]


class HtmlBlocksExtension(Extension):
    declared: list[Any] | None = None  # the page's <!-- toc: --> entries, if it has the line

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After whitespace normalisation (30), which also clears the characters stash placeholders
        # are made of; before fenced_code (25, always on in MkDocs), which would otherwise search
        # every line of the blocks; before MkDocs' raw-HTML scan (21) and html_block (20).
        md.preprocessors.register(_StashBlocks(md, self), "generator_html_blocks", 26)
        md.treeprocessors.register(_DeclaredToc(md, self), "generator_declared_toc", 4)

    def reset(self) -> None:
        self.declared = None


def makeExtension(**kwargs: object) -> HtmlBlocksExtension:
    return HtmlBlocksExtension(**kwargs)
