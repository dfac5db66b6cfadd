"""Sentences, clauses and normalised text for autocomplete.

Everything the autocomplete indexes or matches goes through `normalize` first, corpus text and
the writer's draft alike, so both sides meet in one form:

- characters outside the Basic Multilingual Plane become ``□`` (the suffix index packs 16-bit
  code units); spaces next to Chinese text are removed; a stray ``.`` between Chinese
  characters is dropped and one ending a Chinese sentence becomes ``。``;
- concrete figures and template placeholders become visible slots, in the outline builder's
  vocabulary: years (``2026年``, ``20xx年``, ``xxxx年``) -> ``〔年份〕年``; numbers, decimals,
  ranges and ``x`` placeholders before a unit (``3000``, ``xx.x亿元``, ``x月``, ``x-x月份``)
  -> ``〔数字〕``; an ``x`` placeholder before other text (``xx有限公司``, ``x县长``) ->
  ``〔名称〕``. Digits glued to Latin letters (``4A级``) stay. Names written out in full are
  not guessed at: such guesses (``促进社区`` taken for a place) damage more than they hide;
- half-width ``, : ; ? !`` next to Chinese text, ``( )`` around or after Chinese text and
  straight double quotes become full-width ``，：；？！（）“”``.
"""

from __future__ import annotations

import re

TERMINATORS = "。！？"
CLAUSE_BREAKS = "，；："
BOUNDARIES = CLAUSE_BREAKS + TERMINATORS  # where a suggestion may end
CUT_AT = BOUNDARIES + "、"
CHINESE_NUMERALS = "一二三四五六七八九十"
SLOT = re.compile(r"〔[^〕]*〕")
CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
HAN_OR_MARK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
_NON_BMP = re.compile(r"[^\u0000-\uffff]")
_SPACES = re.compile(rf"(?<=[{HAN_OR_MARK}])[ \t\u3000]+|[ \t\u3000]+(?=[{HAN_OR_MARK}])")
_STRAY_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])")
_FINAL_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=\s*$)")
_HAN = "\u4e00-\u9fff"
_UNITS = (
    "%％亿万千百个项件家次人名户元位亩平座天期篇条所村镇乡月日台套号批吨米倍份册口头届周岁级多余"
)
_YEAR_PART = r"(?:(?:19|20)(?:\d\d|[xX×]{2})|[xX×]{4})"
_X_NUMBER = r"[xX×]+(?:[.．][xX×]+)?"
_ARABIC = r"\d+(?:,\d{3})*(?:[.．]\d+)?"
_SLOTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<![A-Za-z\d]){_YEAR_PART}(?:[-～~至]{_YEAR_PART})?年"), "〔年份〕年"),
    (
        re.compile(rf"(?<![A-Za-z]){_X_NUMBER}(?:[-～~至]{_X_NUMBER})?(?=[{_UNITS}])"),
        "〔数字〕",
    ),
    (re.compile(rf"(?<![A-Za-z\d]){_ARABIC}(?:[-～~至]{_ARABIC})?(?![A-Za-z\d])"), "〔数字〕"),
    (re.compile(rf"(?<![A-Za-z])[xX×]{{1,4}}(?=[{_HAN}])"), "〔名称〕"),
    (re.compile(r"(?<![A-Za-z])[xX×]+(?![A-Za-z])"), "〔数字〕"),
)
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF_MARK = re.compile(rf"(?<=[{_HAN}〕）”%％])[,:;?!]|[,:;?!](?=[{_HAN}“（〔])")
_PARENS = re.compile(rf"(?<=[{_HAN}])\(([^()\n]*)\)|\(([^()\n]*[{_HAN}][^()\n]*)\)")
_QUOTES = re.compile(r'"([^"\n]*)"')
_DIGIT_VALUES = {char: i + 1 for i, char in enumerate(CHINESE_NUMERALS[:9])}
_PIECE = re.compile(f"[{BOUNDARIES}]*[^{BOUNDARIES}\x00]*[{BOUNDARIES}]?")
_NEEDS_PREPARING = re.compile(r"[^\u0000-\uffff]|[ \t\u3000.]")
_NEEDS_SLOTS = re.compile(r"[\dxX×]")
_NEEDS_MARKS = re.compile(r'[,:;?!()"]')
_LEADING_YEAR = re.compile(r"^〔年份〕年(?=[\u4e00-\u9fff])")
_RAW_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")
_ENUMERATION = re.compile(
    rf"(?:^|(?<=[{TERMINATORS}{CLAUSE_BREAKS}\n]))([{CHINESE_NUMERALS}]{{1,2}})是"
)


def normalize(text: str) -> str:
    """Full-width punctuation, slots for figures and names, BMP only (see the module doc)."""
    if _NEEDS_PREPARING.search(text):
        text = _NON_BMP.sub("□", text)
        text = _SPACES.sub("", text)
        text = _STRAY_DOT.sub("", text)
        text = _FINAL_DOT.sub("。", text)
    if _NEEDS_SLOTS.search(text):
        for pattern, slot in _SLOTS:
            text = pattern.sub(slot, text)
    if _NEEDS_MARKS.search(text):
        text = _PARENS.sub(lambda m: f"（{m.group(1) or m.group(2) or ''}）", text)
        text = _QUOTES.sub(r"“\1”", text)
        text = _HALF_MARK.sub(lambda m: _HALF_TO_FULL[m.group()], text)
    return text


def slot_count(text: str) -> int:
    """How many slots the text has."""
    return len(SLOT.findall(text))


def normalize_title(raw: str) -> str:
    """A heading title as suggested: normalised, no final mark, no leading year slot or 是."""
    title = normalize(raw.strip()).rstrip(BOUNDARIES + "、")
    title = _LEADING_YEAR.sub("", title)
    return title[1:] if title.startswith("是") and len(title) > 3 else title


def raw_sentences(text: str) -> list[str]:
    """Sentences of raw corpus text (split after ``。！？`` and at line ends), stripped."""
    return [part.strip() for part in _RAW_SENTENCE_END.split(text) if part.strip()]


def clause_starts(unit: str) -> list[int]:
    """Offsets where a clause begins: 0 and after every ``，；：`` inside the unit."""
    return [0] + [i + 1 for i, char in enumerate(unit[:-1]) if char in CLAUSE_BREAKS]


def has_content(text: str, minimum: int = 1) -> bool:
    """Whether the text has at least ``minimum`` word characters outside slots."""
    bare = SLOT.sub("", text) if "〔" in text else text
    if minimum == 1:
        return CONTENT.search(bare) is not None
    return len(CONTENT.findall(bare)) >= minimum


def cut_continuation(rest: str, max_chars: int) -> str | None:
    """What follows the cursor up to the first boundary (inclusive), or None if unusable.

    Leading boundary marks are kept (``，`` then the next clause); the cut is at the first
    ``，；：。！？`` after some content. A clause longer than ``max_chars`` is cut at its last
    ``、`` within the limit, or dropped.
    """
    match = _PIECE.match(rest)
    piece = match.group() if match else ""
    if len(piece) > max_chars:
        start = len(piece) - len(piece.lstrip(BOUNDARIES))
        comma = piece.rfind("、", start, max_chars)
        if comma <= start:
            return None
        piece = piece[:comma]
    piece = piece.rstrip("、")
    return piece if has_content(piece) else None


def numeral(value: int) -> str:
    """The Chinese numeral for 1..99 (十, 十一, 二十一)."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十")
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


def numeral_value(text: str) -> int:
    """The value of a Chinese numeral of 1..99 (0 when it is not one)."""
    digits = _DIGIT_VALUES
    if not text or any(char not in digits and char != "十" for char in text):
        return 0
    if "十" not in text:
        return digits[text] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def enumeration_items(unit: str) -> list[tuple[int, int, str]]:
    """``(ordinal, offset of the marker, head)`` of each ``一是/二是…`` at a clause start.

    The head is the text after the marker up to its first boundary, the boundary included.
    """
    items = []
    for match in _ENUMERATION.finditer(unit):
        ordinal = numeral_value(match.group(1))
        if ordinal == 0:
            continue
        rest = unit[match.end() :]
        end = next((i for i, char in enumerate(rest) if char in BOUNDARIES), len(rest) - 1)
        items.append((ordinal, match.start(), rest[: end + 1]))
    return items


def strip_boundary(text: str) -> str:
    """The text without its final boundary mark (how enumeration heads are compared)."""
    return text[:-1] if text and text[-1] in BOUNDARIES else text
