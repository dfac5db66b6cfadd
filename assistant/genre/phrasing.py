"""Headings and phrasing patterns as the genre data writes them, checked at load.

A phrasing pattern is a sentence a writer adapts: every fact in it is a visible slot from the
slot vocabulary (``data/slot_names.yaml``: ``〔数字〕``, ``〔地名〕``, ``〔单位名称〕`` ...), so it
has no digits, no ``xx`` placeholders and no half-width punctuation. A heading is a short phrase
usable as a sub-part title: no number, no slot, no final punctuation.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from assistant.genre.numbering import strip_number
from assistant.tables import load_table

DATA_DIR = Path(__file__).parent / "data"
SLOT = re.compile(r"〔([^〔〕]*)〕")
DIGIT = re.compile(r"[0-9０-９]")
PLACEHOLDER = re.compile(r"(?<![A-Za-z])[xX×]{1,4}(?![A-Za-z])")
HALF_WIDTH_MARK = re.compile(r'[,;:?!()"\']')
HEADING_END = "。；，、：！？"
MAX_HEADING_CHARS = 24


class SlotTable(BaseModel):
    """``data/slot_names.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slots: dict[str, str] = Field(min_length=1)


@functools.cache
def slot_names() -> frozenset[str]:
    """The names of the slots phrasing may carry (without the ``〔〕``)."""
    table = load_table(DATA_DIR / "slot_names.yaml", SlotTable)
    return frozenset(table.slots)


def slot(name: str) -> str:
    """The visible slot for a vocabulary name: ``slot('数字') == '〔数字〕'``."""
    if name not in slot_names():
        raise KeyError(f"unknown slot {name!r}")
    return f"〔{name}〕"


def slots_in(text: str) -> list[str]:
    """The slot names a text carries, in order."""
    return SLOT.findall(text)


def _check_common(text: str) -> str:
    if text != text.strip() or not text:
        raise ValueError("must be non-empty and carry no surrounding spaces")
    if DIGIT.search(text):
        raise ValueError(f"{text!r}: a figure must be the slot 〔数字〕, not digits")
    if PLACEHOLDER.search(text):
        raise ValueError(f"{text!r}: a placeholder must be a named slot such as 〔数字〕")
    if HALF_WIDTH_MARK.search(text):
        raise ValueError(f"{text!r}: half-width punctuation; use ，；：？！（）“”")
    unknown = sorted(set(slots_in(text)) - slot_names())
    if unknown:
        raise ValueError(f"{text!r}: unknown slot(s) {unknown}; see data/slot_names.yaml")
    return text


def check_phrase(text: str) -> str:
    """A phrasing pattern: a full sentence ending in ``。``, facts as slots."""
    _check_common(text)
    if not text.endswith("。"):
        raise ValueError(f"{text!r}: a phrasing pattern is a sentence ending in 。")
    return text


def check_heading(text: str) -> str:
    """A sub-part heading: short, no slot, no number, no final punctuation."""
    _check_common(text)
    if slots_in(text):
        raise ValueError(f"{text!r}: a heading carries no slot")
    if strip_number(text) != text:
        raise ValueError(f"{text!r}: a heading is written without its number")
    if len(text) > MAX_HEADING_CHARS:
        raise ValueError(f"{text!r}: a heading has at most {MAX_HEADING_CHARS} characters")
    if text[-1] in HEADING_END:
        raise ValueError(f"{text!r}: a heading ends without punctuation")
    return text


def check_item(text: str) -> str:
    """A problem or next-step item: one clause or sentence, facts as slots, no final ``。``."""
    _check_common(text)
    if text[-1] in HEADING_END:
        raise ValueError(f"{text!r}: an item ends without punctuation")
    return text


def check_term(text: str) -> str:
    """A name, alias or marker word: no slot, no punctuation."""
    _check_common(text)
    if slots_in(text) or re.search(r"[，。；：、！？]", text):
        raise ValueError(f"{text!r}: a term carries no slot or punctuation")
    return text


Phrase = Annotated[str, AfterValidator(check_phrase)]
Heading = Annotated[str, AfterValidator(check_heading)]
Item = Annotated[str, AfterValidator(check_item)]
Term = Annotated[str, AfterValidator(check_term)]


class PhrasedHeading(BaseModel):
    """A sub-part: its heading and 1-3 phrasing patterns for its body."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: Heading
    phrasing: tuple[Phrase, ...] = Field(min_length=1, max_length=3)
