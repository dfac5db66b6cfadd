"""A small LSP client for the tests: JSON-RPC over a server process's stdin/stdout.

It frames messages with ``Content-Length`` headers as editors do, reads the server's messages in
a thread, answers the server's own requests (``workspace/configuration``...) and applies text
edits with its own UTF-16 arithmetic, independent of the server's.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import REPO

DEFAULT_TIMEOUT = 15.0
CAPABILITIES: dict[str, Any] = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {"workspaceEdit": {"documentChanges": True}, "configuration": False},
    "textDocument": {
        "publishDiagnostics": {"versionSupport": True},
        "completion": {"completionItem": {"snippetSupport": False}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "codeAction": {"isPreferredSupport": True},
    },
}


class ResponseError(Exception):
    """The server answered a request with an error."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.code = error.get("code")


class LspClient:
    """One server process and the messages it sent."""

    def __init__(self, data_dir: Path, log_path: Path) -> None:
        env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "lsp", "--log-level", "info"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            cwd=REPO,
            env=env,
        )
        self.answers: dict[str, Callable[[Any], Any]] = {}
        self.server_requests: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.stray_output: list[bytes] = []  # anything on stdout that is not a framed message
        self._responses: dict[int | str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._changed = threading.Condition()
        self._write_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # sending

    def send_raw(self, data: bytes) -> None:
        """Write bytes to the server as they are."""
        assert self.process.stdin is not None
        with self._write_lock:
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        """Send one framed JSON-RPC message."""
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any = None) -> None:
        """Send a notification."""
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request_message(
        self, method: str, params: Any = None, timeout: float = DEFAULT_TIMEOUT
    ) -> dict[str, Any]:
        """Send a request and return the whole response message."""
        msg_id = next(self._ids)
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return self.response(msg_id, timeout)

    def request(self, method: str, params: Any = None, timeout: float = DEFAULT_TIMEOUT) -> Any:
        """Send a request and return its result (raising `ResponseError` for an error)."""
        message = self.request_message(method, params, timeout)
        if "error" in message:
            raise ResponseError(message["error"])
        return message.get("result")

    def response(self, msg_id: int | str, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The response to request ``msg_id``, waiting for it."""
        found: dict[str, Any] = self._wait(
            lambda: self._responses.get(msg_id), timeout, f"response {msg_id}"
        )
        return found

    # receiving

    def mark(self) -> int:
        """A point in the notification stream to wait from."""
        with self._changed:
            return len(self.notifications)

    def wait_notification(
        self,
        method: str,
        where: Callable[[Any], bool] = lambda params: True,
        since: int = 0,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Any:
        """The params of the first ``method`` notification after ``since`` that matches."""

        def find() -> Any:
            for message in self.notifications[since:]:
                if message.get("method") == method and where(message.get("params")):
                    return message.get("params")
            return None

        return self._wait(find, timeout, method)

    def wait_server_request(self, method: str, timeout: float = DEFAULT_TIMEOUT) -> Any:
        """The params of the first request the server sent with ``method`` (already answered)."""

        def find() -> Any:
            return next((m["params"] for m in self.server_requests if m["method"] == method), None)

        return self._wait(find, timeout, f"server request {method}")

    def received(self, method: str, since: int = 0) -> list[Any]:
        """The params of every ``method`` notification after ``since``."""
        with self._changed:
            return [m["params"] for m in self.notifications[since:] if m.get("method") == method]

    def diagnostics(
        self, uri: str, version: int, since: int = 0, timeout: float = DEFAULT_TIMEOUT
    ) -> list[dict[str, Any]]:
        """The diagnostics published for ``uri`` at ``version``."""
        params = self.wait_notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and p.get("version") == version,
            since,
            timeout,
        )
        return list(params["diagnostics"])

    def _wait(self, find: Callable[[], Any], timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = find()
                if found is not None:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (
                    self.process.poll() is not None and not self._reader.is_alive()
                ):
                    raise TimeoutError(f"no {what} within {timeout} s; server log:\n{self.log()}")
                self._changed.wait(min(remaining, 0.5))

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    with self._changed:
                        self._changed.notify_all()
                    return
                if line == b"\r\n":
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
                elif not line.lower().startswith(b"content-type:"):
                    self.stray_output.append(line)
            if length is None:
                self.stray_output.append(b"<frame without Content-Length>")
                continue
            self._dispatch(json.loads(stream.read(length)))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:
            answer: Callable[[Any], Any] = self.answers.get(message["method"], _no_answer)
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": answer(message["params"])})
        with self._changed:
            if "method" in message and "id" in message:
                self.server_requests.append(message)
            elif "method" in message:
                self.notifications.append(message)
            else:
                self._responses[message["id"]] = message
            self._changed.notify_all()

    # lifecycle

    def initialize(
        self,
        options: Any = None,
        capabilities: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """``initialize`` then ``initialized``; the server's capabilities."""
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None,
                "capabilities": capabilities or CAPABILITIES,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return dict(result)

    def shutdown_and_exit(self, timeout: float = 20.0) -> int:
        """``shutdown`` then ``exit``; the process's exit code."""
        assert self.request("shutdown") is None
        self.notify("exit")
        return self.wait_exit(timeout)

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Wait for the process to end; its exit code."""
        try:
            code = self.process.wait(timeout)
        finally:
            self.kill()
        return code

    def kill(self) -> None:
        """Make sure the process is gone and the log closed."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._reader.join(5)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        self._log.close()

    def log(self) -> str:
        """What the server wrote to stderr."""
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    # documents

    def open(self, uri: str, text: str, version: int = 1, language: str = "markdown") -> None:
        """``textDocument/didOpen``."""
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, uri: str, version: int, edits: list[dict[str, Any]]) -> None:
        """``textDocument/didChange`` with ranged edits (or ``{"text": ...}`` for the whole)."""
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": edits},
        )


def position(line: int, character: int) -> dict[str, int]:
    """An LSP position."""
    return {"line": line, "character": character}


def utf16_position(text: str, index: int) -> dict[str, int]:
    """The LSP position of ``text[index]``, computed by encoding (\\n line breaks only)."""
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return position(line, len(text[start:index].encode("utf-16-le")) // 2)


def utf16_index(text: str, where: dict[str, int]) -> int:
    """The index of an LSP position in ``text`` (\\n line breaks only)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: where["line"]])
    units = lines[where["line"]].encode("utf-16-le")[: where["character"] * 2]
    return start + len(units.decode("utf-16-le"))


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with LSP text edits applied (all ranges refer to the original text)."""
    spans = sorted(
        (
            (
                utf16_index(text, e["range"]["start"]),
                utf16_index(text, e["range"]["end"]),
                e["newText"],
            )
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def document_edits(edit: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    """The text edits for ``uri`` in a WorkspaceEdit (either shape)."""
    if "documentChanges" in edit:
        return [
            e
            for change in edit["documentChanges"]
            if change["textDocument"]["uri"] == uri
            for e in change["edits"]
        ]
    return list(edit["changes"][uri])


def _no_answer(params: Any) -> None:
    """The result of a server request the test did not script."""
    return None
