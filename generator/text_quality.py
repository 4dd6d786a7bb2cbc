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


def _split_forms() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Damaged forms that can match: one token, or two tokens (first → possible seconds)."""
    pairs: dict[str, set[str]] = {}
    for form in _DAMAGED:
        if form.count(" ") == 1:
            first, second = form.split(" ")
            pairs.setdefault(first, set()).add(second)
    singles = frozenset(form for form in _DAMAGED if " " not in form)
    return singles, {first: frozenset(seconds) for first, seconds in pairs.items()}


_SINGLE_FORMS, _PAIR_FORMS = _split_forms()
_TRIGGERS = _SINGLE_FORMS.union(*_PAIR_FORMS.values())
"""Every single form and every second half of a pair form: a text with none of them has no lost ligature."""
_WORD_BYTES = frozenset(b"-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
_WORDS_ONLY = bytes(byte if byte in _WORD_BYTES else 0x20 for byte in range(256))
_MOJIBAKE_LEADS = ("Ã", "Â", "â", "\ufffd", "ï")  # the first character of every _MOJIBAKE match
_SIMPLE_ESCAPE = re.compile(r"\\[^u]")  # \n \t \" \\ ...: each stands for one character that is no \w
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _may_hold_lost_ligature(tokens: list[str]) -> bool:
    """False only when no damaged form can be among ``tokens``: set operations, no per-token loop."""
    if _TRIGGERS.isdisjoint(tokens):  # most texts: not even half of a damaged form
        return False
    present = set(tokens)
    if not _SINGLE_FORMS.isdisjoint(present):
        return True
    return any(not _PAIR_FORMS[first].isdisjoint(present) for first in present.intersection(_PAIR_FORMS))


def lost_ligatures(text: str) -> list[tuple[str, str]]:
    """(damaged form, likely word) for each lost ligature found, in order, without repeats."""
    tokens = _TOKEN.findall(text)
    if not _may_hold_lost_ligature(tokens):
        return []
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


def _unescaped(json_text: str) -> str:
    """JSON text with string escapes replaced by what they stand for, as far as damage checks care.

    ``\\n``, ``\\"``, ``\\\\`` … become a space (like them, no word character and no part of
    mojibake); ``\\uXXXX`` becomes its character (surrogate halves stay apart, which can only
    split a token, never join two).
    """
    if "\\" not in json_text:
        return json_text
    text = _SIMPLE_ESCAPE.sub(" ", json_text)
    return _UNICODE_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text) if "\\u" in text else text


def _ascii_words(text: str) -> list[str]:
    """Maximal runs of ASCII letters, digits, ``_`` and ``-``: every all-ASCII token of ``text`` is one."""
    return text.encode("utf-8", "surrogatepass").translate(_WORDS_ONLY).decode("ascii").split()


def text_damage(json_text: str) -> bool:
    """Whether any string of a JSON document may show damage; a fast check before looking field by field.

    Never False when ``text_notices`` of the validated document would find something: every
    string value is in the unescaped text, so its mojibake, its tokens (damaged forms are
    all ASCII, so also whole ASCII words) and their neighbours are there too.
    """
    text = _unescaped(json_text)
    if any(lead in text for lead in _MOJIBAKE_LEADS) and _MOJIBAKE.search(text):
        return True
    return _may_hold_lost_ligature(_ascii_words(text))


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
