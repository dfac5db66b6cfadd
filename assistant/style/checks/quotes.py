"""The ``quotes`` kind: straight quotation marks in Chinese text, paired as a reader pairs them.

Marks are paired line by line from left to right, curly and straight alike: an opening ``“``
waits for the next closing mark, and a straight ``"`` closes a pair when one is open and opens
one when none is. So in ``落实“双减"政策，推行"学案导学"`` the first ``"`` closes ``“双减``
and the next two make a pair of their own. Each straight mark of a pair in Chinese context
(its content holds a Chinese character, or, unless ``content_han`` is set, the pair touches one)
is reported on its own with the curly mark it stands for; a straight mark left without a partner
next to Chinese text is reported with the mark its neighbours suggest (none when they disagree).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.literals import lines_with
from assistant.style.catalogue import Rule, RuleError
from assistant.style.checks.base import Finding, Options

QUOTES_OPTIONS = frozenset({"straight", "opening", "closing", "content_han", "fix_safe"})
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CHINESE = f"{HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20"
_HAN = re.compile(f"[{HAN}]")
OPENING, CLOSING = "前引号", "后引号"


class QuotesCheck:
    """Flags each straight quotation mark standing in Chinese text for a curly one."""

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, QUOTES_OPTIONS)
        self.rule = rule
        self.straight = options.required_string("straight")
        self.opening = options.required_string("opening")
        self.closing = options.required_string("closing")
        if any(len(mark) != 1 for mark in (self.straight, self.opening, self.closing)):
            raise RuleError(f"{rule.id}: quotation marks are single characters")
        self.content_han = options.boolean("content_han", False)
        self.fix_safe = options.boolean("fix_safe", True)
        marks = re.escape(self.straight + self.opening + self.closing)
        self._marks = re.compile(f"[{marks}]")
        self._touching = re.compile(f"[{CHINESE}{re.escape(self.opening + self.closing)}]")

    def find(self, text: str) -> Iterator[Finding]:
        """Every straight mark in Chinese context, with its curly replacement.

        Marks pair within a line, so only the lines holding a straight mark are read.
        """
        for start, end in lines_with(text, self.straight):
            yield from self._line(text, start, end)

    def _line(self, text: str, start: int, end: int) -> Iterator[Finding]:
        """The findings of the line ``[start, end)``, its marks paired from left to right."""
        open_at: int | None = None
        for match in self._marks.finditer(text, start, end):
            at, mark = match.start(), match.group()
            if mark == self.opening:
                if open_at is not None:
                    yield from self._unpaired(text, open_at)
                open_at = at
            elif open_at is not None:  # a closing mark, curly or straight
                yield from self._pair(text, open_at, at)
                open_at = None
            elif mark == self.straight:
                open_at = at
        if open_at is not None:
            yield from self._unpaired(text, open_at)

    def _chinese(self, text: str, start: int, end: int) -> bool:
        """Whether the pair ``[start, end]`` holds Chinese (or, loosely, touches it)."""
        if _HAN.search(text, start + 1, end):
            return True
        if self.content_han:
            return False
        before = text[start - 1] if start > 0 else ""
        after = text[end + 1] if end + 1 < len(text) else ""
        return bool(self._touching.match(before) or self._touching.match(after))

    def _pair(self, text: str, start: int, end: int) -> Iterator[Finding]:
        if text[start] != self.straight and text[end] != self.straight:
            return
        if not self._chinese(text, start, end):
            return
        if text[start] == self.straight:
            yield start, start + 1, self.opening, OPENING
        if text[end] == self.straight:
            yield end, end + 1, self.closing, CLOSING

    def _unpaired(self, text: str, at: int) -> Iterator[Finding]:
        """A mark left without a partner: reported next to Chinese, fixed when it is clear."""
        if text[at] != self.straight:
            return
        before = text[at - 1] if at > 0 else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        opens = bool(_HAN.match(after)) and not _HAN.match(before)
        closes = bool(_HAN.match(before)) and not _HAN.match(after)
        if opens:
            yield at, at + 1, self.opening, OPENING
        elif closes:
            yield at, at + 1, self.closing, CLOSING
        elif _HAN.match(before) or _HAN.match(after):
            yield at, at + 1, None, "引号"
