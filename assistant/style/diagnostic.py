"""What the checker reports: one diagnostic per problem, in the SPEC's JSON shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
EXCERPT_MAX_CHARS = 40


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement for the diagnostic's span; ``safe`` fixes are applied by ``--fix``."""

    replacement: str
    safe: bool = True

    def to_dict(self) -> dict[str, str]:
        """The wire form: only the replacement."""
        return {"replacement": self.replacement}


@dataclass(slots=True)
class Diagnostic:
    """One problem at one place in the text (offsets and columns count characters).

    Not frozen: a frozen dataclass costs several times more to build, and the checker builds
    thousands on a bad draft. Treat instances as values.
    """

    rule: str
    severity: Severity
    message: str
    line: int  # 1-based
    column: int  # 1-based
    offset: int  # 0-based
    length: int
    excerpt: str
    fix: Fix | None = None

    @property
    def end(self) -> int:
        """Offset just after the span."""
        return self.offset + self.length

    def sort_key(self) -> tuple[int, int, str]:
        """Document order; at one offset the shorter span first, then by rule id."""
        return (self.offset, self.length, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """The SPEC's Diagnostic JSON object."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "offset": self.offset,
            "length": self.length,
            "excerpt": self.excerpt,
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }


def make_excerpt(text: str) -> str:
    """The flagged text, shortened with an ellipsis when it is long."""
    if len(text) <= EXCERPT_MAX_CHARS:
        return text
    return text[: EXCERPT_MAX_CHARS - 2] + "……"
