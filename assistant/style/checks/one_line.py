"""Whether a pattern's matches stay on one line, read from the parsed pattern.

A pattern no part of which (lookarounds included) can match a line break, that has no anchor and
matches at least one character, finds the same matches in a text as on each of its lines
searched in place (``finditer(text, line_start, line_end + 1)``): nothing it examines lies past
the line's newline, and lookbehinds see the text before the line as they would. The parse is the
``re`` module's own (``re._parser``); anything this reader does not know counts as able to match
a line break.
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
    return not _may_cross(parsed, bool(regex.flags & re.DOTALL))


def opens_with_literal(regex: re.Pattern[str]) -> bool:
    """Whether every match starts with one literal character (``re`` scans for it fast)."""
    parsed = _parser.parse(regex.pattern, regex.flags)
    return bool(parsed.data) and str(parsed.data[0][0]) == "LITERAL"


def _may_cross(items: Any, dotall: bool) -> bool:
    """Whether any item of a parsed (sub)pattern might match a newline or is an anchor."""
    return any(_item_may_cross(str(op), value, dotall) for op, value in items)


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
