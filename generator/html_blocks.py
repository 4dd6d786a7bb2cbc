"""Python-Markdown extension: HTML blocks the generator wrote pass through without a second parse.

Record pages are mostly tables of links the generator has already laid out as HTML (values
escaped once, in ``generator/text.py``). Python-Markdown would parse every tag of it again, which
was most of the time MkDocs spent on a record page. A block runs from a line ``<!-- html -->`` to
a line ``<!-- /html -->`` and is stored as it is; record text can never produce either line,
because ``<`` in record text is always written as ``&#60;``.

The extension is required, not only faster: a card's ``<div>`` opens in one block and closes in
another with a Markdown heading between them, which plain Python-Markdown would swallow into
one raw-HTML block. A renderer without it (Zensical, for one) would need the same extension.

Enabled in ``mkdocs.yml`` as ``generator.html_blocks``.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN = "<!-- html -->"
CLOSE = "<!-- /html -->"


class _StashBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines:
            return lines
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = []
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


class HtmlBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before MkDocs' raw-HTML scan (21) and html_block (20).
        md.preprocessors.register(_StashBlocks(md), "generator_html_blocks", 25)


def makeExtension(**kwargs: object) -> HtmlBlocksExtension:
    return HtmlBlocksExtension(**kwargs)
