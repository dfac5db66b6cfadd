"""The state marker: round trip, hidden by Markdown renderers, damaged or hostile ones ignored."""

from __future__ import annotations

import base64
import zlib

from markdown_it import MarkdownIt

from assistant.chat.edits import Delete, Exclusion, PartKey
from assistant.chat.facts import ChatRequest
from assistant.chat.state import MARKER_LINE, State, decode, encode, read_marker, without_marker
from assistant.genre.table import Role
from assistant.outline.model import Block, Outline, OutlineSection, SourceRef


def state() -> State:
    outline = Outline(
        "县农机局",
        "农机局",
        "上半年",
        "XX县农机局2026年上半年工作总结",
        Block(["上半年，我局扎实推进各项工作。"], ["S1"]),
        [OutlineSection("一、", 1, Role.ACHIEVEMENTS, "主要成效", ["完成〔数字〕项。"], ["S2"])],
        {
            key: SourceRef("seed-08", "和田县农机局年度工作总结", "农机局", "原文")
            for key in ("S2", "S1")
        },
    )
    return State(
        ChatRequest("县农机局", "上半年"),
        outline,
        log=(Delete(PartKey(Role.ACHIEVEMENTS, "旧的部分")),),
        exclusions=(Exclusion("灞河", "〔地名〕"),),
        parent="0123456789abcdef",
    )


def test_a_state_comes_back_exactly_from_its_marker() -> None:
    original = state()
    reply = f"已删除第二部分。\n\n# 提纲\n\n{encode(original)}"
    back = read_marker(reply)
    assert back == original and back.key == original.key
    assert list(back.outline.sources) == ["S2", "S1"], "source order is kept"


def test_the_marker_is_one_line_that_renderers_show_as_nothing() -> None:
    marker = encode(state())
    assert "\n" not in marker and MARKER_LINE.fullmatch(marker)
    reply = f"已删除第二部分。\n\n## 一、主要成效 [S1]\n\n- 完成〔数字〕项。\n\n{marker}\n"
    for renderer in (MarkdownIt("commonmark"), MarkdownIt("js-default", {"linkify": False})):
        html = renderer.render(reply)
        assert "ws-state" not in html and "主要成效" in html
    assert without_marker(reply).endswith("- 完成〔数字〕项。")
    comment = MarkdownIt("commonmark", {"html": False}).render("x\n\n<!-- state -->\n")
    assert "state" in comment, "why not an HTML comment: renderers without HTML show it"


def test_the_key_ignores_what_the_state_waits_for() -> None:
    original = state()
    from dataclasses import replace

    assert replace(original, waiting="expand").key == original.key
    assert original.child().parent == original.key


def test_damaged_or_hostile_markers_are_ignored() -> None:
    payload = MARKER_LINE.search(encode(state())).group(1)  # type: ignore[union-attr]
    assert decode(payload[:-5]) is None, "truncated"
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" * 20_000_000, 9)).decode().rstrip("=")
    assert decode(bomb) is None, "a payload inflating past the limit is refused"
    wrong = base64.urlsafe_b64encode(zlib.compress(b'{"version": 1}')).decode().rstrip("=")
    assert decode(wrong) is None, "a payload of another shape is refused"
    assert read_marker("[//]: # (ws-state:!!!)") is None
