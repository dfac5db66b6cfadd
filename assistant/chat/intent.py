"""The chat's word lists (``data/intent.yaml``) and how a message names a unit, period, topic.

Office words find a unit in a message: a corpus office alias with the level before it
(``县农机局``), else any word ending in a unit suffix (``教育局``, ``城关镇``, ``街道办``).
Topics are the genre table's; periods, years and office profiles are read by
`assistant.outline.request.read_request` (see `assistant.chat.facts`). The lists that tell what
a writer wants (an edit, a first draft, a check ...) and how they name a part are read by
`assistant.chat.reading` and `assistant.chat.refs`; they are validated here, once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import Field, field_validator

from assistant.corpus.office_types import office_table
from assistant.genre.numbering import ORDINAL_PATTERN
from assistant.genre.table import genre_table
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "intent.yaml"


class OfficeWords(Table):
    """How a unit the corpus lacks is recognised in a message."""

    suffixes: tuple[str, ...] = Field(min_length=1)
    standalone: tuple[str, ...]
    max_chars: int = Field(gt=0)
    boundaries: str
    level_prefixes: tuple[str, ...]
    not_units: tuple[str, ...]


def compile_pattern(pattern: str, **fields: str) -> re.Pattern[str]:
    """A pattern of the word lists, ``{ordinal}`` (and other ``{fields}``) filled in."""
    for name, value in {"ordinal": ORDINAL_PATTERN, **fields}.items():
        pattern = pattern.replace("{" + name + "}", value)
    try:
        return re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a valid pattern: {error}") from None


class AskWords(Table):
    """The words telling what a writer wants (see ``data/intent.yaml``)."""

    undo: tuple[str, ...] = Field(min_length=1)
    draft: tuple[str, ...] = Field(min_length=1)
    check: tuple[str, ...] = Field(min_length=1)
    check_min_chars: int = Field(gt=0)
    paste_min_chars: int = Field(gt=0)
    question: tuple[str, ...] = Field(min_length=1)
    model_only: tuple[str, ...] = Field(min_length=1)
    delete: tuple[str, ...] = Field(min_length=1)
    exclude: tuple[str, ...] = Field(min_length=1)
    exclude_kinds: dict[str, str] = Field(min_length=1)
    exclude_default_slot: str
    exclude_fillers: tuple[str, ...]
    add: tuple[str, ...] = Field(min_length=1)
    add_fillers: tuple[str, ...]
    add_tails: tuple[str, ...]
    move: tuple[str, ...] = Field(min_length=1)
    swap: tuple[str, ...] = Field(min_length=1)
    last: tuple[str, ...] = Field(min_length=1)
    first: tuple[str, ...] = Field(min_length=1)
    after: tuple[str, ...] = Field(min_length=1)
    before: tuple[str, ...] = Field(min_length=1)
    up: tuple[str, ...] = Field(min_length=1)
    down: tuple[str, ...] = Field(min_length=1)
    inside: tuple[str, ...] = Field(min_length=1)
    rename: tuple[str, ...] = Field(min_length=1)
    title_words: tuple[str, ...] = Field(min_length=1)
    expand: tuple[str, ...] = Field(min_length=1)
    shorten: tuple[str, ...] = Field(min_length=1)
    more: str
    fewer: str
    counts: dict[str, int] = Field(min_length=1)
    more_default: int = Field(gt=0)
    change: tuple[str, ...] = Field(min_length=1)

    @field_validator("more", "fewer")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        compile_pattern(pattern, count="[0-9]+")
        return pattern

    @field_validator("exclude_kinds")
    @classmethod
    def _known_slots(cls, kinds: dict[str, str]) -> dict[str, str]:
        from assistant.genre.phrasing import slot

        for name in kinds.values():
            slot(name)
        return kinds

    def count_pattern(self, name: str) -> re.Pattern[str]:
        """The ``more`` or ``fewer`` pattern, compiled."""
        return _compiled(getattr(self, name), "".join(self.counts) + "0-9")


@functools.cache
def _compiled(pattern: str, counts: str) -> re.Pattern[str]:
    return compile_pattern(pattern, count=f"[{counts}]+")


class RefWords(Table):
    """How a writer names a part of the outline (see ``data/intent.yaml``)."""

    part: str
    child: str
    number: str
    opening: tuple[str, ...] = Field(min_length=1)
    closing: tuple[str, ...] = Field(min_length=1)
    last: tuple[str, ...] = Field(min_length=1)
    focus: tuple[str, ...] = Field(min_length=1)
    quoted: str
    about: str
    about_ignore: tuple[str, ...]

    @field_validator("part", "child", "number", "quoted", "about")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        compile_pattern(pattern)
        return pattern

    def pattern(self, name: str) -> re.Pattern[str]:
        """One of the patterns, compiled."""
        return _compiled(getattr(self, name), "0-9")


class IntentTable(Table):
    """``data/intent.yaml``."""

    office: OfficeWords
    request_words: tuple[str, ...] = Field(min_length=1)
    courtesy: tuple[str, ...]
    typos: dict[str, str]
    asks: AskWords
    refs: RefWords


@functools.cache
def intent_table() -> IntentTable:
    """The chat's word lists, validated (once per process)."""
    return load_table(DATA_FILE, IntentTable)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _mask(text: str, words: Sequence[str]) -> str:
    """The text with words that only look like units blanked out (same length)."""
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "_" * len(word))
    return text


def _known_office(text: str) -> str | None:
    """The longest span of corpus office aliases in the text, with the level before it.

    Adjacent aliases are joined (园区|管委会) and a level prefix kept (县|农机局).
    """
    spans: list[tuple[int, int]] = []
    table = office_table()
    for name in table.names:
        for alias in set(table.names_of(name)):
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(alias), text)]
    if not spans:
        return None
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    start, end = max(merged, key=lambda span: (span[1] - span[0], -span[0]))
    prefixes = intent_table().office.level_prefixes
    for prefix in sorted(prefixes, key=len, reverse=True):
        if text[:start].endswith(prefix):
            return text[start - len(prefix) : end]
    return text[start:end]


def _unit_word(text: str) -> str | None:
    """The first word naming a unit by its suffix (教育局, 城关镇, 街道办), if any."""
    table = intent_table().office
    masked = _mask(text, table.not_units)
    boundaries = set(table.boundaries)
    found: list[tuple[int, int]] = []
    for suffix in sorted(table.suffixes, key=len, reverse=True):
        for match in re.finditer(re.escape(suffix), masked):
            start = match.start()
            while (
                start > 0
                and match.start() - start < table.max_chars
                and _is_han(masked[start - 1])
                and masked[start - 1] not in boundaries
            ):
                start -= 1
            if start == match.start() and suffix not in table.standalone:
                continue
            found.append((start, match.end()))
    if not found:
        return None
    start, end = min(found, key=lambda span: (span[0], -span[1]))
    return text[start:end]


def find_office(text: str) -> str | None:
    """The office a message names, as written: a corpus alias first, then any unit word."""
    return _known_office(text) or _unit_word(text)


def find_topic(text: str) -> str | None:
    """The topic whose longest alias the message contains, if any."""
    return genre_table().find_topic(text)
