"""What the draft before the cursor says about the suggestion wanted, read cheaply per keystroke.

One regex pass finds the draft's numbered heading lines (GB/T 9704 ``一、`` ``（一）`` ``1.``
``（1）``, half-width parentheses and ``1、`` tolerated); their roles come from heading keywords
(`assistant.corpus.roles`) and, failing those, from the genre order. The cursor is then either

- at a heading (the current line is a number, maybe with part of a title and no ``。``): the
  roles the new part may have are inferred from the parts before it (`role_weights`);
- in body text: the role is that of the nearest heading before the cursor, the current sentence
  and clause are what was typed since the last ``。！？`` / ``，；：``, and an enumeration
  (``一是……。二是……``) in the current paragraph is noted so its next item can be offered right
  after an item's first sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from assistant.completion.sentences import (
    CLAUSE_BREAKS,
    TERMINATORS,
    enumeration_items,
    normalize,
    normalize_title,
    strip_boundary,
)
from assistant.corpus.roles import assign_role, child_role, keyword_role
from assistant.genre.numbering import (
    LINE_NUMBERS,
    SPACE,
    HeadingNumber,
    enumeration_marker,
    followed_by_own_kind,
    number_from_match,
)
from assistant.genre.table import Role, genre_table
from assistant.ranking import ranking_table

_TITLE_END = re.compile(r"[。！？]")
LINE_WINDOW = 800  # characters of the current line read for its sentence and enumeration


@dataclass(frozen=True)
class DraftHeading:
    """A numbered heading already in the draft."""

    level: int
    ordinal: int
    title: str  # normalised, without number and final mark
    role: Role


@dataclass(frozen=True)
class EnumerationItem:
    """The last ``X是`` item of the current part."""

    ordinal: int
    head: str  # its first clause, without the final mark


@dataclass
class Cursor:
    """Where the cursor is and what the draft says there."""

    mode: str  # "heading", "body" or "none"
    role: Role | None = None  # body: the role of the part the cursor is in
    sentence: str = ""  # body: the normalised sentence typed so far
    clause: str = ""  # body: its last clause
    enumeration: EnumerationItem | None = None  # body: an item whose successor may be wanted
    item: str = ""  # body: what was typed since the last 。！？；
    level: int = 0  # heading: the level typed
    ordinal: int = 0  # heading: the number typed
    title: str = ""  # heading: the normalised part of the title typed so far
    role_weights: dict[Role, float] = field(default_factory=dict)  # heading: roles it may take
    used_titles: frozenset[str] = frozenset()  # heading titles already in the draft


@functools.lru_cache(maxsize=4096)
def _title(rest: str) -> str:
    return normalize_title(_TITLE_END.split(rest, maxsplit=1)[0])


@functools.lru_cache(maxsize=4096)
def _named_role(title: str) -> Role | None:
    return keyword_role(title)


@functools.lru_cache(maxsize=4096)
def _child_role(title: str, parent: Role) -> Role:
    return child_role(title, parent)


def _resolve_roles(found: list[tuple[int, int, str]]) -> list[DraftHeading]:
    """Roles of the draft's headings: top-level parts in genre order, sub-parts from parents."""
    if not found:
        return []
    top = min(level for level, _, _ in found)
    tops = [title for level, _, title in found if level == top]
    headings: list[DraftHeading] = []
    stack: list[DraftHeading] = []
    previous: Role | None = None
    index = 0  # of the next top-level part
    for level, ordinal, title in found:
        while stack and stack[-1].level >= level:
            stack.pop()
        if level == top or not stack:
            named = _named_role(title)  # else by position, as the parser does
            previous = named or assign_role("", index, max(len(tops), index + 2), previous)
            role = previous
            if level == top:
                index += 1
        else:
            role = _child_role(title, stack[-1].role)
        heading = DraftHeading(level, ordinal, title, role)
        headings.append(heading)
        stack.append(heading)
    return headings


def transition_weights(previous: Role | None, repeats: int) -> dict[Role, float]:
    """Weights of the roles a new top-level part may take after a part of role ``previous``.

    The genre table's ``next`` weights (``first_part`` for the first part); after two or more
    parts of one role, that role again weighs less and the roles after it more (the ranking
    file's ``completion.roles``).
    """
    genre = genre_table()
    weights = dict(genre.part(previous).next if previous is not None else genre.first_part)
    if previous is not None and repeats >= 2 and previous in weights:
        knobs = ranking_table().completion.roles
        weights = {
            role: weight * (knobs.repeat_decay if role == previous else knobs.forward_gain)
            for role, weight in weights.items()
        }
    return weights


def _heading_weights(headings: list[DraftHeading], level: int) -> dict[Role, float]:
    """The roles a new heading of ``level`` may take, from the headings before it."""
    top = min((h.level for h in headings), default=level)
    parent = next((h for h in reversed(headings) if h.level < level), None)
    if level <= top or parent is None:
        tops = [h.role for h in headings if h.level == top]
        previous = tops[-1] if tops else None
        repeats = 0
        for role in reversed(tops):
            if role != previous:
                break
            repeats += 1
        return transition_weights(previous, repeats)
    weights = {parent.role: 1.0}
    index = headings.index(parent)
    siblings = [h for h in headings[index + 1 :] if h.level == level]
    if siblings and siblings[-1].role != parent.role:
        for role, weight in transition_weights(siblings[-1].role, 1).items():
            weights[role] = max(weights.get(role, 0.0), weight)
    return weights


def _enumeration(line: str, sentence: str) -> EnumerationItem | None:
    """The line's last enumeration item, when its successor may follow at the cursor.

    Only right after the item's first sentence (or its ``；``): an item that starts a paragraph
    and goes on for more sentences is a heading of its own, its successor a new paragraph
    (the State Council reports' ``三是大力推动……。`` then several sentences).
    """
    items = enumeration_items(line)
    if not items:
        return None
    ordinal, offset, head = items[-1]
    if offset >= len(line) - len(sentence):  # the item is still being typed
        return None
    if sum(line.count(mark, offset) for mark in TERMINATORS) > 1:
        return None
    return EnumerationItem(ordinal, strip_boundary(head))


def _body(text: str, line_start: int, headings: list[DraftHeading]) -> Cursor:
    line = normalize(text[line_start:][-LINE_WINDOW:])
    cut = max(line.rfind(mark) for mark in TERMINATORS)
    sentence = line[cut + 1 :]
    clause = sentence[max(sentence.rfind(mark) for mark in CLAUSE_BREAKS) + 1 :]
    role = headings[-1].role if headings else Role.OPENING
    since_item_end = sentence[sentence.rfind("；") + 1 :]
    enumeration = _enumeration(line, since_item_end)
    if enumeration is not None and not _may_continue(enumeration, since_item_end):
        enumeration = None
    return Cursor(
        "body",
        role=role,
        sentence=sentence,
        clause=clause,
        enumeration=enumeration,
        item=since_item_end,
    )


def _may_continue(enumeration: EnumerationItem, typed: str) -> bool:
    marker = enumeration_marker(enumeration.ordinal + 1)
    return marker.startswith(typed) or typed.startswith(marker)


def _numbered_lines(text: str) -> Iterator[tuple[HeadingNumber, str]]:
    """The draft's heading lines: each number and the rest of its line.

    A number directly followed by another of its kind (``2、3月份``) is a list, not a heading.
    """
    for match in LINE_NUMBERS.finditer(text):
        number = number_from_match(match)
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if number is not None and not followed_by_own_kind(text, number, line_end):
            yield number, text[match.end() : line_end]


def read_cursor(text: str) -> Cursor:
    """Analyse the draft up to the cursor."""
    if not text.strip() or text.endswith("\n"):
        return Cursor("none")
    line_start = text.rfind("\n") + 1
    found = []
    current: tuple[HeadingNumber, str] | None = None
    for number, rest in _numbered_lines(text):
        if number.start >= line_start and not _TITLE_END.search(rest):
            current = number, rest
            break
        found.append((number.level, number.ordinal, _title(rest)))
    headings = _resolve_roles(found)
    if current is None:
        return _body(text, line_start, headings)
    number, rest = current
    return Cursor(
        "heading",
        level=number.level,
        ordinal=number.ordinal,
        title=normalize(rest.lstrip(SPACE)),
        role_weights=_heading_weights(headings, number.level),
        used_titles=frozenset(h.title for h in headings),
    )
