"""The first draft written by a model scripted in-process: normal, slow, failing, cut off.

The model's draft is held to the rule (figures become slots), must keep the outline's parts,
and any failure gives the composed draft with a note saying why.
"""

from __future__ import annotations

import pytest

from assistant.chat.llm import LlmWriter, load_prompts
from assistant.chat.service import ChatService, Message
from assistant.outline.model import Outline
from assistant.runtime import Runtime
from tests.chat.conftest import converse
from tests.chat.scripted import ScriptedChatModel

FIRST = "我是县农机局的，帮我列个上半年总结提纲"


@pytest.fixture(scope="module")
def outline(chat: ChatService) -> Outline:
    (reply,) = converse(chat, FIRST)
    assert reply.outline is not None
    return reply.outline


def written(outline: Outline, *, keep_parts: bool = True) -> list[str]:
    """A model's draft in pieces: the outline's parts, each with a sentence inventing a figure."""
    pieces = [f"# {outline.title}\n\n", "上半年，我局完成农机作业面积12.5万亩。\n\n"]
    sections = outline.sections if keep_parts else outline.sections[:1]
    for section in sections:
        pieces += [f"## {section.number}{section.heading}\n\n", "完成投资5亿元，增长", "8%。\n\n"]
    return pieces


def service(runtime: Runtime, model: ScriptedChatModel, deadline: float = 5.0) -> ChatService:
    writer = LlmWriter(model, load_prompts(), deadline_seconds=deadline)
    return ChatService(runtime, runtime.settings, writer=writer)


def ask_draft(chat: ChatService, *, stream: bool, request: str = "帮我写个初稿") -> str:
    history = [Message("user", FIRST)]
    history.append(Message("assistant", chat.reply(history).content))
    history.append(Message("user", request))
    return "".join(chat.stream(history)) if stream else chat.reply(history).content


@pytest.mark.parametrize("stream", [False, True])
def test_the_model_writes_the_draft_and_its_figures_become_slots(
    chat_runtime: Runtime, outline: Outline, stream: bool
) -> None:
    model = ScriptedChatModel(pieces=written(outline))
    content = ask_draft(service(chat_runtime, model), stream=stream)
    assert "完成投资〔数字〕亿元，增长〔数字〕%" in content and "12.5" not in content
    assert all(f"## {s.number}{s.heading}" in content for s in outline.sections)
    assert "注：" not in content and "ws-state:" in content
    assert model.calls == 2, "the outline reply, then the draft"


@pytest.mark.parametrize("stream", [False, True])
def test_a_model_past_its_deadline_gives_the_composed_draft(
    chat_runtime: Runtime, outline: Outline, stream: bool
) -> None:
    model = ScriptedChatModel(pieces=written(outline) * 3, delay=0.3)
    content = ask_draft(service(chat_runtime, model, deadline=0.5), stream=stream)
    assert "请求超时" in content
    assert "我局将坚持目标不变" in content, "the composed draft's closing"


@pytest.mark.parametrize("stream", [False, True])
def test_a_failing_model_gives_the_composed_draft(
    chat_runtime: Runtime, outline: Outline, stream: bool
) -> None:
    content = ask_draft(
        service(chat_runtime, ScriptedChatModel(pieces=written(outline), fail_at=0)), stream=stream
    )
    assert "> 注：语言模型服务暂时不可用" in content and "我局将坚持目标不变" in content


def test_a_draft_cut_mid_stream_is_marked_and_completed(
    chat_runtime: Runtime, outline: Outline
) -> None:
    model = ScriptedChatModel(pieces=written(outline), finish=False)
    content = ask_draft(service(chat_runtime, model), stream=True)
    streamed, note, rest = content.partition("> 注：语言模型服务中途出错")
    assert "完成投资〔数字〕亿元" in streamed and note
    assert "我局将坚持目标不变" in rest and "ws-state:" in rest


@pytest.mark.parametrize("stream", [False, True])
def test_a_draft_that_loses_the_outlines_parts_is_not_used(
    chat_runtime: Runtime, outline: Outline, stream: bool
) -> None:
    model = ScriptedChatModel(pieces=written(outline, keep_parts=False))
    content = ask_draft(service(chat_runtime, model), stream=stream)
    assert "没有保留提纲的部分和编号" in content and "我局将坚持目标不变" in content


def test_with_a_model_a_tone_request_rewrites_the_draft(
    chat_runtime: Runtime, outline: Outline
) -> None:
    model = ScriptedChatModel(pieces=written(outline))
    content = ask_draft(service(chat_runtime, model), stream=False, request="用更正式的语气")
    assert "完成投资〔数字〕亿元" in content and "没有配置语言模型" not in content
