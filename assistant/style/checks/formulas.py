"""The ``formula`` kind: political formulas out of date for the draft's year.

The year is the one in the draft's title (its first lines, when the first reads as a title: the
genre table's title words, no longer than a title; a date line under it counts), else the
current year. The formulas and their years are the genre's formula table
(`assistant.genre.formulas`); the rule's ``series`` option names the series it checks: wordings
a draft uses for its own year (the guiding thought, the congress whose spirit it studies, the
study campaign), not events it may recount (脱贫攻坚, 疫情防控, 十四五 in a review); a formula
of the year just before (``grace_years``) is the previous year's work recounted. The fix is the
wording current in that year, or none when only a slot (〔指导思想〕) can stand in for it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator

from assistant.genre.formulas import formula_table, outdated_formulas
from assistant.genre.table import genre_table
from assistant.style.catalogue import Rule, RuleError
from assistant.style.checks.base import Finding, Options

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
TITLE_LINES = 2  # the title and a date line under it
TITLE_CHARS = 400
SLOT_START = "〔"

Clock = Callable[[], datetime.date]


def title_year(text: str) -> int | None:
    """The year a draft's title (or the date line under it) names, if it has a title."""
    lines = [line.strip() for line in text[:TITLE_CHARS].splitlines() if line.strip()]
    title = genre_table().title
    if not lines or len(lines[0]) > title.max_chars:
        return None
    if not any(word in lines[0] for word in title.words):
        return None
    for line in lines[:TITLE_LINES]:
        match = YEAR.search(line)
        if match:
            return int(match.group(1))
    return None


class FormulaCheck:
    """Flags every formula out of date for the draft's year."""

    def __init__(self, rule: Rule, clock: Clock = datetime.date.today) -> None:
        options = Options(rule, frozenset({"series", "grace_years"}))
        self.rule = rule
        self.fix_safe = False  # political wording is for the writer to confirm
        self.clock = clock
        self.series = frozenset(options.strings("series"))
        self.grace = options.integer("grace_years", 0)
        known = {series.key for series in formula_table().series}
        unknown = sorted(self.series - known)
        if not self.series or unknown:
            raise RuleError(f"{rule.id}: 'series' must name series of the formula table {unknown}")

    def find(self, text: str) -> Iterator[Finding]:
        """Every out-of-date formula of the rule's series, its current wording as the fix."""
        year = title_year(text) or self.clock().year
        for formula in outdated_formulas(text, year):
            if formula.series not in self.series or (
                formula.last_year is not None and year <= formula.last_year + self.grace
            ):
                continue
            last = formula.last_year if formula.last_year is not None else year
            years = f"{formula.first_year}—{last}年" if last != formula.first_year else f"{last}年"
            fix = None if formula.replacement.startswith(SLOT_START) else formula.replacement
            advice = f"建议改为“{fix}”" if fix else f"请改用{year}年的提法"
            yield (formula.start, formula.end, fix, f"{years}的提法，{year}年已不再使用；{advice}")
