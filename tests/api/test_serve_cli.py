"""``assistant serve`` starts the API in its own process on a data directory it shares."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import httpx
import openai
import pytest

from assistant.config import Settings
from assistant.runtime import Runtime
from tests.processes import free_port, serving_process

pytestmark = pytest.mark.integration


def test_serve_command_answers_health_and_chat(
    api_settings: Settings, api_runtime: Runtime, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(api_settings.data_dir)}
    env.pop("HF_HUB_OFFLINE", None)  # the command sets it itself
    assistant = Path(sys.executable).parent / "assistant"
    url = f"http://127.0.0.1:{port}"
    command = [str(assistant), "serve", "--port", str(port)]
    with serving_process(command, f"{url}/healthz", tmp_path / "serve.log", env=env):
        health = httpx.get(f"{url}/healthz", timeout=5)
        assert health.json()["chunks"] == len(api_runtime.index.catalog.chunks)
        with openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0) as client:
            reply = client.chat.completions.create(
                model="work-summary-assistant",
                messages=[{"role": "user", "content": "园区上半年工作总结提纲"}],
            )
        assert "XX园区" in (reply.choices[0].message.content or "")
    output = (tmp_path / "serve.log").read_text()
    assert '"path": "/v1/chat/completions"' in output, "JSON access lines go to the log"
