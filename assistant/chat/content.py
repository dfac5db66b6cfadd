"""Where new outline content comes from when the writer asks for more.

A part added by name (``加一部分党建工作``) comes from the topic module of that topic, else from
the line of work of the writer's office profile that it names, else from corpus paragraphs found
lexically for the words. More items for a part (``成绩再多列几条``) come from the office
profile's lines of work, problems or next steps not yet in the outline, then from the same
role's parts of other summaries. Every piece cites what it stands on: a corpus document, or the
assistant's own data (a topic module, an office profile) as a source of that kind. Nothing here
queries the embedding model: lexical search and the data tables answer in milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.chat.edits import section_at, walk_paths
from assistant.corpus.roles import keyword_role
from assistant.genre.periods import AskedPeriod
from assistant.genre.phrasing import PhrasedHeading
from assistant.genre.profiles import OfficeProfile, office_profiles
from assistant.genre.table import Role, genre_table
from assistant.genre.topic_modules import TopicModule, match_topic, topic_modules
from assistant.index.chunks import Chunk
from assistant.index.retrieval import SearchIndex
from assistant.outline.library import Library
from assistant.outline.model import Basis, Outline, OutlineSection, SourceRef
from assistant.outline.phrasing import Voice, choose_phrasing, data_phrasing, item_sentence
from assistant.outline.request import profile_of_type
from assistant.outline.settings import outline_settings
from assistant.outline.sources import (
    DataSource,
    SourceRegistry,
    genre_source,
    profile_source,
    topic_source,
)

LEXICAL_HITS = 30
ACTION_WORDS = ("措施", "举措", "整改", "对策", "办法", "打算", "计划", "思路")
CHILD_PHRASES = 2
PART_PHRASES = 3
MAX_TOPIC_CHILDREN = 5


@dataclass
class NewContent:
    """Sections (or phrasing) to add, with the sources they cite under local keys."""

    sections: list[OutlineSection]
    sources: dict[str, SourceRef]
    phrasing: list[str]
    cites: list[str]


def asked_period(outline: Outline) -> AskedPeriod:
    """The period and year an outline was built for, as the phrasing functions take it."""
    return AskedPeriod(outline.period, outline.year, True)


def voice_of(outline: Outline) -> Voice:
    """How corpus sentences are retold for the outline's unit (another office's own work: not)."""
    kind = profile_of_type(outline.matched_office_type) if outline.matched_office_type else None
    if kind is None:
        return Voice(outline_settings().genre_self_reference, None)
    return Voice(office_profiles()[kind].self_references[0], kind)


def fits(outline: Outline, chunk: Chunk) -> bool:
    """Whether a corpus chunk may add to the outline: same kind of unit, or common work."""
    if chunk.common:
        return True
    kind = profile_of_type(outline.matched_office_type) if outline.matched_office_type else None
    return kind is not None and profile_of_type(chunk.office_type) == kind


DATA_BASIS: dict[str, Basis] = {"profile": "profile", "topic": "topic_module", "genre": "genre"}


def basis_of(sources: dict[str, SourceRef], cites: Sequence[str], outline: Outline) -> Basis:
    """What new content stands on, by its first source: data, the same kind of unit, or not."""
    ref = sources.get(cites[0]) if cites else None
    if ref is None:
        return "same_type"
    if ref.kind in DATA_BASIS:
        return DATA_BASIS[ref.kind]
    kind = profile_of_type(outline.matched_office_type) if outline.matched_office_type else None
    same = kind is not None and profile_of_type(ref.office_type) == kind
    return "same_type" if same else "common_work"


def _phrased_section(
    item: PhrasedHeading, role: Role, level: int, cite: str, basis: Basis
) -> OutlineSection:
    return OutlineSection("", level, role, item.heading, list(item.phrasing), [cite], [], basis)


def _cited(source: DataSource) -> tuple[str, dict[str, SourceRef]]:
    """A data source's local key and source map."""
    registry = SourceRegistry()
    key = registry.cite(source)
    return key, dict(registry.refs)


def headings_in(outline: Outline) -> set[str]:
    """Every heading of the outline."""
    return {section_at(outline, path).heading for path in walk_paths(outline.sections)}


def phrasing_in(outline: Outline) -> set[str]:
    """Every phrasing pattern of the outline."""
    found = set(outline.opening.phrasing)
    for path in walk_paths(outline.sections):
        found.update(section_at(outline, path).phrasing)
    return found


class ContentSource:
    """Finds content for additions in topic modules, office profiles and the corpus."""

    def __init__(self, library: Library, index: SearchIndex) -> None:
        self.library = library
        self.index = index

    def topic_part(self, topic: TopicModule, role: Role) -> NewContent:
        """A whole part from a topic module: its title, its parts as sub-parts."""
        key, sources = _cited(topic_source(topic))
        parts = topic.parts[:MAX_TOPIC_CHILDREN]
        children = [_phrased_section(p, role, 2, key, "topic_module") for p in parts]
        part = OutlineSection("", 1, role, topic.title, [], [key], children, "topic_module")
        return NewContent([part], sources, [], [])

    def named_part(
        self, words: str, role: Role, profile: OfficeProfile | None, outline: Outline
    ) -> NewContent | None:
        """A part for the writer's words.

        From a topic module, a line of work of the office profile, the corpus, else the
        profile's own items for that kind of part.
        """
        topic = match_topic(words)
        if topic is not None:
            return self.topic_part(topic, role)
        if profile is not None:
            for line in profile.lines_of_work:
                if words in line.heading or line.heading in words:
                    key, sources = _cited(profile_source(profile))
                    part = _phrased_section(line, role, 1, key, "profile")
                    return NewContent([part], sources, [], [])
        used = phrasing_in(outline)
        found = self.corpus_phrasing(words, None, PART_PHRASES, used, outline=outline)
        if not found.phrasing:
            data = [profile_source(profile)] if profile is not None else []
            data.append(genre_source())
            found = data_phrases(data, items_role(words, role), PART_PHRASES, used, outline)
        if not found.phrasing:
            return None
        basis = basis_of(found.sources, found.cites, outline)
        part = OutlineSection("", 1, role, words, found.phrasing, found.cites, [], basis)
        return NewContent([part], found.sources, [], [])

    def corpus_phrasing(
        self,
        query: str,
        role: Role | None,
        limit: int,
        used: set[str],
        *,
        outline: Outline,
        office_types: Sequence[str] = (),
    ) -> NewContent:
        """Patterns from corpus paragraphs found lexically for the query (of a role if given)."""
        hits = self.index.search(query, k=LEXICAL_HITS, office_types=office_types, mode="lexical")
        chunks = [
            hit.chunk
            for hit in hits
            if hit.chunk.kind == "paragraph" and (role is None or hit.chunk.role == role)
        ]
        return cite_phrases(chunks, outline, limit, used)

    def same_role(
        self,
        role: Role,
        limit: int,
        used: set[str],
        *,
        outline: Outline,
        office_types: Sequence[str],
    ) -> NewContent:
        """Patterns from other summaries' parts of the same role, the office types' first."""
        summaries = sorted(
            self.library.summaries.values(), key=lambda s: (s.office_type not in office_types, s.id)
        )
        chunks: list[Chunk] = []
        for summary in summaries:
            for root in summary.role_roots(role):
                chunks += [chunk for part in root.walk() for chunk in part.paragraphs]
        return cite_phrases(chunks, outline, limit, used)


def cite_phrases(
    chunks: Sequence[Chunk], outline: Outline, limit: int, used: set[str]
) -> NewContent:
    """Up to ``limit`` patterns from chunks that fit the outline's unit (not in ``used``).

    The patterns are fitted to the outline's period and year; each cites its corpus source.
    """
    unique = [c for c in {chunk.id: chunk for chunk in chunks}.values() if fits(outline, c)]
    phrases = choose_phrasing(unique, asked_period(outline), limit, set(used), voice_of(outline))
    registry = SourceRegistry()
    cites = [registry.cite(phrase.source) for phrase in phrases]
    return NewContent([], dict(registry.refs), [p.text for p in phrases], cites)


def items_role(words: str, role: Role) -> Role:
    """The kind of items a part named by ``words`` wants (整改措施 wants next steps)."""
    named = keyword_role(words)
    if named in (Role.MEASURES, Role.PLANS) or any(w in words for w in ACTION_WORDS):
        return Role.PLANS
    return named or role


def data_texts(source: DataSource, role: Role) -> list[str]:
    """A data source's sentences for a role: its problems or next steps, else its phrasing."""
    if source.kind == "genre":
        return list(genre_table().part(role).phrasing)
    profile = office_profiles()[source.key] if source.kind == "profile" else None
    module = topic_modules()[source.key] if source.kind == "topic" else None
    problems = profile.problems if profile else module.problems if module else ()
    next_steps = profile.next_steps if profile else module.next_steps if module else ()
    lines = profile.lines_of_work if profile else module.parts if module else ()
    if role is Role.PROBLEMS:
        return [item_sentence(item) for item in problems]
    if role is Role.PLANS:
        return [item_sentence(item) for item in next_steps]
    return [text for line in lines for text in line.phrasing]


def data_source_of(document: str) -> DataSource | None:
    """The data source a source map's document names (``profile:finance``), if it is one."""
    kind, _, key = document.partition(":")
    if kind == "profile" and key in office_profiles():
        return profile_source(office_profiles()[key])
    if kind == "topic" and key in topic_modules():
        return topic_source(topic_modules()[key])
    return genre_source() if kind == "genre" else None


def data_sources(
    outline: Outline, section: OutlineSection, profile: OfficeProfile | None
) -> list[DataSource]:
    """The assistant's data a part stands on, then the writer's office profile, then the genre."""
    found = [data_source_of(outline.sources[key].document) for key in section.sources]
    sources = [source for source in found if source is not None]
    more = [profile_source(profile)] if profile is not None else []
    for source in [*more, genre_source()]:
        if source.document not in {known.document for known in sources}:
            sources.append(source)
    return sources


def data_phrases(
    sources: Sequence[DataSource], role: Role, limit: int, used: set[str], outline: Outline
) -> NewContent:
    """Up to ``limit`` of the assistant's own sentences for a role, from the given sources.

    Fitted to the outline's period and year and told in the outline's unit's voice.
    """
    kind = profile_of_type(outline.matched_office_type) if outline.matched_office_type else None
    voice = office_profiles()[kind].self_references[0] if kind else ""
    registry = SourceRegistry()
    phrasing: list[str] = []
    cites: list[str] = []
    for source in sources:
        if len(phrasing) >= limit:
            break
        texts = data_texts(source, role)
        period = asked_period(outline)
        for phrase in data_phrasing(texts, source, period, voice, limit - len(phrasing), used):
            phrasing.append(phrase.text)
            cites.append(registry.cite(source))
    return NewContent([], dict(registry.refs), phrasing, cites)


def profile_phrasing(
    profile: OfficeProfile, role: Role, limit: int, used: set[str], outline: Outline
) -> NewContent:
    """Patterns of an office profile for a kind of part, not in ``used``.

    Achievements and measures: the lines of work's patterns; problems and plans: the profile's
    problems and next steps as sentences.
    """
    return data_phrases([profile_source(profile)], role, limit, set(used), outline)


def profile_items(profile: OfficeProfile, role: Role, outline: Outline, count: int) -> NewContent:
    """Items of the office profile for a role that the outline does not have yet.

    Achievements and measures get lines of work (headings with phrasing); problems and plans get
    the profile's problems and next steps as patterns.
    """
    if role in (Role.ACHIEVEMENTS, Role.MEASURES):
        key, sources = _cited(profile_source(profile))
        have = headings_in(outline)
        lines = [line for line in profile.lines_of_work if line.heading not in have][:count]
        sections = [_phrased_section(line, role, 2, key, "profile") for line in lines]
        return NewContent(sections, sources if sections else {}, [], [])
    return profile_phrasing(profile, role, count, phrasing_in(outline), outline)
