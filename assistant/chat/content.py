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
from assistant.genre.phrasing import PhrasedHeading
from assistant.genre.profiles import OfficeProfile, office_profiles
from assistant.genre.table import Role
from assistant.genre.topic_modules import TopicModule, match_topic, topic_modules
from assistant.index.chunks import Chunk
from assistant.index.retrieval import SearchIndex
from assistant.outline.chain import SourceRegistry
from assistant.outline.library import Library
from assistant.outline.model import Outline, OutlineSection, SourceRef
from assistant.outline.phrasing import choose_phrasing

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


def data_source(kind: str, key: str, title: str, office_type: str, excerpt: str) -> SourceRef:
    """A source that is the assistant's own data (``topic``, ``profile``), not a corpus text."""
    return SourceRef(f"{kind}:{key}", title, office_type, excerpt)


def is_data_source(document: str) -> bool:
    """Whether a source's document names one of the assistant's data files that exists."""
    kind, _, key = document.partition(":")
    if kind == "topic":
        return key in topic_modules()
    if kind == "profile":
        return key in office_profiles()
    return False


def topic_source(topic: TopicModule) -> SourceRef:
    """The source entry of a topic module."""
    first = topic.parts[0]
    return data_source("topic", topic.key, f"{topic.title}主题模块", "通用", first.heading)


def profile_source(profile: OfficeProfile) -> SourceRef:
    """The source entry of an office profile."""
    return data_source(
        "profile",
        profile.key,
        f"{profile.name}工作要点",
        profile.name,
        profile.lines_of_work[0].heading,
    )


def _phrased_section(item: PhrasedHeading, role: Role, level: int, cite: str) -> OutlineSection:
    return OutlineSection("", level, role, item.heading, list(item.phrasing), [cite])


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
        key = "T1"
        children = [_phrased_section(p, role, 2, key) for p in topic.parts[:MAX_TOPIC_CHILDREN]]
        part = OutlineSection("", 1, role, topic.title, [], [key], children)
        return NewContent([part], {key: topic_source(topic)}, [], [])

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
                    part = _phrased_section(line, role, 1, "P1")
                    return NewContent([part], {"P1": profile_source(profile)}, [], [])
        used = phrasing_in(outline)
        found = self.corpus_phrasing(words, None, PART_PHRASES, used, period=outline.period)
        if not found.phrasing and profile is not None:
            found = profile_phrasing(profile, _items_role(words, role), PART_PHRASES, used)
        if not found.phrasing:
            return None
        part = OutlineSection("", 1, role, words, found.phrasing, found.cites)
        return NewContent([part], found.sources, [], [])

    def corpus_phrasing(
        self,
        query: str,
        role: Role | None,
        limit: int,
        used: set[str],
        *,
        period: str,
        office_types: Sequence[str] = (),
    ) -> NewContent:
        """Patterns from corpus paragraphs found lexically for the query (of a role if given)."""
        hits = self.index.search(query, k=LEXICAL_HITS, office_types=office_types, mode="lexical")
        chunks = [
            hit.chunk
            for hit in hits
            if hit.chunk.kind == "paragraph" and (role is None or hit.chunk.role == role)
        ]
        return cite_phrases(chunks, period, limit, used)

    def same_role(
        self, role: Role, limit: int, used: set[str], *, period: str, office_types: Sequence[str]
    ) -> NewContent:
        """Patterns from other summaries' parts of the same role, the office types' first."""
        summaries = sorted(
            self.library.summaries.values(), key=lambda s: (s.office_type not in office_types, s.id)
        )
        chunks: list[Chunk] = []
        for summary in summaries:
            for root in summary.role_roots(role):
                chunks += [chunk for part in root.walk() for chunk in part.paragraphs]
        return cite_phrases(chunks, period, limit, used)


def cite_phrases(chunks: Sequence[Chunk], period: str, limit: int, used: set[str]) -> NewContent:
    """Up to ``limit`` patterns from chunks (not in ``used``), with their corpus sources."""
    unique = list({chunk.id: chunk for chunk in chunks}.values())
    phrases = choose_phrasing(unique, period, limit, set(used))
    registry = SourceRegistry()
    cites = [registry.cite(phrase.chunk) for phrase in phrases]
    return NewContent([], dict(registry.refs), [p.text for p in phrases], cites)


def _items_role(words: str, role: Role) -> Role:
    """The kind of items a part named by ``words`` wants (整改措施 wants next steps)."""
    named = keyword_role(words)
    if named in (Role.MEASURES, Role.PLANS) or any(w in words for w in ACTION_WORDS):
        return Role.PLANS
    return named or role


def profile_phrasing(profile: OfficeProfile, role: Role, limit: int, used: set[str]) -> NewContent:
    """Patterns of an office profile for a kind of part, not in ``used``.

    Achievements and measures: the lines of work's patterns; problems and plans: the profile's
    problems and next steps as sentences.
    """
    if role in (Role.ACHIEVEMENTS, Role.MEASURES):
        candidates = [p for line in profile.lines_of_work for p in line.phrasing]
    else:
        items = profile.problems if role is Role.PROBLEMS else profile.next_steps
        candidates = [f"{item}。" for item in items]
    phrasing = [p for p in candidates if p not in used][:limit]
    source = {"P1": profile_source(profile)} if phrasing else {}
    return NewContent([], source, phrasing, ["P1"] * len(phrasing))


def profile_items(profile: OfficeProfile, role: Role, outline: Outline, count: int) -> NewContent:
    """Items of the office profile for a role that the outline does not have yet.

    Achievements and measures get lines of work (headings with phrasing); problems and plans get
    the profile's problems and next steps as patterns.
    """
    source = {"P1": profile_source(profile)}
    if role in (Role.ACHIEVEMENTS, Role.MEASURES):
        have = headings_in(outline)
        lines = [line for line in profile.lines_of_work if line.heading not in have][:count]
        sections = [_phrased_section(line, role, 2, "P1") for line in lines]
        return NewContent(sections, source if sections else {}, [], [])
    items = profile.problems if role is Role.PROBLEMS else profile.next_steps
    have_phrasing = phrasing_in(outline)
    phrasing = [f"{item}。" for item in items if f"{item}。" not in have_phrasing][:count]
    return NewContent([], source if phrasing else {}, phrasing, ["P1"] * len(phrasing))
