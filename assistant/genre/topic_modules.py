"""Topic modules: the standard parts of a summary about one topic (党建, 安全生产, 乡村振兴 ...).

One YAML file per topic in ``data/topics/`` (file name = ``key``). A topic given with an office
makes a 专项总结 about that topic; the chat can also add a topic as one more part. Each module
names its sub-parts for achievements and measures (headings with phrasing patterns whose facts
are slots), its typical problems and next steps, and the words that mark its text. Files are
validated at first use; a bad field is a ``DataFileError`` naming the file and the field.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import DataFileError
from assistant.genre.phrasing import Heading, Item, PhrasedHeading, Term
from assistant.genre.profiles import KEY_PATTERN
from assistant.tables import load_folder

TOPICS_DIR = Path(__file__).parent / "data" / "topics"


class TopicModule(BaseModel):
    """One topic, as written in ``data/topics/<key>.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=KEY_PATTERN)
    name: Term
    title: Term
    common_heading: Heading | None = None  # set for common work every unit does (党建, 安全生产)
    corpus_topic: str | None = None
    aliases: tuple[Term, ...] = ()
    markers: tuple[Term, ...] = Field(min_length=3)
    parts: tuple[PhrasedHeading, ...] = Field(min_length=4, max_length=10)
    problems: tuple[Item, ...] = Field(min_length=3, max_length=6)
    next_steps: tuple[Item, ...] = Field(min_length=3, max_length=6)

    def names(self) -> tuple[str, ...]:
        """The topic's name, title and aliases."""
        return tuple(dict.fromkeys((self.name, self.title, *self.aliases)))

    @property
    def common(self) -> bool:
        """Whether the topic is common work every unit does (not some units' line of work)."""
        return self.common_heading is not None


def load_topic_modules(folder: Path = TOPICS_DIR) -> dict[str, TopicModule]:
    """Every topic module of a folder, by key; names must not be shared between topics."""
    topics = load_folder(folder, TopicModule)
    owner: dict[str, str] = {}
    for key, topic in topics.items():
        for name in topic.names():
            if owner.setdefault(name, key) != key:
                raise DataFileError(
                    f"topics/{key}.yaml: aliases: {name!r} is also a name of "
                    f"topics/{owner[name]}.yaml; a name must identify one topic"
                )
    return topics


@functools.cache
def topic_modules() -> dict[str, TopicModule]:
    """The built-in topic modules, by key."""
    return load_topic_modules()


def match_topic(text: str) -> TopicModule | None:
    """The topic whose longest name occurs in ``text`` (``安全生产工作`` -> 安全生产), if any."""
    best: tuple[int, str] | None = None
    for key, topic in topic_modules().items():
        for name in topic.names():
            if name in text and (best is None or len(name) > best[0]):
                best = (len(name), key)
    return topic_modules()[best[1]] if best else None
