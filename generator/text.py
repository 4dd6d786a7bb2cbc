"""The one place free text becomes Markdown: everything from a record is made inert here.

Record text is machine-extracted and untrusted. ``inline`` turns it into Markdown that can
only ever display as the same characters: every ASCII punctuation character that Markdown,
HTML, tables or attribute lists could act on becomes a numeric character reference, and
newlines fold into spaces. ``markdown_body`` keeps a report body's Markdown structure
(paragraphs, emphasis, lists, code, tables) but removes what could link, embed or execute.
"""

from __future__ import annotations

import html
import re
from typing import NewType
from urllib.parse import quote

import yaml

Md = NewType("Md", str)
"""A string that is safe to place into generated Markdown as it is."""

# Punctuation that can start Markdown, HTML, entity, table or attribute-list syntax anywhere
# in a line. The rest ("-", ".", ":", quotes, parentheses …) only matters at a line start.
_ALWAYS = "\\`*_{}[]<>#+!|~^&$="
_ESCAPED = {ch: f"&#{ord(ch)};" for ch in _ALWAYS}
_INLINE_TABLE = str.maketrans(_ESCAPED)
_BODY_TABLE = str.maketrans({ch: _ESCAPED[ch] for ch in "<>[]{}&"})
_LINE_START = re.compile(r"^(\d*)([^\w\s\d&])")
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inline(text: str) -> Md:
    """One line of inert Markdown: safe in a paragraph, a heading or a table cell."""
    flat = _WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip().translate(_INLINE_TABLE)
    # "- x", "1. x", ": x" at the start of a line would become a list or a definition.
    return Md(_LINE_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", flat, count=1))


def code(text: str) -> Md:
    """Inert text shown in a monospace ``<code>`` element (a Markdown code span would show entities)."""
    return Md(f"<code>{inline(text)}</code>")


def paragraphs(text: str) -> Md:
    """Inert Markdown paragraphs; blank lines in the text separate paragraphs."""
    parts = (inline(part) for part in re.split(r"\n\s*\n", text))
    return Md("\n\n".join(part for part in parts if part))


def markdown_body(text: str) -> Md:
    """A report body kept as Markdown, minus raw HTML, links, images and attribute lists."""
    clean = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return Md(clean.translate(_BODY_TABLE).strip())


def page_title(text: str) -> str:
    """A page title for ``title:`` front matter: one line, HTML-escaped.

    Material writes ``page.meta.title`` into ``<title>`` and the header as it is, unescaped, so
    the value must already be HTML text; the YAML dumper then makes it a safe YAML scalar.
    """
    return html.escape(_WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip(), quote=True)


def title_front_matter(text: str) -> str:
    """YAML front matter giving a page its title (for pages with no other front matter)."""
    return (
        "---\n"
        + yaml.dump({"title": page_title(text)}, Dumper=yaml.CSafeDumper, allow_unicode=True, width=10_000)
        + "---\n\n"
    )


def url(value: str) -> Md:
    """A validated http(s) URL made safe as a Markdown link target."""
    return Md(quote(value, safe=":/?#@!$&'*+,;=%~-._"))
