"""Style-check results as LSP diagnostics, ranges in the editor's code units."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from assistant.errors import TooLargeError
from assistant.limits import ensure_text_fits
from assistant.lsp.utf16 import UTF16, LineMap
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import Checker, default_checker

SOURCE = "写作助手"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Checked:
    """One text's style diagnostics, paired with their LSP form."""

    text: str
    lines: LineMap
    pairs: tuple[tuple[Diagnostic, types.Diagnostic], ...]
    notices: tuple[types.Diagnostic, ...] = ()  # about the check itself, with no fix
    checker: Checker | None = None  # the rules it was checked with (None: the built-in ones)

    @property
    def found(self) -> list[Diagnostic]:
        """The checker's diagnostics."""
        return [found for found, _ in self.pairs]

    @property
    def published(self) -> list[types.Diagnostic]:
        """What the editor is sent."""
        return [*self.notices, *(published for _, published in self.pairs)]

    def overlapping(self, start: int, end: int) -> list[tuple[Diagnostic, types.Diagnostic]]:
        """The diagnostics touching characters ``start``..``end`` (a cursor at an edge counts)."""
        return [pair for pair in self.pairs if pair[0].offset <= end and start <= pair[0].end]


def check(
    text: str,
    encoding: str = UTF16,
    max_chars: int | None = None,
    checker: Checker | None = None,
    config_problem: str | None = None,
) -> Checked:
    """Check ``text`` with ``checker`` (the built-in rules by default).

    Above ``max_chars`` only a notice says it was too long to check; ``config_problem`` (a style
    configuration that could not be used) is shown as a notice too.
    """
    lines = LineMap(text, encoding)
    notices = () if config_problem is None else (_notice(lines, config_problem, "style-config"),)
    try:
        if max_chars is not None:
            ensure_text_fits(len(text), max_chars)
    except TooLargeError as error:
        return Checked(
            text, lines, (), (*notices, _notice(lines, f"{error}未做格式检查。", "too-long"))
        )
    found = (checker or default_checker()).check(text).diagnostics
    pairs = tuple((d, to_lsp(d, lines)) for d in found)
    return Checked(text, lines, pairs, notices, checker)


def _notice(lines: LineMap, message: str, code: str) -> types.Diagnostic:
    """A diagnostic about the check itself, at the start of the text."""
    return types.Diagnostic(
        range=lines.range(0, 0),
        message=message,
        severity=types.DiagnosticSeverity.Information,
        source=SOURCE,
        code=code,
    )


def to_lsp(diagnostic: Diagnostic, lines: LineMap) -> types.Diagnostic:
    """One diagnostic in LSP form."""
    return types.Diagnostic(
        range=lines.range(diagnostic.offset, diagnostic.end),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.rule,
        source=SOURCE,
    )
