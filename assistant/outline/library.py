"""The indexed summaries regrouped as documents of parts, for composing outlines.

Built once from the catalog's chunks: each document's opening, its numbered parts with their
paragraphs and sub-parts, in document order; and, across documents, the parts that are common
work (classified at ingest), which any office's outline may use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from assistant.genre.table import Role
from assistant.index.chunks import Chunk

COMMON_ROLES = (Role.ACHIEVEMENTS, Role.MEASURES)  # what common work may fill in an outline


@dataclass
class SourcePart:
    """A numbered part of a source summary."""

    chunk: Chunk  # the section chunk ("title\nbody")
    paragraphs: list[Chunk] = field(default_factory=list)
    children: list[SourcePart] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The heading title as a pattern (names and figures as slots)."""
        return self.chunk.pattern_title

    @property
    def role(self) -> Role:
        """The part's role."""
        return self.chunk.role

    def walk(self) -> Iterable[SourcePart]:
        """The part and its descendants, in order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class SourceSummary:
    """One indexed summary: metadata of its first chunk, opening and parts."""

    id: str
    title: str
    office_type: str
    period: str
    topic: str
    opening: list[Chunk] = field(default_factory=list)
    parts: list[SourcePart] = field(default_factory=list)

    def role_roots(self, role: Role) -> list[SourcePart]:
        """Parts with the role whose parent has another role (``（三）问题和不足`` counts)."""
        found: list[SourcePart] = []

        def visit(part: SourcePart, parent_role: Role | None) -> None:
            if part.role == role and parent_role != role:
                found.append(part)
            for child in part.children:
                visit(child, part.role)

        for part in self.parts:
            visit(part, None)
        return found


def outermost_parts(summary: SourceSummary, accepts: Callable[[Chunk], bool]) -> list[SourcePart]:
    """A summary's outermost parts whose chunk ``accepts`` takes."""
    found: list[SourcePart] = []

    def visit(part: SourcePart) -> None:
        if accepts(part.chunk):
            found.append(part)
            return
        for child in part.children:
            visit(child)

    for part in summary.parts:
        visit(part)
    return found


def _common_roots(summary: SourceSummary) -> list[SourcePart]:
    """Common-work parts of a summary's achievements or measures, outermost only."""
    return outermost_parts(summary, lambda chunk: chunk.common and chunk.role in COMMON_ROLES)


class Library:
    """Every indexed summary, by id, and their common-work parts."""

    def __init__(self, summaries: dict[str, SourceSummary]) -> None:
        self.summaries = summaries
        self.common = {key: _common_roots(summary) for key, summary in summaries.items()}

    @classmethod
    def from_chunks(cls, chunks: Iterable[Chunk]) -> Library:
        """Regroup chunks (in catalog order) into summaries."""
        summaries: dict[str, SourceSummary] = {}
        parts_by_path: dict[tuple[str, tuple[str, ...]], SourcePart] = {}
        for chunk in chunks:
            summary = summaries.get(chunk.document)
            if summary is None:
                summary = summaries[chunk.document] = SourceSummary(
                    chunk.document, chunk.title, chunk.office_type, chunk.period, chunk.topic
                )
            if chunk.role is Role.OPENING:
                summary.opening.append(chunk)
            elif chunk.kind == "section":
                part = SourcePart(chunk)
                parts_by_path[(chunk.document, chunk.path)] = part
                parent = parts_by_path.get((chunk.document, chunk.path[:-1]))
                (parent.children if parent else summary.parts).append(part)
            elif chunk.role is not Role.CLOSING:
                owner = parts_by_path.get((chunk.document, chunk.path))
                if owner is not None:
                    owner.paragraphs.append(chunk)
        return cls(summaries)
