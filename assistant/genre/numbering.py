"""Heading numbers of the 工作总结 (GB/T 9704): numerals, recognising, parsing and formatting.

The four levels are written ``一、`` ``（一）`` ``1.`` ``（1）``; tolerated variants are half-width
parentheses (``(一)``, ``(1)``), ``1、`` and ``1．`` at level 3 and full-width digits. Chinese
numerals run from 一 to 九十九.

Three rules decide whether a number at the start of a line is a heading, given the number each
level expects next (the caller keeps that count: the heading parser per parent, the splitter per
summary, the draft cursor per draft):

- a number followed by another number of its own kind (``2、3月份``, ``二、三产业``) is a heading
  only where it is the number expected at its level;
- the bare-numeral rule: a short line opening with the expected level-1 numeral and no ``、``
  (``一加强队伍建设``) is a level-1 heading with a missing ``、``, unless the numeral starts an
  ordinary word (``一是``, ``一把手``, ``一线``, ``十分``, ``二季度``; ``data/numbering.yaml``);
- inside a line, right after a Chinese character or ``。！？；`` and before a Chinese character
  or a year or month (``三、2025年工作打算``), the expected ``N、`` (level 1) or ``（N）``
  (level 2) for N from 二 is a heading run into the text; so is ``（一）`` run into the title of
  a level-1 heading (``一、主要工作开展情况（一）持续优化营商环境``).

In-paragraph enumerations (``一是……二是……``) use the same numerals and are never headings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from pydantic import Field

from assistant.resources import package_file
from assistant.tables import Table, load_table

DATA_FILE = package_file("assistant.genre", "data", "numbering.yaml")

DIGITS = "一二三四五六七八九"
NUMERAL_CHARS = DIGITS + "十"
MAX_NUMERAL = 99
HAN = "\u4e00-\u9fff"
SPACE = " \t\r\f\v\u3000\u00a0\u200b\ufeff"
ARABIC_DIGITS = "0123456789０１２３４５６７８９"
SENTENCE_MARKS = "。！？；!?;"

Expected = Callable[[int], int]  # level -> the ordinal expected next at that level


class NumberStyle(StrEnum):
    """How a heading number is written; the GB/T 9704 level follows from the style."""

    CHINESE_DUNHAO = "chinese-dunhao"  # 一、  (level 1)
    CHINESE_PAREN = "chinese-paren"  # （一） (level 2)
    ARABIC_DOT = "arabic-dot"  # 1.   (level 3)
    ARABIC_PAREN = "arabic-paren"  # （1） (level 4)


STYLES: tuple[NumberStyle, ...] = tuple(NumberStyle)  # by level, 1 first
LEVEL_OF_STYLE: dict[NumberStyle, int] = {style: level for level, style in enumerate(STYLES, 1)}
CHINESE_STYLES = (NumberStyle.CHINESE_DUNHAO, NumberStyle.CHINESE_PAREN)


class BareNumeralRule(Table):
    """When a line opening with a numeral and no ``、`` is a heading (``data/numbering.yaml``)."""

    max_line_chars: int = Field(gt=0)
    followers: str = Field(min_length=1)
    words: tuple[str, ...]

    @property
    def follower_set(self) -> frozenset[str]:
        """The follower characters, spaces ignored."""
        return frozenset("".join(self.followers.split()))


class NumberingTable(Table):
    """``data/numbering.yaml``."""

    bare_numeral: BareNumeralRule


@cache
def numbering_table() -> NumberingTable:
    """The numbering data, validated (once per process)."""
    return load_table(DATA_FILE, NumberingTable)


# ---- numerals ------------------------------------------------------------------------------


def numeral_text(number: int) -> str:
    """A number from 1 to 99 written as a Chinese numeral."""
    if not 1 <= number <= MAX_NUMERAL:
        raise ValueError(f"heading numbers run from 1 to {MAX_NUMERAL}, not {number}")
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return head + (DIGITS[ones - 1] if ones else "")


_NUMERALS: dict[str, int] = {numeral_text(value): value for value in range(1, MAX_NUMERAL + 1)}


def numeral_value(numeral: str) -> int | None:
    """Value of a Chinese numeral from 一 to 九十九, or None when it is not one."""
    return _NUMERALS.get(numeral)


def ordinal_value(raw: str) -> int | None:
    """A number written in Arabic digits (half- or full-width) or as a Chinese numeral."""
    if raw.isdecimal():
        return int(raw)
    return numeral_value(raw)


ORDINAL_PATTERN = rf"[{NUMERAL_CHARS}]{{1,3}}|[{ARABIC_DIGITS}]{{1,3}}"
# Digits of numbers written digit by digit in Chinese (years: 二〇二四年).
CHINESE_DIGITS = "〇零" + DIGITS
# Pieces rule patterns may name (``{ordinal}``, ``{numeral}``, ``{cn_digit}``), so that data files
# never spell the numerals out themselves.
PATTERN_FIELDS = {
    "ordinal": f"(?:{ORDINAL_PATTERN})",
    "numeral": f"[{NUMERAL_CHARS}]",
    "cn_digit": f"[{CHINESE_DIGITS}]",
}


# ---- formatting ----------------------------------------------------------------------------


def format_number(level: int, ordinal: int) -> str:
    """The GB/T 9704 number of the ``ordinal``-th heading at ``level``: 一、 （一） 1. （1）."""
    if level <= 2:
        chinese = numeral_text(ordinal) if 1 <= ordinal <= MAX_NUMERAL else str(ordinal)
        return f"{chinese}、" if level == 1 else f"（{chinese}）"
    return f"{ordinal}." if level == 3 else f"（{ordinal}）"


def enumeration_marker(ordinal: int) -> str:
    """The in-paragraph enumeration marker: 1 -> ``一是``."""
    return numeral_text(ordinal) + "是"


# ---- recognising ---------------------------------------------------------------------------

_CN = NUMERAL_CHARS
_NUMBER_PATTERN = (
    rf"(?P<l1>[{_CN}]{{1,3}})、"
    rf"|(?P<l2o>[（(])(?P<l2>[{_CN}]{{1,3}})(?P<l2c>[）)])"
    rf"|(?P<l3>[{ARABIC_DIGITS}]{{1,3}})(?:(?P<l3s>[.．])(?![{ARABIC_DIGITS}])|(?P<l3d>、))"
    rf"|(?P<l4o>[（(])(?P<l4>[{ARABIC_DIGITS}]{{1,3}})(?P<l4c>[）)])"
)
NUMBER_AT = re.compile(_NUMBER_PATTERN)
LINE_NUMBERS = re.compile(rf"^[{SPACE}]*(?:{_NUMBER_PATTERN})", re.MULTILINE)
_BARE_NUMERAL = re.compile(rf"[{_CN}]{{1,3}}(?=[{HAN}0-9“《])")
# A line start as the newline before it (searched in "\n" + text): re scans for a literal fast,
# for ^ under re.MULTILINE at every character.
_LINE_LEVEL1 = re.compile(rf"\n[{SPACE}]*(?:([{_CN}]{{1,3}})、|{_BARE_NUMERAL.pattern})")
_RUN_TOGETHER = re.compile(
    rf"(?<![{_CN}第])(?<=[{HAN}。！？；!?;])"
    rf"(?:(?P<l1>[{_CN}]{{1,3}})、|(?P<l2o>[（(])(?P<l2>[{_CN}]{{1,3}})(?P<l2c>[）)]))"
    rf"(?![{_CN}])(?=[{HAN}]|[0-9]{{1,4}}[年月])"
)
# Cheap prefilter (a leading character class lets the regex engine skip ahead fast).
_RUN_CANDIDATE = re.compile(rf"[{_CN}（(][{_CN}]{{0,3}}[、）)]")
_SENTENCE_MARK = re.compile(f"[{SENTENCE_MARKS}]")
_ENUMERATION = re.compile(rf"([{_CN}]{{1,3}})是")
_ENUMERATION_END = re.compile(rf"是(?<=[{_CN}]是)")
_ENUMERATION_AFTER = frozenset("。；，、：！？;,:!?\n" + SPACE)


@dataclass(slots=True, unsafe_hash=True)
class HeadingNumber:
    """A heading number found in a text: its style, value, span and how it deviates.

    Not frozen (it costs several times more to build, on every numbered line): a value.
    """

    style: NumberStyle
    ordinal: int
    start: int
    end: int
    half_width: bool = False  # (一) or (1)
    dunhao: bool = False  # 1、 at level 3
    missing_dunhao: bool = False  # 一 with no 、 (the bare-numeral rule)
    run_together: bool = False  # inside a line of text

    @property
    def level(self) -> int:
        """The GB/T 9704 level (1 to 4)."""
        return LEVEL_OF_STYLE[self.style]

    @property
    def canonical(self) -> str:
        """The number as GB/T 9704 writes it."""
        return format_number(self.level, self.ordinal)


def number_from_match(match: re.Match[str], *, run_together: bool = False) -> HeadingNumber | None:
    """The number a `NUMBER_AT`/`LINE_NUMBERS` match found (None for an invalid numeral)."""
    last = match.lastgroup  # the group closing the number names its form
    half_width = dunhao = False
    if last == "l1":
        style, ordinal = NumberStyle.CHINESE_DUNHAO, _NUMERALS.get(match.group("l1"), 0)
    elif last == "l2c":
        style, ordinal = NumberStyle.CHINESE_PAREN, _NUMERALS.get(match.group("l2"), 0)
        half_width = match.group("l2o") == "(" or match.group("l2c") == ")"
    elif last == "l4c":
        style, ordinal = NumberStyle.ARABIC_PAREN, int(match.group("l4"))
        half_width = match.group("l4o") == "(" or match.group("l4c") == ")"
    else:
        style, ordinal = NumberStyle.ARABIC_DOT, int(match.group("l3"))
        dunhao = last == "l3d"
    if not ordinal:
        return None
    return HeadingNumber(
        style,
        ordinal,
        _number_start(match),
        match.end(),
        half_width=half_width,
        dunhao=dunhao,
        run_together=run_together,
    )


def _number_start(match: re.Match[str]) -> int:
    """Where the number itself starts (after any indentation the pattern skipped)."""
    text = match.string
    start = match.start()
    while start < match.end() and text[start] in SPACE:
        start += 1
    return start


def parse_number(written: str) -> HeadingNumber | None:
    """The heading number ``written`` is exactly (``"（三）"`` -> level 2, 3), or None."""
    match = NUMBER_AT.fullmatch(written)
    return number_from_match(match) if match is not None else None


def followed_by_own_kind(text: str, number: HeadingNumber, end: int) -> bool:
    """Whether a number is followed by another of its kind (``2、3月份``, ``二、三产业``)."""
    following = text[number.end] if number.end < end else ""
    kind = _CN if number.style in CHINESE_STYLES else ARABIC_DIGITS
    return bool(following) and following in kind


def _leading_numeral(text: str, start: int, end: int) -> re.Match[str] | None:
    """A numeral opening ``[start, end)`` that does not start an ordinary word (``一把手``)."""
    rule = numbering_table().bare_numeral
    match = _BARE_NUMERAL.match(text, start, end)
    if match is None or numeral_value(match.group()) is None:
        return None
    if text[match.end()] in _followers() or text.startswith(rule.words, start):
        return None
    return match


@cache
def _followers() -> frozenset[str]:
    """The bare-numeral rule's follower characters (a set built once, not on every line)."""
    return numbering_table().bare_numeral.follower_set


def bare_numeral(text: str, start: int, end: int, expected: int) -> HeadingNumber | None:
    """A short line ``[start, end)`` opening with the expected level-1 numeral and no 、."""
    if end - start > numbering_table().bare_numeral.max_line_chars:
        return None
    match = _leading_numeral(text, start, end)
    if match is None or numeral_value(match.group()) != expected:
        return None
    if _SENTENCE_MARK.search(text, start, end):
        return None
    return HeadingNumber(
        NumberStyle.CHINESE_DUNHAO, expected, match.start(), match.end(), missing_dunhao=True
    )


_NUMBER_FIRST = frozenset(_CN + ARABIC_DIGITS + "（(")  # what a heading number starts with


def line_number(text: str, start: int, end: int, expected: Expected) -> HeadingNumber | None:
    """The heading number a trimmed line ``[start, end)`` opens with, if it is a heading."""
    if start >= end or text[start] not in _NUMBER_FIRST:
        return None
    match = NUMBER_AT.match(text, start, end)
    if match is None:
        return bare_numeral(text, start, end, expected(1))
    number = number_from_match(match)
    if number is None:
        return None
    if followed_by_own_kind(text, number, end) and number.ordinal != expected(number.level):
        return None  # a list of numbers, not a heading
    return number


def run_together_number(
    text: str, start: int, end: int, expected: Expected, heading_level: int | None = None
) -> HeadingNumber | None:
    """The first heading number glued inside ``[start, end)`` that continues the numbering.

    From 二 on, the expected number of its level; on a heading line (``heading_level`` is the
    level of the heading it starts with), also the first number one level down
    (``一、主要工作开展情况（一）持续优化营商环境``).
    """
    for candidate in _RUN_CANDIDATE.finditer(text, start, end):
        match = _RUN_TOGETHER.match(text, candidate.start(), end)
        if match is None:
            continue
        number = number_from_match(match, run_together=True)
        if number is None:
            continue
        wanted = expected(number.level)
        first_child = heading_level is not None and number.level == heading_level + 1
        if number.ordinal == wanted and (wanted >= 2 or first_child):
            return number
    return None


class RunTogetherSpans:
    """The spans of the candidates for run-together numbers in a whole text, found in one scan.

    `possible` is False only where `run_together_number` cannot find anything: a candidate it
    finds in ``[start, end)`` either is found by the whole-text scan too or lies inside a span
    of it that reaches into ``[start, end)``.
    """

    __slots__ = ("ends", "starts")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for candidate in _RUN_CANDIDATE.finditer(text):
            self.starts.append(candidate.start())
            self.ends.append(candidate.end())

    def possible(self, start: int, end: int) -> bool:
        """Whether a candidate span overlaps ``[start, end)``."""
        index = bisect_right(self.ends, start)
        return index < len(self.starts) and self.starts[index] < end


@dataclass(frozen=True)
class EnumerationMarker:
    """An in-paragraph ``一是``/``二是`` marker at a paragraph or clause start."""

    ordinal: int
    start: int
    end: int


def enumeration_markers(text: str) -> Iterator[EnumerationMarker]:
    """The ``X是`` markers of a text that stand at its start or after punctuation or a space.

    Found from each 是 after a numeral (rarer than numerals), the numeral read backwards.
    """
    numeral_chars = _CN
    for match in _ENUMERATION_END.finditer(text):
        end = match.start()
        at = end - 1
        while at > end - 3 and at > 0 and text[at - 1] in numeral_chars:
            at -= 1
        ordinal = numeral_value(text[at:end])
        if ordinal is not None and (at == 0 or text[at - 1] in _ENUMERATION_AFTER):
            yield EnumerationMarker(ordinal, at, end + 1)


def leading_enumeration(text: str) -> EnumerationMarker | None:
    """The ``一是`` marker a text starts with, if any."""
    match = _ENUMERATION.match(text)
    ordinal = numeral_value(match.group(1)) if match is not None else None
    return EnumerationMarker(ordinal, 0, match.end()) if match and ordinal else None


def may_restart_level1(text: str) -> bool:
    """Whether a line opens with ``一、`` after an earlier line opened with a Chinese numeral.

    A cheap test before looking for the summaries of a compilation.
    """
    seen = False
    for match in _LINE_LEVEL1.finditer("\n" + text):
        if seen and match.group(1) == "一":
            return True
        seen = True
    return False


def starts_numbered(line: str) -> bool:
    """Whether a trimmed line opens with a written heading number or an ``一是`` marker."""
    return NUMBER_AT.match(line) is not None or leading_enumeration(line) is not None


def strip_number(title: str) -> str:
    """A title without the number or ``一是`` marker it starts with, if any.

    A bare numeral (``一加强队伍建设``) counts unless it starts an ordinary word (``一年来``).
    """
    stripped = title.strip()
    match = NUMBER_AT.match(stripped)
    if match is not None and number_from_match(match) is not None:
        return stripped[match.end() :].lstrip(SPACE)
    marker = leading_enumeration(stripped)
    if marker is not None:
        return stripped[marker.end :].lstrip(SPACE)
    bare = _leading_numeral(stripped, 0, len(stripped))
    return stripped[bare.end() :].lstrip(SPACE) if bare is not None else stripped
