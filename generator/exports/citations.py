"""Citations of a record: BibTeX, RIS and CSL-JSON files, and the "Cite this" text on its page.

The author of a synthesis is its publisher (a corporate author); the date is the submission date.
Every format escapes record text its own way, so a title with braces, percent signs or newlines
still parses as one field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from generator.derive import short_id
from generator.exports import facts
from generator.exports.paths import doi_url, record_url
from generator.models.record import SynthesisRecord
from generator.site_config import SiteConfig

GENRE = "Machine-generated literature synthesis"
_SPACES = re.compile(r"\s+")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIAL)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    """What every format says about a record, already in plain one-line text."""

    key: str
    short_id: str
    title: str
    author: str
    publisher: str
    url: str
    doi: str | None
    year: int | None
    month: int | None
    day: int | None
    abstract: str | None


def one_line(text: str) -> str:
    if text.isprintable() and "  " not in text:  # no line break, tab or run of spaces to fold
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def citation(record: SynthesisRecord, config: SiteConfig) -> Citation:
    publisher = one_line(facts.publisher_name(record, config))
    when = record.submitted
    return Citation(
        key="srch-" + record.id.hex[:8],
        short_id=short_id(record.id),
        title=one_line(record.title),
        author=publisher,
        publisher=publisher,
        url=record_url(config, record.id),
        doi=record.doi,
        year=when.year if when else None,
        month=when.month if when else None,
        day=when.day if when else None,
        abstract=one_line(record.abstract) if record.abstract else None,
    )


def bibtex(c: Citation) -> str:
    def field(value: str) -> str:
        return "{" + value.translate(_BIBTEX_TABLE) + "}"

    fields = [("title", "{" + field(c.title) + "}"), ("author", "{" + field(c.author) + "}")]
    fields += [("publisher", field(c.publisher)), ("institution", field(c.publisher))]
    if c.year is not None and c.month is not None:
        fields += [("year", f"{{{c.year}}}"), ("month", MONTHS[c.month - 1])]
    if c.doi:
        fields.append(("doi", field(c.doi)))
    fields += [("url", field(c.url)), ("number", field(c.short_id)), ("type", field(GENRE))]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@techreport{{{c.key},\n{body}\n}}\n"


def ris(c: Citation) -> str:
    lines = [("TY", "RPRT"), ("ID", c.short_id), ("TI", c.title), ("AU", c.author), ("PB", c.publisher)]
    if c.year is not None:
        lines += [("PY", str(c.year)), ("DA", f"{c.year:04d}/{c.month:02d}/{c.day:02d}")]
    if c.doi:
        lines.append(("DO", c.doi))
    lines += [("UR", c.url), ("M3", GENRE)]
    if c.abstract:
        lines.append(("AB", c.abstract))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "ER  - \n"


def csl_item(c: Citation) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": c.short_id,
        "type": "report",
        "title": c.title,
        "author": [{"literal": c.author}],
        "publisher": c.publisher,
        "genre": GENRE,
        "number": c.short_id,
        "URL": c.url,
    }
    if c.year is not None:
        item["issued"] = {"date-parts": [[c.year, c.month, c.day]]}
    if c.doi:
        item["DOI"] = c.doi
    if c.abstract:
        item["abstract"] = c.abstract
    return item


def csl_json(c: Citation) -> str:
    """A one-item CSL-JSON array, compact (no layout whitespace), final newline."""
    return json.dumps([csl_item(c)], ensure_ascii=False, separators=(",", ":")) + "\n"


def reference_text(c: Citation) -> tuple[str, str, str]:
    """The "Cite this" reference as (before title, title, after title), plain text."""
    year = str(c.year) if c.year is not None else "n.d."
    tail = f". {c.publisher}. {GENRE}, {c.short_id}. "
    tail += doi_url(c.doi) if c.doi else c.url
    return f"{c.author} ({year}). ", c.title, tail
