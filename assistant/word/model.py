"""The document as read: paragraphs with their text, runs and formatting, and the page setup.

``text`` is the paragraphs' texts joined by newlines, pending tracked changes accepted, so line
N of the text is paragraph N and one set of offsets serves the text rules, the layout rules
and the writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.word.styles import ParagraphFormat, RunFormat

Location = Literal["body", "table", "textbox"]


@dataclass(frozen=True, slots=True)
class RunSpan:
    """A run and the characters it holds in its paragraph's text (``start``..``end``).

    ``editable`` is False for runs a writer should not get tracked changes in: inside a field
    or inside another reviewer's pending insertion.
    """

    start: int
    end: int
    element: Any
    format: RunFormat
    editable: bool = True


@dataclass(frozen=True, slots=True)
class WordParagraph:
    """One paragraph; ``number`` is its line in the document's text, ``offset`` its start."""

    number: int
    offset: int
    text: str
    element: Any
    location: Location
    style_id: str | None
    style_name: str
    format: ParagraphFormat
    runs: tuple[RunSpan, ...]

    def runs_in(self, start: int, end: int) -> list[RunSpan]:
        """The runs holding characters ``start``..``end`` of this paragraph."""
        return [run for run in self.runs if run.start < end and run.end > start]


@dataclass(frozen=True, slots=True)
class PageSetup:
    """One section's page: sizes and margins in twips, the line grid, its footers."""

    element: Any
    width: int | None
    height: int | None
    top: int | None
    bottom: int | None
    left: int | None
    right: int | None
    grid_type: str | None
    grid_pitch: int | None
    footers: dict[str, Any] = field(default_factory=dict)  # "default"/"even"/"first" -> part


@dataclass(frozen=True, slots=True)
class PageNumber:
    """A page-number field in a footer: the text around it, its alignment and format."""

    kind: str  # footer type: "default", "even" or "first"
    before: str
    after: str
    alignment: str | None
    format: RunFormat
    paragraph: Any


@dataclass
class WordDocument:
    """A .docx as the checker reads it."""

    name: str
    paragraphs: list[WordParagraph]
    pages: list[PageSetup]
    page_numbers: list[PageNumber]
    even_and_odd_footers: bool
    pending_changes: bool
    document: Any  # the python-docx Document, for the writers
    text: str = ""

    def __post_init__(self) -> None:
        self.text = "\n".join(paragraph.text for paragraph in self.paragraphs)

    def paragraph(self, number: int) -> WordParagraph:
        """Paragraph ``number`` (1-based, the line of the text)."""
        return self.paragraphs[number - 1]
