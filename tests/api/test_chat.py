"""Chat through the official ``openai`` client: whole and streamed replies, follow-ups.

The chat service runs in-process (the app over the fake-encoder runtime, driven through
Starlette's test client: no server, no model); one test reads the SSE stream off a real server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import openai
import pytest
from fastapi.testclient import TestClient
from openai.types.chat import ChatCompletionMessageParam

from assistant.api.app import create_app
from assistant.runtime import Runtime

FIRST = "我是县农机局的，帮我列个上半年总结提纲"


@pytest.fixture(scope="module")
def http(fake_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(fake_runtime.settings, fake_runtime)) as http:
        yield http


@pytest.fixture(scope="module")
def client(http: TestClient) -> Iterator[openai.OpenAI]:
    base_url = f"{http.base_url}/v1"
    with openai.OpenAI(
        base_url=base_url, api_key="unused", max_retries=0, http_client=http
    ) as client:
        yield client


def ask(client: openai.OpenAI, *texts: str, model: str = "work-summary-assistant") -> str:
    messages: list[ChatCompletionMessageParam] = []
    for index, text in enumerate(texts):
        if index:
            messages.append({"role": "assistant", "content": "（上一轮的回答）"})
        messages.append({"role": "user", "content": text})
    reply = client.chat.completions.create(model=model, messages=messages)
    assert reply.object == "chat.completion"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.choices[0].message.role == "assistant"
    return reply.choices[0].message.content or ""


def part(markdown: str, number: str) -> list[str]:
    """The phrasing lines of a level-1 part (``二、``) of a reply."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"## {number}"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith(("## ", "---"))), len(lines)
    )
    return [line for line in lines[start + 1 : end] if line.startswith("- ")]


def test_chat_reply_is_the_outline_with_phrasing_then_numbered_sources(
    client: openai.OpenAI,
) -> None:
    reply = ask(client, FIRST)
    assert "县农机局" in reply and "上半年" in reply
    title = next(line for line in reply.splitlines() if line.startswith("# "))
    assert title.startswith("# XX县农机局") and title.endswith("上半年工作总结")
    headings = [line for line in reply.splitlines() if line.startswith("## ")]
    assert [h.split()[1][:2] for h in headings[:3]] == ["一、", "二、", "三、"]
    assert all(re.search(r"\[S\d+\]", h) for h in headings)
    body, _, sources = reply.partition("**来源**")
    assert body.index("## 一、") < len(body) and sources
    cited = set(re.findall(r"\[(S\d+)\]", body))
    listed = set(re.findall(r"^(S\d+)\. ", sources, flags=re.MULTILINE))
    assert cited and cited <= listed
    assert part(reply, "一、"), "parts come with phrasing"


def test_any_model_name_is_accepted(client: openai.OpenAI) -> None:
    assert "# XX" in ask(client, "镇政府年度工作总结怎么写", model="gpt-4o")


def test_streamed_reply_equals_the_whole_reply(client: openai.OpenAI) -> None:
    whole = ask(client, FIRST)
    stream = client.chat.completions.create(
        model="work-summary-assistant",
        messages=[{"role": "user", "content": FIRST}],
        stream=True,
        stream_options={"include_usage": True},
    )
    pieces, finishes, usage = [], [], None
    for chunk in stream:
        assert chunk.object == "chat.completion.chunk"
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            pieces.append(choice.delta.content or "")
            finishes.append(choice.finish_reason)
    assert len([p for p in pieces if p]) > 3, "the reply comes in several pieces"
    assert "".join(pieces) == whole
    assert finishes[-1] == "stop" and set(finishes[:-1]) == {None}
    assert usage is not None and usage.completion_tokens == len(whole)


@pytest.mark.integration
def test_stream_ends_with_done_on_the_wire(api_url: str) -> None:
    body = {"messages": [{"role": "user", "content": FIRST}], "stream": True}
    with httpx.stream("POST", f"{api_url}/v1/chat/completions", json=body, timeout=30) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line for line in response.iter_lines() if line]
    assert all(line.startswith("data: ") for line in events)
    assert events[-1] == "data: [DONE]"


def test_follow_up_expands_the_second_part(client: openai.OpenAI) -> None:
    before = ask(client, FIRST)
    after = ask(client, FIRST, "把第二部分展开一点")
    assert "已展开第二部分" in after
    assert len(part(after, "二、")) > len(part(before, "二、"))
    assert part(after, "一、") == part(before, "一、"), "other parts stay as they were"
    again = ask(client, FIRST, "把第二部分展开一点", "再展开一点")
    assert len(part(again, "二、")) >= len(part(after, "二、"))


def test_follow_up_expands_a_part_named_by_its_role(client: openai.OpenAI) -> None:
    before = ask(client, FIRST)
    reply = ask(client, FIRST, "把问题部分写详细一点")
    problems = next(
        line for line in reply.splitlines() if line.startswith("## ") and "问题" in line
    )
    number = problems.split()[1][:2]
    assert f"已展开第{number[0]}部分" in reply
    assert len(part(reply, number)) > len(part(before, number))


def test_follow_up_changes_the_office_and_keeps_the_period(client: openai.OpenAI) -> None:
    reply = ask(client, FIRST, "换成园区的")
    title = next(line for line in reply.splitlines() if line.startswith("# "))
    assert "园区" in title and "上半年" in title and "农机局" not in title


def test_follow_up_changes_the_period_and_keeps_the_office(client: openai.OpenAI) -> None:
    reply = ask(client, FIRST, "改成年度的")
    title = next(line for line in reply.splitlines() if line.startswith("# "))
    assert "县农机局" in title and "上半年" not in title and title.endswith("年工作总结")


def test_an_office_the_corpus_lacks_is_told_so(client: openai.OpenAI) -> None:
    reply = ask(client, "帮我写一份县教育局的上半年工作总结提纲")
    assert "XX县教育局" in reply and "语料中没有教育局的工作总结" in reply


@pytest.mark.parametrize("text", ["今天天气怎么样？", "hello"])
def test_off_topic_gets_a_short_reply_saying_what_is_needed(
    client: openai.OpenAI, text: str
) -> None:
    reply = ask(client, text)
    assert "单位" in reply and "来源" in reply and len(reply) < 300
    assert "**来源**" not in reply


def test_summary_request_without_an_office_asks_for_it(client: openai.OpenAI) -> None:
    reply = ask(client, "帮我写个上半年总结")
    assert reply.startswith("请先告诉我您的单位") and len(reply) < 200


def test_bad_chat_input_raises_a_client_error_before_streaming(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model="x", messages=[{"role": "assistant", "content": "你好"}], stream=True
        )
    assert caught.value.status_code == 400


def test_content_given_as_parts_is_read(http: TestClient) -> None:
    body = {
        "model": "x",
        "messages": [{"role": "user", "content": [{"type": "text", "text": FIRST}]}],
    }
    reply = http.post("/v1/chat/completions", json=body).json()
    assert "XX县农机局" in reply["choices"][0]["message"]["content"]


def say(
    client: openai.OpenAI, history: list[ChatCompletionMessageParam], text: str, *, stream: bool
) -> str:
    """One turn as a chat UI plays it: the whole history sent, the reply kept as received."""
    history.append({"role": "user", "content": text})
    if stream:
        chunks = client.chat.completions.create(
            model="work-summary-assistant",
            messages=history,
            stream=True,
        )
        content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    else:
        reply = client.chat.completions.create(
            model="work-summary-assistant",
            messages=history,
        )
        content = reply.choices[0].message.content or ""
    history.append({"role": "assistant", "content": content})
    return content


def level_one(markdown: str) -> list[str]:
    return [line[3:].split(" [S")[0] for line in markdown.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize("stream", [False, True])
def test_a_whole_conversation_edits_the_outline_and_drafts_it(
    client: openai.OpenAI, stream: bool
) -> None:
    play_a_whole_conversation(client, stream=stream)


@pytest.mark.integration
@pytest.mark.parametrize("stream", [False, True])
def test_a_whole_conversation_through_the_real_server(api_url: str, stream: bool) -> None:
    """End to end: the official client over a real socket to the server with the real model."""
    with openai.OpenAI(base_url=f"{api_url}/v1", api_key="unused", max_retries=0) as client:
        play_a_whole_conversation(client, stream=stream)


def play_a_whole_conversation(client: openai.OpenAI, *, stream: bool) -> None:
    """Request, two edits, a first draft and an undo, each turn resending the whole history."""
    history: list[ChatCompletionMessageParam] = []
    first = say(client, history, FIRST, stream=stream)
    assert re.search(r"^\[//\]: # \(ws-state:[A-Za-z0-9_-]+\)$", first, re.MULTILINE)
    deleted = say(client, history, "删掉第一部分", stream=stream)
    assert "已删除第一部分" in deleted
    assert level_one(deleted)[0].split("、", 1)[1] == level_one(first)[1].split("、", 1)[1]
    added = say(client, history, "加一部分党建工作", stream=stream)
    assert any("党建工作" in heading for heading in level_one(added))
    assert len(level_one(added)) == len(level_one(first))
    draft = say(client, history, "帮我写个初稿", stream=stream)
    body = draft.split("\n# ", 1)[1]
    assert level_one(body) == level_one(added), "the draft keeps the edited outline's parts"
    assert "〔数字〕" in body and "[S" not in body
    undone = say(client, history, "撤销", stream=stream)
    assert level_one(undone) == level_one(deleted)
