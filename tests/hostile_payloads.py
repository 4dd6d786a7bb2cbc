"""A corpus of hostile payloads, and hostile copies of a record or scan with one in every text field.

Each payload, if it ever executed, would open a dialog (``alert``), log ``XSS-MARKER`` to the
console, or leave an element carrying ``data-xss``. Base vectors are combined with the
contexts record text arrives in (mid-sentence, after a newline, inside a table row).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

BASE = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script>console.log('XSS-MARKER')</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=\"console.log('XSS-MARKER')\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)" data-xss=1>x</a>',
    '<a href="&#106;avascript:alert(1)" data-xss=1>x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x]: javascript:alert(1)\n\n[x]",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<form><button formaction=javascript:alert(1) data-xss=1>x</button></form>",
    '{: onclick="alert(1)" data-xss=1 }',
    "# Heading {: onmouseover=alert(1) data-xss=1 }",
    '<div markdown="1" data-xss=1>**x**</div>',
    "<b data-xss=1>bold</b>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "`<script>alert(1)</script>`",
    "``<img src=x onerror=alert(1)>``",
    "<!--<script>alert(1)</script>-->",
    "--><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %} {# x #}",
    "${alert(1)}",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "| broken | table | cells |",
    "a\n\n| x | y |\n|---|---|\n| <script>alert(1)</script> | z |",
    "line1\n# injected heading\n<script>alert(1)</script>",
    "```\n</code><script>alert(1)</script>\n```",
    '!!! danger "x"\n    <script>alert(1)</script>',
    "[^1]\n\n[^1]: <script>alert(1)</script>",
    "*[HTML]: <script>alert(1)</script>",
    '<http://example.com/"onmouseover="alert(1)>',
    "<javascript:alert(1)>",
    "\u202e<script>alert(1)</script>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "---\ntitle: <script>alert(1)</script>\n---",
    "\\<script>alert(1)</script>",
    '<img src="x\n" onerror=alert(1)>',
    "<x onpointerenter=alert(1) data-xss=1 style=position:fixed;inset:0>",
]
CONTEXTS: list[Callable[[str], str]] = [
    lambda p: p,
    lambda p: f"Accuracy | F1 improved {p} on the held-out split",
    lambda p: f"**{p}**",
    lambda p: f"Claim text\n{p}\ntrailing `tick` | pipe",
]


def payloads() -> list[str]:
    return [context(base) for base in BASE for context in CONTEXTS]


def groups(size: int) -> list[list[str]]:
    """The payloads in groups of ``size``: one hostile record (and scan) per group."""
    every = payloads()
    return [every[i : i + size] for i in range(0, len(every), size)]


PROBE = "<b data-probe=1>probe</b> | `x`"


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))


def _set(document: Any, path: tuple[Any, ...], value: str) -> Any:
    copied = copy.deepcopy(document)
    target = copied
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copied


def _valid(model: type[BaseModel], document: Any) -> bool:
    try:
        model.model_validate_json(json.dumps(document), strict=True)
    except ValidationError:
        return False
    return True


def text_paths(model: type[BaseModel], base: Any) -> list[tuple[Any, ...]]:
    """Every string leaf of ``base`` that accepts arbitrary text (found by probing the model)."""
    return [path for path, _ in _leaves(base) if _valid(model, _set(base, path, PROBE))]


def url_paths(model: type[BaseModel], base: Any) -> list[tuple[Any, ...]]:
    """String leaves that hold URLs: the payload goes into their query string."""
    return [path for path, value in _leaves(base) if value.startswith(("http://", "https://"))]


def hostile_copy(
    model: type[BaseModel], base: Any, text: list[tuple[Any, ...]], urls: list[tuple[Any, ...]], group: list[str]
) -> Any:
    """``base`` with every payload of ``group`` in every text field and in every URL's query string.

    A field too short for the whole group (``max_length``) gets the payloads one by one across
    fields instead, each cut to the field's limit.
    """
    joined = "\n".join(group)
    document = base
    for path in text:
        document = _set(document, path, joined)
    for path in urls:
        document = _set(document, path, f"{_leaves_value(base, path)}?q={quote(joined, safe='')}")
    try:
        model.model_validate_json(json.dumps(document), strict=True)
    except ValidationError as exc:
        for error in exc.errors():
            if error["type"] == "string_too_long":
                path = tuple(error["loc"])
                turn = text.index(path) if path in text else 0
                document = _set(document, path, group[turn % len(group)][: int(error["ctx"]["max_length"])])
    return document


def _leaves_value(document: Any, path: tuple[Any, ...]) -> str:
    for key in path:
        document = document[key]
    return str(document)
