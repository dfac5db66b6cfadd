"""Text clean-up for suggestions: full-width punctuation, sentences, and slots for specifics."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
HAN = r"\u4e00-\u9fff"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
HALF_WIDTH_NEAR_HAN = re.compile(rf"(?<=[{HAN}）”])[,:;?!]|[,:;?!](?=[{HAN}“（])")
PARENS_AROUND_HAN = re.compile(rf"\(([^()]*[{HAN}][^()]*)\)")
STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
SLOT = re.compile(r"〔[^〕]+〕")
HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是]?|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])\s*"
)


def full_width(text: str) -> str:
    """Half-width punctuation in Chinese context replaced by the full-width marks."""
    text = PARENS_AROUND_HAN.sub(r"（\1）", text)
    text = STRAIGHT_QUOTES.sub(r"“\1”", text)
    return HALF_WIDTH_NEAR_HAN.sub(lambda m: HALF_TO_FULL[m.group()], text)


def sentences(text: str) -> list[str]:
    """Sentences (ending in 。！？ or ；) of a paragraph, stripped."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


@dataclass(frozen=True)
class SlotRules:
    """Compiled slot patterns and the place-name exceptions."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]
    place_words: frozenset[str]
    max_slot_share: float


@functools.cache
def slot_rules() -> SlotRules:
    """The slot rules from ``data/slots.yaml``."""
    data = yaml.safe_load((DATA_DIR / "slots.yaml").read_text(encoding="utf-8"))
    return SlotRules(
        patterns=tuple((re.compile(p["pattern"]), p["slot"]) for p in data["patterns"]),
        place_words=frozenset(data["place_words"]),
        max_slot_share=float(data["max_slot_share"]),
    )


def _keep_common_word(match: re.Match[str], slot: str, words: frozenset[str]) -> str:
    found = match.group()
    if slot == "〔地名〕" and any(found.endswith(word) or word in found for word in words):
        return found
    return slot


def slotify(text: str) -> str:
    """Figures, placeholders, names of companies and places replaced by visible slots."""
    rules = slot_rules()
    for pattern, slot in rules.patterns:
        text = pattern.sub(
            functools.partial(_keep_common_word, slot=slot, words=rules.place_words), text
        )
    return re.sub(r"(〔[^〕]+〕)(?:[、和及]\1)+", r"\1", text)


def slot_share(text: str) -> float:
    """The share of a text's characters taken by slots."""
    return sum(len(m.group()) for m in SLOT.finditer(text)) / max(1, len(text))


def clean_heading(title: str) -> str:
    """A heading title for an outline: no number, full-width marks, slots, no final 。."""
    text = full_width(HEADING_NUMBER.sub("", title.strip()))
    text = slotify(text).rstrip("。；，、：")
    return re.sub(r"^〔年份〕年(?=[\u4e00-\u9fff])", "", text)
