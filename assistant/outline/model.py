"""The outline returned to writers, and its JSON form (the SPEC's shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.genre.table import Role


@dataclass(frozen=True)
class SourceRef:
    """Where a suggestion came from."""

    document: str
    title: str
    office_type: str
    excerpt: str


@dataclass
class Block:
    """Phrasing with its sources (the opening)."""

    phrasing: list[str]
    sources: list[str]


@dataclass
class OutlineSection:
    """A numbered part of the outline."""

    number: str
    level: int
    role: Role
    heading: str
    phrasing: list[str]
    sources: list[str]
    children: list[OutlineSection] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The section as JSON."""
        return {
            "number": self.number,
            "level": self.level,
            "role": self.role,
            "heading": self.heading,
            "phrasing": self.phrasing,
            "sources": self.sources,
            "children": [child.to_json() for child in self.children],
        }


@dataclass
class Outline:
    """A draft outline for one request."""

    office_type: str
    matched_office_type: str
    period: str
    title: str
    opening: Block
    sections: list[OutlineSection]
    sources: dict[str, SourceRef]

    def to_json(self) -> dict[str, Any]:
        """Exactly the JSON of ``POST /v1/outline``."""
        return {
            "office_type": self.office_type,
            "matched_office_type": self.matched_office_type,
            "period": self.period,
            "title": self.title,
            "opening": {"phrasing": self.opening.phrasing, "sources": self.opening.sources},
            "sections": [section.to_json() for section in self.sections],
            "sources": {key: vars(ref) for key, ref in self.sources.items()},
        }
