"""The FastAPI application, built by ``create_app(settings)``; nothing is loaded at import.

The lifespan opens the runtime once (model and index, building the index from ``corpus/`` when
the data directory has none), warms the outline chain, the completer and the style checker, and
creates the chat service; routes reach them through `assistant.api.deps`.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Security
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool

from assistant.api.errors import install_error_handlers
from assistant.api.middleware import (
    OPEN_PATHS,
    AccessLogMiddleware,
    BearerAuthMiddleware,
    JsonCORSMiddleware,
    RequestBodyMiddleware,
)
from assistant.api.routes import catalog, chat, check, complete, health, outline, word
from assistant.api.schemas import ErrorResponse, ValidationErrorResponse
from assistant.chat.service import ChatService
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.outline.request import OutlineRequest
from assistant.runtime import Runtime
from assistant.startup import check_data_files
from assistant.style.engine import warm_up
from assistant.style.project import checker_for
from assistant.web import pages

log = logging.getLogger(__name__)

DESCRIPTION = """\
为工作总结写作提供提纲、自动补全、格式检查和对话服务。

- `POST /v1/outline`：按单位类型、时段、主题生成提纲，每部分注明来源；
- `POST /v1/complete`：编辑器光标处的续写建议；
- `POST /v1/check`：编号（GB/T 9704）、标点、占位符和缺失部分的检查；
- `POST /v1/chat/completions`：OpenAI 兼容的对话接口（支持 stream），可直接接入聊天界面；
- `POST /v1/check/docx`、`POST /v1/fix/docx`：上传 Word 文档（multipart 字段 `file`）检查文字与
  GB/T 9704 版式，或取回带修订和批注的文档；
- `POST /v1/outline/docx`、`POST /v1/draft/docx`：提纲或草稿导出为符合 GB/T 9704 的 Word 文档。

设置了 `ASSISTANT_API_KEY` 时，除 `/healthz` 和文档外的接口需要 `Authorization: Bearer <密钥>`。
"""


def _warm(runtime: Runtime) -> None:
    """Load the model and build the lazy parts now, so the first requests are as fast as the rest.

    A burst of requests right after start must not each wait for, or load, the model.

    Then freeze what is loaded out of the garbage collector's sight: the indexes are millions
    of long-lived objects that full collections would otherwise walk again and again.
    """
    runtime.load_model()  # a model that cannot load is reported by /healthz, not fatal
    try:
        runtime.outline(OutlineRequest("乡镇"))
        runtime.outlines.neighbours.warm()  # what an office matching no profile needs
    except AssistantError as error:  # Chroma unreachable: the routes will say so
        log.warning("预热提纲失败：%s", error)
    runtime.completer.complete("一、")
    warm_up()
    gc.collect()
    gc.freeze()


def _error_responses(
    settings: Settings, *, body: bool, auth: bool = True
) -> dict[int | str, dict[str, Any]]:
    """The error statuses a route may answer, for the OpenAPI schema."""
    responses: dict[int | str, dict[str, Any]] = {
        503: {"model": ErrorResponse, "description": "数据目录或索引不可用"}
    }
    if auth and settings.api_key:
        responses[401] = {"model": ErrorResponse, "description": "缺少或错误的 API 密钥"}
    if body:
        responses[400] = {"model": ErrorResponse, "description": "输入无法使用（如无法识别的时段）"}
        responses[413] = {"model": ErrorResponse, "description": "请求体或文本超过上限"}
        responses[422] = {"model": ValidationErrorResponse, "description": "请求格式或字段有误"}
    return responses


def create_app(settings: Settings, runtime: Runtime | None = None) -> FastAPI:
    """The HTTP app for these settings; ``runtime`` reuses one already opened (tests, CLI).

    The data files and the style configuration (``ASSISTANT_STYLE_CONFIG``, else
    ``.assistant-style.yaml`` found upward from the working directory) are validated here, so a
    malformed one stops the server from starting.
    """
    check_data_files()
    checker = checker_for(settings.style_config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = runtime if runtime is not None else await run_in_threadpool(Runtime.open, settings)
        await run_in_threadpool(_warm, opened)
        app.state.chat = await run_in_threadpool(ChatService, opened, settings)
        app.state.runtime = opened
        opened.watch()  # pick up what an ingest commits while the server runs
        catalog = opened.index.catalog
        log.info("服务已就绪：%d 篇总结，%d 个片段。", len(catalog.documents), len(catalog.chunks))
        yield

    app = FastAPI(
        title="工作总结写作助手 API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.checker = checker
    app.state.started = int(time.time())
    install_error_handlers(app)

    protected = [Security(HTTPBearer(auto_error=False))] if settings.api_key else []
    app.include_router(health.router, responses=_error_responses(settings, body=False, auth=False))
    routers = [(catalog.router, False), (outline.router, True), (complete.router, True)]
    routers += [(check.router, True), (chat.router, True), (word.router, True)]
    for router, has_body in routers:
        app.include_router(
            router, dependencies=protected, responses=_error_responses(settings, body=has_body)
        )
    app.include_router(pages.router)  # the web page at /, open: its data comes from the API

    # Added innermost first: the access log sees every answer, including 401 and 413.
    app.add_middleware(
        RequestBodyMiddleware,
        max_bytes=settings.max_body_bytes,
        timeout_seconds=settings.body_timeout_seconds,
    )
    if settings.api_key:
        app.add_middleware(
            BearerAuthMiddleware,
            api_key=settings.api_key,
            open_paths=OPEN_PATHS | pages.page_paths(),
        )
    if settings.cors_origins:
        app.add_middleware(
            JsonCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(AccessLogMiddleware)
    return app
