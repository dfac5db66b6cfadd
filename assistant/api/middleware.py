r"""ASGI middleware at the edge: access logs, CORS, bearer auth and the request body.

Pure ASGI (no ``BaseHTTPMiddleware``) so streamed replies pass through untouched. From the
outside in: access log -> CORS (when origins are configured) -> auth -> request body -> app.

- The access log gives a request the client abandoned before any answer status 499 (as nginx
  does), not 500: nothing failed on our side.
- CORS refusals are JSON with a Chinese message, like every other error.
- The auth scheme is case-insensitive (``bearer`` works); the key itself is compared exactly.
- The body is read whole before the app runs, within a size limit (413) and a time limit
  (408: a client that stalls mid-upload cannot hold a connection), and refused (422) when it
  carries a lone UTF-16 surrogate escape (``"\ud800"``), which no field can use.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import time
from collections.abc import Collection

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("assistant.access")

OPEN_PATHS = frozenset({"/healthz", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
CLIENT_CLOSED = 499  # the client went away before an answer started
BODY_TIMEOUT_SECONDS = 15.0
SURROGATE_ESCAPE = re.compile(rb"(\\+)u[dD]([89a-fA-F])[0-9a-fA-F]{2}")
LOW_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][c-fC-F][0-9a-fA-F]{2}")
SURROGATE_MESSAGE = "包含无效的 Unicode 字符（单独的代理字符）"
CORS_REFUSALS = {
    "origin": "来源不在 ASSISTANT_CORS_ORIGINS 允许的列表中",
    "method": "不允许该请求方法",
    "headers": "不允许其中的请求头",
    "private-network": "不允许私有网络访问",
}


async def send_json(
    send: Send, status: int, body: dict[str, object], headers: dict[str, str]
) -> None:
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

        disconnected = False

        async def watch() -> Message:
            nonlocal disconnected
            message = await receive()
            disconnected = disconnected or message["type"] == "http.disconnect"
            return message

        try:
            await self.app(scope, watch, record)
        except (asyncio.CancelledError, OSError):
            disconnected = disconnected or not status
            raise
        finally:
            if access_log.isEnabledFor(logging.INFO):
                self._log(scope, status or (CLIENT_CLOSED if disconnected else 500), start)

    @staticmethod
    def _log(scope: Scope, status: int, start: float) -> None:
        entry = {
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_ms": round((time.perf_counter() - start) * 1000, 2),
        }
        access_log.info(json.dumps(entry, ensure_ascii=False))


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, with refused preflights answered in JSON and Chinese."""

    def preflight_response(self, request_headers: Headers) -> Response:
        """The preflight answer; a refusal says what was refused."""
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        refused = bytes(response.body).decode().removeprefix("Disallowed CORS ").split(", ")
        reasons = "；".join(CORS_REFUSALS.get(item, item) for item in refused)
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in {"content-length", "content-type"}
        }
        return JSONResponse({"detail": f"跨域请求被拒绝：{reasons}。"}, 400, headers)


class BearerAuthMiddleware:
    """Require ``Authorization: Bearer <key>`` except on open paths and CORS preflights."""

    def __init__(self, app: ASGIApp, api_key: str, open_paths: Collection[str] = OPEN_PATHS):
        self.app = app
        self.expected = api_key.encode()
        self.open_paths = open_paths

    def _authorised(self, given: bytes) -> bool:
        scheme, _, token = given.strip().partition(b" ")
        return scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), self.expected)

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
        if self._authorised(given):
            await self.app(scope, receive, send)
            return
        message = (
            "缺少 API 密钥：请在请求头中加入 Authorization: Bearer <密钥>。"
            if not given
            else "API 密钥无效，请检查 ASSISTANT_API_KEY 对应的密钥。"
        )
        await send_json(send, 401, {"detail": message}, {"www-authenticate": "Bearer"})


def has_lone_surrogate(body: bytes) -> bool:
    """Whether JSON text escapes a UTF-16 surrogate that is not half of a pair."""
    position = 0
    while match := SURROGATE_ESCAPE.search(body, position):
        position = match.end()
        if len(match.group(1)) % 2 == 0:
            continue  # an escaped backslash followed by the letters "ud..": plain text
        if match.group(2) in b"89abAB":  # high: must be followed by a low one
            if not LOW_SURROGATE_ESCAPE.match(body, position):
                return True
            position += 6
        else:
            return True  # a low one that no high one consumed
    return False


class RequestBodyMiddleware:
    """Read the body whole before the app runs, then replay it to the app.

    413 over the limit (declared with Content-Length or streamed chunked), 408 when it does
    not arrive within the time limit, 422 when it escapes a lone surrogate.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, timeout_seconds: float = BODY_TIMEOUT_SECONDS
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_seconds = timeout_seconds

    def _too_large(self) -> dict[str, object]:
        return {
            "detail": f"请求体过大：上限为 {self.max_bytes} 字节。"
            "请缩短文本或分段提交（上限由 ASSISTANT_MAX_BODY_BYTES 设置）。"
        }

    async def _read(self, receive: Receive) -> tuple[bytes | None, int]:
        """The body, or None and the status to answer (0: the client went away)."""
        chunks: list[bytes] = []
        size = 0
        async with asyncio.timeout(self.timeout_seconds):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None, 0
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_bytes:
                    return None, 413
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks), 200

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the body within the limits and replay it to the app, or answer the error."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await send_json(send, 413, self._too_large(), {"connection": "close"})
            return
        try:
            body, status = await self._read(receive)
        except TimeoutError:
            detail = f"请求体在 {self.timeout_seconds:g} 秒内没有传完，连接已关闭。请重新发送。"
            await send_json(send, 408, {"detail": detail}, {"connection": "close"})
            return
        if status == 413:
            await send_json(send, 413, self._too_large(), {"connection": "close"})
            return
        if body is None:
            return  # the client went away: nobody to answer
        if b"\\u" in body and has_lone_surrogate(body):
            errors = [{"location": ["body"], "message": SURROGATE_MESSAGE}]
            detail = f"请求参数有误：{SURROGATE_MESSAGE}。"
            await send_json(send, 422, {"detail": detail, "errors": errors}, {})
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
