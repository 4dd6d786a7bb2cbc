"""Published JSON Schemas of the input contracts, and their field reference as Markdown."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.models.record import SynthesisRecord
from generator.models.scan import PaperScan
from generator.text import inline

SCHEMAS: dict[str, type[BaseModel]] = {"synthesis-record-v1": SynthesisRecord, "paper-scan-v5": PaperScan}


def json_schema(model: type[BaseModel], name: str, site_url: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{site_url.rstrip('/')}/schemas/{name}.schema.json"
    return schema


def schema_bytes(model: type[BaseModel], name: str, site_url: str) -> bytes:
    return (json.dumps(json_schema(model, name, site_url), indent=2, sort_keys=True) + "\n").encode()


def _type_of(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " or ".join(_type_of(p) for p in prop["anyOf"])
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if prop.get("type") == "array":
        return f"list of {_type_of(prop.get('items', {}))}"
    kind = str(prop.get("type", "any"))
    return f"{kind} ({prop['format']})" if "format" in prop else kind


def _limits(prop: dict[str, Any]) -> str:
    keys = ("minimum", "maximum", "minLength", "maxLength", "pattern", "maxItems")
    found = [f"{k} {prop[k]}" for k in keys if k in prop]
    for option in prop.get("anyOf", []):
        found += [f"{k} {option[k]}" for k in keys if k in option]
    return "; ".join(found)


def _table(title: str, schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    lines = [f"### {title}", "", inline(schema.get("description", "")), ""]
    lines += ["| Field | Type | Required | Limits | Description |", "|---|---|---|---|---|"]
    for name, prop in schema.get("properties", {}).items():
        cells = [f"`{name}`", _type_of(prop), "yes" if name in required else "no"]
        cells += [inline(_limits(prop)), inline(prop.get("description", ""))]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def field_reference(name: str, model: type[BaseModel]) -> str:
    """A Markdown page documenting every field of a contract, generated from its schema."""
    schema = model.model_json_schema(mode="validation")
    lines = [f"# `{name}` field reference", ""]
    lines += [f"Generated from the models. Machine-readable: [{name}.schema.json]({name}.schema.json).", ""]
    lines += _table(schema.get("title", name), schema)
    for title, definition in sorted(schema.get("$defs", {}).items()):
        if "properties" in definition:
            lines += _table(title, definition)
        elif "enum" in definition:
            lines += [f"### {title}", "", "One of: " + ", ".join(f"`{v}`" for v in definition["enum"]), ""]
    return "\n".join(lines)


def schema_files(schemas: dict[str, type[BaseModel]], site_url: str) -> dict[str, bytes]:
    """``schemas/<name>.schema.json`` and its field reference page ``schemas/<name>.md`` for each contract."""
    tree: dict[str, bytes] = {}
    for name, model in schemas.items():
        tree[f"schemas/{name}.schema.json"] = schema_bytes(model, name, site_url)
        tree[f"schemas/{name}.md"] = field_reference(name, model).encode()
    return tree
