"""The LLM writer with a model scripted in-process: normal, too slow, failing, cut off."""

from __future__ import annotations

import time

import pytest

from assistant.chat.llm import CUT_REASON, LlmError, LlmWriter, WriterInput, load_prompts
from tests.chat.scripted import ScriptedChatModel

GIVEN = WriterInput(
    request="我是县农机局的，帮我列个上半年总结提纲",
    office="农机局",
    period="上半年",
    topic="未指定",
    title="XX县农机局2026年上半年工作总结",
    outline="## 一、主要工作成效 [S1]\n\n- 参考表述。",
)
PIECES = ["# 提纲\n\n", "## 一、主要工作成效 [S1]\n\n", "- 改写的表述。"]


def writer(model: ScriptedChatModel, deadline: float = 5.0) -> LlmWriter:
    return LlmWriter(model, load_prompts(), deadline_seconds=deadline)


def test_a_reply_whole_and_streamed() -> None:
    model = ScriptedChatModel(pieces=PIECES)
    assert writer(model).write(GIVEN) == "".join(PIECES)
    assert list(writer(model).stream(GIVEN)) == PIECES


@pytest.mark.parametrize("streamed", [False, True])
def test_a_slow_reply_is_given_up_at_the_deadline_not_after_it(streamed: bool) -> None:
    """Issue 11.8: each piece within the read timeout, the whole far beyond the deadline."""
    model = ScriptedChatModel(pieces=PIECES * 4, delay=0.25)  # 3 s in all
    started = time.monotonic()
    with pytest.raises(LlmError, match="请求超时") as failure:
        if streamed:
            list(writer(model, deadline=0.6).stream(GIVEN))
        else:
            writer(model, deadline=0.6).write(GIVEN)
    assert time.monotonic() - started < 0.6 + 1.0  # the deadline, with a margin
    assert "0.6 秒" in failure.value.reason


def test_a_failing_model_is_an_llm_error() -> None:
    model = ScriptedChatModel(pieces=PIECES, fail_at=1)
    with pytest.raises(LlmError, match="无法使用"):
        writer(model).write(GIVEN)
    pieces = []
    with pytest.raises(LlmError):
        for piece in writer(model).stream(GIVEN):
            pieces.append(piece)
    assert pieces == PIECES[:1]


def test_a_stream_that_ends_without_a_finish_reason_is_reported_as_cut() -> None:
    model = ScriptedChatModel(pieces=PIECES, finish=False)
    pieces = []
    with pytest.raises(LlmError) as failure:
        for piece in writer(model).stream(GIVEN):
            pieces.append(piece)
    assert pieces == PIECES and failure.value.reason == CUT_REASON


def test_an_empty_reply_is_an_llm_error() -> None:
    with pytest.raises(LlmError, match="空内容"):
        writer(ScriptedChatModel(pieces=[" "])).write(GIVEN)
