"""Assembling an outline's parts from what fits the asking office.

Which material an outline stands on, in order of preference:

1. Summaries of the asked kind of unit (a 专项 request: those on the topic) lead, as before:
   their parts, role by role, from the best-ranked one; a required part it lacks comes from
   another summary of the kind, else from the office profile (or the topic module).
2. A 专项 request with a topic module and no such summary: the topic's sections from summaries
   of the kind, then other offices' sections on the topic when it is common work, then the
   module's standard sub-parts; its problems and next steps.
3. An office profile: one part of the unit's own lines of work, one part of common work (other
   offices' common-work sections, topped up from the common topic modules), the profile's
   typical problems and next steps.
4. No kind of unit matched: the genre alone (its generic phrasing and the common topic modules),
   never another office's summary.

No part is ever taken from another office's line of work or plans: other offices' summaries
contribute only sections classified as common work at ingest.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from assistant.genre.common_work import common_work_rules, names_topic
from assistant.genre.phrasing import MAX_HEADING_CHARS
from assistant.genre.profiles import OfficeProfile
from assistant.genre.table import Role, genre_table
from assistant.genre.topic_modules import TopicModule, match_topic, topic_modules
from assistant.index.chunks import Chunk
from assistant.outline.library import Library, SourcePart, SourceSummary, outermost_parts
from assistant.outline.model import Basis
from assistant.outline.phrasing import (
    Phrase,
    Voice,
    choose_phrasing,
    data_phrasing,
    fit_heading,
    item_sentence,
)
from assistant.outline.request import ResolvedRequest
from assistant.outline.settings import outline_settings
from assistant.outline.sources import (
    DataSource,
    Source,
    genre_source,
    profile_source,
    topic_source,
)


@dataclass
class Draft:
    """An outline part before numbering: heading, what it stands on, phrasing, sub-parts."""

    role: Role
    heading: str
    basis: Basis
    cites: list[Source]
    phrases: list[Phrase]
    children: list[Draft] = field(default_factory=list)


@dataclass
class Assembly:
    """The opening phrasing and the parts, in outline order."""

    opening: list[Phrase]
    parts: list[Draft]
    topic_module: TopicModule | None = None


def on_topic(summary: SourceSummary, resolved: ResolvedRequest) -> bool:
    """Whether a summary is about the requested topic."""
    topic = resolved.topic
    if topic is None:
        return False
    if topic.corpus_topic and summary.topic == topic.corpus_topic:
        return True
    return topic.module is not None and _module_key(summary.topic) == topic.module.key


@functools.cache
def _module_key(topic: str) -> str | None:
    """The topic module a summary's topic names, if any (asked for every summary)."""
    module = match_topic(topic)
    return module.key if module else None


@dataclass
class Assembler:
    """Assembles one outline; patterns offered once are not offered again."""

    resolved: ResolvedRequest
    ranking: Sequence[SourceSummary]  # every summary, best first
    library: Library
    used: set[str] = field(default_factory=set)

    def assemble(self) -> Assembly:
        """The outline's material (see the module doc for the order of preference)."""
        office = self.resolved.office
        same = [s for s in self.ranking if office.same_type(s.office_type)]
        topic = self.resolved.topic
        if topic is not None and topic.special:
            on = [summary for summary in same if on_topic(summary, self.resolved)]
            if on:
                return self.from_summaries(on, topic.module)
            if topic.module is not None:
                return self.special(topic.module, same)
        if same:
            return self.from_summaries(same, None)
        if office.profile is not None:
            return self.from_profile(office.profile)
        return self.from_genre()

    # --- 1. summaries of the asked kind ---------------------------------------------------

    def from_summaries(
        self, summaries: Sequence[SourceSummary], module: TopicModule | None
    ) -> Assembly:
        """Parts role by role from the best summary, required ones from the next that has them."""
        primary = summaries[0]
        parts: list[Draft] = []
        genre = genre_table()
        for role, limit in outline_settings().max_parts.items():
            found = primary.role_roots(role)
            required = genre.part(role).required
            if not found and required and module is None:
                found = next((s.role_roots(role) for s in summaries if s.role_roots(role)), [])
            if found:
                drafts = [self.corpus_part(p, summaries, "same_type") for p in found[:limit]]
                if role is Role.PLANS:
                    drafts[0].heading = self.plans_heading()
                parts += drafts
            elif required:
                parts.append(self.data_part(role, module))
        opening = self.openings(summaries)
        return Assembly(opening, parts, module)

    def openings(self, summaries: Sequence[SourceSummary]) -> list[Phrase]:
        """Opening phrasing from the summaries' openings, the best first."""
        limit = outline_settings().phrasing.opening_max
        phrases: list[Phrase] = []
        for summary in summaries:
            if len(phrases) >= limit:
                break
            phrases += choose_phrasing(
                summary.opening, self.resolved.period, limit - len(phrases), self.used
            )
        return phrases or self.genre_phrases(Role.OPENING, limit)

    def corpus_part(
        self, part: SourcePart, pool: Sequence[SourceSummary], basis: Basis, level: int = 1
    ) -> Draft:
        """A part from a summary's part: its heading, phrasing, and sub-parts under level 1.

        Phrasing is topped up from parts of the same role in ``pool`` (summaries of the same
        kind of unit) when the part itself has too little.
        """
        settings = outline_settings()
        limits = settings.phrasing
        period = self.resolved.period
        heading = fit_heading(part.title, part.chunk.period, period)
        if level > 1:
            phrases = choose_phrasing(part.paragraphs, period, limits.child_max, self.used)
            return Draft(
                part.role, heading or _role_heading(part.role), basis, [part.chunk], phrases
            )
        own = [chunk for sub in part.walk() for chunk in sub.paragraphs]
        phrases = choose_phrasing(own, period, limits.part_max, self.used)
        for summary in pool:
            if len(phrases) >= limits.part_min:
                break
            similar = [
                chunk
                for root in summary.role_roots(part.role)
                if root is not part
                for sub in root.walk()
                for chunk in sub.paragraphs
            ]
            phrases += choose_phrasing(similar, period, limits.part_min - len(phrases), self.used)
        children = [
            self.corpus_part(child, pool, basis, level + 1)
            for child in part.children[: settings.max_children]
        ]
        return Draft(
            part.role, heading or _role_heading(part.role), basis, [part.chunk], phrases, children
        )

    # --- 2. a 专项 summary from a topic module ---------------------------------------------

    def special(self, module: TopicModule, same: Sequence[SourceSummary]) -> Assembly:
        """Parts on the topic (corpus sections, then the module's), problems, next steps."""
        settings = outline_settings()
        corpus = [
            self.corpus_part(part, same, "same_type")
            for summary in same
            for part in outermost_parts(summary, lambda chunk: chunk.work == module.key)
        ]
        if module.common:
            corpus += [
                self.common_part(part, level=1)
                for part in self.common_parts(lambda key: key == module.key)
            ]
        parts = [draft for draft in corpus if draft.phrases][: settings.topic_parts // 2]
        for draft in parts:
            draft.role = Role.ACHIEVEMENTS  # the topic's work, whatever its source part did
        source = topic_source(module)
        for sub in module.parts:
            if len(parts) >= settings.topic_parts:
                break
            phrases = self.data(sub.phrasing, source, settings.phrasing.child_max)
            parts.append(Draft(Role.ACHIEVEMENTS, sub.heading, "topic_module", [source], phrases))
        parts += [self.data_part(Role.PROBLEMS, module), self.data_part(Role.PLANS, module)]
        return Assembly(self.special_opening(), parts, module)

    def special_opening(self) -> list[Phrase]:
        """The genre's opening of a 专项 summary, naming the topic."""
        genre = genre_table()
        topic = self.resolved.topic
        subject = topic.subject if topic else genre.special_topic_word
        texts = [text.replace(genre.special_topic_word, subject) for text in genre.special_opening]
        return self.data(texts, genre_source(), len(texts))

    # --- 3. an office profile --------------------------------------------------------------

    def from_profile(self, profile: OfficeProfile) -> Assembly:
        """The unit's lines of work, common work, its problems and next steps."""
        settings = outline_settings()
        source = profile_source(profile)
        lines = [
            Draft(
                Role.ACHIEVEMENTS,
                line.heading,
                "profile",
                [source],
                self.data(line.phrasing, source, settings.phrasing.child_max),
            )
            for line in profile.lines_of_work[: settings.profile_lines]
        ]
        work = Draft(
            Role.ACHIEVEMENTS,
            _role_heading(Role.ACHIEVEMENTS),
            "profile",
            [source],
            self.genre_phrases(Role.ACHIEVEMENTS),
            lines,
        )
        parts = [work, self.common_work(), self.data_part(Role.PROBLEMS, None)]
        parts.append(self.data_part(Role.PLANS, None))
        return Assembly(self.genre_phrases(Role.OPENING), parts)

    def common_parts(self, accepts: Callable[[str], bool] = lambda key: True) -> list[SourcePart]:
        """Other offices' common-work parts, one per topic ``accepts`` takes, best first."""
        found: dict[str, SourcePart] = {}
        for summary in self.ranking:
            if self.resolved.office.same_type(summary.office_type):
                continue
            for part in self.library.common.get(summary.id, []):
                topic = part.chunk.work
                if topic not in found and accepts(topic):
                    found[topic] = part
        return list(found.values())

    @property
    def voice(self) -> Voice:
        """How other offices' common work is retold for the asking unit."""
        office = self.resolved.office
        speaker = office.self_reference or outline_settings().genre_self_reference
        return Voice(speaker, office.profile.key if office.profile else None)

    def common_part(self, part: SourcePart, level: int) -> Draft:
        """Another office's common-work part, retold for the asking unit.

        Its heading is kept when it names the work and reads as a heading, else the topic
        module's common heading stands in; its phrasing is retold (`Voice`).
        """
        module = topic_modules()[part.chunk.work]
        limits = outline_settings().phrasing
        period = self.resolved.period
        voice = self.voice
        heading = voice.retell(
            fit_heading(part.title, part.chunk.period, period), part.chunk.office_type
        )
        if not heading or len(heading) > MAX_HEADING_CHARS or not names_topic(heading, module.key):
            heading = module.common_heading or module.title
        own = [chunk for sub in part.walk() for chunk in sub.paragraphs]
        limit = limits.child_max if level > 1 else limits.part_max
        phrases = choose_phrasing(own, period, limit, self.used, voice)
        return Draft(Role.ACHIEVEMENTS, heading, "common_work", [part.chunk], phrases)

    def common_work(self) -> Draft:
        """One part of common work: other offices' sections, then the common topic modules."""
        rules = common_work_rules()
        retold = (self.common_part(part, level=2) for part in self.common_parts())
        children = [child for child in retold if child.phrases][: rules.max_children]
        covered = {child.cites[0].work for child in children if isinstance(child.cites[0], Chunk)}
        limit = outline_settings().phrasing.child_max
        for key in rules.topics:
            if len(children) >= rules.max_children:
                break
            if key in covered:
                continue
            module = topic_modules()[key]
            source = topic_source(module)
            phrases = self.data(module.parts[0].phrasing, source, limit)
            heading = module.common_heading or module.title
            children.append(Draft(Role.ACHIEVEMENTS, heading, "topic_module", [source], phrases))
        basis: Basis = "common_work" if covered else "topic_module"
        return Draft(Role.ACHIEVEMENTS, rules.part_heading, basis, [genre_source()], [], children)

    # --- 4. the genre alone -----------------------------------------------------------------

    def from_genre(self) -> Assembly:
        """The genre's parts and phrasing, and common work from the topic modules only."""
        source = genre_source()
        work = Draft(
            Role.ACHIEVEMENTS,
            _role_heading(Role.ACHIEVEMENTS),
            "genre",
            [source],
            self.genre_phrases(Role.ACHIEVEMENTS),
        )
        rules = common_work_rules()
        limit = outline_settings().phrasing.child_max
        children = []
        for key in rules.topics[: rules.max_children]:
            module = topic_modules()[key]
            module_source = topic_source(module)
            phrases = self.data(module.parts[0].phrasing, module_source, limit)
            heading = module.common_heading or module.title
            children.append(
                Draft(Role.ACHIEVEMENTS, heading, "topic_module", [module_source], phrases)
            )
        common = Draft(
            Role.ACHIEVEMENTS, rules.part_heading, "topic_module", [source], [], children
        )
        parts = [work, common, self.data_part(Role.PROBLEMS, None)]
        parts.append(self.data_part(Role.PLANS, None))
        return Assembly(self.genre_phrases(Role.OPENING), parts)

    # --- data parts and phrasing --------------------------------------------------------------

    def data_part(self, role: Role, module: TopicModule | None) -> Draft:
        """A required part from the topic module, else the office profile, else the genre."""
        settings = outline_settings()
        heading = self.plans_heading() if role is Role.PLANS else _role_heading(role)
        profile = self.resolved.office.profile
        items: tuple[str, ...] = ()
        source: DataSource | None = None
        basis: Basis = "genre"
        if module is not None:
            source, basis = topic_source(module), "topic_module"
            items = _items(module.problems, module.next_steps, role)
        elif profile is not None:
            source, basis = profile_source(profile), "profile"
            items = _items(profile.problems, profile.next_steps, role)
        phrases = self.genre_phrases(role, 1 if items else settings.phrasing.part_max)
        if source is not None:
            sentences = [item_sentence(item) for item in items]
            phrases += self.data(sentences, source, settings.items_max)
        cites: list[Source] = [source] if source is not None else [genre_source()]
        return Draft(role, heading, basis, cites, phrases)

    def plans_heading(self) -> str:
        """The plans part named for what comes next (下半年工作打算, 2027年工作思路)."""
        period = self.resolved.period
        return period.spec.plans_for(period.year)

    def data(self, texts: Iterable[str], source: DataSource, limit: int) -> list[Phrase]:
        """The assistant's own phrasing, fitted."""
        office = self.resolved.office
        return data_phrasing(
            texts, source, self.resolved.period, office.self_reference, limit, self.used
        )

    def genre_phrases(self, role: Role, limit: int | None = None) -> list[Phrase]:
        """The genre's phrasing for a role."""
        texts = genre_table().part(role).phrasing
        return self.data(texts, genre_source(), limit or len(texts))


def _items(problems: tuple[str, ...], next_steps: tuple[str, ...], role: Role) -> tuple[str, ...]:
    if role is Role.PROBLEMS:
        return problems
    if role is Role.PLANS:
        return next_steps
    return ()


def _role_heading(role: Role) -> str:
    return genre_table().part(role).heading or genre_table().part(role).name
