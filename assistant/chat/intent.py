"""Reading a chat conversation: which outline the writer wants, or what to ask them for.

Each user message is read for an office (``县农机局``; a unit the corpus lacks, such as
``教育局``, by a word ending in 局/委/办/政府/中心/街道...), a period, a topic, a request to expand
a part of the previous outline (``把第二部分展开一点``) and whether it asks for a summary at all.
The conversation's request is the fold of its user messages in order: a later message overrides
what it names (``换成园区的`` changes only the office, ``改成年度的`` only the period), a new
request that names an office and asks for a summary starts afresh, and a change of office,
period or topic drops earlier expansions. What the latest message is decides the action: an
outline, or a short reply asking for what is missing. Word lists live in ``data/intent.yaml``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.corpus.metadata import office_tables
from assistant.errors import InputError
from assistant.genre.numbering import ORDINAL_PATTERN, ordinal_value
from assistant.outline.request import normalize_period

DATA_FILE = Path(__file__).parent / "data" / "intent.yaml"

Action = Literal["outline", "need_office", "off_topic", "courtesy", "expand_which"]


@functools.cache
def intent_table() -> dict[str, Any]:
    """The chat's word lists and reply texts."""
    data: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return data


def reply_text(name: str, **fields: object) -> str:
    """A reply from the table, its ``{fields}`` filled in."""
    return str(intent_table()["replies"][name]).strip().format(**fields)


@dataclass(frozen=True)
class ExpandTarget:
    """The outline part a writer asks to expand: by number or by what it is about."""

    ordinal: int | None = None  # 1-based part number
    role: str | None = None
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
    for name, entry in office_tables()["office_types"].items():
        for alias in {name, *entry["aliases"]}:
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
    prefixes: list[str] = intent_table()["office"]["level_prefixes"]
    for prefix in sorted(prefixes, key=len, reverse=True):
        if text[:start].endswith(prefix):
            return text[start - len(prefix) : end]
    return text[start:end]


def _unit_word(text: str) -> str | None:
    """The first word naming a unit by its suffix (教育局, 城关镇, 街道办), if any."""
    table = intent_table()["office"]
    masked = _mask(text, table["not_units"])
    boundaries = set(table["boundaries"])
    found: list[tuple[int, int]] = []
    for suffix in sorted(table["suffixes"], key=len, reverse=True):
        for match in re.finditer(re.escape(suffix), masked):
            start = match.start()
            while (
                start > 0
                and match.start() - start < table["max_chars"]
                and _is_han(masked[start - 1])
                and masked[start - 1] not in boundaries
            ):
                start -= 1
            if start == match.start() and suffix not in table["standalone"]:
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
        return normalize_period(text) if text.strip() else None
    except InputError:
        return None


def find_topic(text: str) -> str | None:
    """The topic whose longest alias the message contains, if any."""
    best: tuple[int, str] | None = None
    for topic, aliases in intent_table()["topics"].items():
        for alias in aliases:
            if alias in text and (best is None or len(alias) > best[0]):
                best = (len(alias), topic)
    return best[1] if best else None


def find_target(text: str) -> ExpandTarget | None:
    """Which part an expansion request names: ``第二部分`` or ``问题部分``."""
    table = intent_table()["expand"]
    match = re.search(table["target"].format(ordinal=ORDINAL_PATTERN), text)
    if match:
        ordinal = ordinal_value(match.group(1))
        if ordinal:
            return ExpandTarget(ordinal=ordinal, word=match.group())
    for role, words in table["roles"].items():
        for word in words:
            if word in text:
                return ExpandTarget(role=role, word=word)
    return None


def read_message(text: str) -> Reading:
    """What one user message says."""
    text = unicodedata.normalize("NFKC", text).strip()
    table = intent_table()
    lowered = text.lower()
    wants_expansion = any(verb in text for verb in table["expand"]["verbs"])
    return Reading(
        office=find_office(text),
        period=find_period(text),
        topic=find_topic(text),
        wants_expansion=wants_expansion,
        target=find_target(text) if wants_expansion else None,
        asks_summary=any(word in text for word in table["request_words"]),
        courtesy=any(word in lowered for word in table["courtesy"]),
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
