"""ASGI middleware at the edge: access logs, bearer auth and the request body limit.

Pure ASGI (no ``BaseHTTPMiddleware``) so streamed replies pass through untouched. From the
outside in: access log -> CORS (when origins are configured) -> auth -> body limit -> app.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("assistant.access")

OPEN_PATHS = frozenset({"/healthz", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})


async def send_json(send: Send, status: int, body: dict[str, str], headers: dict[str, str]) -> None:
    """Send a whole JSON response from middleware."""
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *((name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


class AccessLogMiddleware:
    """One JSON line per request: method, path, status and duration; never bodies or queries."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and log how it was answered."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                self._log(scope, status, start)

    @staticmethod
    def _log(scope: Scope, status: int, start: float) -> None:
        entry = {
            "method": scope["method"],
            "path": scope["path"],
            "status": status or 500,
            "duration_ms": round((time.perf_counter() - start) * 1000, 2),
        }
        access_log.info(json.dumps(entry, ensure_ascii=False))


class BearerAuthMiddleware:
    """Require ``Authorization: Bearer <key>`` except on open paths and CORS preflights."""

    def __init__(self, app: ASGIApp, api_key: str, open_paths: Collection[str] = OPEN_PATHS):
        self.app = app
        self.expected = f"Bearer {api_key}".encode()
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass authorised and open requests on; answer the rest with 401."""
        if (
            scope["type"] != "http"
            or scope["path"] in self.open_paths
            or scope["method"] == "OPTIONS"
        ):
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"authorization", b"")
        if hmac.compare_digest(given, self.expected):
            await self.app(scope, receive, send)
            return
        message = (
            "缺少 API 密钥：请在请求头中加入 Authorization: Bearer <密钥>。"
            if not given
            else "API 密钥无效，请检查 ASSISTANT_API_KEY 对应的密钥。"
        )
        await send_json(send, 401, {"detail": message}, {"www-authenticate": "Bearer"})


class BodyLimitMiddleware:
    """Answer 413 to bodies over the limit, declared (Content-Length) or streamed (chunked).

    The body is read up to the limit before the app runs, then replayed to it; a declared
    length over the limit is refused without reading.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> dict[str, str]:
        return {
            "detail": f"请求体过大：上限为 {self.max_bytes} 字节。"
            "请缩短文本或分段提交（上限由 ASSISTANT_MAX_BODY_BYTES 设置）。"
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the body within the limit and replay it to the app, or answer 413."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await send_json(send, 413, self._too_large(), {"connection": "close"})
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await send_json(send, 413, self._too_large(), {"connection": "close"})
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
