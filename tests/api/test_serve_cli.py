"""``assistant serve`` starts the API in its own process on a data directory it shares."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import openai
import pytest

from assistant.config import Settings
from assistant.runtime import Runtime

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_answers_health_and_chat(
    api_settings: Settings, api_runtime: Runtime, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(api_settings.data_dir)}
    env.pop("HF_HUB_OFFLINE", None)  # the command sets it itself
    log = (tmp_path / "serve.log").open("w")
    assistant = Path(sys.executable).parent / "assistant"
    process = subprocess.Popen(
        [str(assistant), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                health = httpx.get(f"{url}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "assistant serve did not come up"
                time.sleep(0.3)
        assert health.json()["chunks"] == len(api_runtime.index.catalog.chunks)
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
        reply = client.chat.completions.create(
            model="work-summary-assistant",
            messages=[{"role": "user", "content": "园区上半年工作总结提纲"}],
        )
        assert "XX园区" in (reply.choices[0].message.content or "")
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert '"path": "/v1/chat/completions"' in output, "JSON access lines go to the log"
