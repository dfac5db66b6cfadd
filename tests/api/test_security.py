"""Bearer auth, CORS and access logs at the edge."""

from __future__ import annotations

import json
import logging
import time

import httpx
import pytest

from tests.api.conftest import ALLOWED_ORIGIN, API_KEY

pytestmark = pytest.mark.integration

AUTH = {"Authorization": f"Bearer {API_KEY}"}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v1/models", None),
        ("GET", "/v1/office-types", None),
        ("POST", "/v1/check", {"text": "今年以来。"}),
        ("POST", "/v1/complete", {"text": "一、"}),
        ("POST", "/v1/outline", {"office_type": "农机局"}),
        ("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": "你好"}]}),
    ],
)
def test_missing_or_wrong_key_is_401_and_the_right_key_passes(
    secured_url: str, method: str, path: str, body: object
) -> None:
    missing = httpx.request(method, f"{secured_url}{path}", json=body)
    assert missing.status_code == 401
    assert "API 密钥" in missing.json()["detail"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = httpx.request(
        method, f"{secured_url}{path}", json=body, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    right = httpx.request(method, f"{secured_url}{path}", json=body, headers=AUTH, timeout=30)
    assert right.status_code == 200


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "Bearer"])
def test_the_auth_scheme_is_case_insensitive(secured_url: str, scheme: str) -> None:
    """Issue 11.11: a lowercase `bearer` was refused."""
    headers = {"Authorization": f"{scheme} {API_KEY}"}
    assert httpx.get(f"{secured_url}/v1/models", headers=headers).status_code == 200
    wrong = {"Authorization": f"{scheme} {API_KEY.upper()}"}
    assert httpx.get(f"{secured_url}/v1/models", headers=wrong).status_code == 401


def test_auth_comes_before_body_parsing(secured_url: str) -> None:
    response = httpx.post(
        f"{secured_url}/v1/check", content=b"{bad", headers={"content-type": "application/json"}
    )
    assert response.status_code == 401


def test_healthz_and_docs_stay_open_with_a_key(secured_url: str) -> None:
    assert httpx.get(f"{secured_url}/healthz").status_code == 200
    assert httpx.get(f"{secured_url}/docs").status_code == 200
    schema = httpx.get(f"{secured_url}/openapi.json").json()
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert "401" in schema["paths"]["/v1/check"]["post"]["responses"]
    assert "401" not in schema["paths"]["/healthz"]["get"]["responses"]


def test_openai_client_with_the_key_works(secured_url: str) -> None:
    import openai

    with openai.OpenAI(base_url=f"{secured_url}/v1", api_key=API_KEY, max_retries=0) as client:
        assert [model.id for model in client.models.list()] == ["work-summary-assistant"]
    with (
        openai.OpenAI(base_url=f"{secured_url}/v1", api_key="wrong", max_retries=0) as denied,
        pytest.raises(openai.AuthenticationError),
    ):
        denied.models.list()


def preflight(url: str, origin: str) -> httpx.Response:
    return httpx.options(
        f"{url}/v1/check",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_cors_is_closed_by_default(api_url: str) -> None:
    response = preflight(api_url, ALLOWED_ORIGIN)
    assert "access-control-allow-origin" not in response.headers
    simple = httpx.get(f"{api_url}/v1/models", headers={"Origin": ALLOWED_ORIGIN})
    assert "access-control-allow-origin" not in simple.headers


def test_cors_allows_only_configured_origins(secured_url: str) -> None:
    allowed = preflight(secured_url, ALLOWED_ORIGIN)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    denied = preflight(secured_url, "http://elsewhere.example")
    assert denied.status_code == 400
    assert "access-control-allow-origin" not in denied.headers
    assert denied.headers["content-type"].startswith("application/json")  # was plain text
    assert "ASSISTANT_CORS_ORIGINS" in denied.json()["detail"]
    answer = httpx.get(f"{secured_url}/v1/models", headers={**AUTH, "Origin": ALLOWED_ORIGIN})
    assert answer.headers["access-control-allow-origin"] == ALLOWED_ORIGIN


def access_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "assistant.access"]


def test_access_log_is_one_json_line_per_request_without_bodies(
    api_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "机密草稿内容"
    with caplog.at_level(logging.INFO, logger="assistant.access"):
        httpx.post(f"{api_url}/v1/check?draft=x", json={"text": secret})
        httpx.post(f"{api_url}/v1/check", json={"text": ""})
        deadline = time.monotonic() + 5  # the line is written just after the answer is sent
        while len(access_lines(caplog)) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    lines = access_lines(caplog)
    entries = [json.loads(line) for line in lines]
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("POST", "/v1/check", 200),
        ("POST", "/v1/check", 422),
    ]
    assert all(set(e) == {"method", "path", "status", "duration_ms"} for e in entries)
    assert all(isinstance(e["duration_ms"], float | int) for e in entries)
    assert not any(secret in line or "draft" in line for line in lines)
