"""The published contract: JSON Schema from the models, every field documented, guide anchors complete."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.models.record import SynthesisRecord
from generator.schema import field_reference, json_schema
from generator.vocab import all_guide_anchors
from tests.helpers import ROOT


def properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [("SynthesisRecord", k, v) for k, v in schema["properties"].items()]
    for name, definition in schema["$defs"].items():
        found += [(name, k, v) for k, v in definition.get("properties", {}).items()]
    return found


def test_every_field_of_the_contract_has_a_description() -> None:
    schema = SynthesisRecord.model_json_schema()
    undocumented = [f"{model}.{name}" for model, name, prop in properties(schema) if not prop.get("description")]
    assert undocumented == []


def test_field_reference_lists_every_field() -> None:
    page = field_reference("synthesis-record-v1", SynthesisRecord)
    for model, name, _ in properties(SynthesisRecord.model_json_schema()):
        assert re.search(rf"^### {model}$", page, re.M), model
        assert f"| `{name}` |" in page, f"{model}.{name}"


def test_schema_is_draft_2020_12_with_an_id() -> None:
    schema = json_schema(SynthesisRecord, "synthesis-record-v1", "https://example.org/")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://example.org/schemas/synthesis-record-v1.schema.json"
    assert "id" in schema["required"] and "title" in schema["required"]
    json.dumps(schema)


def test_quality_guide_defines_every_anchor_a_record_page_links_to() -> None:
    guide = (ROOT / "content" / "pages" / "quality-guide.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"\{#([a-z0-9-]+)\}", guide))
    assert all_guide_anchors() - defined == set()
