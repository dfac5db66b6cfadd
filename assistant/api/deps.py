"""Dependencies the routes declare: the settings and the loaded services.

Routes read like sentences: ``def outline(body: OutlineRequest, runtime: RuntimeDep)``. The
services are created once by the app's lifespan and kept on ``app.state``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.chat.service import ChatService
from assistant.config import Settings
from assistant.errors import DataDirError
from assistant.runtime import Runtime
from assistant.style.engine import Checker


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_checker(request: Request) -> Checker:
    """The style checker of the server's configuration."""
    checker: Checker = request.app.state.checker
    return checker


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
CheckerDep = Annotated[Checker, Depends(get_checker)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ChatDep = Annotated[ChatService, Depends(get_chat)]
