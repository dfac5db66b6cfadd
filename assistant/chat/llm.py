"""The optional LLM: an OpenAI-compatible chat endpoint rewrites the retrieved outline.

Used only when ``ASSISTANT_LLM_BASE_URL`` is set. The prompt templates are files in
``prompts/`` (a system message and a user message), loaded once and checked for exactly the
variables the writer fills in. The model sees the retrieved outline (title, parts, phrasing and
their ``[S1]`` marks) and is told to use only that; the sources themselves are appended by the
chat service from retrieval, never by the model. Any failure of the endpoint (timeout, refused
connection, an error status, an empty answer) becomes an `LlmError`, which the service turns
into the retrieval reply with a note.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.prompts import PromptTemplate

from assistant.config import Settings
from assistant.errors import DataDirError, UpstreamError
from assistant.resources import prompt_dir

log = logging.getLogger(__name__)

PROMPT_DIR = prompt_dir()
SYSTEM_PROMPT = "chat_system.md"
REPLY_PROMPT = "chat_reply.md"
REPLY_VARIABLES = frozenset({"request", "office", "period", "topic", "title", "outline"})
TEMPERATURE = 0.3


class PromptError(DataDirError):
    """A prompt template file is missing or does not use exactly the expected variables."""


class LlmError(UpstreamError):
    """The LLM endpoint failed; ``reason`` says how, for the note shown to the writer."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"语言模型服务{reason}。")
        self.reason = reason


@dataclass(frozen=True)
class Prompts:
    """The system text and the reply template."""

    system: str
    reply: PromptTemplate


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise PromptError(f"无法读取提示词模板 {path}：{error.strerror or error}") from None


@functools.cache
def load_prompts(folder: Path = PROMPT_DIR) -> Prompts:
    """Read and check the templates once."""
    system = _read(folder / SYSTEM_PROMPT).strip()
    if "{" in system.replace("{{", "").replace("}}", ""):
        raise PromptError(f"{folder / SYSTEM_PROMPT} 不应包含变量。")
    path = folder / REPLY_PROMPT
    try:
        reply = PromptTemplate.from_template(_read(path).strip())
    except ValueError as error:
        raise PromptError(f"提示词模板 {path} 格式有误：{error}") from None
    found = set(reply.input_variables)
    if found != REPLY_VARIABLES:
        missing = "、".join(sorted(REPLY_VARIABLES - found)) or "无"
        unknown = "、".join(sorted(found - REPLY_VARIABLES)) or "无"
        raise PromptError(f"提示词模板 {path} 的变量不符：缺少 {missing}；多余 {unknown}。")
    return Prompts(system, reply)


@dataclass(frozen=True)
class WriterInput:
    """What the model is given: the request as understood and the retrieved outline."""

    request: str
    office: str
    period: str
    topic: str
    title: str
    outline: str


def _reason(error: Exception) -> str:
    """How an endpoint failure is described to the writer."""
    import openai

    if isinstance(error, openai.APITimeoutError):
        return "请求超时"
    if isinstance(error, openai.APIStatusError):
        return f"返回错误 {error.status_code}"
    if isinstance(error, openai.APIConnectionError):
        return "无法连接"
    return "返回的内容无法使用"


class LlmWriter:
    """Writes chat replies with a chat model from the retrieved outline."""

    def __init__(self, model: BaseChatModel, prompts: Prompts) -> None:
        self.model = model
        self.prompts = prompts

    @classmethod
    def from_settings(cls, settings: Settings) -> LlmWriter:
        """A writer for the configured endpoint (no request is made here)."""
        from langchain_openai import ChatOpenAI
        from pydantic import SecretStr

        options: dict[str, Any] = {
            "base_url": settings.llm_base_url,
            "model": settings.llm_model or "default",
            "api_key": SecretStr(settings.llm_api_key or "unused"),
            "timeout": settings.llm_timeout_seconds,
            "max_retries": 0,
            "temperature": TEMPERATURE,
        }
        return cls(ChatOpenAI(**options), load_prompts())

    def messages(self, given: WriterInput) -> list[BaseMessage]:
        """The system and user messages for one reply."""
        user = self.prompts.reply.format(**vars(given))
        return [SystemMessage(self.prompts.system), HumanMessage(user)]

    def write(self, given: WriterInput) -> str:
        """The model's whole reply; raises `LlmError` on any failure or an empty answer."""
        try:
            text = _text(self.model.invoke(self.messages(given)).content)
        except Exception as error:  # any endpoint failure means: fall back to retrieval
            log.warning("LLM request failed: %r", error)
            raise LlmError(_reason(error)) from error
        if not text.strip():
            raise LlmError("返回了空内容")
        return text

    def stream(self, given: WriterInput) -> Iterator[str]:
        """The reply in pieces as the model writes it; raises `LlmError` on failure."""
        wrote = False
        try:
            for chunk in self.model.stream(self.messages(given)):
                piece = _text(chunk.content)
                if piece:
                    wrote = True
                    yield piece
        except Exception as error:  # any endpoint failure means: fall back to retrieval
            log.warning("LLM stream failed: %r", error)
            raise LlmError(_reason(error)) from error
        if not wrote:
            raise LlmError("返回了空内容")


def _text(content: str | list[str | dict[str, Any]]) -> str:
    """The text of a message's content (plain or a list of parts)."""
    if isinstance(content, str):
        return content
    return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
