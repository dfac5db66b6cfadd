"""A chat model scripted in-process, for the LLM path without an HTTP endpoint.

It answers with given pieces, optionally waiting before each, failing at one of them, or
ending its stream without a finish reason (as a dropped connection does).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult


class ScriptedFailure(Exception):
    """What a scripted model raises at ``fail_at``."""


class ScriptedChatModel(BaseChatModel):
    """Replies with ``pieces``; ``delay`` seconds before each; raises at piece ``fail_at``."""

    pieces: list[str]
    delay: float = 0.0
    fail_at: int | None = None
    finish: bool = True
    calls: int = 0

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _pieces(self) -> Iterator[str]:
        self.calls += 1
        for index, piece in enumerate(self.pieces):
            time.sleep(self.delay)
            if index == self.fail_at:
                raise ScriptedFailure(f"scripted failure at piece {index}")
            yield piece

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(self._pieces())
        generation = ChatGeneration(
            message=AIMessage(text), generation_info={"finish_reason": "stop"}
        )
        return ChatResult(generations=[generation])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for piece in self._pieces():
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        if self.finish:
            yield ChatGenerationChunk(
                message=AIMessageChunk(content=""), generation_info={"finish_reason": "stop"}
            )
