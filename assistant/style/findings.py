"""Turning the checks' raw findings into sorted diagnostics with lines, columns and messages.

Its own module so that it can be compiled with the parser (see ``scripts/compile_native.py``):
a defect-heavy draft yields thousands of findings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from operator import attrgetter

from assistant.style.catalogue import Rule
from assistant.style.checks.base import Finding
from assistant.style.diagnostic import Diagnostic, Fix, make_excerpt
from assistant.style.positions import LineIndex

_ORDER = attrgetter("offset", "length", "rule")


def diagnostics_of(
    text: str, groups: list[tuple[Rule, bool, Iterable[Finding]]]
) -> tuple[Diagnostic, ...]:
    """Diagnostics for each rule's findings; messages are built once per distinct flagged text."""
    line_starts = LineIndex(text).starts
    last_line = len(line_starts)
    diagnostics: list[Diagnostic] = []
    append = diagnostics.append
    for rule, safe, findings in groups:
        rule_id, severity, template = rule.id, rule.severity, rule.message
        built: dict[tuple[str, str | None, str], tuple[str, str, Fix | None]] = {}
        line, line_start, next_start = 0, 0, -1  # the last finding's line: [line_start, next_start)
        for start, end, replacement, detail in findings:
            flagged = text[start:end]
            key = (flagged, replacement, detail)
            parts = built.get(key)
            if parts is None:
                excerpt = make_excerpt(flagged)
                message = template.format(text=excerpt, fix=replacement or "", detail=detail)
                fix = None if replacement is None else Fix(replacement, safe)
                parts = built[key] = (message, excerpt, fix)
            message, excerpt, fix = parts
            if not line_start <= start < next_start:  # findings come mostly in order
                line = bisect_right(line_starts, start)
                line_start = line_starts[line - 1]
                next_start = line_starts[line] if line < last_line else len(text) + 1
            column = start - line_start + 1
            append(
                Diagnostic(
                    rule_id, severity, message, line, column, start, end - start, excerpt, fix
                )
            )
    diagnostics.sort(key=_ORDER)
    return tuple(diagnostics)
