r"""Reading LSP messages from standard input when the framing may be broken.

pygls reads a ``Content-Length`` header exactly as written, then that many bytes. A length of
999,999,999,999 made it allocate until ``MemoryError``; a lowercase header, a length that is not
a number or is off by a few bytes, or junk without a newline left it reading half a message as
headers, deaf to everything after, ``shutdown`` and ``exit`` included.

`MessageReader` (no I/O of its own: bytes in, messages out) instead:

- accepts the header name in any case, with or without the space, and ``\n`` line ends;
- never reads a body over `MAX_MESSAGE_BYTES`;
- skips junk up to the next ``Content-Length`` header, saying how much it skipped;
- recovers a message whose declared length is wrong or unusable when the bytes that follow the
  header are one complete JSON value (followed by the next header or by nothing yet);
- reports a body that is not JSON as such, so the server can answer it with a parse error.

What it could not use is described in `problems`, for the server's log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE_BYTES = 16 * 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024
HEADER_NAME = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
HEADER_END = re.compile(rb"\r?\n\r?\n")
LENGTH = re.compile(rb"[ \t]*(\d{1,12})[ \t]*")
HEADER_LINES = re.compile(rb"\s*(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n)*\s*")
KEEP_TAIL = 32  # bytes kept from unframed junk: the start of a header split across reads


@dataclass(frozen=True)
class Unparsable:
    """A framed body that is not JSON (answered with a JSON-RPC parse error)."""

    size: int


class MessageReader:
    """Bytes in (`feed`), JSON messages out (`messages`), problems noted (`problems`)."""

    def __init__(self, max_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.problems: list[str] = []
        self._buffer = bytearray()
        self._skipped = 0

    def feed(self, data: bytes) -> None:
        """Add bytes read from the stream."""
        self._buffer += data

    def messages(self) -> list[Any]:
        """Every complete message in what was fed so far (JSON values or `Unparsable`)."""
        found = []
        while (message := self._next()) is not None:
            found.append(message)
        return found

    def close(self) -> None:
        """The stream ended: note what was left unread."""
        self._skip(len(self._buffer))
        self._report_skipped()

    def take_problems(self) -> list[str]:
        """The problems noted since the last call."""
        problems, self.problems = self.problems, []
        return problems

    # --- framing ------------------------------------------------------------------------

    def _skip(self, size: int) -> None:
        """Drop unframed bytes, counting them unless they are other header lines."""
        if not HEADER_LINES.fullmatch(bytes(self._buffer[:size])):
            self._skipped += size
        del self._buffer[:size]

    def _report_skipped(self) -> None:
        if self._skipped:
            self.problems.append(f"跳过了 {self._skipped} 字节无法识别的输入（不是 LSP 消息）")
            self._skipped = 0

    def _next(self) -> Any | None:
        while True:
            header = HEADER_NAME.search(self._buffer)
            if header is None:
                if len(self._buffer) > MAX_HEADER_BYTES:  # junk: keep what may start a header
                    self._skip(len(self._buffer) - KEEP_TAIL)
                return None
            self._skip(header.start())
            self._report_skipped()
            end = HEADER_END.search(self._buffer, header.end() - header.start())
            if end is None:
                if len(self._buffer) > MAX_HEADER_BYTES:
                    self.problems.append("消息头过长或没有结束的空行，已跳过")
                    self._skip(header.end() - header.start())
                    continue
                return None
            value = self._buffer[header.end() - header.start() : end.start()].split(b"\n")[0]
            body_start = end.end()
            declared = LENGTH.fullmatch(value.rstrip(b"\r"))
            length = int(declared.group(1)) if declared else None
            if length is None or length > self.max_bytes:
                shown = value.strip()[:40].decode("utf-8", "replace")
                problem = f"Content-Length {'过大' if length is not None else '无效'}（{shown}）"
                salvaged = self._salvage(body_start, problem)
                if salvaged is not _WAIT:
                    return salvaged
                following = HEADER_NAME.search(self._buffer, body_start)
                if following is None and len(self._buffer) - body_start <= self.max_bytes:
                    return None  # the body may still be arriving
                self.problems.append(f"{problem}，已跳过这条消息")
                self._skip_quietly(body_start)
                continue
            if len(self._buffer) - body_start < length:
                # a declared length longer than the message shows once the next header came
                if HEADER_NAME.search(self._buffer, body_start) is None:
                    return None
                salvaged = self._salvage(body_start, "Content-Length 与消息实际长度不符")
                return None if salvaged is _WAIT else salvaged
            body = bytes(self._buffer[body_start : body_start + length])
            try:
                message = json.loads(body)
            except (ValueError, RecursionError):
                salvaged = self._salvage(body_start, "Content-Length 与消息实际长度不符")
                if salvaged is not _WAIT:
                    return salvaged
                self.problems.append(f"消息内容不是合法的 JSON（{length} 字节），已跳过")
                self._skip_quietly(body_start + length)
                return Unparsable(length)
            self._skip_quietly(body_start + length)
            return message

    def _skip_quietly(self, size: int) -> None:
        del self._buffer[:size]

    def _salvage(self, body_start: int, problem: str) -> Any:
        """The message after a header whose length is wrong, or `_WAIT`.

        It is there when the bytes from the body's start to the next header (or to the end of
        what arrived) are one JSON value.
        """
        following = HEADER_NAME.search(self._buffer, body_start)
        stop = following.start() if following else len(self._buffer)
        decoded = _json_prefix(bytes(self._buffer[body_start:stop]))
        if decoded is None:
            return _WAIT
        message, used = decoded
        self.problems.append(f"{problem}，已按实际内容读取")
        self._skip_quietly(body_start + used)
        return message


_WAIT = object()  # nothing usable (yet)


def _json_prefix(data: bytes) -> tuple[Any, int] | None:
    """The JSON value ``data`` starts with and the bytes it took, when only whitespace follows."""
    try:
        text = data.decode("utf-8")
        start = len(text) - len(text.lstrip())
        message, end = json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    if text[end:].strip():
        return None
    return message, len(text[:end].encode("utf-8"))
