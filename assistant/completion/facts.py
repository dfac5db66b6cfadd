"""What the draft's title and opening say about it: the office profile, the period, the year.

Read once per distinct title (cached): the writer's office (`assistant.genre.profiles`, from the
office named by the editor or API, else the unit the title names; a first line with clause
punctuation is body text, not a title), the period the title names (`assistant.genre.table`),
and the year it names, else the latest year the opening (``HEAD_CHARS``) writes (for dated
formulas). Nothing is guessed when the draft says nothing: each fact is then None.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.genre.periods import YEAR_DIGITS
from assistant.genre.profiles import OfficeProfile, match_profile
from assistant.genre.table import genre_table

HEAD_CHARS = 2000
CLAUSE_MARK = re.compile(r"[，。；：！？,;:!?]")


@dataclass(frozen=True)
class DraftFacts:
    """The office profile, period and year a draft is written for (each None when unknown)."""

    profile: OfficeProfile | None
    period: str | None
    year: int | None


@functools.lru_cache(maxsize=1024)
def _named(title: str, office: str) -> tuple[OfficeProfile | None, str | None, int | None]:
    profile = match_profile(office) if office else None
    profile = profile or (match_profile(title) if title else None)
    period = genre_table().find_period(title) if title else None
    year = YEAR_DIGITS.search(title)
    return profile, period, int(year.group(1)) if year else None


def draft_facts(text: str, office: str | None = None) -> DraftFacts:
    """The facts of the draft whose text (up to the cursor) is ``text``."""
    head = text[:HEAD_CHARS]
    title = next((line.strip() for line in head.splitlines() if line.strip()), "")
    if len(title) > genre_table().title.max_chars or CLAUSE_MARK.search(title):
        title = ""  # body text, not a title: it names no unit or period
    profile, period, year = _named(title, (office or "").strip())
    if year is None:
        year = max((int(found) for found in YEAR_DIGITS.findall(head)), default=None)
    return DraftFacts(profile, period, year)
