"""Expanding one part of an outline on request (``把第二部分展开一点``).

The part gets more phrasing patterns: first from the rest of the source part it was built from
(its own paragraphs and sub-parts), then from same-role paragraphs retrieved for its heading,
then from same-role parts of other summaries (the writer's office types first); each of its
sub-parts gets a few more from its own source and from retrieval. Only summaries of the outline's
kind of unit and other offices' common work are drawn on, then the rest of the assistant's own
data the part stands on (the office profile, the topic module, the genre); patterns already
offered anywhere in the outline are not repeated, and every new pattern cites its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.chat.intent import ExpandTarget, intent_table
from assistant.genre.periods import AskedPeriod
from assistant.genre.profiles import office_profiles
from assistant.genre.table import Role, genre_table
from assistant.genre.topic_modules import topic_modules
from assistant.index.chunks import Chunk
from assistant.index.retrieval import SearchIndex
from assistant.outline.library import Library, SourcePart
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.phrasing import choose_phrasing, data_phrasing, fit_heading, item_sentence
from assistant.outline.request import profile_of_type
from assistant.outline.sources import (
    DataSource,
    Source,
    SourceRegistry,
    genre_source,
    profile_source,
    topic_source,
)

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
        wanted = limits.part_phrases * rounds
        added = self._add(outline, section, pool, wanted, used)
        if added < wanted:
            added += _add_data(outline, section, wanted - added, used)
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
        fitting = [chunk for chunk in _unique(chunks) if _fits(outline, chunk)]
        phrases = choose_phrasing(fitting, _period(outline), limit, used)
        section.phrasing.extend(phrase.text for phrase in phrases)
        for phrase in phrases:
            key = _cite(outline, phrase.source)
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
            if fit_heading(part.title, part.chunk.period, _period(outline)) == section.heading:
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


def _add_data(outline: Outline, section: OutlineSection, limit: int, used: set[str]) -> int:
    """More of the assistant's own phrasing for a part built on it (profile, topic, genre)."""
    kind = profile_of_type(outline.matched_office_type) if outline.matched_office_type else None
    profile = office_profiles()[kind] if kind else None
    voice = profile.self_references[0] if profile else ""
    added = 0
    for key in list(section.sources):
        source = _data_source(outline.sources[key].document)
        if source is None or added >= limit:
            continue
        texts = _data_texts(source, section.role)
        phrases = data_phrasing(texts, source, _period(outline), voice, limit - added, used)
        section.phrasing.extend(phrase.text for phrase in phrases)
        added += len(phrases)
    return added


def _data_source(document: str) -> DataSource | None:
    kind, _, key = document.partition(":")
    if kind == "profile" and key in office_profiles():
        return profile_source(office_profiles()[key])
    if kind == "topic" and key in topic_modules():
        return topic_source(topic_modules()[key])
    return genre_source() if kind == "genre" else None


def _data_texts(source: DataSource, role: Role) -> list[str]:
    """A data source's sentences for a role: its problems or next steps, else its phrasing."""
    if source.kind == "genre":
        return list(genre_table().part(role).phrasing)
    data = office_profiles()[source.key] if source.kind == "profile" else None
    module = topic_modules()[source.key] if source.kind == "topic" else None
    problems = data.problems if data else module.problems if module else ()
    next_steps = data.next_steps if data else module.next_steps if module else ()
    parts = data.lines_of_work if data else module.parts if module else ()
    if role is Role.PROBLEMS:
        return [item_sentence(item) for item in problems]
    if role is Role.PLANS:
        return [item_sentence(item) for item in next_steps]
    return [text for part in parts for text in part.phrasing]


def _fits(outline: Outline, chunk: Chunk) -> bool:
    """Whether a chunk may add to the outline: same kind of unit, or common work."""
    if chunk.common:
        return True
    kind = profile_of_type(outline.matched_office_type) if outline.matched_office_type else None
    return kind is not None and profile_of_type(chunk.office_type) == kind


def _period(outline: Outline) -> AskedPeriod:
    return AskedPeriod(outline.period, outline.year, True)


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


def _cite(outline: Outline, source: Source) -> str:
    """The outline's source key for a source, added after the existing ones when new."""
    registry = SourceRegistry()
    ref = registry.refs[registry.cite(source)]
    for key, known in outline.sources.items():
        if known == ref:
            return key
    number = len(outline.sources) + 1
    while f"S{number}" in outline.sources:
        number += 1
    outline.sources[f"S{number}"] = ref
    return f"S{number}"
