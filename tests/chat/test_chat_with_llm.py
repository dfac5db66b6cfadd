"""The chat service with a model scripted in-process (fake embeddings: fast, no endpoint)."""

from __future__ import annotations

import pytest

from assistant.chat.llm import LlmWriter, load_prompts
from assistant.chat.service import ChatService, Message
from assistant.runtime import Runtime
from tests.chat.scripted import ScriptedChatModel

ASK = [Message("user", "我是县农机局的，帮我列个上半年总结提纲")]
WRITTEN = ["# 模型写的提纲\n\n", "## 一、模型写的第一部分 [S1]\n\n", "- 模型写的表述。"]


@pytest.fixture
def runtime(fake_runtime: Runtime) -> Runtime:
    """The built-in corpus indexed with the fake encoder (no model, no endpoint)."""
    return fake_runtime


def service(runtime: Runtime, model: ScriptedChatModel, deadline: float = 5.0) -> ChatService:
    writer = LlmWriter(model, load_prompts(), deadline_seconds=deadline)
    return ChatService(runtime, runtime.settings, writer=writer)


def test_the_model_writes_the_reply_and_the_sources_are_retrieval_s(runtime: Runtime) -> None:
    reply = service(runtime, ScriptedChatModel(pieces=WRITTEN)).reply(ASK)
    assert reply.used_llm and "模型写的第一部分" in reply.content and "注：" not in reply.content
    assert "**来源**" in reply.content.partition("模型写的表述。")[2]
    streamed = "".join(service(runtime, ScriptedChatModel(pieces=WRITTEN)).stream(ASK))
    assert "模型写的第一部分" in streamed and "注：" not in streamed


@pytest.mark.parametrize("streamed", [False, True])
def test_a_model_past_its_deadline_falls_back_with_a_note(runtime: Runtime, streamed: bool) -> None:
    chat = service(runtime, ScriptedChatModel(pieces=WRITTEN * 5, delay=0.3), deadline=0.5)
    content = "".join(chat.stream(ASK)) if streamed else chat.reply(ASK).content
    assert "请求超时" in content and "## 一、" in content and "**来源**" in content


def test_a_failing_model_falls_back_with_a_note(runtime: Runtime) -> None:
    chat = service(runtime, ScriptedChatModel(pieces=WRITTEN, fail_at=0))
    assert "> 注：语言模型服务暂时不可用" in chat.reply(ASK).content
    assert "> 注：语言模型服务暂时不可用" in "".join(chat.stream(ASK))


def test_a_stream_cut_mid_reply_is_marked_and_completed_from_retrieval(runtime: Runtime) -> None:
    chat = service(runtime, ScriptedChatModel(pieces=WRITTEN, finish=False))
    content = "".join(chat.stream(ASK))
    written, note, rest = content.partition("> 注：语言模型服务中途出错（连接中途断开")
    assert "模型写的表述。" in written and note
    assert "## 一、" in rest and "**来源**" in rest
