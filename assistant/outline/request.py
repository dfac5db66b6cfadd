"""Understanding what a writer asks for: office, period and year, topic, and the title's unit.

The one reader of requests: the outline chain resolves an `OutlineRequest` with it, and the chat
reads a message with `read_request` (``我是平安县财政局办公室的``, ``我们乡``, ``某中学``,
``帮我写个某中学2025年度工作总结的提纲``).

- The office is found through the office profiles (`assistant.genre.profiles`): every name at
  every level (``县人力资源和社会保障局`` = ``人社局``), full official names, and the corpus's
  office types as profiles stand for them. Text naming no profile (``abc``) resolves to no
  office: the outline is then the genre's alone, and says so.
- The period and year are the genre's (`assistant.genre.periods`), against an injected date.
- A topic (``安全生产``, ``普法``) is a topic module when one has that name; a topic other than
  the office's own general work makes a 专项 summary.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Annotated

from pydantic import ConfigDict, Field

from assistant.contract import parse_input
from assistant.corpus.office_types import office_table
from assistant.errors import InputError
from assistant.genre.periods import AskedPeriod, find_period, read_period
from assistant.genre.profiles import OfficeProfile, find_profile, profile_for_corpus_type
from assistant.genre.table import genre_table
from assistant.genre.topic_modules import TopicModule, match_topic, topic_modules
from assistant.index.office_match import alias_match
from assistant.limits import ShortText
from assistant.outline.settings import OutlineSettings

FILLER = re.compile(r"^(?:我们?是|我在|我们?|本单位是)|(?:的|单位|工作人员)$")
SUMMARY_WORD = "总结"
WORK_WORD = "工作"
OFFICES_REMEMBERED = 4096  # office wordings resolved (a profile scan each) kept per process


@dataclass(frozen=True)
class OutlineRequest:
    """Ask for an outline (what the writer asked for)."""

    __pydantic_config__ = ConfigDict(extra="ignore")

    office_type: Annotated[
        ShortText,
        Field(
            description="单位，如“县财政局”“某中学”“街道办事处”；没有对应单位类型时按文种通用结构生成",
            examples=["县农机局"],
        ),
    ]
    period: Annotated[
        ShortText | None,
        Field(
            description="时段，可带年份：上半年、下半年、年度、一季度……四季度、前三季度、任期、"
            "专项、月度，如“2025年度”“去年”“今年一季度”",
            examples=["上半年"],
        ),
    ] = None
    topic: Annotated[
        ShortText | None,
        Field(description="主题（可选），如“安全生产”“普法”；给出时为专项总结", examples=["普法"]),
    ] = None


@dataclass(frozen=True)
class AskedOffice:
    """The office a writer named, and the profile it resolves to (None: no known kind)."""

    words: str  # as the writer wrote it, filler removed (县农机局)
    profile: OfficeProfile | None
    name: str = ""  # the profile's name as written, without its level (人力资源和社会保障局)
    level: str = ""  # the level written before it (县, 市, 县委), if any

    @property
    def matched(self) -> bool:
        """Whether the office resolved to a kind of unit."""
        return self.profile is not None

    @property
    def label(self) -> str:
        """The kind of unit, as outlines report it: the corpus type, else the profile's name."""
        if self.profile is None:
            return ""
        return self.profile.corpus_type or self.profile.name

    @property
    def default_topic(self) -> str | None:
        """The corpus topic that is this office's general work (科技局: 科技工作), if any."""
        corpus_type = self.profile.corpus_type if self.profile else None
        if corpus_type and corpus_type in office_table().office_types:
            return office_table().office(corpus_type).default_topic
        return None

    @property
    def self_reference(self) -> str:
        """How the unit calls itself in its summary (我局, 我校, 我街道)."""
        return self.profile.self_references[0] if self.profile else ""

    def title_unit(self, settings: OutlineSettings) -> str:
        """The unit as a title names it: ``XX县财政局``, ``XX中学``, ``XX单位``."""
        if self.profile is None:
            return settings.unknown_unit
        level = self.level or _default_level(self.profile, settings.default_level)
        return f"{settings.unit_placeholder}{level}{self.name}"

    def same_type(self, office_type: str) -> bool:
        """Whether a corpus document's office type is this office's kind."""
        return self.profile is not None and profile_of_type(office_type) == self.profile.key


@dataclass(frozen=True)
class AskedTopic:
    """The topic a writer named: a topic module, a corpus topic, or free words."""

    words: str  # as the writer wrote it, without 总结
    module: TopicModule | None
    corpus_topic: str | None  # the genre table's topic of that name, if any
    special: bool  # a 专项 summary on the topic (not the office's own general work)

    @property
    def subject(self) -> str:
        """What the title says the summary is about: ``安全生产工作``, ``普法工作``."""
        return self.words if self.words.endswith(WORK_WORD) else self.words + WORK_WORD


@dataclass(frozen=True)
class ResolvedRequest:
    """A request understood: office, period and year, topic."""

    request: OutlineRequest
    office: AskedOffice
    period: AskedPeriod
    topic: AskedTopic | None


@dataclass(frozen=True)
class RequestReading:
    """What a chat message names (each part None when it names none)."""

    office: AskedOffice | None
    period: AskedPeriod | None
    topic: AskedTopic | None


@functools.cache
def profile_of_type(office_type: str) -> str | None:
    """The profile key of a corpus office type or unit name, if any."""
    profile = profile_for_corpus_type(office_type)
    if profile is None:
        found = find_profile(office_type)
        profile = found.profile if found else None
    return profile.key if profile else None


def _default_level(profile: OfficeProfile, default: str) -> str:
    prefixes = profile.level_prefixes
    if not prefixes:
        return ""
    return next((prefix for prefix in prefixes if prefix.startswith(default)), prefixes[0])


def office_words(text: str) -> str:
    """The office named in a writer's words (``我们是县农机局的`` -> ``县农机局``)."""
    return FILLER.sub("", FILLER.sub("", text.strip())).strip()


@functools.lru_cache(maxsize=OFFICES_REMEMBERED)
def resolve_office(text: str) -> AskedOffice:
    """The office a request names: its profile, name and level (no profile: not matched)."""
    words = office_words(text)
    source = words
    found = find_profile(words)
    if found is None:  # 我们乡要写: a one-character name counts after the filler removed
        source = text.strip()
        found = find_profile(source)
    if found is None:
        corpus_type = alias_match(words)
        profile = profile_for_corpus_type(corpus_type) if corpus_type else None
        if profile is None:
            return AskedOffice(words, None)
        return AskedOffice(words, profile, profile.name)
    written = source[found.start : found.end]
    prefixes = sorted(found.profile.level_prefixes, key=len, reverse=True)
    level = next((p for p in prefixes if written.startswith(p) and written != p), "")
    if not level:
        before = source[: found.start]
        levels = (*prefixes, *office_table().levels)  # 县|人民医院: the level written
        level = next((p for p in levels if before.endswith(p)), "")
    return AskedOffice(words, found.profile, written.removeprefix(level), level)


def _topic_words(text: str) -> str:
    """A topic as the writer wrote it, without a final 总结 (安全生产工作总结 -> 安全生产工作)."""
    words = text.strip()
    return words.removesuffix(SUMMARY_WORD) if len(words) > len(SUMMARY_WORD) else words


def resolve_topic(text: str | None, office: AskedOffice) -> AskedTopic | None:
    """The topic a request names, if any; the office's own general work is no 专项 topic."""
    if not text or not text.strip():
        return None
    words = _topic_words(text)
    bare = words.removesuffix(WORK_WORD) or words
    module = match_topic(words) or match_topic(bare)
    corpus_topic = genre_table().find_topic(words) or genre_table().find_topic(bare)
    if module is not None and module.corpus_topic:
        corpus_topic = corpus_topic or module.corpus_topic
    general = corpus_topic is not None and corpus_topic == office.default_topic
    return AskedTopic(words, module, corpus_topic, special=not general)


def validate(request: OutlineRequest, labels: Mapping[str, str] | None = None) -> None:
    """Reject an empty office type, and fields the request type does not allow (too long ...).

    ``labels`` names the fields as the caller's user knows them (``--office``).
    """
    parse_input(OutlineRequest, asdict(request), labels)
    if not request.office_type.strip():
        raise InputError("请提供单位类型，例如“县财政局”“某中学”“街道办事处”。")


def resolve(request: OutlineRequest, today: datetime.date) -> ResolvedRequest:
    """A request understood against the clock's date (an `InputError` for bad fields)."""
    validate(request)
    office = resolve_office(request.office_type)
    topic = resolve_topic(request.topic, office)
    period = read_period(request.period, today, topic=bool(topic and topic.special))
    return ResolvedRequest(request, office, period, topic)


@functools.cache
def _request_words() -> re.Pattern[str]:
    """Period, year and topic words, removed from a message before its office is read."""
    table = genre_table()
    words = {alias for period in table.periods for alias in period.aliases}
    words |= set(table.current_quarter_aliases) | set(table.year_rules.relative)
    words |= {name for topic in topic_modules().values() for name in topic.names()}
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?:19|20)\d{2}年?|" + "|".join(map(re.escape, ordered)))


def read_request(text: str, today: datetime.date) -> RequestReading:
    """The office, period and year, and topic a chat message names (each None if none)."""
    period = find_period(text, today)
    module = match_topic(text)
    rest = _request_words().sub("，", text)
    office = None
    if find_profile(rest) or alias_match(rest):
        found = resolve_office(rest)
        office = dataclasses.replace(found, words=found.level + found.name)
    topic = None
    if module is not None:
        name = next(n for n in sorted(module.names(), key=len, reverse=True) if n in text)
        topic = resolve_topic(name, office or AskedOffice("", None))
    return RequestReading(office, period, topic)
