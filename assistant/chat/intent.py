"""Reading a chat conversation: which outline the writer wants, or what to ask them for.

Each user message is read for an office (``县农机局``; a unit the corpus lacks, such as
``教育局``, by a word ending in 局/委/办/政府/中心/街道...), a period, a topic, a request to expand
a part of the previous outline (``把第二部分展开一点``) and whether it asks for a summary at all.
The conversation's request is the fold of its user messages in order: a later message overrides
what it names (``换成园区的`` changes only the office, ``改成年度的`` only the period), a new
request that names an office and asks for a summary starts afresh, and a change of office,
period or topic drops earlier expansions. What the latest message is decides the action: an
outline, or a short reply asking for what is missing. Word lists live in ``data/intent.yaml``;
periods, topics and the words naming each part are the genre table's.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from assistant.corpus.office_types import office_table
from assistant.errors import InputError
from assistant.genre.numbering import ORDINAL_PATTERN, ordinal_value
from assistant.genre.periods import find_period as find_asked_period
from assistant.genre.table import Role, genre_table
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "intent.yaml"

Action = Literal["outline", "need_office", "off_topic", "courtesy", "expand_which"]


class OfficeWords(Table):
    """How a unit the corpus lacks is recognised in a message."""

    suffixes: tuple[str, ...] = Field(min_length=1)
    standalone: tuple[str, ...]
    max_chars: int = Field(gt=0)
    boundaries: str
    level_prefixes: tuple[str, ...]
    not_units: tuple[str, ...]


class ExpandWords(Table):
    """How a writer asks to expand a part, and by how much one request expands it."""

    verbs: tuple[str, ...] = Field(min_length=1)
    target: str = Field(min_length=1)
    part_phrases: int = Field(ge=0)
    child_phrases: int = Field(ge=0)

    @field_validator("target")
    @classmethod
    def _compiles(cls, target: str) -> str:
        _compile_target(target)
        return target

    @property
    def target_pattern(self) -> re.Pattern[str]:
        """The target regex, ``{ordinal}`` filled in by the numbering module's pattern."""
        return _compile_target(self.target)


@functools.cache
def _compile_target(target: str) -> re.Pattern[str]:
    try:
        return re.compile(target.format(ordinal=ORDINAL_PATTERN))
    except (re.error, KeyError, IndexError) as error:
        raise ValueError(f"not a valid pattern: {error}") from None


class Replies(Table):
    """Reply templates (Markdown); ``{name}`` fields are filled in by the service."""

    off_topic: str
    need_office: str
    courtesy: str
    expand_which: str
    understood: str
    topic: str
    expanded: str
    expanded_none: str
    expand_missing: str
    expand_role_missing: str
    follow_up: str
    llm_failed: str
    llm_interrupted: str


Reply = Literal[
    "off_topic",
    "need_office",
    "courtesy",
    "expand_which",
    "understood",
    "topic",
    "expanded",
    "expanded_none",
    "expand_missing",
    "expand_role_missing",
    "follow_up",
    "llm_failed",
    "llm_interrupted",
]


class IntentTable(Table):
    """``data/intent.yaml``."""

    office: OfficeWords
    request_words: tuple[str, ...] = Field(min_length=1)
    expand: ExpandWords
    courtesy: tuple[str, ...]
    replies: Replies


@functools.cache
def intent_table() -> IntentTable:
    """The chat's word lists and reply texts, validated (once per process)."""
    return load_table(DATA_FILE, IntentTable)


def reply_text(name: Reply, **fields: object) -> str:
    """A reply from the table, its ``{fields}`` filled in."""
    template: str = getattr(intent_table().replies, name)
    return template.strip().format(**fields)


@dataclass(frozen=True)
class ExpandTarget:
    """The outline part a writer asks to expand: by number or by what it is about."""

    ordinal: int | None = None  # 1-based part number
    role: Role | None = None
    word: str = ""  # how the writer named it


@dataclass(frozen=True)
class Reading:
    """What one user message says."""

    office: str | None = None  # the office as the writer wrote it (县农机局, 教育局)
    period: str | None = None  # canonical period
    topic: str | None = None
    wants_expansion: bool = False
    target: ExpandTarget | None = None
    asks_summary: bool = False
    courtesy: bool = False

    @property
    def relevant(self) -> bool:
        """Whether the message is about a summary at all."""
        return bool(
            self.office or self.period or self.topic or self.wants_expansion or self.asks_summary
        )


@dataclass(frozen=True)
class ChatIntent:
    """What to answer: the action, and for an outline the request and the parts to expand."""

    action: Action
    office: str | None = None
    period: str | None = None
    topic: str | None = None
    expansions: tuple[ExpandTarget, ...] = ()


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


def find_period(text: str) -> str | None:
    """The canonical period a message names, if any."""
    try:
        found = find_asked_period(text, datetime.date.today()) if text.strip() else None
    except InputError:
        return None
    return found.name if found else None


def find_topic(text: str) -> str | None:
    """The topic whose longest alias the message contains, if any."""
    return genre_table().find_topic(text)


def find_target(text: str) -> ExpandTarget | None:
    """Which part an expansion request names: ``第二部分`` or ``问题部分``."""
    match = intent_table().expand.target_pattern.search(text)
    if match:
        ordinal = ordinal_value(match.group(1))
        if ordinal:
            return ExpandTarget(ordinal=ordinal, word=match.group())
    for part in genre_table().parts:
        for word in part.aliases:
            if word in text:
                return ExpandTarget(role=part.role, word=word)
    return None


def read_message(text: str) -> Reading:
    """What one user message says."""
    text = unicodedata.normalize("NFKC", text).strip()
    table = intent_table()
    lowered = text.lower()
    wants_expansion = any(verb in text for verb in table.expand.verbs)
    return Reading(
        office=find_office(text),
        period=find_period(text),
        topic=find_topic(text),
        wants_expansion=wants_expansion,
        target=find_target(text) if wants_expansion else None,
        asks_summary=any(word in text for word in table.request_words),
        courtesy=any(word in lowered for word in table.courtesy),
    )


def understand(user_messages: Sequence[str]) -> ChatIntent:
    """The conversation's request, from its user messages in order (the latest last)."""
    office: str | None = None
    period: str | None = None
    topic: str | None = None
    expansions: list[ExpandTarget] = []
    last_target: ExpandTarget | None = None
    latest = Reading()
    for text in user_messages:
        latest = read_message(text)
        fresh = latest.office is not None and latest.asks_summary
        if latest.office or latest.period or latest.topic or fresh:
            expansions = []
        office = latest.office or office
        period = latest.period if fresh else latest.period or period
        topic = latest.topic if fresh else latest.topic or topic
        if latest.wants_expansion and not fresh:
            target = latest.target or last_target
            if target is not None:
                expansions.append(target)
                last_target = target
    return ChatIntent(
        action=_action(latest, office, expansions, last_target),
        office=office,
        period=period,
        topic=topic,
        expansions=tuple(expansions),
    )


def _action(
    latest: Reading,
    office: str | None,
    expansions: list[ExpandTarget],
    last_target: ExpandTarget | None,
) -> Action:
    if not latest.relevant:
        return "courtesy" if latest.courtesy else "off_topic"
    if office is None:
        return "need_office"
    if latest.wants_expansion and latest.office is None and last_target is None:
        return "expand_which"
    return "outline"
