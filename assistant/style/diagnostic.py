"""What the checker reports: one diagnostic per problem; these dataclasses are the SPEC's JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from assistant.contract import WIRE

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
EXCERPT_MAX_CHARS = 40


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement for the diagnostic's span; ``safe`` fixes are applied by ``--fix``."""

    __pydantic_config__ = WIRE

    replacement: Annotated[str, Field(description="替换被标出文字的内容", examples=["，"])]
    safe: Annotated[bool, Field(exclude=True)] = True  # not on the wire


@dataclass(slots=True)
class Diagnostic:
    """One problem at one place in the text (offsets and columns count characters).

    Not frozen: a frozen dataclass costs several times more to build, and the checker builds
    thousands on a bad draft. Treat instances as values.
    """

    __pydantic_config__ = WIRE

    rule: Annotated[
        str, Field(description="规则编号（kebab-case，稳定）", examples=["half-width-punctuation"])
    ]
    severity: Annotated[Severity, Field(description="严重程度", examples=["error"])]
    message: Annotated[
        str,
        Field(
            description="给写作者的说明",
            examples=["中文语句中使用了半角标点“,”，应改为全角“，”。"],
        ),
    ]
    line: Annotated[
        int, Field(ge=0, description="行号（从 1 起；Word 版式的页面级问题为 0）", examples=[2])
    ]
    column: Annotated[
        int, Field(ge=0, description="列号（从 1 起，按字符计；页面级问题为 0）", examples=[5])
    ]
    offset: Annotated[int, Field(ge=0, description="字符偏移（从 0 起）", examples=[11])]
    length: Annotated[int, Field(ge=0, description="标出的字符数", examples=[1])]
    excerpt: Annotated[str, Field(description="标出的文字（过长时截断）", examples=[","])]
    fix: Annotated[Fix | None, Field(description="可自动修改时的替换；无法自动修改时为 null")] = (
        None
    )

    @property
    def end(self) -> int:
        """Offset just after the span."""
        return self.offset + self.length

    def sort_key(self) -> tuple[int, int, str]:
        """Document order; at one offset the shorter span first, then by rule id."""
        return (self.offset, self.length, self.rule)


def make_excerpt(text: str) -> str:
    """The flagged text, shortened with an ellipsis when it is long."""
    if len(text) <= EXCERPT_MAX_CHARS:
        return text
    return text[: EXCERPT_MAX_CHARS - 2] + "……"
