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

from assistant.corpus.text import LEADING_YEAR, SLOT, full_width, slotify
from assistant.genre.numbering import enumeration_markers

TERMINATORS = "。！？"
CLAUSE_BREAKS = "，；："
BOUNDARIES = CLAUSE_BREAKS + TERMINATORS  # where a suggestion may end
CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
HAN_OR_MARK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
_NON_BMP = re.compile(r"[^\u0000-\uffff]")
_SPACES = re.compile(rf"(?<=[{HAN_OR_MARK}])[ \t\u3000]+|[ \t\u3000]+(?=[{HAN_OR_MARK}])")
_STRAY_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])")
_FINAL_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=\s*$)")
_NEEDS_PREPARING = re.compile(r"[^\u0000-\uffff]|[ \t\u3000.]")
_RAW_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")


def normalize(text: str) -> str:
    """Full-width punctuation, slots for figures and names, BMP only (see the module doc)."""
    if _NEEDS_PREPARING.search(text):
        text = _NON_BMP.sub("□", text)
        text = _SPACES.sub("", text)
        text = _STRAY_DOT.sub("", text)
        text = _FINAL_DOT.sub("。", text)
    return full_width(slotify(text, names=False))


def normalize_title(raw: str) -> str:
    """A heading title as suggested: normalised, no final mark, no leading year slot or 是."""
    title = normalize(raw.strip()).rstrip(BOUNDARIES + "、")
    title = LEADING_YEAR.sub("", title)
    return title[1:] if title.startswith("是") and len(title) > 3 else title


def raw_sentences(text: str) -> list[str]:
    """Sentences of raw corpus text (split after ``。！？`` and at line ends), stripped."""
    return [part.strip() for part in _RAW_SENTENCE_END.split(text) if part.strip()]


def has_content(text: str, minimum: int = 1) -> bool:
    """Whether the text has at least ``minimum`` word characters outside slots."""
    bare = SLOT.sub("", text) if "〔" in text else text
    if minimum == 1:
        return CONTENT.search(bare) is not None
    return len(CONTENT.findall(bare)) >= minimum


def enumeration_items(unit: str) -> list[tuple[int, int, str]]:
    """``(ordinal, offset of the marker, head)`` of each ``一是/二是…`` at a clause start.

    The head is the text after the marker up to its first boundary, the boundary included.
    """
    items = []
    for marker in enumeration_markers(unit):
        rest = unit[marker.end :]
        end = next((i for i, char in enumerate(rest) if char in BOUNDARIES), len(rest) - 1)
        items.append((marker.ordinal, marker.start, rest[: end + 1]))
    return items


def strip_boundary(text: str) -> str:
    """The text without its final boundary mark (how enumeration heads are compared)."""
    return text[:-1] if text and text[-1] in BOUNDARIES else text
