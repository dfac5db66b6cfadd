"""Periods and years as writers name them, and period wording in text.

`read_period` reads what a writer asks for (``2025年度``, ``2025年上半年``, ``今年一季度``,
``前三季度``, ``去年``, ``全年``, ``三年来``) into a canonical period of the genre table and a
year, against an injected date: with no year named, a period written when the year ends
(年度, 下半年 ...) asked for in January or February is the year just ended's, anything else the
current year's; a bare ``季度`` is the clock's quarter (the one just ended in a quarter's first
month). `find_period` does the same for a chat message, which may name no period at all.

`reword` moves text written for one period to another (``上半年`` -> ``一季度``, ``半年来`` ->
``一季度以来``, ``下半年`` -> ``二季度``) and `foreign_words` finds what still names another
period; the words are the genre table's.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from assistant.errors import InputError
from assistant.genre.table import PeriodSpec, genre_table

YEAR_DIGITS = re.compile(r"((?:19|20)\d{2})\s*(?=年)")
CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
CHINESE_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
YEAR_CHINESE = re.compile(rf"([一二][{''.join(CHINESE_DIGITS)}]{{3}})\s*(?=年)")
QUARTER_MONTHS = 3


@dataclass(frozen=True)
class AskedPeriod:
    """A period and year a writer asked for."""

    name: str  # canonical period of the genre table (一季度, 上半年, 年度, 任期, 专项 ...)
    year: int
    year_given: bool  # the writer named the year (2025年, 去年), rather than the clock

    @property
    def spec(self) -> PeriodSpec:
        """The period's entry in the genre table."""
        return genre_table().period(self.name)

    @property
    def kind(self) -> str:
        """季度, 半年, 年度, 任期, 专项 or 月度."""
        return self.spec.kind

    @property
    def years(self) -> str:
        """The years as a title writes them: ``2025年``, ``2023—2025年``."""
        span = self.spec.span_years
        return f"{self.year - span + 1}—{self.year}年" if span > 1 else f"{self.year}年"

    @property
    def title(self) -> str:
        """The period as a title names it: ``2025年上半年``, ``2025年``."""
        return f"{self.years}{self.spec.title}"


def _chinese_year(text: str) -> int:
    return int("".join(str(CHINESE_DIGITS[char]) for char in text))


def _stated_year(text: str, today: datetime.date) -> tuple[int | None, str]:
    """The year a text names (figures, Chinese numerals or a relative word) and the rest."""
    rules = genre_table().year_rules
    for pattern, convert in ((YEAR_DIGITS, int), (YEAR_CHINESE, _chinese_year)):
        match = pattern.search(text)
        if match:
            year = convert(match.group(1))
            if not rules.earliest <= year <= today.year + 1:
                raise InputError(f"年份“{year}”超出范围（{rules.earliest}—{today.year + 1}）。")
            return year, text[: match.start()] + text[match.end() :]
    for word in sorted(rules.relative, key=len, reverse=True):
        if word in text:
            return today.year + rules.relative[word], text.replace(word, "", 1)
    return None, text


def _clock_quarter(today: datetime.date) -> tuple[PeriodSpec, int]:
    """The quarter a bare 季度 means: the current one, or the one just ended in a first month."""
    quarter = (today.month - 1) // QUARTER_MONTHS + 1
    if (today.month - 1) % QUARTER_MONTHS == 0:
        quarter -= 1
    if quarter == 0:
        return genre_table().quarter(4), today.year - 1
    return genre_table().quarter(quarter), today.year


def _only_filler(text: str) -> bool:
    rest = text
    for word in sorted(genre_table().year_rules.filler, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest.strip(" \t，,。、")


def _year_for(period: PeriodSpec, today: datetime.date) -> int:
    rules = genre_table().year_rules
    if period.ends_year and today.month in rules.year_just_ended_months:
        return today.year - 1
    return today.year


def find_period(text: str, today: datetime.date) -> AskedPeriod | None:
    """The period and year a message names, or None when it names neither."""
    table = genre_table()
    year, rest = _stated_year(text, today)
    name = table.find_period(rest)
    spec: PeriodSpec | None = table.period(name) if name else None
    if spec is None and any(alias in rest for alias in table.current_quarter_aliases):
        spec, quarter_year = _clock_quarter(today)
        year = year if year is not None else quarter_year
    if spec is None and year is None:
        return None
    spec = spec or table.period(table.default_period)
    return AskedPeriod(
        spec.name, year if year is not None else _year_for(spec, today), year is not None
    )


def read_period(text: str | None, today: datetime.date, *, topic: bool = False) -> AskedPeriod:
    """The period and year of a request's period field (the default when empty).

    With ``topic`` (the request names a topic) an empty field is a 专项 summary. Text that
    names no period and is not a bare year is an `InputError` listing the periods.
    """
    table = genre_table()
    if not text or not text.strip():
        name = table.topic_period if topic else table.default_period
        return AskedPeriod(name, _year_for(table.period(name), today), False)
    found = find_period(text.strip(), today)
    if found is not None:
        _, rest = _stated_year(text, today)
        if found.name != table.default_period or table.find_period(rest) or _only_filler(rest):
            return found
    names = "、".join(table.period_names)
    raise InputError(f"无法识别的时段“{text}”。可用：{names}，可带年份，如“2025年上半年”“去年”。")


@functools.cache
def _words_pattern() -> re.Pattern[str]:
    words = {word for period in genre_table().periods for word in period.words.all()}
    words |= set(genre_table().shared_words)
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@functools.cache
def _rewrites(source: str, target: str) -> dict[str, str]:
    table = genre_table()
    old, new = table.period(source).words, table.period(target).words
    mapping: dict[str, str] = {}
    for words, written in ((old.this, new.this[0]), (old.since, new.since[0])):
        mapping.update(dict.fromkeys(words, written))
    mapping.update(dict.fromkeys(old.next, new.next[0]))
    shared = set(table.shared_words)
    return {word: value for word, value in mapping.items() if word not in shared}


def reword(text: str, source: str, target: str) -> str:
    """Text written for the ``source`` period worded for the ``target`` one."""
    if source == target:
        return text
    mapping = _rewrites(source, target)
    return _words_pattern().sub(lambda m: mapping.get(m.group(), m.group()), text)


@functools.cache
def _own_words(period: str) -> frozenset[str]:
    table = genre_table()
    return frozenset((*table.period(period).words.all(), *table.shared_words))


def foreign_words(text: str, period: str) -> list[str]:
    """Words of the text that name another period than ``period``."""
    own = _own_words(period)
    return [m.group() for m in _words_pattern().finditer(text) if m.group() not in own]
