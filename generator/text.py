"""The one place free text becomes Markdown: everything from a record is made inert here.

Record text is machine-extracted and untrusted. ``inline`` turns it into Markdown that can
only ever display as the same characters: every ASCII punctuation character that Markdown,
HTML, tables or attribute lists could act on becomes a numeric character reference, and
newlines fold into spaces. ``markdown_body`` keeps a report body's Markdown structure
(paragraphs, emphasis, lists, code, tables) but removes what could link, embed or execute.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, NewType
from urllib.parse import quote

Md = NewType("Md", str)
"""A string that is safe to place into generated Markdown as it is."""

# Punctuation that can start Markdown, HTML, entity, table or attribute-list syntax anywhere
# in a line. The rest ("-", ".", ":", quotes, parentheses …) only matters at a line start.
_ALWAYS = "\\`*_{}[]<>#+!|~^&$="
_ESCAPED = {ch: f"&#{ord(ch)};" for ch in _ALWAYS}
_INLINE_TABLE = str.maketrans(_ESCAPED)
_INLINE_SPECIAL = re.compile("[" + re.escape(_ALWAYS) + "]")
_BODY_TABLE = str.maketrans({ch: _ESCAPED[ch] for ch in "<>[]{}&"})
_LINE_START = re.compile(r"^(\d*)([^\w\s\d&])")
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters JSON leaves raw that YAML refuses (DEL, C1 controls, U+FFFE/U+FFFF) or reads as a
# line break (NEL, U+2028, U+2029), which would fold inside a quoted scalar.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def inline(text: str) -> Md:
    """One line of inert Markdown: safe in a paragraph, a heading or a table cell."""
    if text.isascii() and text.isprintable() and "  " not in text:
        flat = text.strip()  # the common case: no control character, no run of whitespace
    else:
        flat = _WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip()
    if _INLINE_SPECIAL.search(flat):  # translate() looks every character up; most text needs none
        flat = flat.translate(_INLINE_TABLE)
    if flat[:1].isalpha():  # a letter first: nothing below can match
        return Md(flat)
    # "- x", "1. x", ": x" at the start of a line would become a list or a definition.
    return Md(_LINE_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", flat, count=1))


def code(text: str) -> Md:
    """Inert text shown in a monospace ``<code>`` element (a Markdown code span would show entities)."""
    return Md(f"<code>{inline(text)}</code>")


def _paragraphs(text: str) -> list[Md]:
    """The text's paragraphs (blank lines separate them), each one ``inline``."""
    return [part for part in (inline(part) for part in re.split(r"\n\s*\n", text)) if part]


def paragraphs(text: str) -> Md:
    """Inert Markdown paragraphs; blank lines in the text separate paragraphs."""
    return Md("\n\n".join(_paragraphs(text)))


def p_elements(parts: Iterable[str]) -> Md:
    """Inert HTML ``parts`` as ``<p>`` elements, one a line."""
    return Md("\n".join(f"<p>{part}</p>" for part in parts))


def html_paragraphs(text: str) -> Md:
    """Inert HTML paragraphs (``<p>`` elements); blank lines in the text separate paragraphs.

    ``inline`` text is also inert HTML: every character HTML could act on is a character reference.
    """
    return p_elements(_paragraphs(text))


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


def front_matter(data: Mapping[str, Any]) -> str:
    """Front matter for a generated page (MkDocs exposes it to templates as ``page.meta``).

    Written as one line of JSON, which YAML reads as a flow mapping with the same values:
    libyaml's dumper spends a millisecond a record page on this, ``json.dumps`` a few
    microseconds. The characters YAML would refuse or fold are written as ``\\u`` escapes.
    """
    body = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False))
    return f"---\n{body}\n---\n\n"


def title_front_matter(text: str) -> str:
    """Front matter giving a page its title (for pages with no other front matter)."""
    return front_matter({"title": page_title(text)})


def url(value: str) -> Md:
    """A validated http(s) URL made safe as a Markdown link target."""
    return Md(quote(value, safe=":/?#@!$&'*+,;=%~-._"))
