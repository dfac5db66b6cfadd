"""Style-check results as LSP diagnostics, ranges in the editor's code units."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from assistant.errors import TooLargeError
from assistant.lsp.utf16 import UTF16, LineMap
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import check_text

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


def check(text: str, encoding: str = UTF16, max_chars: int | None = None) -> Checked:
    """Check ``text``; above ``max_chars`` report only that it was too long to check."""
    lines = LineMap(text, encoding)
    try:
        found = check_text(text, max_chars=max_chars).diagnostics
    except TooLargeError as error:
        notice = types.Diagnostic(
            range=lines.range(0, 0),
            message=f"{error}未做格式检查。",
            severity=types.DiagnosticSeverity.Information,
            source=SOURCE,
            code="too-long",
        )
        return Checked(text, lines, (), (notice,))
    return Checked(text, lines, tuple((d, to_lsp(d, lines)) for d in found))


def to_lsp(diagnostic: Diagnostic, lines: LineMap) -> types.Diagnostic:
    """One diagnostic in LSP form."""
    return types.Diagnostic(
        range=lines.range(diagnostic.offset, diagnostic.end),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.rule,
        source=SOURCE,
    )
