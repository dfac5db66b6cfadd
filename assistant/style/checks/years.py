"""The ``structure`` check ``year-mismatch``: the year a summary names for itself, contradicted.

The title names the year reported on (``平安县财政局2025年度工作总结``); a level-1 heading may
name its own (``一、2024年工作回顾``, ``三、2026年工作打算``). Flagged, as a paste from last
year's summary leaves them:

- the year a paragraph opens with (``2024年，我局……``) right under the title or such a heading,
  where it differs from the year they name;
- a heading year that does not fit the title's: a plans part names the title's year or the next
  (``2025年工作总结`` -> ``2026年工作打算``), any other part the title's own. A title of a
  report given at the start of its year (option ``previous_year_titles``: ``2025年政府工作报告``)
  also fits the year before, which it reviews (``一、2024年工作回顾``).

Years inside ranges (``2021—2025年``) and years compared with (``比2024年增长``) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.corpus.tree import DocumentTree, Paragraph
from assistant.genre.table import Role
from assistant.style.catalogue import Rule
from assistant.style.checks.base import Finding, Options

YEAR_OPTIONS = frozenset({"check", "scope", "previous_year_titles"})
_YEAR = re.compile(r"(?<![0-9—～~\-－至到])([12][0-9]{3})年(?![0-9])")
_LEADING_YEAR = re.compile(r"[ \t\u3000]*(?:在|截至|截止)?([12][0-9]{3})年(?![0-9]|以前|之前|前)")


class YearMismatchCheck:
    """Flags a year that contradicts the year the title or a heading names."""

    fix_safe = False
    needs_sections = True

    def __init__(self, rule: Rule, scope: str) -> None:
        options = Options(rule, YEAR_OPTIONS)
        self.rule = rule
        self.scope = scope
        self.previous_year_titles = tuple(options.strings("previous_year_titles"))

    def find_in_tree(self, tree: DocumentTree) -> Iterator[Finding]:
        """Every contradicting year."""
        text = tree.text
        title_year = _title_year(tree.title) if tree.title else None
        reviews_previous = any(words in (tree.title or "") for words in self.previous_year_titles)
        if title_year is not None and tree.opening:
            yield from _leading(text, tree.opening[0], title_year, "标题")
        for section in tree.sections:
            if section.level != 1:
                continue
            heading = section.heading
            start = heading.position.offset + len(heading.number)
            found = _YEAR.search(text, start, heading.title_end)
            if found is None:
                continue
            year = int(found.group(1))
            fits = _fits(year, title_year, section.role, reviews_previous)
            if title_year is not None and not fits:
                detail = f"标题为{title_year}年"
                yield found.start(1), found.end(), None, detail
            elif section.paragraphs:
                yield from _leading(text, section.paragraphs[0], year, "小标题")


def _title_year(title: str) -> int | None:
    found = _YEAR.search(title)
    return int(found.group(1)) if found is not None else None


def _fits(year: int, title_year: int | None, role: Role, reviews_previous: bool) -> bool:
    """Whether a part's heading year fits the title's (plans may name the next year)."""
    if title_year is None or year == title_year:
        return True
    if reviews_previous:
        return year == title_year - 1
    return role is Role.PLANS and year == title_year + 1


def _leading(text: str, paragraph: Paragraph, year: int, named_by: str) -> Iterator[Finding]:
    """The year ``paragraph`` opens with, if it is not ``year``."""
    start = paragraph.position.offset
    found = _LEADING_YEAR.match(text, start, start + len(paragraph.text))
    if found is not None and int(found.group(1)) != year:
        yield found.start(1), found.end(), None, f"{named_by}为{year}年"
