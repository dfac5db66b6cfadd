"""What fixes a layout diagnostic: formatting to set, not text to replace.

The layout checks attach one of these to each diagnostic they can fix; `assistant.word.formatting`
applies them to the document as tracked formatting changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.word.model import PageSetup, WordParagraph


@dataclass(frozen=True)
class RunRemedy:
    """Set character formatting on characters ``start``..``end`` of a paragraph."""

    paragraph: WordParagraph
    start: int
    end: int
    font: str | None = None
    size_pt: float | None = None
    bold: bool | None = None


@dataclass(frozen=True)
class ParagraphRemedy:
    """Set paragraph settings."""

    paragraph: WordParagraph
    alignment: str | None = None
    first_line_chars: float | None = None
    line_exact_pt: float | None = None
    right_indent_chars: float | None = None


@dataclass(frozen=True)
class PageRemedy:
    """Set one section's paper size and margins (millimetres)."""

    page: PageSetup
    width_mm: float | None = None
    height_mm: float | None = None
    margins_mm: tuple[float, float, float, float] | None = None  # top, bottom, left, right


@dataclass(frozen=True)
class PageNumberRemedy:
    """Write the profile's page numbers into every section's footers."""


Remedy = RunRemedy | ParagraphRemedy | PageRemedy | PageNumberRemedy
