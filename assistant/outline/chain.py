"""The outline chain (LCEL): resolve the request -> retrieve -> select parts -> compose.

Retrieval ranks whole summaries by the fused scores of their chunks (office types boosted, the
requested topic and period favoured). Parts come from the best-ranked summary, role by role; a
required role the best summary lacks is taken from the nearest summary that has it. Headings and
phrasing are the sources' own words, renumbered per GB/T 9704, with figures and names as slots.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.corpus.text import clean_heading, full_width
from assistant.genre.numbering import format_number
from assistant.genre.table import Role, genre_table, normalize_period
from assistant.index.chunks import Chunk
from assistant.index.office_match import OfficeMatcher
from assistant.index.retrieval import SearchIndex
from assistant.outline.library import Library, SourcePart, SourceSummary
from assistant.outline.model import Block, Outline, OutlineSection, SourceRef
from assistant.outline.phrasing import Phrase, adapt_to_period, choose_phrasing
from assistant.outline.request import (
    OutlineRequest,
    ResolvedRequest,
    level_of,
    title_unit,
    validate,
)
from assistant.outline.settings import outline_settings
from assistant.ranking import ranking_table

MAX_PERIOD_IN_TITLE = 6


class SummaryRetriever(BaseRetriever):
    """langchain retriever over the hybrid index, boosting the given office types."""

    index: SearchIndex
    office_types: tuple[str, ...] = ()
    k: int = 60

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.index.search(query, k=self.k, office_types=self.office_types)
        return [
            Document(page_content=hit.chunk.text, id=hit.chunk.id, metadata={"score": hit.score})
            for hit in hits
        ]


@dataclass
class Retrieved:
    """Summaries ranked for a request, best first."""

    resolved: ResolvedRequest
    ranking: list[SourceSummary]


@dataclass
class Selection:
    """The source parts chosen for each outline part, in outline order."""

    resolved: ResolvedRequest
    ranking: list[SourceSummary]
    parts: list[SourcePart]


@dataclass
class SourceRegistry:
    """Source ids (S1, S2 ...) in order of first citation."""

    refs: dict[str, SourceRef] = field(default_factory=dict)
    by_chunk: dict[str, str] = field(default_factory=dict)

    def cite(self, chunk: Chunk) -> str:
        """The id of a chunk's source entry, added on first use."""
        if chunk.id not in self.by_chunk:
            key = f"S{len(self.by_chunk) + 1}"
            self.by_chunk[chunk.id] = key
            excerpt = full_width(chunk.text.replace("\n", " "))[: outline_settings().excerpt_chars]
            self.refs[key] = SourceRef(chunk.document, chunk.title, chunk.office_type, excerpt)
        return self.by_chunk[chunk.id]

    def cite_all(self, chunks: Sequence[Chunk]) -> list[str]:
        """Ids of several chunks, without repeats, in order."""
        return list(dict.fromkeys(self.cite(chunk) for chunk in chunks))


class OutlineBuilder:
    """Builds outlines from the index; the library and matcher are prepared once."""

    def __init__(self, index: SearchIndex, offices: OfficeMatcher) -> None:
        self.index = index
        self.offices = offices
        self.library = Library.from_chunks(index.chunks.values())
        self.chain: Runnable[OutlineRequest, Outline] = (
            RunnableLambda(self.resolve)
            | RunnableLambda(self.retrieve)
            | RunnableLambda(self.select)
            | RunnableLambda(self.compose)
        )

    def build(self, request: OutlineRequest) -> Outline:
        """The outline for a request (deterministic)."""
        return self.chain.invoke(request)

    def resolve(self, request: OutlineRequest) -> ResolvedRequest:
        """Map the request onto the corpus's office types and periods."""
        validate(request)
        topic = request.topic.strip() if request.topic and request.topic.strip() else None
        return ResolvedRequest(
            request=request,
            office=self.offices.match(request.office_type),
            period=normalize_period(request.period),
            topic=topic,
            level=level_of(request.office_type),
        )

    def retrieve(self, resolved: ResolvedRequest) -> Retrieved:
        """Rank every summary by its chunks' fused scores and the request's topic and period."""
        weights = ranking_table().outline
        words = [*resolved.office.types, resolved.period, resolved.topic or "", "工作总结"]
        retriever = SummaryRetriever(
            index=self.index, office_types=resolved.office.types, k=weights.retrieve_chunks
        )
        scores: dict[str, float] = dict.fromkeys(self.library.summaries, 0.0)
        for document in retriever.invoke(" ".join(w for w in words if w)):
            chunk = self.index.chunks[str(document.id)]
            scores[chunk.document] += float(document.metadata["score"])
        for summary in self.library.summaries.values():
            if summary.office_type in resolved.office.types:
                # The office's own summaries come first; a nearest-type match only leans.
                if resolved.office.exact:
                    scores[summary.id] += weights.office_bonus
                else:
                    scores[summary.id] *= weights.nearest_office_boost
            if resolved.topic and resolved.topic in (summary.topic + summary.title):
                scores[summary.id] += weights.topic_bonus  # an asked-for topic leads
            if summary.period == resolved.period:
                scores[summary.id] *= weights.period_boost
        ranking = sorted(self.library.summaries.values(), key=lambda s: (-scores[s.id], s.id))
        return Retrieved(resolved, ranking)

    def select(self, retrieved: Retrieved) -> Selection:
        """Source parts per role, from the best summary or the nearest one that has the role."""
        primary = retrieved.ranking[0]
        parts: list[SourcePart] = []
        genre = genre_table()
        for role, limit in outline_settings().max_parts.items():
            found = primary.role_roots(role)
            if not found and genre.part(role).required:
                found = next(
                    (s.role_roots(role) for s in retrieved.ranking if s.role_roots(role)), []
                )
            parts.extend(found[:limit])
        return Selection(retrieved.resolved, retrieved.ranking, parts)

    def compose(self, selection: Selection) -> Outline:
        """Number the parts, pick phrasing, cite sources and title the outline."""
        resolved = selection.resolved
        composer = Composer(selection)
        opening = composer.opening()
        sections = [
            composer.section(part, 1, ordinal)
            for ordinal, part in enumerate(selection.parts, start=1)
        ]
        return Outline(
            office_type=resolved.request.office_type,
            matched_office_type=resolved.office.label,
            period=resolved.period,
            title=outline_title(resolved),
            opening=opening,
            sections=sections,
            sources=composer.registry.refs,
        )


def outline_title(resolved: ResolvedRequest) -> str:
    """``XX县农机局2026年上半年工作总结``: unit, year, period, topic."""
    unit = title_unit(resolved, outline_settings())
    period = genre_table().period(resolved.period).title
    asked = (resolved.request.period or "").strip()
    if period and asked.endswith(period) and len(asked) <= MAX_PERIOD_IN_TITLE:
        period = asked  # keep 第三季度 rather than 季度
    year = datetime.date.today().year
    return f"{unit}{year}年{period}{resolved.topic or ''}工作总结"


def role_heading(role: Role) -> str:
    """The generic heading of a role, for a source heading that cleans to nothing."""
    return genre_table().part(role).heading


@dataclass
class Composer:
    """Turns selected source parts into outline sections, never offering a pattern twice."""

    selection: Selection
    registry: SourceRegistry = field(default_factory=SourceRegistry)
    used: set[str] = field(default_factory=set)

    @property
    def period(self) -> str:
        """The requested period."""
        return self.selection.resolved.period

    def opening(self) -> Block:
        """Opening phrasing from the best summaries' openings, the best first."""
        limit = outline_settings().phrasing.opening_max
        phrases: list[Phrase] = []
        for summary in self.selection.ranking:
            if len(phrases) >= limit:
                break
            phrases += choose_phrasing(
                summary.opening, self.period, limit - len(phrases), self.used
            )
        return Block([p.text for p in phrases], self.registry.cite_all([p.chunk for p in phrases]))

    def section(self, part: SourcePart, level: int, ordinal: int) -> OutlineSection:
        """An outline section from a source part (children only under level-1 parts)."""
        max_children = outline_settings().max_children
        phrases = self.phrases(part, level)
        children = (
            [
                self.section(child, level + 1, number)
                for number, child in enumerate(part.children[:max_children], start=1)
            ]
            if level == 1
            else []
        )
        heading = adapt_to_period(clean_heading(part.title), self.period)
        return OutlineSection(
            number=format_number(level, ordinal),
            level=level,
            role=part.role,
            heading=heading or role_heading(part.role),
            phrasing=[p.text for p in phrases],
            sources=self.registry.cite_all([part.chunk, *(p.chunk for p in phrases)]),
            children=children,
        )

    def phrases(self, part: SourcePart, level: int) -> list[Phrase]:
        """Patterns from the part itself, topped up from same-role parts of nearby summaries."""
        limits = outline_settings().phrasing
        if level > 1:
            return choose_phrasing(part.paragraphs, self.period, limits.child_max, self.used)
        own = [chunk for sub in part.walk() for chunk in sub.paragraphs]
        phrases = choose_phrasing(own, self.period, limits.part_max, self.used)
        for summary in self.selection.ranking:
            if len(phrases) >= limits.part_min:
                break
            similar = [
                chunk
                for root in summary.role_roots(part.role)
                if root is not part
                for sub in root.walk()
                for chunk in sub.paragraphs
            ]
            missing = limits.part_min - len(phrases)
            phrases += choose_phrasing(similar, self.period, missing, self.used)
        return phrases
