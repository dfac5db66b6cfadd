"""The optional LLM: an OpenAI-compatible chat endpoint rewrites the retrieved outline.

Used only when ``ASSISTANT_LLM_BASE_URL`` is set. The prompt templates are files in
``prompts/`` (a system message and a user message), loaded once and checked for exactly the
variables the writer fills in. The model sees the retrieved outline (title, parts, phrasing and
their ``[S1]`` marks) and is told to use only that; the sources themselves are appended by the
chat service from retrieval, never by the model. Any failure of the endpoint (timeout, refused
connection, an error status, an empty answer) becomes an `LlmError`, which the service turns
into the retrieval reply with a note.

``ASSISTANT_LLM_TIMEOUT_SECONDS`` is a deadline for the whole reply, streamed or not: an
endpoint that trickles a byte now and then cannot hold a writer longer (the HTTP client's own
timeout only bounds each read). The model runs on a worker thread that hands its pieces over;
at the deadline the reply is given up and the worker told to stop. A stream that ends without
a finish reason (the connection closed mid-reply) is a failure too, so the writer is told the
reply was cut instead of reading half of it as the whole. The writer takes any langchain chat
model, which is how tests script one in-process.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
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
DEFAULT_DEADLINE_SECONDS = 30.0
CUT_REASON = "连接中途断开，回复不完整"


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


def load_template_pair(
    folder: Path, system_name: str, reply_name: str, variables: frozenset[str]
) -> Prompts:
    """A system text (no variables) and a reply template using exactly ``variables``."""
    system = _read(folder / system_name).strip()
    if "{" in system.replace("{{", "").replace("}}", ""):
        raise PromptError(f"{folder / system_name} 不应包含变量。")
    path = folder / reply_name
    try:
        reply = PromptTemplate.from_template(_read(path).strip())
    except ValueError as error:
        raise PromptError(f"提示词模板 {path} 格式有误：{error}") from None
    found = set(reply.input_variables)
    if found != variables:
        missing = "、".join(sorted(variables - found)) or "无"
        unknown = "、".join(sorted(found - variables)) or "无"
        raise PromptError(f"提示词模板 {path} 的变量不符：缺少 {missing}；多余 {unknown}。")
    return Prompts(system, reply)


@functools.cache
def load_prompts(folder: Path = PROMPT_DIR) -> Prompts:
    """Read and check the outline templates once."""
    return load_template_pair(folder, SYSTEM_PROMPT, REPLY_PROMPT, REPLY_VARIABLES)


@dataclass(frozen=True)
class WriterInput:
    """What the model is given: the request as understood and the retrieved outline."""

    request: str
    office: str
    period: str
    topic: str
    title: str
    outline: str


def _reason(error: BaseException) -> str:
    """How an endpoint failure is described to the writer."""
    import openai

    if isinstance(error, openai.APITimeoutError):
        return "请求超时"
    if isinstance(error, openai.APIStatusError):
        return f"返回错误 {error.status_code}"
    if isinstance(error, openai.APIConnectionError):
        return "无法连接"
    return "返回的内容无法使用"


class _DeadlinePassed(Exception):
    """The reply did not finish before its deadline."""


def _before_deadline(produce: Callable[[], Iterator[Any]], deadline: float) -> Iterator[Any]:
    """The items of ``produce()``, run on a worker thread, until ``deadline`` (monotonic).

    Raises `_DeadlinePassed` when the next item does not come in time; the worker is then told
    to stop at its next item (closing the iterator closes the HTTP response).
    """
    handed: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
    stop = threading.Event()

    def work() -> None:
        try:
            items = produce()
            try:
                for item in items:
                    if stop.is_set():
                        break
                    handed.put(("item", item))
            finally:
                close = getattr(items, "close", None)
                if callable(close):
                    close()
            handed.put(("end", None))
        except BaseException as error:
            handed.put(("error", error))

    threading.Thread(target=work, name="llm-reply", daemon=True).start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise queue.Empty
                kind, value = handed.get(timeout=remaining)
            except queue.Empty:
                raise _DeadlinePassed from None
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()


class LlmWriter:
    """Writes chat replies with a chat model from the retrieved outline, within a deadline."""

    def __init__(
        self,
        model: BaseChatModel,
        prompts: Prompts,
        deadline_seconds: float = DEFAULT_DEADLINE_SECONDS,
    ) -> None:
        self.model = model
        self.prompts = prompts
        self.deadline_seconds = deadline_seconds

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
        return cls(ChatOpenAI(**options), load_prompts(), settings.llm_timeout_seconds)

    def messages(self, given: WriterInput) -> list[BaseMessage]:
        """The system and user messages for one reply."""
        user = self.prompts.reply.format(**vars(given))
        return [SystemMessage(self.prompts.system), HumanMessage(user)]

    def _failure(self, error: BaseException) -> LlmError:
        if isinstance(error, _DeadlinePassed):
            log.warning("LLM reply not finished within %g s", self.deadline_seconds)
            return LlmError(f"请求超时，{self.deadline_seconds:g} 秒内没有完成")
        log.warning("LLM request failed: %r", error)
        return LlmError(_reason(error))

    def write(self, given: WriterInput) -> str:
        """The model's whole reply; raises `LlmError` on any failure or an empty answer."""
        return self.complete(self.messages(given))

    def stream(self, given: WriterInput) -> Iterator[str]:
        """The reply in pieces as the model writes it; raises `LlmError` on failure."""
        return self.stream_messages(self.messages(given))

    def complete(self, messages: list[BaseMessage]) -> str:
        """The model's whole answer to messages; raises `LlmError` on any failure or nothing."""
        deadline = time.monotonic() + self.deadline_seconds
        try:
            (reply,) = _before_deadline(lambda: iter([self.model.invoke(messages)]), deadline)
            text = _text(reply.content)
        except Exception as error:  # any endpoint failure means: fall back to retrieval
            raise self._failure(error) from error
        if not text.strip():
            raise LlmError("返回了空内容")
        return text

    def stream_messages(self, messages: list[BaseMessage]) -> Iterator[str]:
        """The answer to messages in pieces; raises `LlmError` on failure.

        A stream that ends without a finish reason was cut off: `LlmError` after the pieces.
        """
        deadline = time.monotonic() + self.deadline_seconds
        wrote = finished = False
        try:
            for chunk in _before_deadline(lambda: self.model.stream(messages), deadline):
                finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                piece = _text(chunk.content)
                if piece:
                    wrote = True
                    yield piece
        except Exception as error:  # any endpoint failure means: fall back to retrieval
            raise self._failure(error) from error
        if not wrote:
            raise LlmError("返回了空内容")
        if not finished:
            log.warning("LLM stream ended without a finish reason")
            raise LlmError(CUT_REASON)


def _text(content: str | list[str | dict[str, Any]]) -> str:
    """The text of a message's content (plain or a list of parts)."""
    if isinstance(content, str):
        return content
    return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
