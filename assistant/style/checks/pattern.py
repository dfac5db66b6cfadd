"""The ``pattern`` and ``substitution`` kinds: a regex flags, a template or swap table fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.style.catalogue import Rule, RuleError
from assistant.style.checks.base import (
    FIX_OPTIONS,
    AnyLiteral,
    Exempt,
    Finding,
    Fixer,
    Options,
)
from assistant.style.checks.branches import BranchedRegex
from assistant.style.checks.leading import LeadingScan
from assistant.style.checks.one_line import opens_with_literal, stays_on_line

PATTERN_OPTIONS = FIX_OPTIONS | {
    "pattern",
    "group",
    "fix_safe",
    "requires",
    "prefilter",
    "exceptions",
}
LAST_GROUP = -1


class PatternCheck:
    """Flags every match of ``pattern`` (or of its ``group``).

    ``group: last`` flags the last group that took part in the match, or the whole match when
    none did (a pattern whose branches flag different parts of what they match). ``prefilter``
    is a cheap regular expression that must find something for ``pattern`` to run at all.
    """

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, PATTERN_OPTIONS)
        self.rule = rule
        self.regex = options.regex("pattern")
        self.matches = BranchedRegex(self.regex)
        # a split pattern is scanned branch by branch, another from its leading characters
        leading = LeadingScan(self.regex)
        self.finditer = self.matches.finditer if self.matches.branches else leading.finditer
        self.group = (
            LAST_GROUP if rule.options.get("group") == "last" else options.integer("group", 0)
        )
        if not (self.group == LAST_GROUP or 0 <= self.group <= self.regex.groups):
            raise RuleError(f"{rule.id}: group {self.group} is not in the pattern")
        self.prefilter = (
            LeadingScan(options.regex("prefilter")) if "prefilter" in rule.options else None
        )
        self.fixer = Fixer(options)
        self.fix_safe = options.boolean("fix_safe", True)
        self.requires = AnyLiteral(options.strings("requires"))
        # a match stays on a line that then holds a required literal: search only those lines
        # (not worth it for a pattern opening with a literal, which re finds fast anywhere)
        self.by_line = (
            bool(self.requires) and not opens_with_literal(self.regex) and stays_on_line(self.regex)
        )
        self.exceptions = Exempt(options.strings("exceptions"))
        if rule.kind == "substitution" and not options.mapping("swap"):
            raise RuleError(f"{rule.id}: a substitution rule needs a 'swap' table")

    def find(self, text: str) -> Iterator[Finding]:
        """Every match outside the rule's ``exceptions`` (words that make it no problem).

        ``requires`` lists literal strings of which at least one must occur for a match to be
        possible: a cheap test that skips the regex on most texts. When no match can reach past
        a line break, a match needs one on its own line: only the lines holding one are searched
        (unless they make up much of the text).
        """
        if self.requires and not self.requires.occurs_in(text):
            return iter(())
        if self.prefilter is not None and self.prefilter.search(text) is None:
            return iter(())
        words = self.exceptions.present(text) if self.exceptions else ()
        if not words:
            return self._matches(text)  # not wrapped: a generator layer costs on every match
        return self._outside(words, text)

    def _outside(self, words: tuple[str, ...], text: str) -> Iterator[Finding]:
        """The matches no occurrence of an exception word covers."""
        covers = self.exceptions.covers
        for finding in self._matches(text):
            if not covers(words, text, finding[0], finding[1]):
                yield finding

    def _search(self, text: str) -> Iterator[re.Match[str]]:
        """Every match of the pattern, left to right."""
        if self.by_line:
            spans = self.requires.lines(text)
            if sum(end - start for start, end in spans) * 2 < len(text):
                return self._on_lines(text, spans)
        return self.finditer(text)

    def _on_lines(self, text: str, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        """The matches on these lines, each searched in place with its newline."""
        finditer = self.regex.finditer
        for start, end in spans:
            yield from finditer(text, start, end + 1)

    def _matches(self, text: str) -> Iterator[Finding]:
        """Every match; the fix is built from the reported span."""
        group, fixer, finditer = self.group, self.fixer, self._search
        if group == LAST_GROUP:
            for match in finditer(text):
                start, end = match.span(match.lastindex or 0)
                if start < end:
                    groups = tuple(value or "" for value in match.groups())
                    yield start, end, fixer.build(text[start:end], groups), ""
            return
        if fixer.uses_groups:
            for match in finditer(text):
                start, end = match.span(group)
                if start < end:
                    groups = tuple(value or "" for value in match.groups())
                    yield start, end, fixer.build(match.group(group), groups), ""
            return
        replacements: dict[str, str | None] = {}
        for match in finditer(text):
            start, end = match.span(group)
            if start < end:
                flagged = match.group(group)
                if flagged not in replacements:
                    replacements[flagged] = fixer.build(flagged)
                yield start, end, replacements[flagged], ""
