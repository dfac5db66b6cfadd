"""The language server process fed bad framing and odd request ids (issue 11.9).

Each case runs its own server on an empty data directory (no model: loading fails at once and
the protocol does not need it): after the bad bytes, ``shutdown`` is still answered and ``exit``
still ends the process with code 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.lsp.client import LspClient

pytestmark = pytest.mark.integration

PING: dict[str, Any] = {"jsonrpc": "2.0", "id": "bad", "method": "assistant/ping", "params": {}}
PING_BODY = json.dumps(PING).encode()


def framed(length: bytes, name: bytes = b"Content-Length") -> bytes:
    return name + b": " + length + b"\r\n\r\n" + PING_BODY


CASES = {
    "huge length": framed(b"999999999999"),
    "garbage without a newline": b"garbage without a newline",
    "random bytes": bytes(range(1, 256)).replace(b"\n", b""),
    "lowercase header": framed(str(len(PING_BODY)).encode(), b"content-length"),
    "negative length": framed(b"-5"),
    "non-numeric length": framed(b"abc"),
    "length ten too long": framed(str(len(PING_BODY) + 10).encode()),
    "length ten too short": framed(str(len(PING_BODY) - 10).encode()),
}
ANSWERED = {
    "huge length",
    "lowercase header",
    "negative length",
    "non-numeric length",
    "length ten too long",
    "length ten too short",
}


NULL_ID: Any = None  # the id of an answer to a request whose own id cannot be echoed


def start(tmp_path: Path) -> LspClient:
    return LspClient(tmp_path / "empty-data", tmp_path / "server.log")


@pytest.mark.parametrize("case", list(CASES))
def test_after_bad_framing_shutdown_and_exit_are_still_answered(tmp_path: Path, case: str) -> None:
    client = start(tmp_path)
    try:
        client.initialize()
        client.send_raw(CASES[case])
        assert client.shutdown_and_exit() == 0
        if case in ANSWERED:  # the message itself was recovered and answered
            assert client.response("bad", timeout=1)["error"]["code"] == -32601
        assert client.stray_output == []
        assert "Traceback" not in client.log() and "MemoryError" not in client.log()
    finally:
        client.kill()


def test_every_id_the_spec_allows_is_echoed_and_others_get_an_error(tmp_path: Path) -> None:
    client = start(tmp_path)
    try:
        client.initialize()
        valid: list[int | str] = [0, -1, 2**53, 2**63, "", "请求-1", "x" * 1000]
        for msg_id in valid:
            client.send({"jsonrpc": "2.0", "id": msg_id, "method": "assistant/ping"})
            assert client.response(msg_id)["error"]["code"] == -32601
        invalid: list[object] = [{"a": 1}, [1], True, 1.5]
        for bad_id in invalid:
            client.send({"jsonrpc": "2.0", "id": bad_id, "method": "assistant/ping"})
            answer = client.response(NULL_ID)
            assert answer["id"] is None and answer["error"]["code"] == -32600
            client._responses.pop(NULL_ID)
        client.send_raw(b"Content-Length: 9\r\n\r\n{bad json")
        assert client.response(NULL_ID)["error"]["code"] == -32700
        assert client.shutdown_and_exit() == 0
    finally:
        client.kill()
