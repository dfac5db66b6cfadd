"""The heading tree of a summary: the data types the parser produces.

The parser (`assistant.corpus.heading_parser.parse_document`) fills these; the outline builder, the
index and the style checker only read them. All offsets are 0-based character offsets into the
text that was parsed; lines and columns are 1-based and counted in characters.

The small value types (`Position`, `Heading`, `Paragraph`, `Defect` ...) are hashable slots
dataclasses, not frozen ones: a frozen dataclass costs several times more to build, and a parse
builds hundreds. Treat instances as values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from assistant.genre.numbering import NumberStyle
from assistant.genre.table import Role


@dataclass(slots=True, unsafe_hash=True)
class Position:
    """A place in the parsed text."""

    offset: int
    line: int
    column: int


@dataclass(slots=True, unsafe_hash=True)
class Heading:
    """A numbered heading as written, possibly with a defect in its number."""

    style: NumberStyle
    level: int  # 1..4, from the style
    ordinal: int  # the number's value: 一 -> 1, （三） -> 3, 12. -> 12
    number: str  # the number exactly as written: "一、", "(一)", "1、", "一" (missing 、)
    title: str  # heading text after the number, up to the first 。 or the end of the line
    position: Position  # where the number starts
    title_end: int  # offset just after the title (after its closing 。 if any)


@dataclass(slots=True, unsafe_hash=True)
class Enumeration:
    """An in-paragraph enumeration marker such as 一是 / 二是."""

    marker: str  # "一是"
    ordinal: int
    position: Position


@dataclass(slots=True, unsafe_hash=True)
class Paragraph:
    """A run of body text (one source line, or the text after an inline heading)."""

    text: str
    position: Position


@dataclass(slots=True, unsafe_hash=True)
class Defect:
    """A structural irregularity the parser tolerated and recorded.

    Kinds: ``missing-dunhao`` (``一加强``), ``run-together`` (a heading inside a line of text),
    ``half-width-parens`` (``(一)``), ``level3-dunhao`` (``1、``), ``orphan-number`` (a
    ``（三）`` whose earlier siblings are missing), ``number-gap``, ``number-repeat``,
    ``level-skip-up`` (a deeper number before any parent).
    """

    kind: str
    position: Position
    length: int
    detail: str


@dataclass
class Section:
    """A numbered part and everything under it."""

    heading: Heading
    role: Role
    paragraphs: list[Paragraph] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    start: int = 0  # offset of the heading number
    end: int = 0  # offset just after the last character of the section (children included)

    @property
    def level(self) -> int:
        """The heading's GB/T level."""
        return self.heading.level

    @property
    def body(self) -> str:
        """The section's own text, children excluded."""
        return "\n".join(p.text for p in self.paragraphs)

    def walk(self) -> Iterator[Section]:
        """The section and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class DocumentTree:
    """A parsed summary: title, opening, numbered parts, closing and recorded defects."""

    text: str
    title: str | None = None
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """Every section at every level, in document order."""
        for section in self.sections:
            yield from section.walk()

    def top_roles(self) -> list[Role]:
        """Roles of the level-1 parts (or top-level parts), in order."""
        return [section.role for section in self.sections]
