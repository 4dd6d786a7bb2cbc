"""Front matter the generator wrote, read as the JSON it is instead of through YAML.

``text.front_matter`` writes a page's front matter as one line of JSON, which YAML reads as a
flow mapping; MkDocs reads it with PyYAML (``mkdocs.utils.meta.get_data``), whose constructor
spends ~0.3 ms on a record page's 4 KB, an eighth of the site build. ``get_data`` here gives the
same result for such a line with ``json.loads``, and defers to MkDocs' own for anything else:
other front matter, and any number, whose JSON and YAML 1.1 readings can differ (``1e-05`` is a
string to YAML). Strings, booleans, null, lists and mappings read the same in both; the
characters YAML refuses are written as ``\\u`` escapes, which both decode alike.
``site_build`` uses it while it renders pages; plain ``mkdocs build`` reads the same values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.utils import meta

_OPEN = "---\n{"
_CLOSE = "}\n---\n"


class _Number(Exception):
    pass


def _refuse(_: str) -> Any:
    raise _Number


def get_data(
    doc: str, fallback: Callable[[str], tuple[str, dict[str, Any]]] = meta.get_data
) -> tuple[str, dict[str, Any]]:
    """``(markdown, meta)`` of a page, as ``mkdocs.utils.meta.get_data`` returns them."""
    end = doc.find(_CLOSE, len(_OPEN)) if doc.startswith(_OPEN) else -1
    line = doc[len(_OPEN) - 1 : end + 1] if end > 0 else ""
    if not line or "\n" in line:
        return fallback(doc)
    try:
        data = json.loads(line, parse_float=_refuse, parse_int=_refuse, parse_constant=_refuse)
    except (_Number, ValueError):
        return fallback(doc)
    return doc[end + len(_CLOSE) :].lstrip("\n"), data


@contextmanager
def json_front_matter() -> Iterator[None]:
    """MkDocs reads pages' front matter with ``get_data`` while this lasts (forked workers too)."""
    original = meta.get_data
    meta.get_data = lambda doc: get_data(doc, original)
    try:
        yield
    finally:
        meta.get_data = original
