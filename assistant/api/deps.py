"""Dependencies the routes declare: the loaded services, and request bodies checked for size.

Routes read like sentences: ``def check(body: CheckBody) -> ...``. The services are created
once by the app's lifespan and kept on ``app.state``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.api.schemas import CheckRequest, CompleteRequest
from assistant.chat.service import ChatService
from assistant.config import Settings
from assistant.errors import DataDirError, TooLargeError
from assistant.runtime import Runtime


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_runtime(request: Request) -> Runtime:
    """The loaded model and index."""
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        raise DataDirError("服务尚未完成加载，请稍后重试。")
    return runtime


async def get_chat(request: Request) -> ChatService:
    """The chat service."""
    chat: ChatService | None = getattr(request.app.state, "chat", None)
    if chat is None:
        raise DataDirError("服务尚未完成加载，请稍后重试。")
    return chat


SettingsDep = Annotated[Settings, Depends(get_settings)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ChatDep = Annotated[ChatService, Depends(get_chat)]


def _within_limit(settings: Settings, size: int) -> None:
    if size > settings.max_text_chars:
        raise TooLargeError(
            f"文本过长：{size} 字，上限为 {settings.max_text_chars} 字。"
            "请分段提交（上限由 ASSISTANT_MAX_TEXT_CHARS 设置）。"
        )


async def checked_check(body: CheckRequest, settings: SettingsDep) -> CheckRequest:
    """A check request whose text is within the length limit."""
    _within_limit(settings, len(body.text))
    return body


async def checked_complete(body: CompleteRequest, settings: SettingsDep) -> CompleteRequest:
    """A complete request whose text and suffix are within the length limit."""
    _within_limit(settings, len(body.text) + len(body.suffix))
    return body


CheckBody = Annotated[CheckRequest, Depends(checked_check)]
CompleteBody = Annotated[CompleteRequest, Depends(checked_complete)]
