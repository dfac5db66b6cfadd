"""Periods and years as writers name them, against a fixed clock; period wording in text."""

import datetime

import pytest

from assistant.errors import InputError
from assistant.genre.periods import AskedPeriod, find_period, foreign_words, read_period, reword
from assistant.genre.table import genre_table

JUNE = datetime.date(2026, 6, 15)
JANUARY = datetime.date(2026, 1, 10)
APRIL = datetime.date(2026, 4, 3)


@pytest.mark.parametrize(
    ("text", "today", "name", "year"),
    [
        ("2025年度", JUNE, "年度", 2025),
        ("2025年上半年", JUNE, "上半年", 2025),
        ("二〇二五年下半年", JUNE, "下半年", 2025),
        ("今年一季度", JUNE, "一季度", 2026),
        ("前三季度", JUNE, "前三季度", 2026),
        ("去年", JUNE, "年度", 2025),
        ("去年上半年", JUNE, "上半年", 2025),
        ("全年", JUNE, "年度", 2026),
        ("三年来", JUNE, "任期", 2026),
        ("第三季度", JUNE, "三季度", 2026),
        ("1-9月", JUNE, "前三季度", 2026),
        ("2025年", JUNE, "年度", 2025),
        ("2025年度工作总结", JUNE, "年度", 2025),
        # January and February: what ends the year is the year just ended's
        ("年度", JANUARY, "年度", 2025),
        ("下半年", JANUARY, "下半年", 2025),
        ("四季度", JANUARY, "四季度", 2025),
        ("上半年", JANUARY, "上半年", 2026),
        ("今年", JANUARY, "年度", 2026),
        ("年度", APRIL, "年度", 2026),
        # a bare 季度 is the clock's quarter, or the one just ended in a quarter's first month
        ("季度", JUNE, "二季度", 2026),
        ("本季度", APRIL, "一季度", 2026),
        ("季度", JANUARY, "四季度", 2025),
    ],
)
def test_a_period_and_year_are_read_as_writers_name_them(
    text: str, today: datetime.date, name: str, year: int
) -> None:
    asked = read_period(text, today)
    assert (asked.name, asked.year) == (name, year)


def test_no_period_is_the_default_or_a_special_summary_for_a_topic() -> None:
    assert read_period(None, JUNE) == AskedPeriod("年度", 2026, False)
    assert read_period("", JANUARY) == AskedPeriod("年度", 2025, False)
    assert read_period(None, JUNE, topic=True).name == "专项"


@pytest.mark.parametrize("text", ["明天下午", "2099年上半年", "1800年", "上个世纪"])
def test_what_names_no_period_is_refused_with_the_periods_listed(text: str) -> None:
    with pytest.raises(InputError) as raised:
        read_period(text, JUNE)
    assert "时段" in str(raised.value) or "年份" in str(raised.value)


def test_a_message_may_name_no_period() -> None:
    assert find_period("我是县财政局的", JUNE) is None
    found = find_period("帮我写个某中学2025年度工作总结的提纲", JUNE)
    assert found == AskedPeriod("年度", 2025, True)


@pytest.mark.parametrize(
    ("period", "year", "title"),
    [("上半年", 2025, "2025年上半年"), ("年度", 2025, "2025年"), ("任期", 2025, "2023—2025年")],
)
def test_titles_name_the_years_and_the_period(period: str, year: int, title: str) -> None:
    assert AskedPeriod(period, year, True).title == title


def test_every_period_names_its_plans_for_what_comes_next() -> None:
    table = genre_table()
    assert table.period("上半年").plans_for(2026) == "下半年工作打算"
    assert table.period("年度").plans_for(2026) == "2027年工作思路"
    assert table.period("一季度").plans_for(2026) == "二季度重点工作"
    assert table.period("专项").plans_for(2026) == "下一步工作打算"


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        (
            "上半年，我局完成了各项任务，半年来成效明显，下半年将继续努力。",
            "上半年",
            "一季度",
            "一季度，我局完成了各项任务，一季度以来成效明显，二季度将继续努力。",
        ),
        (
            "全年完成投资〔数字〕亿元，明年将继续推进。",
            "年度",
            "上半年",
            "上半年完成投资〔数字〕亿元，下半年将继续推进。",
        ),
        ("上半年完成投资〔数字〕亿元。", "上半年", "年度", "全年完成投资〔数字〕亿元。"),
        ("今年以来，我局扎实推进各项工作。", "年度", "三季度", "今年以来，我局扎实推进各项工作。"),
    ],
)
def test_text_is_reworded_for_the_asked_period(
    text: str, source: str, target: str, expected: str
) -> None:
    assert reword(text, source, target) == expected
    assert foreign_words(expected, target) == []


def test_another_periods_words_are_found() -> None:
    assert foreign_words("上半年完成了〔数字〕项任务。", "一季度") == ["上半年"]
    assert foreign_words("全年目标任务。", "上半年") == ["全年"]
    assert foreign_words("今年以来，下一步将继续推进。", "一季度") == []
