"""Character offsets <-> LSP positions, with characters outside the BMP and every line break."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol.types import Position

from assistant.lsp.utf16 import UTF8, UTF16, UTF32, LineMap, code_units, split_lines

ASTRAL_LINE = "𠀀在全县推广,效果好"  # 𠀀 is U+20000: one character, two UTF-16 units


def test_code_units_count_astral_characters_as_surrogate_pairs_in_utf16() -> None:
    assert code_units("𠀀") == 2
    assert code_units("😀a") == 3
    assert code_units("中文") == 2
    assert code_units("𠀀", UTF8) == 4
    assert code_units("中", UTF8) == 3
    assert code_units("𠀀😀", UTF32) == 2


def test_a_comma_after_an_astral_character_is_one_unit_further_right() -> None:
    lines = LineMap(ASTRAL_LINE)
    comma = ASTRAL_LINE.index(",")
    assert comma == 6
    assert lines.position(comma) == Position(0, 7)
    assert lines.range(comma, comma + 1).end == Position(0, 8)
    assert lines.offset(Position(0, 7)) == comma


def test_emoji_and_astral_han_on_later_lines() -> None:
    text = "标题\n😀😀xx\r\n𠀀,"
    lines = LineMap(text)
    assert lines.position(text.index("xx")) == Position(1, 4)
    assert lines.position(text.index(",")) == Position(2, 2)
    assert lines.offset(Position(1, 4)) == text.index("xx")


def test_each_encoding_counts_its_own_units() -> None:
    text = "a𠀀中,"
    comma = text.index(",")
    assert LineMap(text, UTF16).position(comma) == Position(0, 4)
    assert LineMap(text, UTF8).position(comma) == Position(0, 8)
    assert LineMap(text, UTF32).position(comma) == Position(0, 3)
    for encoding in (UTF8, UTF16, UTF32):
        lines = LineMap(text, encoding)
        assert lines.offset(lines.position(comma)) == comma


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_lsp_line_break_starts_a_line(newline: str) -> None:
    text = f"一、标题{newline}正文,"
    lines = LineMap(text)
    assert lines.line_count == 2
    assert lines.position(text.index(",")) == Position(1, 2)
    assert lines.offset(Position(1, 0)) == text.index("正")


def test_form_feed_and_unicode_line_separators_are_not_line_breaks() -> None:
    text = "甲\f乙\u2028丙\x85丁,"
    lines = LineMap(text)
    assert lines.line_count == 1
    assert lines.position(text.index(",")) == Position(0, 7)


def test_offsets_past_a_line_or_the_text_are_clamped_to_their_end() -> None:
    text = "一、总结\n𠀀好\n"
    lines = LineMap(text)
    assert lines.offset(Position(0, 99)) == text.index("\n")
    assert lines.offset(Position(1, 99)) == text.rindex("\n")
    assert lines.offset(Position(2, 0)) == len(text)
    assert lines.offset(Position(7, 3)) == len(text)
    assert lines.position(len(text) + 5) == Position(2, 0)


def test_a_position_inside_a_surrogate_pair_means_that_character() -> None:
    lines = LineMap("a𠀀b")
    assert lines.offset(Position(0, 2)) == 1  # between the two halves of 𠀀
    assert lines.offset(Position(0, 3)) == 2


def test_an_offset_inside_crlf_is_placed_at_the_line_break() -> None:
    lines = LineMap("甲\r\n乙")
    assert lines.position(2) == Position(0, 1)


def test_empty_text_has_one_empty_line() -> None:
    lines = LineMap("")
    assert lines.line_count == 1
    assert lines.position(0) == Position(0, 0)
    assert lines.offset(Position(0, 5)) == 0
    assert list(split_lines("")) == [""]


def test_split_lines_keeps_breaks_and_splits_on_lsp_breaks_only() -> None:
    text = "甲\r\n乙\r丙\n丁\f戊\u2028"
    assert list(split_lines(text)) == ["甲\r\n", "乙\r", "丙\n", "丁\f戊\u2028"]
    assert list(split_lines("甲\n")) == ["甲\n"]


PIECES = st.sampled_from(["a", "中", "，", ",", "𠀀", "😀", "\n", "\r", "\r\n", " "])


@given(st.lists(PIECES, max_size=40).map("".join))
def test_positions_round_trip_and_match_an_independent_utf16_count(text: str) -> None:
    lines = LineMap(text)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue  # inside a \r\n: not a position of its own
        line = max(i for i, start in enumerate(starts) if start <= offset)
        expected = len(text[starts[line] : offset].encode("utf-16-le")) // 2
        assert lines.position(offset) == Position(line, expected)
        assert lines.offset(lines.position(offset)) == offset
