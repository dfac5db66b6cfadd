"""Structure-aware suggestions: numbers that continue, the headings the genre expects, 二是.

- A heading number just typed at the top level (``三、``): the heading of the part the genre
  expects there (`assistant.genre.table`: after achievements parts, problems; after problems,
  plans), the plans heading following the draft's period (``下半年工作打算`` in a 上半年
  summary). Scored by how clearly that role leads the roles the draft makes plausible there
  (`assistant.completion.draft`), times the ranking file's ``genre_heading``; only as far as
  the heading's variants agree (it may end after a word of its role: ``存在的问题``).
- A heading partly typed (``四、存在的``): the rest of a genre heading or of the office
  profile's lines of work that starts that way (``问题和不足``).
- On the title line, after the period (``平安县财政局2025年度``): the usual ending of a title
  (``工作总结``, the genre table's), and nothing once the title has its ending.
- A heading number being typed at a line start (``（``, ``（二``): the next number of the draft's
  sequence at that level (``（一）`` … ``（二）``), from the numbering module.
- After a finished ``一是……。`` item: the next marker (``二是``); the phrase model continues
  the item once it is accepted.

Sub-part titles below the top level are the writer's own: nothing is offered for them unless a
partly typed title matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from assistant.completion.draft import Cursor
from assistant.completion.facts import DraftFacts
from assistant.completion.sentences import normalize
from assistant.completion.suggestion import Suggestion
from assistant.genre.numbering import (
    LINE_NUMBERS,
    enumeration_marker,
    format_number,
    number_from_match,
)
from assistant.genre.table import PeriodSpec, Role, genre_table
from assistant.ranking import ranking_table

SOURCE = "genre"
CLAUSE_MARKS = "，。；：！？,;:!?"
MIN_CHARS = 2
MAX_LEVEL = 4


def plans_heading(period: PeriodSpec, year: int | None) -> str | None:
    """The period's plans heading (``下半年工作打算``); None when it names a year not known."""
    if year is None and period.plans_for(0) != period.plans_for(1):
        return None
    return period.plans_for(year or 0)


def role_heading(role: Role, facts: DraftFacts) -> str:
    """The genre's heading for a part of ``role`` in this draft (plans follow the period)."""
    table = genre_table()
    if role is Role.PLANS and facts.period:
        return plans_heading(table.period(facts.period), facts.year) or table.part(role).heading
    return table.part(role).heading


def _headings(facts: DraftFacts) -> Iterator[tuple[str, str]]:
    """Every heading the genre or the office profile offers: (heading, source).

    A genre heading may also end after any of its role's words (``存在的问题`` of
    ``存在的问题和不足``): each such shorter heading is one of its variants.
    """
    table = genre_table()
    plans = table.part(Role.PLANS).aliases
    for part in table.parts:
        if part.heading:
            yield from _variants(role_heading(part.role, facts), part.aliases)
    for period in table.periods:
        heading = plans_heading(period, facts.year)
        if heading:
            yield from _variants(heading, plans)
    if facts.profile is not None:
        for line in facts.profile.lines_of_work:
            yield line.heading, f"profile:{facts.profile.key}"


def _variants(heading: str, words: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The heading and each of its beginnings that ends with one of ``words``."""
    yield heading, SOURCE
    for word in words:
        end = heading.find(word) + len(word)
        if len(word) <= end < len(heading):
            yield heading[:end], SOURCE


def heading_start(cursor: Cursor, facts: DraftFacts) -> list[Suggestion]:
    """The heading the genre expects after a top-level number just typed.

    Only as far as its variants agree (``存在的问题`` of ``存在的问题和不足``, ``主要工作`` of
    ``主要工作成效``): after the bare number, how the writer ends the title is still open.
    """
    if cursor.level != 1 or not cursor.role_weights:
        return []
    ranked = sorted(cursor.role_weights.items(), key=lambda item: (-item[1], item[0]))
    role, weight = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    heading = role_heading(role, facts)
    if not heading or heading in cursor.used_titles:
        return []
    shared = _common_start(h for h, _ in _variants(heading, genre_table().part(role).aliases))
    knobs = ranking_table().completion.structure
    score = knobs.genre_heading * weight / (weight + runner_up)
    return [Suggestion(shared, SOURCE, round(score, 4))] if len(shared) >= MIN_CHARS else []


def heading_finish(cursor: Cursor, facts: DraftFacts) -> list[Suggestion]:
    """The rest of a genre or profile heading the typed title begins.

    When several headings begin so (one of them maybe ending here), each is one guess of
    several (its score divided by their number) and what they all go on with is offered at the
    full score.
    """
    typed = cursor.title
    if not typed:
        return []
    score = ranking_table().completion.structure.heading_finish
    rests: dict[str, str] = {}
    for heading, source in _headings(facts):
        if heading.startswith(typed):
            rests.setdefault(heading[len(typed) :], source)
    share = round(score / len(rests), 4) if rests else score
    found = [Suggestion(r, source, share) for r, source in rests.items() if len(r) >= MIN_CHARS]
    common = _common_start(rests)
    if len(rests) > 1 and len(common) >= MIN_CHARS:
        found.append(Suggestion(common, SOURCE, score))
    return found


def _common_start(texts: Iterable[str]) -> str:
    """What all ``texts`` begin with."""
    ordered = sorted(texts)
    if not ordered:
        return ""
    first, last = ordered[0], ordered[-1]
    pairs = enumerate(zip(first, last, strict=False))
    size = next((i for i, (a, b) in pairs if a != b), min(len(first), len(last)))
    return first[:size]


def title_line(text: str) -> bool:
    """Whether the cursor is on the draft's first line and that line may be its title."""
    if "\n" in text.strip("\n") or not text.strip():
        return False
    line = text.strip()
    return len(line) <= genre_table().title.max_chars and not any(c in line for c in CLAUSE_MARKS)


def title_finished(text: str) -> bool:
    """Whether the title line being typed already ends with a title word (``总结``)."""
    return title_line(text) and text.rstrip().endswith(genre_table().title.words)


def title_ending(text: str) -> list[Suggestion]:
    """``工作总结`` after the period a title names (``…2025年度``), or the rest of it."""
    if not title_line(text):
        return []
    table = genre_table()
    line, ending = text.strip(), table.title.ending
    period = table.find_period(line)
    aliases = table.period(period).aliases if period else ()
    score = ranking_table().completion.structure.title_ending
    if any(line.endswith(alias) for alias in aliases):
        return [Suggestion(ending, SOURCE, score)] if ending else []
    for size in range(len(ending) - MIN_CHARS, 0, -1):
        if line.endswith(ending[:size]) and period:
            return [Suggestion(ending[size:], SOURCE, score)]
    return []


def _next_numbers(text: str) -> dict[int, str]:
    """The number each level would take next in the draft's current part.

    After the last number of a level, its successor; under the last heading, the first number
    of the level below.
    """
    following: dict[int, int] = {}
    last = 0
    for match in LINE_NUMBERS.finditer(text):
        number = number_from_match(match)
        if number is None:
            continue
        following[number.level] = number.ordinal + 1
        for deeper in range(number.level + 1, MAX_LEVEL + 1):
            following.pop(deeper, None)
        last = number.level
    if last and last < MAX_LEVEL:
        following.setdefault(last + 1, 1)
    return {level: format_number(level, ordinal) for level, ordinal in following.items()}


def numbering(text: str) -> list[Suggestion]:
    """The rest of the next heading number when the line so far begins one (``（`` -> ``二）``)."""
    line = text[text.rfind("\n") + 1 :]
    typed = normalize(line.strip())
    if not typed or len(typed) > 3:
        return []
    knobs = ranking_table().completion.structure
    found = []
    for number in _next_numbers(text[: len(text) - len(line)]).values():
        rest = number[len(typed) :]
        if number.startswith(typed) and len(rest) >= MIN_CHARS:
            found.append(Suggestion(rest, SOURCE, knobs.numbering))
    return found


def next_marker(cursor: Cursor) -> list[Suggestion]:
    """``二是`` (or its rest) after a finished ``一是……。`` item."""
    if cursor.enumeration is None:
        return []
    marker = enumeration_marker(cursor.enumeration.ordinal + 1)
    rest = marker[len(cursor.item) :]
    if not marker.startswith(cursor.item) or len(rest) < MIN_CHARS:
        return []
    return [Suggestion(rest, SOURCE, ranking_table().completion.structure.enumeration)]
