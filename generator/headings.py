"""Headings of a page written wholly as HTML: their ids, permalinks and table of contents.

A record page is generated as one HTML block (``generator/html_blocks.py``), so Python-Markdown
parses none of it; that was most of the time MkDocs spent on a record page. Its headings get
here what Python-Markdown's ``toc`` extension would have given them: an id made by the same
``slugify`` and ``unique`` (explicit ids are reserved first, then headings take ids in document
order), the same permalink, and a table of contents entry, which the page declares in a
``<!-- toc: … -->`` line for ``html_blocks`` to hand to MkDocs.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markdown.extensions.toc import slugify, strip_tags, unique

from generator.text import Md

PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'
_BODY_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    inner: Md  # the heading's content as HTML (escaped text, maybe a link)

    @property
    def html(self) -> Md:
        """The heading element, with its permalink as the ``toc`` extension writes it."""
        link = PERMALINK.format(id=self.id)
        return Md(f'<h{self.level} id="{self.id}">{self.inner}{link}</h{self.level}>')


# Most headings of a page are the same on every page ("Abstract", the cards): their slug and
# plain text are computed once.
@lru_cache(maxsize=1024)
def _plain(inner: Md) -> str:
    """The heading's text without tags, as the ``toc`` extension shows it."""
    return strip_tags(inner)


@lru_cache(maxsize=1024)
def _slug(inner: Md) -> str:
    """The id the ``toc`` extension makes of a heading, before it is made unique."""
    return slugify(html.unescape(_plain(inner)), "-")


class Headings:
    """Ids for a page's headings in document order, unique as Python-Markdown makes them."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._reserved = frozenset(reserved)
        self._used = set(self._reserved)
        self._all: list[Heading] = []

    def add(self, level: int, inner: Md, fixed_id: str | None = None) -> Heading:
        """The next heading; ``fixed_id`` is an id reserved at construction (``{ #id }`` in Markdown)."""
        if fixed_id is not None and fixed_id not in self._reserved:
            raise ValueError(f"heading id {fixed_id!r} was not reserved: an earlier heading could take it")
        if fixed_id is None:
            fixed_id = unique(_slug(inner), self._used)
        heading = Heading(level, fixed_id, inner)
        self._all.append(heading)
        return heading

    def body(self, converted: str) -> Md:
        """Body HTML converted from Markdown, its headings given ids and permalinks as the next headings."""
        return Md(_BODY_HEADING.sub(lambda m: self.add(int(m.group(1)), Md(m.group(2))).html, converted))

    def toc_line(self) -> str:
        """The ``<!-- toc: … -->`` line declaring every heading added so far (``html_blocks``)."""
        entries = [[h.level, h.id, _plain(h.inner)] for h in self._all]
        return "<!-- toc: " + json.dumps(entries, ensure_ascii=False).replace("--", "-\\u002d") + " -->"
