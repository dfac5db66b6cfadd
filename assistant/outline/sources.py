"""What outline parts stand on: corpus chunks or the assistant's own data, cited as S1, S2 ...

A corpus source is a chunk of an indexed summary; a data source is an office profile
(``profile:finance``), a topic module (``topic:work-safety``) or the genre model
(``genre:summary``), so every part cites something real, and the writer sees which parts come
from other units' summaries and which from the assistant's knowledge of the genre and the office.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from assistant.corpus.text import full_width
from assistant.genre.profiles import OfficeProfile, office_profiles
from assistant.genre.table import genre_table
from assistant.genre.topic_modules import TopicModule, topic_modules
from assistant.index.chunks import Chunk
from assistant.outline.model import SourceRef
from assistant.outline.settings import DataKind, outline_settings

GENRE_KEY = "summary"
EXCERPT_ITEMS = 4


@dataclass(frozen=True)
class DataSource:
    """A piece of the assistant's own data."""

    kind: DataKind
    key: str
    name: str  # the kind of unit, the topic, or "" for the genre
    excerpt: str

    @property
    def document(self) -> str:
        """How the source map names it: ``profile:finance``."""
        return f"{self.kind}:{self.key}"


Source = Chunk | DataSource


def _excerpt(items: Sequence[str]) -> str:
    return "、".join(items[:EXCERPT_ITEMS]) + ("……" if len(items) > EXCERPT_ITEMS else "")


def profile_source(profile: OfficeProfile) -> DataSource:
    """An office profile as a source: its lines of work."""
    lines = [line.heading for line in profile.lines_of_work]
    return DataSource("profile", profile.key, profile.name, _excerpt(lines))


def topic_source(module: TopicModule) -> DataSource:
    """A topic module as a source: its standard sub-parts."""
    return DataSource(
        "topic", module.key, module.title, _excerpt([p.heading for p in module.parts])
    )


def genre_source() -> DataSource:
    """The genre model as a source: the parts of a summary in order."""
    names = [part.name for part in genre_table().parts]
    return DataSource("genre", GENRE_KEY, "", "、".join(names))


def known_document(document: str, corpus: Collection[str]) -> bool:
    """Whether a source map's document exists: in the corpus, or as the assistant's data."""
    kind, _, key = document.partition(":")
    if kind == "profile":
        return key in office_profiles()
    if kind == "topic":
        return key in topic_modules()
    if kind == "genre":
        return key == GENRE_KEY
    return document in corpus


def source_ref(source: Source) -> SourceRef:
    """A source's entry in the outline's source map."""
    settings = outline_settings()
    if isinstance(source, DataSource):
        title = settings.data_sources[source.kind].format(name=source.name)
        return SourceRef(source.document, title, source.name, source.excerpt, source.kind)
    excerpt = full_width(source.pattern.replace("\n", " "))[: settings.excerpt_chars]
    title = source.title_pattern or source.title
    return SourceRef(source.document, title, source.office_type, excerpt, "corpus")


@dataclass
class SourceRegistry:
    """Source ids (S1, S2 ...) in order of first citation."""

    refs: dict[str, SourceRef] = field(default_factory=dict)
    by_source: dict[str, str] = field(default_factory=dict)

    def cite(self, source: Source) -> str:
        """The id of a source's entry, added on first use."""
        identity = source.document if isinstance(source, DataSource) else source.id
        if identity not in self.by_source:
            key = f"S{len(self.by_source) + 1}"
            self.by_source[identity] = key
            self.refs[key] = source_ref(source)
        return self.by_source[identity]

    def cite_all(self, sources: Sequence[Source]) -> list[str]:
        """Ids of several sources, without repeats, in order."""
        return list(dict.fromkeys(self.cite(source) for source in sources))
