"""Reading LSP messages from a stream whose framing may be broken (issue 11.9), without I/O."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.lsp.framing import MAX_MESSAGE_BYTES, MessageReader, Unparsable

PING: dict[str, Any] = {
    "jsonrpc": "2.0",
    "id": 7,
    "method": "assistant/ping",
    "params": {"text": "今年以来"},
}
SHUTDOWN: dict[str, Any] = {"jsonrpc": "2.0", "id": 8, "method": "shutdown"}


def body(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False).encode()


def frame(
    message: dict[str, Any], length: int | str | None = None, name: bytes = b"Content-Length"
) -> bytes:
    data = body(message)
    declared = str(len(data) if length is None else length).encode()
    return name + b": " + declared + b"\r\n\r\n" + data


def read(*chunks: bytes) -> tuple[list[Any], list[str]]:
    reader = MessageReader()
    found = []
    for chunk in chunks:
        reader.feed(chunk)
        found += reader.messages()
    reader.close()
    return found, reader.take_problems()


def test_well_framed_messages_split_anywhere_are_read_whole() -> None:
    data = (
        frame(PING)
        + b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
        + frame(SHUTDOWN)
    )
    for cut in range(0, len(data), 7):
        found, problems = read(data[:cut], data[cut:])
        assert found == [PING, SHUTDOWN] and problems == []


@pytest.mark.parametrize(
    ("bad", "recovered"),
    [
        (b"Content-Length: 999999999999\r\n\r\n" + body(PING), [PING]),
        (b"Content-Length: 99999999999999999\r\n\r\n" + body(PING), [PING]),
        (b"garbage without a newline", []),
        (bytes(range(1, 256)).replace(b"\n", b""), []),
        (frame(PING, name=b"content-length") + b"\r\n", [PING]),
        (frame(PING, name=b"CONTENT-LENGTH").replace(b"\r\n", b"\n"), [PING]),
        (frame(PING, -5), [PING]),
        (frame(PING, "abc"), [PING]),
        (frame(PING, len(body(PING)) + 10), [PING]),
        (frame(PING, len(body(PING)) - 10), [PING]),
    ],
)
def test_bad_framing_is_recovered_or_skipped_and_the_next_message_is_read(
    bad: bytes, recovered: list[dict[str, Any]]
) -> None:
    found, problems = read(bad, frame(SHUTDOWN))
    assert found == [*recovered, SHUTDOWN]
    assert problems or bad.lower().startswith(b"content-length: %d" % len(body(PING)))


def test_a_body_that_is_not_json_is_reported_for_a_parse_error_answer() -> None:
    found, problems = read(b"Content-Length: 9\r\n\r\n{bad json" + frame(SHUTDOWN))
    assert found == [Unparsable(9), SHUTDOWN] and "JSON" in problems[0]


def test_a_body_over_the_limit_is_never_buffered_whole() -> None:
    reader = MessageReader(max_bytes=1000)
    reader.feed(b"Content-Length: 5000\r\n\r\n{" + b" " * 4000)
    assert reader.messages() == []
    assert len(reader._buffer) < 5000 and reader.take_problems()
    reader.feed(frame(SHUTDOWN))
    assert reader.messages() == [SHUTDOWN]


def test_the_default_limit_allows_the_largest_text_a_client_may_send() -> None:
    text = "字" * 200_000
    message = {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"text": text}}
    escaped = json.dumps(message).encode()  # \uXXXX for every character: 6 bytes each
    assert len(escaped) < MAX_MESSAGE_BYTES
    found, problems = read(b"Content-Length: %d\r\n\r\n" % len(escaped) + escaped)
    assert found == [message] and problems == []
