"""The genre table: parts and their roles in order, periods and topics (``data/genre.yaml``).

`Role` names what a part of a summary does; it is the one vocabulary of roles from the parser's
tree to the outline, autocomplete, chat and style rules (and a plain string on the wire).
Everything else is data, validated into the models below when a process starts: adding a period,
a topic or a part's wording is adding data.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assistant.genre.phrasing import Phrase
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "genre.yaml"


class Role(StrEnum):
    """What a part of a summary does, in the genre's order."""

    OPENING = "opening"
    ACHIEVEMENTS = "achievements"
    MEASURES = "measures"
    PROBLEMS = "problems"
    PLANS = "plans"
    CLOSING = "closing"


class PartSpec(Table):
    """One part of the genre: its role and how it is named, recognised and followed."""

    role: Role
    name: str = Field(min_length=1)
    heading: str = ""
    required: bool = False
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    unnamed_next: Role
    next: dict[Role, float] = Field(min_length=1)
    phrasing: tuple[Phrase, ...] = ()


class ClosingWords(Table):
    """What tells the closing paragraphs of a summary (regular expressions)."""

    starts: tuple[str, ...] = Field(min_length=1)
    contains: tuple[str, ...] = Field(min_length=1)


class TitleWords(Table):
    """What tells a summary's title line."""

    max_chars: int = Field(gt=0)
    words: tuple[str, ...] = Field(min_length=1)


PeriodKind = Literal["季度", "半年", "年度", "任期", "专项", "月度"]


class PeriodWords(Table):
    """How text names a period, the time since it began and what comes next (first: written)."""

    this: tuple[str, ...] = Field(min_length=1)
    since: tuple[str, ...] = Field(min_length=1)
    next: tuple[str, ...] = Field(min_length=1)

    def all(self) -> tuple[str, ...]:
        """Every word of the period."""
        return (*self.this, *self.since, *self.next)


class PeriodSpec(Table):
    """A period a summary covers."""

    name: str = Field(min_length=1)
    kind: PeriodKind
    title: str
    span_years: int = Field(default=1, ge=1)
    aliases: tuple[str, ...] = Field(min_length=1)
    evidence: tuple[str, ...] = ()
    words: PeriodWords
    plans_heading: str = Field(min_length=1)
    ends_year: bool = False
    quarter: int | None = Field(default=None, ge=1, le=4)

    @field_validator("plans_heading")
    @classmethod
    def _fields_known(cls, heading: str) -> str:
        try:
            heading.format(next_year=0)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"{heading!r}: only {{next_year}} may be filled in ({error})"
            ) from None
        return heading

    def plans_for(self, year: int) -> str:
        """The plans heading for a summary of ``year`` (``2027年工作思路``)."""
        return self.plans_heading.format(next_year=year + 1)


class YearRules(Table):
    """How a request's year is read (see ``year_rules`` in the data file)."""

    relative: dict[str, int] = Field(min_length=1)
    year_just_ended_months: tuple[int, ...]
    earliest: int = Field(ge=1)
    filler: tuple[str, ...]


class TopicSpec(Table):
    """A topic a summary may be about."""

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


class CommonWorkRules(Table):
    """How common work is told from an office's own lines of work, and its outline part."""

    heading_weight: int = Field(ge=1)
    min_weight: int = Field(ge=1)
    body_dominance: int = Field(ge=1)
    part_heading: str = Field(min_length=1)
    max_children: int = Field(ge=1)
    topics: tuple[str, ...] = Field(min_length=1)


class GenreTable(Table):
    """``data/genre.yaml``, checked for consistency."""

    parts: tuple[PartSpec, ...]
    first_part: dict[Role, float] = Field(min_length=1)
    special_opening: tuple[Phrase, ...] = Field(min_length=1)
    special_topic_word: str = Field(min_length=1)
    keyword_ties: tuple[Role, ...]
    keyword_ignore: tuple[str, ...] = ()
    child_head_max_chars: int = Field(gt=0)
    closing: ClosingWords
    title: TitleWords
    periods: tuple[PeriodSpec, ...] = Field(min_length=1)
    shared_words: tuple[str, ...]
    default_period: str
    topic_period: str
    current_quarter_aliases: tuple[str, ...] = Field(min_length=1)
    year_rules: YearRules
    common_work: CommonWorkRules
    topics: tuple[TopicSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> GenreTable:
        roles = [part.role for part in self.parts]
        if roles != list(Role):
            order = ", ".join(Role)
            raise ValueError(f"parts must list every role once, in this order: {order}")
        named = {part.role for part in self.parts if part.keywords}
        if set(self.keyword_ties) != named:
            raise ValueError("keyword_ties must list exactly the roles that have keywords")
        periods = [period.name for period in self.periods]
        if len(set(periods)) != len(periods):
            raise ValueError("periods: a name is listed twice")
        for key in ("default_period", "topic_period"):
            if getattr(self, key) not in periods:
                raise ValueError(f"{key} {getattr(self, key)!r} is not a period")
        quarters = sorted(p.quarter for p in self.periods if p.quarter is not None)
        if quarters != [1, 2, 3, 4]:
            raise ValueError("periods: each quarter 1-4 must be one period's `quarter`")
        topics = [topic.name for topic in self.topics]
        if len(set(topics)) != len(topics):
            raise ValueError("topics: a name is listed twice")
        return self

    def part(self, role: Role) -> PartSpec:
        """The part of a role."""
        return self.parts[list(Role).index(role)]

    @property
    def required_roles(self) -> tuple[Role, ...]:
        """Roles every whole summary has, in order."""
        return tuple(part.role for part in self.parts if part.required)

    def period(self, name: str) -> PeriodSpec:
        """The period of a canonical name (a `KeyError` for an unknown one)."""
        for period in self.periods:
            if period.name == name:
                return period
        raise KeyError(name)

    def quarter(self, number: int) -> PeriodSpec:
        """The period of a quarter (1-4)."""
        return next(period for period in self.periods if period.quarter == number)

    @property
    def period_names(self) -> tuple[str, ...]:
        """Canonical periods, in table order."""
        return tuple(period.name for period in self.periods)

    @property
    def topic_names(self) -> tuple[str, ...]:
        """Topics, in table order."""
        return tuple(topic.name for topic in self.topics)

    def find_period(self, text: str) -> str | None:
        """The period whose longest alias occurs in ``text`` (ties: the earlier period)."""
        return _longest_alias(text, [(p.name, p.aliases) for p in self.periods])

    def find_topic(self, text: str) -> str | None:
        """The topic whose longest alias occurs in ``text`` (ties: the earlier topic)."""
        return _longest_alias(text, [(t.name, t.aliases) for t in self.topics])


def _longest_alias(text: str, entries: list[tuple[str, tuple[str, ...]]]) -> str | None:
    best: tuple[int, str] | None = None
    for name, aliases in entries:
        for alias in aliases:
            if alias in text and (best is None or len(alias) > best[0]):
                best = (len(alias), name)
    return best[1] if best else None


@cache
def genre_table() -> GenreTable:
    """The genre table, validated (once per process)."""
    return load_table(DATA_FILE, GenreTable)
