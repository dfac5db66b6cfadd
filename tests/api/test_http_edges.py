"""The HTTP edge under what clients and monitors do (issue 11.11): abandoned and stalled
uploads, HEAD on the health route, and a draft with a great many problems."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.runtime import Runtime
from assistant.style.engine import MAX_PER_RULE, check_text
from tests.api.conftest import serving

pytestmark = pytest.mark.integration

BODY_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def impatient_url(api_settings: Settings, api_runtime: Runtime) -> Iterator[str]:
    """The app with a 1-second limit for receiving a request body."""
    settings = api_settings.model_copy(update={"body_timeout_seconds": BODY_TIMEOUT})
    with serving(create_app(settings, api_runtime)) as url:
        yield url


def connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=30)


def start_upload(sock: socket.socket, declared: int, sent: bytes) -> None:
    sock.sendall(
        b"POST /v1/check HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % declared + sent
    )


def test_a_stalled_upload_is_answered_408_at_the_time_limit(impatient_url: str) -> None:
    """Issue 11.11: 20 stalled uploads held their connections 25 s and more."""
    with connect(impatient_url) as sock:
        started = time.monotonic()
        start_upload(sock, 100, b'{"text": "')
        answer = sock.recv(65536)
        elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408")
    assert "没有传完".encode() in answer
    assert elapsed < BODY_TIMEOUT + 5


def access_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "assistant.access"]


def test_an_abandoned_upload_is_logged_as_client_closed_not_500(
    api_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 11.11: a client disconnect was logged as a 500."""
    with caplog.at_level(logging.INFO, logger="assistant.access"):
        with connect(api_url) as sock:
            start_upload(sock, 1000, b'{"text": "')
        deadline = time.monotonic() + 10
        while not access_lines(caplog) and time.monotonic() < deadline:
            time.sleep(0.05)
    (entry,) = access_lines(caplog)
    assert (entry["path"], entry["status"]) == ("/v1/check", 499)


def test_head_on_the_health_route_is_200_without_a_body(api_url: str) -> None:
    response = httpx.head(f"{api_url}/healthz")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-type"].startswith("application/json")


def test_a_draft_with_thousands_of_problems_gets_a_bounded_answer(api_url: str) -> None:
    """Issue 11.11: a 200 KB draft was answered with 15 MB of diagnostics."""
    text = ("今年以来,我局加强领导,狠抓落实,成效明显." * 4000)[:200_000]
    request = json.dumps({"text": text}, ensure_ascii=False).encode()
    response = httpx.post(
        f"{api_url}/v1/check",
        content=request,
        headers={"content-type": "application/json"},
        timeout=120,
    )
    assert response.status_code == 200
    body = response.json()
    assert len(response.content) < 3 * len(request)
    rules = {d["rule"] for d in body["diagnostics"]}
    assert all(
        sum(1 for d in body["diagnostics"] if d["rule"] == rule) <= MAX_PER_RULE for rule in rules
    )
    found = check_text(text).diagnostics
    assert len(body["diagnostics"]) + sum(body["omitted"].values()) == len(found)
    assert body["summary"]["errors"] == sum(1 for d in found if d.severity == "error")
    assert body["omitted"]["half-width-punctuation"] > 10_000
