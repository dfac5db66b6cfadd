"""Applying fixes: every safe, non-overlapping replacement, in one pass or until stable."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.style.diagnostic import Diagnostic

MAX_ROUNDS = 50


def fixable(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics whose fix is safe to apply without review."""
    return [d for d in diagnostics if d.fix is not None and d.fix.safe]


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> str:
    """``text`` with every safe fix applied; a fix overlapping an earlier one is skipped."""
    pieces: list[str] = []
    cursor = 0
    for diagnostic in sorted(fixable(diagnostics), key=Diagnostic.sort_key):
        if diagnostic.offset < cursor:
            continue
        assert diagnostic.fix is not None
        pieces.append(text[cursor : diagnostic.offset])
        pieces.append(diagnostic.fix.replacement)
        cursor = diagnostic.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fix_text(text: str, check: Callable[[str], Iterable[Diagnostic]]) -> str:
    """Check and fix until no safe fix is left.

    Another round picks up fixes skipped for overlapping and problems a fix reveals (``中::``:
    the second colon is in Chinese context only once the first one is full-width).
    """
    for _ in range(MAX_ROUNDS):
        diagnostics = fixable(check(text))
        fixed = apply_fixes(text, diagnostics) if diagnostics else text
        if fixed == text:
            break
        text = fixed
    return text
