"""The outline chain (LCEL): resolve the request -> retrieve -> assemble -> compose.

Resolving reads the office (through the office profiles), the period and year (against the
injected clock) and the topic. Retrieval ranks every summary by the fused scores of its chunks
(the asked kind of unit, topic and period favoured). Assembling takes parts from what fits the
asking office (`assistant.outline.assemble`): summaries of its kind lead; otherwise its profile,
other offices' common work, a topic module or the genre. Composing numbers the parts per
GB/T 9704, cites every part's sources (corpus documents or the assistant's data, by kind),
titles the outline and says what it stands on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.genre.numbering import format_number
from assistant.index.office_match import OfficeMatcher
from assistant.index.retrieval import SearchIndex
from assistant.outline.assemble import Assembler, Assembly, Draft, on_topic
from assistant.outline.library import Library, SourceSummary
from assistant.outline.model import Block, Coverage, Outline, OutlineSection
from assistant.outline.neighbours import ProfileNeighbours
from assistant.outline.request import OutlineRequest, ResolvedRequest, resolve
from assistant.outline.settings import outline_settings
from assistant.outline.sources import SourceRegistry
from assistant.ranking import ranking_table

Clock = Callable[[], datetime.date]


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
    """Summaries ranked for a request, best first, and how many are of the asked kind."""

    resolved: ResolvedRequest
    ranking: list[SourceSummary]
    office_summaries: int


@dataclass
class Selection:
    """The material assembled for a request."""

    retrieved: Retrieved
    assembly: Assembly


class OutlineBuilder:
    """Builds outlines from the index; the library is prepared once."""

    def __init__(
        self, index: SearchIndex, offices: OfficeMatcher, clock: Clock = datetime.date.today
    ) -> None:
        self.index = index
        self.offices = offices
        self.clock = clock
        self.library = Library.from_chunks(index.chunks.values())
        self.neighbours = ProfileNeighbours(index.embeddings)
        self._same_kind: dict[str, list[SourceSummary]] = {}
        self.chain: Runnable[OutlineRequest, Outline] = (
            RunnableLambda(self.resolve)
            | RunnableLambda(self.retrieve)
            | RunnableLambda(self.select)
            | RunnableLambda(self.compose)
        )

    def build(self, request: OutlineRequest) -> Outline:
        """The outline for a request (deterministic for a given date)."""
        return self.chain.invoke(request)

    def resolve(self, request: OutlineRequest) -> ResolvedRequest:
        """The office, period and year, and topic of the request."""
        return resolve(request, self.clock())

    def retrieve(self, resolved: ResolvedRequest) -> Retrieved:
        """Rank every summary by its chunks' fused scores, the office, topic and period.

        No search is made when the office matched no kind of unit (no summary is used then).
        """
        office = resolved.office
        scores: dict[str, float] = dict.fromkeys(self.library.summaries, 0.0)
        same_kind = self.summaries_of_kind(resolved)
        if office.matched:
            weights = ranking_table().outline
            topic = resolved.topic.words if resolved.topic else ""
            words = [office.label, office.name, resolved.period.name, topic, "工作总结"]
            types = tuple(dict.fromkeys(s.office_type for s in same_kind))
            retriever = SummaryRetriever(
                index=self.index, office_types=types, k=weights.retrieve_chunks
            )
            for document in retriever.invoke(" ".join(w for w in dict.fromkeys(words) if w)):
                scores[self.index.chunks[str(document.id)].document] += float(
                    document.metadata["score"]
                )
            for summary in same_kind:
                scores[summary.id] += weights.office_bonus
            for summary in self.library.summaries.values():
                if on_topic(summary, resolved):
                    scores[summary.id] += weights.topic_bonus
                if summary.period == resolved.period.name:
                    scores[summary.id] *= weights.period_boost
        ranking = sorted(self.library.summaries.values(), key=lambda s: (-scores[s.id], s.id))
        return Retrieved(resolved, ranking, len(same_kind))

    def summaries_of_kind(self, resolved: ResolvedRequest) -> list[SourceSummary]:
        """The library's summaries of the asked kind of unit (kept per kind)."""
        profile = resolved.office.profile
        if profile is None:
            return []
        if profile.key not in self._same_kind:
            self._same_kind[profile.key] = [
                s
                for s in self.library.summaries.values()
                if resolved.office.same_type(s.office_type)
            ]
        return self._same_kind[profile.key]

    def select(self, retrieved: Retrieved) -> Selection:
        """The parts that fit the asking office."""
        assembler = Assembler(retrieved.resolved, retrieved.ranking, self.library)
        return Selection(retrieved, assembler.assemble())

    def compose(self, selection: Selection) -> Outline:
        """Number the parts, cite sources, title the outline and say what it stands on."""
        resolved = selection.retrieved.resolved
        registry = SourceRegistry()
        opening = selection.assembly.opening
        sections = [
            _section(draft, 1, ordinal, registry)
            for ordinal, draft in enumerate(selection.assembly.parts, start=1)
        ]
        return Outline(
            office_type=resolved.request.office_type,
            matched_office_type=resolved.office.label,
            period=resolved.period.name,
            title=outline_title(resolved),
            opening=Block(
                [p.text for p in opening], registry.cite_all([p.source for p in opening])
            ),
            sections=sections,
            sources=registry.refs,
            year=resolved.period.year,
            coverage=self.coverage(selection),
        )

    def coverage(self, selection: Selection) -> Coverage:
        """How many summaries of the kind the corpus has, and the note saying what is used."""
        retrieved = selection.retrieved
        resolved = retrieved.resolved
        office = resolved.office
        notes = outline_settings().notes
        count = retrieved.office_summaries
        said: list[str] = []
        if not office.matched:
            said.append(notes.no_office.format(words=office.words))
            nearest = self.neighbours.nearest(office.words)
            if nearest:
                said.append(notes.nearest.format(nearest="、".join(nearest)))
        elif count == 0:
            said.append(notes.no_summaries.format(office=office.label))
        else:
            said.append(notes.summaries.format(count=count, office=office.label))
        module = selection.assembly.topic_module
        if resolved.topic is not None and resolved.topic.special:
            said.append(notes.topic.format(topic=resolved.topic.words))
        return Coverage(
            office_summaries=count,
            profile=office.profile.key if office.profile else None,
            topic=module.key if module else None,
            note="".join(said),
        )


def _section(draft: Draft, level: int, ordinal: int, registry: SourceRegistry) -> OutlineSection:
    return OutlineSection(
        number=format_number(level, ordinal),
        level=level,
        role=draft.role,
        heading=draft.heading,
        phrasing=[phrase.text for phrase in draft.phrases],
        sources=registry.cite_all([*draft.cites, *(p.source for p in draft.phrases)]),
        children=[
            _section(child, level + 1, number, registry)
            for number, child in enumerate(draft.children, start=1)
        ],
        basis=draft.basis,
    )


def outline_title(resolved: ResolvedRequest) -> str:
    """``XX县农机局2026年上半年工作总结``: unit, years, period, subject."""
    unit = resolved.office.title_unit(outline_settings())
    subject = resolved.topic.subject if resolved.topic else "工作"
    return f"{unit}{resolved.period.title}{subject}总结"
