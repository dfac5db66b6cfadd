"""``POST /v1/chat/completions``: OpenAI-compatible chat, whole or streamed as SSE chunks."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from assistant.api.deps import ChatDep
from assistant.api.schemas import (
    MODEL_ID,
    AssistantMessage,
    ChatCompletion,
    ChatCompletionRequest,
    Choice,
    Usage,
    chat_stream_description,
)
from assistant.chat.service import Message

router = APIRouter(tags=["对话"])


@router.post(
    "/v1/chat/completions",
    response_model=ChatCompletion,
    responses={200: chat_stream_description()},
    summary="OpenAI 兼容的对话接口",
)
def chat_completions(body: ChatCompletionRequest, chat: ChatDep) -> Any:
    """Reply to the latest user message with an outline (Markdown), using the history.

    With ``stream`` true the reply comes as ``chat.completion.chunk`` events ending with
    ``data: [DONE]``. Bad input is answered with a 4xx before any event is sent.
    """
    messages = [Message(message.role, message.text()) for message in body.messages]
    identity = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    prompt_size = sum(len(message.content) for message in messages)
    if body.stream:
        pieces = chat.stream(messages)
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        events = sse_events(pieces, identity, created, prompt_size, include_usage)
        return StreamingResponse(
            events, media_type="text/event-stream", headers={"cache-control": "no-cache"}
        )
    reply = chat.reply(messages)
    return ChatCompletion(
        id=identity,
        created=created,
        model=MODEL_ID,
        choices=[Choice(message=AssistantMessage(content=reply.content))],
        usage=_usage(prompt_size, len(reply.content)),
    )


def _usage(prompt: int, completion: int) -> Usage:
    return Usage(
        prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion
    )


def _event(data: dict[str, Any]) -> str:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


def sse_events(
    pieces: Iterable[str], identity: str, created: int, prompt_size: int, include_usage: bool
) -> Iterator[str]:
    """``chat.completion.chunk`` events: the role, the content pieces, the stop, ``[DONE]``."""
    base = {
        "id": identity,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
    }

    def chunk(delta: dict[str, str], finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
        return _event({**base, "choices": [choice]})

    yield chunk({"role": "assistant", "content": ""})
    size = 0
    for piece in pieces:
        size += len(piece)
        yield chunk({"content": piece})
    yield chunk({}, "stop")
    if include_usage:
        yield _event({**base, "choices": [], "usage": _usage(prompt_size, size).model_dump()})
    yield "data: [DONE]\n\n"
