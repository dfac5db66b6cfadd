"""Whether a pattern's matches stay on one line, read from the parsed pattern.

A pattern no part of which (lookarounds included) can match a line break, that has no anchor and
matches at least one character, finds the same matches in a text as on each of its lines
searched in place (``finditer(text, line_start, line_end + 1)``): nothing it examines lies past
the line's newline, and lookbehinds see the text before the line as they would. A lookahead that
ends the pattern may end with one character that can be the newline (``(?=[^\u4e00-\u9fff])``):
it looks at the newline, which the search in place sees too, and at nothing after it. The parse
is the ``re`` module's own (``re._parser``); anything this reader does not know counts as able to
match a line break.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser = importlib.import_module("re._parser")
_NEWLINE = ord("\n")
# the classes that hold a newline (\s, \S-less negations: \D, \W, and the line-break class)
_NEWLINE_CATEGORIES = frozenset(
    {"CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK"}
)
_PLAIN_CATEGORIES = frozenset({"CATEGORY_DIGIT", "CATEGORY_NOT_SPACE", "CATEGORY_WORD"})


def stays_on_line(regex: re.Pattern[str]) -> bool:
    """Whether every match of ``regex`` is non-empty and examines nothing past a line break."""
    parsed = _parser.parse(regex.pattern, regex.flags)
    if parsed.getwidth()[0] < 1:
        return False
    return not _may_cross(parsed, bool(regex.flags & re.DOTALL), _MATCH_END)


def opens_with_literal(regex: re.Pattern[str]) -> bool:
    """Whether every match starts with one literal character (``re`` scans for it fast)."""
    parsed = _parser.parse(regex.pattern, regex.flags)
    return bool(parsed.data) and str(parsed.data[0][0]) == "LITERAL"


_MATCH_END = "match"  # the items end the pattern
_AHEAD_END = "ahead"  # the items end a lookahead that ends the pattern
_ONE_CHAR = frozenset({"LITERAL", "NOT_LITERAL", "IN", "ANY"})


def _may_cross(items: Any, dotall: bool, ending: str | None = None) -> bool:
    """Whether an item of a parsed (sub)pattern might examine past a newline or is an anchor.

    ``ending`` tells what the items end, if they end the pattern: its last item is read with
    `_end_may_cross`.
    """
    items = list(items)
    for index, (op, value) in enumerate(items):
        if ending is not None and index == len(items) - 1:
            return _end_may_cross(str(op), value, dotall, ending)
        if _item_may_cross(str(op), value, dotall):
            return True
    return False


def _end_may_cross(op: str, value: Any, dotall: bool, ending: str) -> bool:
    """`_item_may_cross` for the item ending the pattern, or a lookahead that ends it."""
    if op == "BRANCH":
        return any(_may_cross(branch, dotall, ending) for branch in value[1])
    if op == "SUBPATTERN":
        _group, add_flags, del_flags, sub = value
        scoped = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
        return _may_cross(sub, scoped, ending)
    if op in ("ASSERT", "ASSERT_NOT") and value[0] == 1:  # a lookahead
        return _may_cross(value[1], dotall, _AHEAD_END)
    if ending == _AHEAD_END and op in _ONE_CHAR:
        return False  # looks at one character: at most the newline
    return _item_may_cross(op, value, dotall)


def _item_may_cross(op: str, value: Any, dotall: bool) -> bool:
    if op == "LITERAL":
        return bool(value == _NEWLINE)
    if op == "NOT_LITERAL":
        return bool(value != _NEWLINE)
    if op == "ANY":
        return dotall
    if op == "IN":
        return _class_holds_newline(value)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _may_cross(value[2], dotall)
    if op == "SUBPATTERN":
        _group, add_flags, del_flags, sub = value
        scoped = (dotall or bool(add_flags & re.DOTALL)) and not del_flags & re.DOTALL
        return _may_cross(sub, scoped)
    if op in ("ASSERT", "ASSERT_NOT"):
        return _may_cross(value[1], dotall)
    if op == "ATOMIC_GROUP":
        return _may_cross(value, dotall)
    if op == "BRANCH":
        return any(_may_cross(branch, dotall) for branch in value[1])
    # a group reference repeats what its group matched, checked where the group is; anchors,
    # conditionals and anything unknown may reach past a line
    return op != "GROUPREF"


def _class_holds_newline(items: Any) -> bool:
    """Whether a character class (``IN`` items) holds the newline."""
    negated = False
    holds = False
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name == "LITERAL":
            holds = holds or value == _NEWLINE
        elif name == "RANGE":
            holds = holds or value[0] <= _NEWLINE <= value[1]
        elif name == "CATEGORY" and str(value) in _NEWLINE_CATEGORIES:
            holds = True
        elif not (name == "CATEGORY" and str(value) in _PLAIN_CATEGORIES):
            return True  # unknown: assume the worst
    return holds != negated
