"""Political formulas that expire: find the ones out of date for a year and their replacement.

The table (``data/formulas.yaml``) groups formulas in series whose members stand for one
another: the guiding thought (``以邓小平理论和“三个代表”重要思想为指导`` ...
``以习近平新时代中国特色社会主义思想为指导``), the Party congress and its plenums, the five-year
plan, the Party-wide study campaigns, 扫黑除恶, 脱贫攻坚 ... each member with the years it was
current. A member used outside its years is replaced by the member current in the asked year,
or by the series' slot (``〔指导思想〕``, ``〔学习教育〕``) when none is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.genre.phrasing import slot, slot_names
from assistant.genre.profiles import KEY_PATTERN
from assistant.literals import lines_matching, lines_with, trie_pattern
from assistant.tables import load_table

FORMULAS_FILE = Path(__file__).parent / "data" / "formulas.yaml"
OPTIONAL_QUOTE = "[“”\"‘’']?"
AFTERMATH_WORD = "成果"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{q}", OPTIONAL_QUOTE))


class Member(BaseModel):
    """One wording of a series and the years it was current (``to`` empty: still current)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    key: str = Field(pattern=KEY_PATTERN)
    wording: str = Field(min_length=1)
    patterns: tuple[str, ...] = Field(min_length=1)
    first_year: int = Field(alias="from", ge=1949)
    last_year: int | None = Field(default=None, alias="to")
    aftermath: int = Field(default=0, ge=0)

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                _compile(pattern)
            except re.error as error:
                raise ValueError(f"{pattern!r} is not a regular expression: {error}") from error
        return patterns

    @model_validator(mode="after")
    def _consistent(self) -> Member:
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"{self.key}: 'to' ({self.last_year}) is before 'from'")
        if not any(_compile(p).search(self.wording) for p in self.patterns):
            raise ValueError(
                f"{self.key}: its wording {self.wording!r} matches none of its patterns"
            )
        return self

    def current_in(self, year: int, *, aftermath: bool = False) -> bool:
        """Whether the wording was current in ``year`` (a mention of its 成果 lasts longer)."""
        if year < self.first_year:
            return False
        if self.last_year is None:
            return True
        return year <= self.last_year + (self.aftermath if aftermath else 0)


class Series(BaseModel):
    """Formulas that stand for one another, and the slot used when none is current."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=KEY_PATTERN)
    slot: str
    members: tuple[Member, ...] = Field(min_length=1)

    @field_validator("slot")
    @classmethod
    def _known_slot(cls, name: str) -> str:
        if name not in slot_names():
            raise ValueError(f"unknown slot {name!r}; see data/slot_names.yaml")
        return name

    def replacement(self, year: int) -> str:
        """The wording current in ``year`` (latest ``from``; first listed on ties) or the slot."""
        current = [m for m in self.members if m.current_in(year)]
        if not current:
            return slot(self.slot)
        return max(current, key=lambda m: (m.first_year, -self.members.index(m))).wording


class FormulaTable(BaseModel):
    """``data/formulas.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    series: tuple[Series, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> FormulaTable:
        keys = [m.key for s in self.series for m in s.members] + [s.key for s in self.series]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"keys used twice: {duplicates}")
        return self


@dataclass(frozen=True)
class OutdatedFormula:
    """A formula in a text that was not current in the asked year, and what replaces it."""

    start: int
    end: int
    text: str
    series: str
    formula: str
    first_year: int
    last_year: int | None
    replacement: str


@dataclass(frozen=True)
class _Compiled:
    series: Series
    member: Member
    pattern: re.Pattern[str]
    anchor: str  # a literal every match contains: a text without it is not searched


def required_literal(pattern: str) -> str:
    """The longest run of plain characters every match of ``pattern`` contains ('' if none).

    Read at the top level only: groups, classes, escapes, ``{q}`` and quantified characters
    break runs; an alternation at the top level means nothing is required.
    """
    runs: list[str] = []
    run = ""
    depth = 0
    position = 0
    while position < len(pattern):
        char = pattern[position]
        position += 1
        if char == "\\":
            position += 1
        elif char == "[":
            while position < len(pattern) and pattern[position] != "]":
                position += 2 if pattern[position] == "\\" else 1
            position += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return ""
        elif depth == 0 and char not in "?*+{.^$":
            run += char
            continue
        if char in "?*{" and depth == 0:
            run = run[:-1]  # the character before an optional quantifier is not required
        if char == "{":
            position = pattern.index("}", position) + 1
        runs.append(run)
        run = ""
    runs.append(run)
    return max(runs, key=len)


@functools.cache
def formula_table() -> FormulaTable:
    """The built-in formula table."""
    return load_table(FORMULAS_FILE, FormulaTable, label="formulas.yaml")


@functools.cache
def _compiled() -> tuple[_Compiled, ...]:
    return tuple(
        _Compiled(series, member, _compile(pattern), required_literal(pattern))
        for series in formula_table().series
        for member in series.members
        for pattern in member.patterns
    )


@functools.cache
def _entries(series: frozenset[str] | None) -> tuple[_Compiled, ...]:
    return tuple(e for e in _compiled() if series is None or e.series.key in series)


@functools.cache
def _any_anchor(series: frozenset[str] | None) -> re.Pattern[str] | None:
    """One pattern for every anchor of the series (None when one is empty or spans lines)."""
    anchors = sorted({e.anchor for e in _entries(series)})
    if not anchors or any(not anchor or "\n" in anchor for anchor in anchors):
        return None
    return re.compile(trie_pattern(anchors))


def _anchor_lines(text: str, series: frozenset[str] | None) -> list[tuple[int, int]] | None:
    """The spans of the lines holding some anchor, found in one scan (None: not known).

    A line holds an anchor exactly when the scan matches in it: an anchor the scan passes over
    lies inside a match, and no match reaches past a line end.
    """
    any_anchor = _any_anchor(series)
    return None if any_anchor is None else lines_matching(text, any_anchor)


def _mentions(text: str, series: frozenset[str] | None) -> list[tuple[int, int, _Compiled]]:
    """Every formula mention, longest first where two overlap (current ones included)."""
    entries = _entries(series)
    anchors = {e.anchor for e in entries}
    candidates = _anchor_lines(text, series)
    if candidates is None:
        lines = {anchor: lines_with(text, anchor) for anchor in anchors}
    else:  # each line cut once: ``in`` on it is cheaper than a find with bounds
        held = [(span, text[span[0] : span[1]]) for span in candidates]
        lines = {anchor: [span for span, line in held if anchor in line] for anchor in anchors}
    found = [
        (match.start(), match.end(), entry)
        for entry in entries
        for start, end in lines[entry.anchor]
        for match in entry.pattern.finditer(text, start, end)
        if match.end() > match.start()
    ]
    kept: list[tuple[int, int, _Compiled]] = []
    for start, end, entry in sorted(found, key=lambda item: (-(item[1] - item[0]), item[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in kept):
            kept.append((start, end, entry))
    return sorted(kept, key=lambda item: item[0])


def formula_spans(text: str) -> list[tuple[int, int]]:
    """Where the text mentions a formula of the table, current or not (start, end)."""
    return [(start, end) for start, end, _ in _mentions(text, None)]


def outdated_formulas(
    text: str, year: int, series: frozenset[str] | None = None
) -> list[OutdatedFormula]:
    """The formulas in ``text`` (of the named ``series``, default all) not current in ``year``."""
    outdated = []
    for start, end, entry in _mentions(text, series):
        aftermath = text.startswith(AFTERMATH_WORD, end)
        if entry.member.current_in(year, aftermath=aftermath):
            continue
        outdated.append(
            OutdatedFormula(
                start=start,
                end=end,
                text=text[start:end],
                series=entry.series.key,
                formula=entry.member.key,
                first_year=entry.member.first_year,
                last_year=entry.member.last_year,
                replacement=entry.series.replacement(year),
            )
        )
    return outdated


def update_formulas(text: str, year: int) -> str:
    """``text`` with every formula out of date in ``year`` replaced by its current wording."""
    pieces: list[str] = []
    position = 0
    for formula in outdated_formulas(text, year):
        pieces.append(text[position : formula.start])
        pieces.append(formula.replacement)
        position = formula.end
    pieces.append(text[position:])
    return "".join(pieces)
