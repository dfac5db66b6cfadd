"""The ``marked-list`` kind: a 顿号 between items that quotation marks or 书名号 already set off.

GB/T 15834-2011 4.5.3.5: between coordinate items each in quotation marks (``“A”“B”``) or in
书名号 (``《A》《B》``) no 顿号 is used; where something stands between them, or the list also
has items without marks (``“一国两制”、“港人治港”、“澳人治澳”、高度自治``), the 顿号 stays. So a
``、`` between a closing and an opening mark of one kind is flagged, unless its list (the run of
marked items joined by ``、``) has a neighbour item without marks, or the run is one of the
rule's ``exceptions`` (official formulations written as issued). The fix deletes the 顿号.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.style.catalogue import Rule, RuleError
from assistant.style.checks.base import Exempt, Finding, Options
from assistant.style.checks.branches import BranchedRegex

MARKED_LIST_OPTIONS = frozenset({"marks", "exceptions", "fix_safe"})
SEPARATOR = "、"


class MarkedListCheck:
    """Flags each 顿号 joining two marked items of a list made only of marked items."""

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, MARKED_LIST_OPTIONS)
        self.rule = rule
        self.fix_safe = options.boolean("fix_safe", True)
        marks = options.strings("marks")
        if not marks or any(len(pair) != 2 for pair in marks):
            raise RuleError(f"{rule.id}: 'marks' lists pairs of opening and closing marks")
        self.closing_of = {pair[0]: pair[1] for pair in marks}
        self.opening_of = {pair[1]: pair[0] for pair in marks}
        joints = "|".join(re.escape(pair[1] + SEPARATOR + pair[0]) for pair in marks)
        self._joint = BranchedRegex(re.compile(joints))  # each joint scanned for as a literal
        self.exceptions = Exempt(options.strings("exceptions"))

    def find(self, text: str) -> Iterator[Finding]:
        """Every 顿号 between marked items of an all-marked list, outside the exceptions."""
        if SEPARATOR not in text:
            return
        words: tuple[str, ...] | None = None  # the exceptions present, looked for at need
        for match in self._joint.finditer(text):
            closing, opening = text[match.start()], text[match.end() - 1]
            first = text.rfind(self.opening_of[closing], 0, match.start())
            last = text.find(self.closing_of[opening], match.end())
            if first < 0 or last < 0:
                continue
            first, last = self._run_start(text, first), self._run_end(text, last)
            if self._mixed(text, first, last):
                continue
            if words is None:
                words = self.exceptions.present(text) if self.exceptions else ()
            if words and self.exceptions.covers(words, text, first, last + 1):
                continue
            at = match.start() + 1
            yield at, at + 1, "", ""

    def _run_start(self, text: str, start: int) -> int:
        """The opening mark of the first marked item of the run holding the item at ``start``."""
        while start >= 2 and text[start - 1] == SEPARATOR and text[start - 2] in self.opening_of:
            previous = text.rfind(self.opening_of[text[start - 2]], 0, start - 2)
            if previous < 0:
                break
            start = previous
        return start

    def _run_end(self, text: str, end: int) -> int:
        """The closing mark of the last marked item of the run holding the item at ``end``."""
        closing_of = self.closing_of
        while end + 2 < len(text) and text[end + 1] == SEPARATOR and text[end + 2] in closing_of:
            following = text.find(closing_of[text[end + 2]], end + 3)
            if following < 0:
                break
            end = following
        return end

    def _mixed(self, text: str, first: int, last: int) -> bool:
        """Whether the list has an item without marks, or with a name suffix (“奋斗者”号等)."""
        before = text[max(0, first - 1) : first]
        if before == SEPARATOR or (
            before in JOINERS and text[first - 2 : first - 1] not in self.opening_of
        ):
            return True
        after = text[last + 1 : last + 3]
        if after[:1] == SEPARATOR:
            return True
        if after[:1] in JOINERS and after[1:2] not in self.closing_of:
            return True
        return _SUFFIXED.match(text, last + 1) is not None


JOINERS = frozenset("和及与")
_SUFFIXED = re.compile("[\u4e00-\u9fff][等、和及与]")
