"""Real uvicorn servers on loopback for the API tests, sharing one runtime built per session.

- ``api_url``: the app with default settings (no auth, CORS closed);
- ``secured_url``: the same runtime behind an API key, with one CORS origin allowed;
- ``llm_url``: the app with an LLM configured, pointing at ``fake_llm``, a scripted
  OpenAI-compatible server whose mode (ok, hang, error, trickle, drop) each test sets.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from assistant.api.app import create_app
from assistant.config import Settings
from assistant.runtime import Runtime
from tests.conftest import settings_with_model

API_KEY = "test-key-0123"
ALLOWED_ORIGIN = "http://editor.example"
LLM_TIMEOUT_SECONDS = 1.0
HANG_SECONDS = 4.0
TRICKLE_SECONDS = 0.6  # between pieces in "trickle" mode: each read is within the timeout
SCRIPTED_REPLY = (
    "# 模型改写的工作总结提纲\n\n**开头** [S1]\n\n- 模型改写的开头表述。\n\n"
    "## 一、模型改写的第一部分 [S2]\n\n- 模型改写的参考表述。"
)


@contextmanager
def serving(app: FastAPI, *, graceful_seconds: int = 2) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on a free loopback port; yield its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        ws="none",
        lifespan="on",
        timeout_graceful_shutdown=graceful_seconds,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Settings:
    return settings_with_model(tmp_path_factory.mktemp("api"), corpus_vectors)


@pytest.fixture(scope="session")
def api_runtime(api_settings: Settings) -> Iterator[Runtime]:
    """The real model and an index built from corpus/ into a fresh data directory."""
    runtime = Runtime.open(api_settings)
    yield runtime
    runtime.close()


@pytest.fixture(scope="session")
def api_url(api_settings: Settings, api_runtime: Runtime) -> Iterator[str]:
    with serving(create_app(api_settings, api_runtime)) as url:
        yield url


@pytest.fixture(scope="session")
def secured_url(api_settings: Settings, api_runtime: Runtime) -> Iterator[str]:
    settings = api_settings.model_copy(
        update={"api_key": API_KEY, "cors_origins": [ALLOWED_ORIGIN]}
    )
    with serving(create_app(settings, api_runtime)) as url:
        yield url


class FakeLlm:
    """A scripted OpenAI-compatible chat endpoint.

    Modes: ``ok`` replies; ``hang`` waits before replying; ``error`` answers 500; ``trickle``
    sends its answer (whole or streamed) a piece at a time, each piece soon enough for the
    client's read timeout but the whole far beyond it; ``drop`` streams half the reply and
    closes the connection without a finish reason or ``[DONE]``.
    """

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict[str, Any]] = []
        self.url = ""

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def completions(request: Request) -> Response:
            body = await request.json()
            self.requests.append(body)
            if self.mode == "hang":
                await asyncio.sleep(HANG_SECONDS)
            if self.mode == "error":
                error = {"error": {"message": "scripted failure", "type": "server_error"}}
                return JSONResponse(error, status_code=500)
            if body.get("stream"):
                return StreamingResponse(self._events(), media_type="text/event-stream")
            if self.mode == "trickle":
                return StreamingResponse(self._trickled_body(), media_type="application/json")
            return JSONResponse(self._completion())

        return app

    def _completion(self) -> dict[str, Any]:
        message = {"role": "assistant", "content": SCRIPTED_REPLY}
        return {
            "id": "fake-1",
            "object": "chat.completion",
            "created": 0,
            "model": "scripted",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    async def _trickled_body(self) -> Any:
        body = json.dumps(self._completion(), ensure_ascii=False)
        for start in range(0, len(body), len(body) // 8 + 1):
            await asyncio.sleep(TRICKLE_SECONDS)
            yield body[start : start + len(body) // 8 + 1]

    def _chunk(self, delta: dict[str, str], finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        chunk = {
            "id": "fake-1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "scripted",
            "choices": [choice],
        }
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    async def _events(self) -> Any:
        pieces = [SCRIPTED_REPLY[i : i + 20] for i in range(0, len(SCRIPTED_REPLY), 20)]
        if self.mode == "drop":
            pieces = pieces[: len(pieces) // 2]
        for index, piece in enumerate(pieces):
            if self.mode == "trickle":
                await asyncio.sleep(TRICKLE_SECONDS)
            delta = {"role": "assistant", "content": piece} if index == 0 else {"content": piece}
            yield self._chunk(delta)
        if self.mode == "drop":
            return  # the connection closes: no finish reason, no [DONE]
        yield self._chunk({}, "stop")
        yield "data: [DONE]\n\n"


@pytest.fixture(scope="session")
def fake_llm_server() -> Iterator[FakeLlm]:
    fake = FakeLlm()
    with serving(fake.app(), graceful_seconds=1) as url:
        fake.url = url
        yield fake


@pytest.fixture
def fake_llm(fake_llm_server: FakeLlm) -> FakeLlm:
    """The fake endpoint, reset to replying normally."""
    fake_llm_server.mode = "ok"
    fake_llm_server.requests.clear()
    return fake_llm_server


@pytest.fixture(scope="session")
def llm_url(
    api_settings: Settings, api_runtime: Runtime, fake_llm_server: FakeLlm
) -> Iterator[str]:
    settings = api_settings.model_copy(
        update={
            "llm_base_url": f"{fake_llm_server.url}/v1",
            "llm_model": "scripted",
            "llm_api_key": "fake-key",
            "llm_timeout_seconds": LLM_TIMEOUT_SECONDS,
        }
    )
    with serving(create_app(settings, api_runtime)) as url:
        yield url
