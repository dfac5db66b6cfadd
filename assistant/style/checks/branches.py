"""A top-level alternation searched branch by branch.

Python's ``re`` scans quickly for a pattern that starts with a literal, but not for ``A|B``:
there every position tries every branch. Searching each branch alone finds where the next match
can start; the whole pattern is then matched there, so the matches are the ones ``finditer``
would give. Patterns whose branches can match the empty string are searched whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def top_level_branches(pattern: str) -> list[str]:
    """The branches of ``pattern``'s top-level alternation (one item when it has none)."""
    branches: list[str] = []
    depth = 0
    start = 0
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 1
        elif char == "[":
            position += 1
            if position < len(pattern) and pattern[position] == "]":
                position += 1  # a ']' right after '[' is a member of the class
            while position < len(pattern) and pattern[position] != "]":
                position += 2 if pattern[position] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:position])
            start = position + 1
        position += 1
    branches.append(pattern[start:])
    return branches


class BranchedRegex:
    """``finditer`` of a compiled pattern, branch by branch when it is a top-level alternation."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        # a verbose pattern's comments may hold '(' or '|': it is searched whole
        branches = [] if regex.flags & re.VERBOSE else top_level_branches(regex.pattern)
        try:
            compiled = [re.compile(branch, regex.flags) for branch in branches]
        except re.error:  # a branch refers to a group of another one: search the whole
            compiled = []
        # finditer retries a position for a non-empty match after an empty one: not split
        empty = any(branch.fullmatch("") is not None for branch in compiled)
        self.branches = tuple(compiled) if len(compiled) > 1 and not empty else ()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of the whole pattern in ``text``, left to right, not overlapping."""
        if not self.branches:
            yield from self.regex.finditer(text)
            return
        upcoming = [branch.search(text) for branch in self.branches]
        position = 0
        while position <= len(text):
            for index, found in enumerate(upcoming):
                if found is not None and found.start() < position:
                    upcoming[index] = self.branches[index].search(text, position)
            starts = [found.start() for found in upcoming if found is not None]
            if not starts:
                return
            start = min(starts)
            match = self.regex.match(text, start)
            if match is None:  # cannot happen (some branch matches there); never loop on it
                position = start + 1
                continue
            yield match
            position = max(match.end(), start + 1)
