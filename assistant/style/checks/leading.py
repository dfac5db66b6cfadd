"""Searching a pattern that opens with a class of a few characters from those characters.

Python's ``re`` scans quickly for a leading literal but slowly for a leading class such as
``[千百]`` followed by more (a few nanoseconds a character, on every text). When every match
starts with one of a few characters, ``str.find`` locates them and the pattern is matched only
there, left to right and not overlapping: the matches are the ones ``finditer`` would give. A
text with many of those characters is left to ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.style.checks.branches import top_level_branches

MAX_CHARS = 6  # more leading characters: common ones (digits), little to gain
MAX_POSITIONS = 64  # more places to try: finditer's own loop is cheaper
_CLASS_ITEM = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\([\\\-\]\[.^$])|([^\\\]\[])")
_OPTIONAL_AFTER = ("?", "*", "{")


def leading_chars(regex: re.Pattern[str]) -> str | None:
    """The few characters every match starts with, when the pattern opens with a plain class.

    None for anything else: a negated class, escapes standing for sets (a digit class), a class
    that may be skipped (``[ab]?``), a top-level alternation, case-insensitive or verbose
    patterns.
    """
    pattern = regex.pattern
    if regex.flags & (re.IGNORECASE | re.VERBOSE) or not pattern.startswith("["):
        return None
    if pattern.startswith("[^") or len(top_level_branches(pattern)) > 1:
        return None
    chars: list[str] = []
    position = 1
    while position < len(pattern) and pattern[position] != "]":
        item = _CLASS_ITEM.match(pattern, position)
        if item is None:
            return None
        if item.group(4) == "-" and position > 1 and not pattern.startswith("]", item.end()):
            return None  # a range (a-z): not read here
        hexa = item.group(1) or item.group(2)
        chars.append(chr(int(hexa, 16)) if hexa else item.group(3) or item.group(4))
        position = item.end()
    if position >= len(pattern) or pattern.startswith(_OPTIONAL_AFTER, position + 1):
        return None
    members = "".join(dict.fromkeys(chars))
    return members if 0 < len(members) <= MAX_CHARS else None


class LeadingScan:
    """``finditer`` and ``search`` of a compiled pattern, from its leading characters if few."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.chars = leading_chars(regex)

    def _positions(self, text: str) -> list[int] | None:
        """Where a leading character occurs, in order (None when there are many)."""
        if self.chars is None:
            return None
        positions: list[int] = []
        for char in self.chars:
            found = text.find(char)
            while found >= 0:
                positions.append(found)
                if len(positions) > MAX_POSITIONS:
                    return None
                found = text.find(char, found + 1)
        positions.sort()
        return positions

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``self.regex.finditer(text)`` gives (none is empty: one char leads)."""
        positions = self._positions(text)
        if positions is None:
            return self.regex.finditer(text)
        return self._at(text, positions)

    def _at(self, text: str, positions: list[int]) -> Iterator[re.Match[str]]:
        """The matches starting at some of ``positions``, left to right, not overlapping."""
        match = self.regex.match
        end = 0
        for position in positions:
            if position >= end and (found := match(text, position)) is not None:
                yield found
                end = found.end()

    def search(self, text: str) -> re.Match[str] | None:
        """The first match, as ``self.regex.search(text)`` finds it."""
        return next(self.finditer(text), None)
