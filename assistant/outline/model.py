"""The outline returned to writers, and its JSON form (the SPEC's shape, plus what it stands on).

Beyond the SPEC's fields, every source says its ``kind`` (a corpus document, or the assistant's
own data: an office profile, a topic module, the genre model), every section its ``basis``
(summaries of the asked office type, common work from other offices' summaries, the office
profile, a topic module or the genre), and the outline its ``year`` and ``coverage``: how many
summaries of that kind of unit the corpus has and, for the writer, what the outline stands on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from assistant.genre.table import Role

# What a part stands on: summaries of the asked kind of unit, common work from other offices'
# summaries, the office profile, a topic module, or the genre.
Basis = Literal["same_type", "common_work", "profile", "topic_module", "genre"]


@dataclass(frozen=True)
class SourceRef:
    """Where a suggestion came from."""

    document: str  # a corpus document id, or profile:<key> / topic:<key> / genre:<part>
    title: str
    office_type: str
    excerpt: str
    kind: str = "corpus"  # corpus, profile, topic or genre


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
    basis: Basis = "same_type"

    def to_json(self) -> dict[str, Any]:
        """The section as JSON."""
        return {
            "number": self.number,
            "level": self.level,
            "role": self.role,
            "heading": self.heading,
            "phrasing": self.phrasing,
            "sources": self.sources,
            "basis": self.basis,
            "children": [child.to_json() for child in self.children],
        }


@dataclass(frozen=True)
class Coverage:
    """What the outline stands on."""

    office_summaries: int  # summaries of the asked kind of unit in the corpus
    profile: str | None  # the office profile used (its key), if the office matched one
    topic: str | None  # the topic module used (its key), for a 专项 outline
    note: str  # the same, said plainly for the writer


@dataclass
class Outline:
    """A draft outline for one request."""

    office_type: str
    matched_office_type: str  # the kind of unit it is for; "" when the office matched none
    period: str
    title: str
    opening: Block
    sections: list[OutlineSection]
    sources: dict[str, SourceRef]
    year: int = 0
    coverage: Coverage | None = None

    def to_json(self) -> dict[str, Any]:
        """Exactly the JSON of ``POST /v1/outline``."""
        return {
            "office_type": self.office_type,
            "matched_office_type": self.matched_office_type,
            "period": self.period,
            "year": self.year,
            "title": self.title,
            "opening": {"phrasing": self.opening.phrasing, "sources": self.opening.sources},
            "sections": [section.to_json() for section in self.sections],
            "sources": {key: asdict(ref) for key, ref in self.sources.items()},
            "coverage": asdict(self.coverage) if self.coverage else None,
        }
