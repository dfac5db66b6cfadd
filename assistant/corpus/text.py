"""Text clean-up shared by outlines and autocomplete.

- `full_width`: half-width ``, : ; ? !`` next to Chinese text, ``( )`` around or after Chinese
  text and straight double quotes become ``，：；？！（）“”``;
- `slotify`: concrete figures and template placeholders become visible slots (``〔年份〕年``,
  ``〔数字〕``, ``〔名称〕``), and optionally names of companies and places (``〔单位名称〕``,
  ``〔地名〕``), so no source's facts pass into a new draft as the writer's own. The patterns
  are data (``data/slots.yaml``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, model_validator

from assistant.genre.numbering import strip_number
from assistant.tables import Table, load_table

DATA_DIR = Path(__file__).parent / "data"
HAN = "\u4e00-\u9fff"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
HALF_MARK = re.compile(rf"(?<=[{HAN}〕）”%％])[,:;?!]|[,:;?!](?=[{HAN}“（〔])")
PARENS = re.compile(rf"(?<=[{HAN}])\(([^()\n]*)\)|\(([^()\n]*[{HAN}][^()\n]*)\)")
QUOTES = re.compile(r'"([^"\n]*)"')
NEEDS_MARKS = re.compile(r'[,:;?!()"]')
NEEDS_FIGURE_SLOTS = re.compile(r"[\dxX×]")
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
SLOT = re.compile(r"〔[^〕]*〕")
REPEATED_SLOT = re.compile(r"(〔[^〕]+〕)(?:[、和及]\1)+")
LEADING_YEAR = re.compile(rf"^〔年份〕年(?=[{HAN}])")


def full_width(text: str) -> str:
    """Half-width punctuation in Chinese context replaced by the full-width marks."""
    if not NEEDS_MARKS.search(text):
        return text
    text = PARENS.sub(lambda m: f"（{m.group(1) or m.group(2) or ''}）", text)
    text = QUOTES.sub(r"“\1”", text)
    return HALF_MARK.sub(lambda m: HALF_TO_FULL[m.group()], text)


def sentences(text: str) -> list[str]:
    """Sentences (ending in 。！？ or ；) of a paragraph, stripped."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


@dataclass(frozen=True)
class SlotRules:
    """Compiled slot patterns and the place-name exceptions."""

    figures: tuple[tuple[re.Pattern[str], str], ...]
    names: tuple[tuple[re.Pattern[str], str], ...]
    place_words: frozenset[str]
    max_slot_share: float


class SlotPattern(Table):
    """A pattern (``{units}`` stands for the units' characters) and the slot replacing it."""

    pattern: str = Field(min_length=1)
    slot: str = Field(pattern=r"^〔[^〕]+〕")


class SlotsTable(Table):
    """``data/slots.yaml``."""

    units: str = Field(min_length=1)
    figures: tuple[SlotPattern, ...] = Field(min_length=1)
    names: tuple[SlotPattern, ...]
    place_words: tuple[str, ...]
    max_slot_share: float = Field(gt=0, le=1)

    @model_validator(mode="after")
    def _patterns_compile(self) -> SlotsTable:
        for key, patterns in (("figures", self.figures), ("names", self.names)):
            for index, entry in enumerate(patterns):
                try:
                    re.compile(entry.pattern.replace("{units}", self.units))
                except re.error as error:
                    raise ValueError(f"{key}.{index}.pattern: {error}") from None
        return self


@functools.cache
def slot_rules() -> SlotRules:
    """The slot rules from ``data/slots.yaml``, validated and compiled (once per process)."""
    table = load_table(DATA_DIR / "slots.yaml", SlotsTable)

    def compiled(patterns: tuple[SlotPattern, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple(
            (re.compile(p.pattern.replace("{units}", table.units)), p.slot) for p in patterns
        )

    return SlotRules(
        figures=compiled(table.figures),
        names=compiled(table.names),
        place_words=frozenset(table.place_words),
        max_slot_share=table.max_slot_share,
    )


def _name_slot(match: re.Match[str], slot: str, words: frozenset[str]) -> str:
    found = match.group()
    if slot == "〔地名〕" and any(word in found for word in words):
        return found
    return slot


def slotify(text: str, *, names: bool = True) -> str:
    """Figures and placeholders (and, with ``names``, company and place names) as slots."""
    rules = slot_rules()
    if NEEDS_FIGURE_SLOTS.search(text):
        for pattern, slot in rules.figures:
            text = pattern.sub(slot, text)
    if names:
        for pattern, slot in rules.names:
            replace = functools.partial(_name_slot, slot=slot, words=rules.place_words)
            text = pattern.sub(replace, text)
    return REPEATED_SLOT.sub(r"\1", text) if "〔" in text else text


def slot_share(text: str) -> float:
    """The share of a text's characters taken by slots."""
    return sum(len(m.group()) for m in SLOT.finditer(text)) / max(1, len(text))


def clean_heading(title: str) -> str:
    """A heading title for an outline: no number, full-width marks, slots, no final 。."""
    text = full_width(strip_number(title))
    text = slotify(text).rstrip("。；，、：")
    return LEADING_YEAR.sub("", text)
