"""Flag extraction damage in free text: lost ligatures ("netune") and mojibake ("â€™").

Text is never "fixed": the record is published as stored, and each finding becomes a
notice in the build report, so the pipeline that produced it can be corrected.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from generator.errors import Problem, Severity
from generator.models.base import walk

# Common words of research prose that contain fi/fl/ff/ffi/ffl ligatures. When a PDF
# extractor drops the ligature glyph, "finetune" becomes "netune" and "find" becomes "nd".
_LIGATURE_WORDS = [
    "finetune",
    "finetuned",
    "finetuning",
    "fine-tune",
    "fine-tuned",
    "fine-tuning",
    "find",
    "finds",
    "finding",
    "findings",
    "first",
    "efficient",
    "efficiently",
    "efficiency",
    "significant",
    "significantly",
    "specific",
    "specifically",
    "specified",
    "define",
    "defined",
    "definition",
    "field",
    "fields",
    "figure",
    "figures",
    "final",
    "finally",
    "identify",
    "identified",
    "identifies",
    "modified",
    "modify",
    "benefit",
    "benefits",
    "difficult",
    "difficulty",
    "classification",
    "classifier",
    "classified",
    "sufficient",
    "sufficiently",
    "flexible",
    "flexibility",
    "influence",
    "influenced",
    "reflect",
    "reflects",
    "conflict",
    "workflow",
    "effective",
    "effectively",
    "effect",
    "effects",
    "different",
    "difference",
    "differences",
    "offer",
    "offers",
    "affect",
    "affects",
    "sufficient",
    "coefficient",
    "coefficients",
    "artificial",
    "confidence",
    "configuration",
    "verified",
    "verification",
    "qualified",
    "justified",
    "simplified",
    "amplified",
    "scientific",
    "profile",
    "filter",
    "filtered",
]
_LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")


def _damaged(word: str) -> set[str]:
    forms = {word.replace(lig, "") for lig in _LIGATURES if lig in word}
    forms |= {word.replace(lig, " ") for lig in _LIGATURES if lig in word}
    return {f.strip() for f in forms if f.strip() and f.strip() != word}


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for word in _LIGATURE_WORDS:
        for form in _damaged(word):
            if len(form.replace(" ", "")) >= 2:
                table.setdefault(form, word)
    return table


_DAMAGED = _build_table()
_TOKEN = re.compile(r"[\w-]+")
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|â€[\u0080-\u00bf\u2018-\u203a™œ]|\ufffd|ï¿½")


def lost_ligatures(text: str) -> list[tuple[str, str]]:
    """(damaged form, likely word) for each lost ligature found, in order, without repeats."""
    tokens = _TOKEN.findall(text)
    seen: dict[str, str] = {}
    for index, token in enumerate(tokens):
        pair = f"{token} {tokens[index + 1]}" if index + 1 < len(tokens) else ""
        for form in (pair, token):
            if form in _DAMAGED:
                seen.setdefault(form, _DAMAGED[form])
    return list(seen.items())


def mojibake(text: str) -> list[str]:
    """Sequences typical of UTF-8 read as Windows-1252 (``â€™``, ``Ã©``) or replacement marks."""
    return sorted(set(_MOJIBAKE.findall(text)))


def text_damage(text: str) -> bool:
    """Whether ``text`` shows any sign of damage; a fast check before looking field by field."""
    return bool(_MOJIBAKE.search(text) or lost_ligatures(text))


def text_notices(model: BaseModel, source: str) -> list[Problem]:
    """A notice for every damaged string field of a model; the record itself is unchanged."""
    notices = []
    for path, text in ((p, node) for p, node in walk(model) if isinstance(node, str)):
        for damaged, word in lost_ligatures(text):
            found = f"{damaged!r} (a lost ligature? likely {word!r})"
            notices.append(Problem(source, path, "text without lost ligatures", found, Severity.NOTICE))
        for sequence in mojibake(text):
            found = f"{sequence!r} (mojibake: UTF-8 decoded as another encoding)"
            notices.append(Problem(source, path, "text without mojibake", found, Severity.NOTICE))
    return notices
