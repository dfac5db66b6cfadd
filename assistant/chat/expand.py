"""Expanding a part of an outline on request (``把第二部分展开一点``), as edits.

The part gets more phrasing patterns: first from the rest of the source part it was built from
(its own paragraphs and sub-parts), then from same-role paragraphs found lexically for its
heading, then from same-role parts of other summaries (the writer's office types first); each
of its sub-parts gets a few more from its own source and from lexical search. Only summaries of
the outline's kind of unit and other offices' common work are drawn on; when the corpus has no
more, the assistant's own data the part stands on (the office profile, the topic module, the
genre) tops it up. Patterns already offered anywhere in the outline are not repeated, and every
new pattern cites its source.

Only lexical search (BM25, in memory) is used: an expansion once took 12.5 s because its
hybrid search embedded the heading as a query, which loaded the embedding model on the first
request of a process (and cost a model call on every later one).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.chat.content import (
    ContentSource,
    NewContent,
    asked_period,
    cite_phrases,
    data_phrases,
    data_sources,
    phrasing_in,
)
from assistant.chat.edits import AddPhrasing, Path, key_of, section_at
from assistant.genre.profiles import OfficeProfile
from assistant.genre.table import Role
from assistant.index.chunks import Chunk
from assistant.outline.library import SourcePart
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.phrasing import fit_heading

RETRIEVED_CHUNKS = 40
SAME_ROLE_LIMIT = 60  # paragraphs read from other summaries' parts of the same role
PART_PHRASES = 4  # patterns one request adds to a part
CHILD_PHRASES = 2  # and to each of its sub-parts


class Expander:
    """Adds phrasing to outline parts from the library and the lexical index."""

    def __init__(self, content: ContentSource) -> None:
        self.content = content

    def expand(
        self,
        outline: Outline,
        path: Path,
        *,
        office_types: Sequence[str] = (),
        profile: OfficeProfile | None = None,
    ) -> list[AddPhrasing]:
        """Edits adding patterns to the part at ``path`` and to each of its sub-parts.

        When the corpus has no more for the part, the data it stands on (and the office
        profile) top it up.
        """
        used = phrasing_in(outline)
        section = section_at(outline, path)
        source = self._source_part(outline, section)
        own = [chunk for part in source.walk() for chunk in part.paragraphs] if source else []
        pool = own + self._retrieved(section, office_types)
        if len(path) == 1:
            pool += self._same_role(section.role, office_types)
        edits = [self._edit(outline, path, pool, PART_PHRASES, used)]
        missing = PART_PHRASES - len(edits[0].phrasing)
        if missing > 0:
            data = data_sources(outline, section, profile)
            extra = data_phrases(data, section.role, missing, used, outline)
            edits.append(_add_phrasing(outline, path, extra))
        for index, child in enumerate(section.children):
            child_source = self._source_part(outline, child, within=source)
            child_pool = list(child_source.paragraphs) if child_source else []
            child_pool += self._retrieved(child, office_types)
            edits.append(self._edit(outline, (*path, index), child_pool, CHILD_PHRASES, used))
        return [edit for edit in edits if edit.phrasing]

    def _edit(
        self, outline: Outline, path: Path, chunks: Sequence[Chunk], limit: int, used: set[str]
    ) -> AddPhrasing:
        found = cite_phrases(chunks, outline, limit, used)
        used.update(found.phrasing)
        return _add_phrasing(outline, path, found)

    def _source_part(
        self, outline: Outline, section: OutlineSection, within: SourcePart | None = None
    ) -> SourcePart | None:
        """The source part a section was built from (its first citation), when it can be found."""
        ref = outline.sources.get(section.sources[0]) if section.sources else None
        summary = self.content.library.summaries.get(ref.document) if ref else None
        if summary is None:
            return None
        roots = within.children if within else summary.parts
        period = asked_period(outline)
        for root in roots:
            for part in root.walk():
                heading = fit_heading(part.title, part.chunk.period, period)
                if part.role == section.role and heading == section.heading:
                    return part
        return None

    def _same_role(self, role: Role, office_types: Sequence[str]) -> list[Chunk]:
        """Paragraphs of other summaries' parts with the role, the office types' first."""
        summaries = sorted(
            self.content.library.summaries.values(),
            key=lambda s: (s.office_type not in office_types, s.id),
        )
        found: list[Chunk] = []
        for summary in summaries:
            for root in summary.role_roots(role):
                found += [chunk for part in root.walk() for chunk in part.paragraphs]
            if len(found) >= SAME_ROLE_LIMIT:
                break
        return found

    def _retrieved(self, section: OutlineSection, office_types: Sequence[str]) -> list[Chunk]:
        """Paragraphs of the same role found lexically for the section's heading and phrasing."""
        query = " ".join([section.heading, *section.phrasing[:1]])
        hits = self.content.index.search(
            query, k=RETRIEVED_CHUNKS, office_types=office_types, mode="lexical"
        )
        return [
            hit.chunk
            for hit in hits
            if hit.chunk.kind == "paragraph" and hit.chunk.role == section.role
        ]


def _add_phrasing(outline: Outline, path: Path, found: NewContent) -> AddPhrasing:
    return AddPhrasing(
        key_of(outline, path), tuple(found.phrasing), tuple(found.cites), found.sources
    )
