"""Shared pieces of the input contracts: the base model and constrained text types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SAFE_URL_SCHEMES = ("http://", "https://")


def _require_web_url(value: str) -> str:
    if not value.lower().startswith(SAFE_URL_SCHEMES):
        raise ValueError("an http:// or https:// URL")
    if any(ch.isspace() or ch in '<>"' for ch in value):
        raise ValueError("a URL without spaces, quotes or angle brackets")
    return value


WebUrl = Annotated[str, AfterValidator(_require_web_url), Field(max_length=2048)]
"""An absolute http(s) URL; other schemes (``javascript:``, ``data:``) are refused."""

Text = Annotated[str, Field(max_length=20_000)]
"""Free text from the pipeline. Rendered inert; never trusted as HTML or Markdown."""

ShortText = Annotated[str, Field(max_length=2_000)]

Score10 = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]
Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class Contract(BaseModel):
    """Base of every stored object: unknown keys are kept (and reported as warnings)."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)


def walk(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every node of a validated tree with its field path (``claims[3].text``).

    Only fields the input set are visited: defaults come from the contract, not the input.
    """
    yield path, value
    if isinstance(value, BaseModel):
        for name in sorted(value.model_fields_set):
            yield from walk(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
