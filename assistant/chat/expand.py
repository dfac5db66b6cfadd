"""Expanding one part of an outline on request (``把第二部分展开一点``).

The part gets more phrasing patterns: first from the rest of the source part it was built from
(its own paragraphs and sub-parts), then from same-role paragraphs retrieved for its heading,
then from same-role parts of other summaries (the writer's office types first); each of its
sub-parts gets a few more from its own source and from retrieval. Patterns already offered
anywhere in the outline are not repeated, and every new pattern cites its source like the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.chat.intent import ExpandTarget, intent_table
from assistant.corpus.text import clean_heading
from assistant.genre.table import Role
from assistant.index.chunks import Chunk
from assistant.index.retrieval import SearchIndex
from assistant.outline.chain import SourceRegistry
from assistant.outline.library import Library, SourcePart
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.phrasing import adapt_to_period, choose_phrasing

RETRIEVED_CHUNKS = 40
SAME_ROLE_CHUNKS = 60  # paragraphs read from other summaries' parts of the same role


@dataclass(frozen=True)
class Expanded:
    """What one expansion did: the part (1-based) and how many patterns it added."""

    ordinal: int
    heading: str
    added: int


def resolve_target(outline: Outline, target: ExpandTarget) -> int | None:
    """The 0-based index of the outline part a target names, or None when there is none."""
    if target.ordinal is not None:
        return target.ordinal - 1 if 1 <= target.ordinal <= len(outline.sections) else None
    for index, section in enumerate(outline.sections):
        if section.role == target.role:
            return index
    return None


class Expander:
    """Adds phrasing to outline parts from the library and the index."""

    def __init__(self, library: Library, index: SearchIndex) -> None:
        self.library = library
        self.index = index

    def expand(
        self,
        outline: Outline,
        position: int,
        *,
        rounds: int,
        office_types: Sequence[str] = (),
    ) -> Expanded:
        """Add ``rounds`` times the configured number of patterns to part ``position``."""
        limits = intent_table().expand
        section = outline.sections[position]
        used = _offered(outline)
        source = self._source_part(outline, section)
        own = [chunk for part in source.walk() for chunk in part.paragraphs] if source else []
        pool = own + self._retrieved(section, office_types)
        pool += self._same_role(section.role, office_types)
        added = self._add(outline, section, pool, limits.part_phrases * rounds, used)
        for child in section.children:
            child_source = self._source_part(outline, child, within=source)
            child_pool = child_source.paragraphs if child_source else []
            child_pool = child_pool + self._retrieved(child, office_types)
            added += self._add(outline, child, child_pool, limits.child_phrases * rounds, used)
        return Expanded(position + 1, section.heading, added)

    def _add(
        self,
        outline: Outline,
        section: OutlineSection,
        chunks: Sequence[Chunk],
        limit: int,
        used: set[str],
    ) -> int:
        phrases = choose_phrasing(_unique(chunks), outline.period, limit, used)
        section.phrasing.extend(phrase.text for phrase in phrases)
        for phrase in phrases:
            key = _cite(outline, phrase.chunk)
            if key not in section.sources:
                section.sources.append(key)
        return len(phrases)

    def _source_part(
        self, outline: Outline, section: OutlineSection, within: SourcePart | None = None
    ) -> SourcePart | None:
        """The source part a section was built from (its first citation), when it can be found."""
        ref = outline.sources.get(section.sources[0]) if section.sources else None
        summary = self.library.summaries.get(ref.document) if ref else None
        if summary is None:
            return None
        roots = within.children if within else summary.parts
        parts = [part for root in roots for part in root.walk() if part.role == section.role]
        for part in parts:
            if adapt_to_period(clean_heading(part.title), outline.period) == section.heading:
                return part
        return None

    def _same_role(self, role: Role, office_types: Sequence[str]) -> list[Chunk]:
        """Paragraphs of other summaries' parts with the role, the office types' first."""
        summaries = sorted(
            self.library.summaries.values(), key=lambda s: s.office_type not in office_types
        )
        found: list[Chunk] = []
        for summary in summaries:
            for root in summary.role_roots(role):
                found += [chunk for part in root.walk() for chunk in part.paragraphs]
            if len(found) >= SAME_ROLE_CHUNKS:
                break
        return found

    def _retrieved(self, section: OutlineSection, office_types: Sequence[str]) -> list[Chunk]:
        """Paragraphs of the same role retrieved for the section's heading and phrasing."""
        query = " ".join([section.heading, *section.phrasing[:1]])
        hits = self.index.search(query, k=RETRIEVED_CHUNKS, office_types=office_types)
        return [
            hit.chunk
            for hit in hits
            if hit.chunk.kind == "paragraph" and hit.chunk.role == section.role
        ]


def _offered(outline: Outline) -> set[str]:
    """Every pattern the outline already offers."""
    used = set(outline.opening.phrasing)
    stack = list(outline.sections)
    while stack:
        section = stack.pop()
        used.update(section.phrasing)
        stack.extend(section.children)
    return used


def _unique(chunks: Iterable[Chunk]) -> list[Chunk]:
    return list({chunk.id: chunk for chunk in chunks}.values())


def _cite(outline: Outline, chunk: Chunk) -> str:
    """The outline's source key for a chunk, added after the existing ones when new."""
    registry = SourceRegistry()
    ref = registry.refs[registry.cite(chunk)]
    for key, known in outline.sources.items():
        if known == ref:
            return key
    number = len(outline.sources) + 1
    while f"S{number}" in outline.sources:
        number += 1
    outline.sources[f"S{number}"] = ref
    return f"S{number}"
