"""The numbering module: numerals, GB/T 9704 numbers, the three heading rules, markers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.genre.numbering import (
    NumberStyle,
    enumeration_marker,
    enumeration_markers,
    format_number,
    line_number,
    numeral_text,
    numeral_value,
    ordinal_value,
    parse_number,
    run_together_number,
    starts_numbered,
    strip_number,
)


def expecting(level1: int, other: int = 1) -> Callable[[int], int]:
    return lambda level: level1 if level == 1 else other


def test_chinese_numerals_round_trip() -> None:
    values = [numeral_value(n) for n in ["一", "十", "十一", "二十", "二十三", "九十九"]]
    assert values == [1, 10, 11, 20, 23, 99]
    assert numeral_value("十十") is None and numeral_value("是") is None
    assert numeral_value("一十") is None and numeral_value("零") is None
    assert all(numeral_value(numeral_text(n)) == n for n in range(1, 100))
    with pytest.raises(ValueError):
        numeral_text(100)


def test_ordinals_in_digits_or_numerals() -> None:
    assert [ordinal_value(raw) for raw in ["3", "３", "十二", "x"]] == [3, 3, 12, None]


def test_gbt_numbers_at_each_level() -> None:
    assert [format_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert format_number(1, 12) == "十二、" and format_number(2, 21) == "（二十一）"
    assert enumeration_marker(2) == "二是"


@pytest.mark.parametrize(
    ("written", "level", "ordinal", "canonical"),
    [
        ("一、", 1, 1, True),
        ("（十二）", 2, 12, True),
        ("(三)", 2, 3, False),
        ("4.", 3, 4, True),
        ("4．", 3, 4, False),
        ("4、", 3, 4, False),
        ("１２.", 3, 12, False),
        ("（5）", 4, 5, True),
        ("(5)", 4, 5, False),
    ],
)
def test_written_numbers_parse_with_their_variants(
    written: str, level: int, ordinal: int, canonical: bool
) -> None:
    number = parse_number(written)
    assert number is not None and (number.level, number.ordinal) == (level, ordinal)
    assert (number.canonical == written) is canonical


@pytest.mark.parametrize("written", ["一", "一是", "十十、", "2.5", "（一", "第一、"])
def test_what_is_not_a_heading_number(written: str) -> None:
    assert parse_number(written) is None


def test_a_number_followed_by_its_own_kind_is_a_heading_only_when_expected() -> None:
    line = "二、三产业协调发展"
    assert line_number(line, 0, len(line), expecting(3)) is None
    number = line_number(line, 0, len(line), expecting(2))
    assert number is not None and number.ordinal == 2
    line = "3、4月份完成春耕"
    assert line_number(line, 0, len(line), expecting(1, 1)) is None
    assert line_number(line, 0, len(line), expecting(1, 3)) is not None


def test_bare_numeral_is_a_heading_only_when_it_is_the_expected_number() -> None:
    line = "二加强机关效能建设"
    number = line_number(line, 0, len(line), expecting(2))
    assert (
        number is not None and number.missing_dunhao and number.style is NumberStyle.CHINESE_DUNHAO
    )
    assert line_number(line, 0, len(line), expecting(1)) is None
    long_line = "一加强队伍建设" + "，提高干部素质和业务水平" * 3
    assert line_number(long_line, 0, len(long_line), expecting(1)) is None
    sentence = "一加强队伍建设。"
    assert line_number(sentence, 0, len(sentence), expecting(1)) is None


# Lines opening with a numeral that starts an ordinary word (the splitter tests use them too).
NUMERAL_WORDS = [
    "一把手亲自抓落实",
    "一线职工干劲足",
    "一体化推进项目建设",
    "一批重点项目落地",
    "十分重视安全生产",
    "一方面加强组织领导",
    "二季度完成全年任务过半",
]


@pytest.mark.parametrize(
    "line",
    [*NUMERAL_WORDS, "一是加强领导", "一年来成绩显著", "三个代表重要思想", "一带一路建设"],
)
def test_ordinary_words_opening_with_a_numeral_are_never_headings(line: str) -> None:
    for expected in range(1, 11):
        assert line_number(line, 0, len(line), expecting(expected)) is None


def test_run_together_number_continues_the_numbering() -> None:
    text = "加强领导。二、推进项目"
    number = run_together_number(text, 0, len(text), expecting(2))
    assert number is not None and number.run_together and text[number.start :].startswith("二、")
    assert run_together_number(text, 0, len(text), expecting(3)) is None
    listing = "发展二、三产业"
    assert run_together_number(listing, 0, len(listing), expecting(2)) is None


def test_enumeration_markers_stand_at_clause_starts() -> None:
    text = "一是加强领导；二是推进项目，唯一是指"
    assert [(m.ordinal, m.start) for m in enumeration_markers(text)] == [(1, 0), (2, 7)]


def test_numbered_lines_and_stripping_numbers() -> None:
    assert starts_numbered("（一）加强领导") and starts_numbered("二是推进")
    assert not starts_numbered("一把手亲自抓") and not starts_numbered("今年以来")
    assert strip_number("三、加强领导") == "加强领导"
    assert strip_number("(二) 推进项目") == "推进项目"
    assert strip_number("一是加强领导") == "加强领导"
    assert strip_number("一年来的主要工作") == "一年来的主要工作"
    assert strip_number("十分重视安全") == "十分重视安全"
