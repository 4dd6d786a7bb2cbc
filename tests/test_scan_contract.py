"""The published scan contract: every field described, every field in the generated reference."""

from __future__ import annotations

import re
from typing import Any

from generator.models.scan import PaperScan
from generator.schema import SCHEMAS, field_reference, json_schema


def properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [("PaperScan", k, v) for k, v in schema["properties"].items()]
    for name, definition in schema["$defs"].items():
        found += [(name, k, v) for k, v in definition.get("properties", {}).items()]
    return found


def test_scan_contract_is_published() -> None:
    assert SCHEMAS["paper-scan-v5"] is PaperScan
    schema = json_schema(PaperScan, "paper-scan-v5", "https://example.org/")
    assert schema["$id"] == "https://example.org/schemas/paper-scan-v5.schema.json"
    assert set(schema["required"]) == {"paper", "checklist"}
    assert schema["properties"]["paper_type"]["anyOf"][0]["enum"] == [
        "empirical",
        "benchmark-creation",
        "survey",
        "position",
        "theoretical",
    ]


def test_every_scan_field_has_a_description_and_a_reference_row() -> None:
    schema = PaperScan.model_json_schema()
    assert [f"{m}.{n}" for m, n, prop in properties(schema) if not prop.get("description")] == []
    page = field_reference("paper-scan-v5", PaperScan)
    for model, name, _ in properties(schema):
        assert re.search(rf"^### {model}$", page, re.M), model
        assert f"| `{name}` |" in page, f"{model}.{name}"
