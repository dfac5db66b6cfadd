"""The OpenAPI schema (``/docs``) documents the domain's own types, every field with an example."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.api.app import create_app
from assistant.config import Settings


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("openapi"))
    built: dict[str, Any] = create_app(settings).openapi()  # no server, no model
    return built


def _response_schema(schema: dict[str, Any], path: str) -> str:
    content = schema["paths"][path]["post"]["responses"]["200"]["content"]
    ref: str = content["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def _request_schema(schema: dict[str, Any], path: str) -> str:
    content = schema["paths"][path]["post"]["requestBody"]["content"]
    ref: str = content["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def test_domain_routes_read_and_return_the_domain_types(schema: dict[str, Any]) -> None:
    assert _response_schema(schema, "/v1/outline") == "Outline"
    assert _response_schema(schema, "/v1/complete") == "Completions"
    assert _response_schema(schema, "/v1/check") == "CheckResult"
    assert _request_schema(schema, "/v1/outline") == "OutlineRequest"
    assert _request_schema(schema, "/v1/complete") == "CompletionRequest"


def test_every_field_has_an_example_or_is_a_documented_object(schema: dict[str, Any]) -> None:
    undocumented = [
        f"{name}.{field}"
        for name, component in schema["components"]["schemas"].items()
        for field, spec in component.get("properties", {}).items()
        if "examples" not in spec
        and "$ref" not in json.dumps(spec)
        and "contentMediaType" not in spec  # an uploaded file
    ]
    assert undocumented == []
    ours = {k: c for k, c in schema["components"]["schemas"].items() if not k.startswith("Body_")}
    assert all(c.get("description") for c in ours.values())  # Body_*: FastAPI's upload forms


def test_response_fields_are_all_required_as_they_are_always_written(
    schema: dict[str, Any],
) -> None:
    components = schema["components"]["schemas"]
    assert components["Diagnostic"]["required"][-1] == "fix"
    assert list(components["Diagnostic"]["properties"]) == [
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "offset",
        "length",
        "excerpt",
        "fix",
    ]
    assert "safe" not in components["Fix"]["properties"]
    assert {"children", "basis"} <= set(components["OutlineSection"]["required"])
    assert set(components["Role"]["enum"]) == {
        "opening",
        "achievements",
        "measures",
        "problems",
        "plans",
        "closing",
    }


def test_limits_are_the_domains(schema: dict[str, Any]) -> None:
    from assistant.limits import MAX_FIELD_CHARS, MAX_SUGGESTIONS

    components = schema["components"]["schemas"]
    office = components["OutlineRequest"]["properties"]["office_type"]
    assert office["maxLength"] == MAX_FIELD_CHARS
    assert components["CompletionRequest"]["properties"]["limit"]["maximum"] == MAX_SUGGESTIONS
