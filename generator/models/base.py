"""Shared pieces of the input contracts: the base model and constrained text types."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Annotated, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SAFE_URL_SCHEMES = ("http://", "https://")
_UNSAFE_IN_URL = re.compile(r'[\s<>"]')  # \s is exactly str.isspace() for str patterns


def _require_web_url(value: str) -> str:
    if not value.lower().startswith(SAFE_URL_SCHEMES):
        raise ValueError("an http:// or https:// URL")
    if _UNSAFE_IN_URL.search(value):
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


def _holds_models(annotation: object) -> bool:
    """Whether a field annotation can hold a model anywhere inside (``list[Claim] | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))


@cache
def _model_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Declared fields of ``cls`` whose values can contain models, sorted by name."""
    return tuple(sorted(name for name, info in cls.model_fields.items() if _holds_models(info.annotation)))


def _model_children(model: BaseModel) -> list[str]:
    """Set fields of ``model`` that may hold models, sorted as ``walk`` visits them."""
    if model.__pydantic_extra__:  # unknown keys are set fields too, and may hold models (checklist categories)
        declared = _model_fields(type(model))
        return sorted(name for name in model.model_fields_set if name in declared or name in model.__pydantic_extra__)
    return [name for name in _model_fields(type(model)) if name in model.model_fields_set]


def keeps_unknown_keys(value: object) -> bool:
    """Whether any model of a validated tree keeps keys the contract does not define.

    The same descent as ``models_in`` without making paths: most files have no unknown key,
    and this answers for them in a third of the time."""
    if isinstance(value, BaseModel):
        if value.__pydantic_extra__:
            return True
        for name in _model_fields(type(value)):  # unset fields hold defaults: None or empty
            if keeps_unknown_keys(getattr(value, name)):
                return True
    elif isinstance(value, list):
        for item in value:
            if keeps_unknown_keys(item):
                return True
    elif isinstance(value, dict):
        for item in value.values():
            if keeps_unknown_keys(item):
                return True
    return False


def models_in(value: object, path: str = "") -> Iterator[tuple[str, BaseModel]]:
    """The models of a validated tree with their field paths, in the order ``walk`` visits them.

    Descends only into fields that can hold models (and into unknown keys, which may), so
    strings and numbers are never visited.
    """
    found: list[tuple[str, BaseModel]] = []
    _collect_models(value, path, found)
    return iter(found)


def _collect_models(value: object, path: str, found: list[tuple[str, BaseModel]]) -> None:
    if isinstance(value, BaseModel):
        found.append((path, value))
        for name in _model_children(value):
            _collect_models(getattr(value, name), f"{path}.{name}" if path else name, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect_models(item, f"{path}[{index}]", found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_models(item, f"{path}.{key}", found)
