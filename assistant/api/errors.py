"""Turning errors into HTTP answers: ``{"detail": "<Chinese message>"}`` with the right status.

Domain errors carry their status (`assistant.errors`); malformed requests become 422 with a
message naming each bad field; Starlette's own errors (404, 405 ...) get Chinese messages. An
unexpected exception is logged and answered with a JSON 500: a bug, never a normal outcome.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.contract import describe_errors, error_location, field_message
from assistant.errors import AssistantError
from assistant.index.disk import environment_message

log = logging.getLogger(__name__)

STATUS_MESSAGES = {
    404: "找不到该接口，请查看 /docs 中的接口列表。",
    405: "该接口不支持此请求方法，请查看 /docs。",
    406: "无法提供所要求的响应格式。",
    415: "不支持的请求体类型，请使用 application/json。",
}


def validation_detail(errors: Sequence[dict[str, Any]]) -> str:
    """One Chinese sentence listing the bad fields."""
    if any(error.get("type") == "json_invalid" for error in errors):
        return "请求体不是合法的 JSON，请检查引号、逗号和括号。"
    return describe_errors(errors, "请求参数有误")


async def assistant_error(request: Request, error: Exception) -> JSONResponse:
    """A domain error: its own status and message."""
    assert isinstance(error, AssistantError)
    return JSONResponse({"detail": str(error)}, status_code=error.status_code)


async def validation_error(request: Request, error: Exception) -> JSONResponse:
    """A malformed request: 422 with a message and the problems field by field."""
    assert isinstance(error, RequestValidationError)
    errors = list(error.errors())
    body = {
        "detail": validation_detail(errors),
        "errors": [{"location": error_location(e), "message": field_message(e)} for e in errors],
    }
    return JSONResponse(body, status_code=422)


def _unparsable_body(cause: BaseException | None) -> str:
    """What is wrong with a body FastAPI could not parse (the 400 it raises ``from`` a cause)."""
    if isinstance(cause, UnicodeDecodeError):
        return "请求体不是有效的 UTF-8 文本（压缩或二进制内容请先解压、转为 UTF-8 编码的 JSON）"
    if isinstance(cause, RecursionError):
        return "请求体的 JSON 嵌套层数过多"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return "请求体中的数字位数过多"
    return "请求体无法解析为 JSON"


async def http_error(request: Request, error: Exception) -> JSONResponse:
    """Starlette's errors (unknown path, wrong method ...) with Chinese messages.

    A body that cannot be parsed at all (invalid UTF-8, nesting too deep, a number too long)
    is 422 like any other malformed body, with what is wrong in ``errors``.
    """
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == 400:
        problem = _unparsable_body(error.__cause__)
        body = {"detail": f"{problem}。", "errors": [{"location": ["body"], "message": problem}]}
        return JSONResponse(body, status_code=422)
    message = STATUS_MESSAGES.get(error.status_code, str(error.detail))
    return JSONResponse({"detail": message}, status_code=error.status_code, headers=error.headers)


async def environment_error(request: Request, error: Exception) -> JSONResponse:
    """A disk or SQLite fault no layer below put into words: 503, what to do, no path."""
    log.error("environment fault on %s %s: %r", request.method, request.url.path, error)
    return JSONResponse({"detail": environment_message(error)}, status_code=503)


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    """A bug: logged with its traceback, answered without one."""
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "服务器内部错误，请稍后重试或联系管理员。"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(AssistantError, assistant_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(OSError, environment_error)
    app.add_exception_handler(sqlite3.Error, environment_error)
    app.add_exception_handler(Exception, unexpected_error)
