"""A runtime over the built-in corpus with fake embeddings, shared by the chat tests (fast)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.chat.service import ChatReply, ChatService, Message
from assistant.runtime import Runtime


@pytest.fixture(scope="session")
def chat_runtime(fake_runtime: Runtime) -> Runtime:
    """The shared runtime over the built-in corpus with the fake encoder."""
    return fake_runtime


@pytest.fixture(scope="session")
def chat(chat_runtime: Runtime) -> ChatService:
    return ChatService(chat_runtime, chat_runtime.settings)


def converse(chat: ChatService, *said: str) -> list[ChatReply]:
    """Play the writer's messages in turn, each reply going back into the conversation."""
    history: list[Message] = []
    replies = []
    for text in said:
        history.append(Message("user", text))
        reply = chat.reply(history)
        history.append(Message("assistant", reply.content))
        replies.append(reply)
    return replies


def headings(reply: ChatReply) -> list[str]:
    """The level-1 headings of the outline after a turn (number and heading)."""
    assert reply.outline is not None
    return [f"{s.number}{s.heading}" for s in reply.outline.sections]


def history_of(said: Sequence[str], replies: Sequence[ChatReply]) -> list[Message]:
    """The message list of a played conversation."""
    messages = []
    for text, reply in zip(said, replies, strict=True):
        messages += [Message("user", text), Message("assistant", reply.content)]
    return messages
