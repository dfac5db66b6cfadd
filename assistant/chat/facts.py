"""What an outline is for, as the chat reads it from a message: office, period, year, topic.

`read_facts` is the one place the chat parses these: it asks the owners (the office words of
`assistant.chat.intent`, the genre table's periods and topics, the office profiles) and never
keeps a second copy of their lists. `build_outline` is the one place the chat asks the outline
chain for an outline. Both are single calls so that a richer request library can replace them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.chat.intent import find_office, find_period, find_topic
from assistant.genre.profiles import OfficeProfile, match_profile
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest
from assistant.runtime import Runtime


@dataclass(frozen=True)
class Facts:
    """What one message says about the outline's request (None: not mentioned)."""

    office: str | None = None  # as written: 县农机局, 某中学
    period: str | None = None  # as written, kept for the title: 第一季度, 上半年
    topic: str | None = None
    year: int | None = None

    @property
    def any(self) -> bool:
        """Whether the message names anything about the request."""
        return any(value is not None for value in (self.office, self.period, self.topic, self.year))


@dataclass(frozen=True)
class ChatRequest:
    """The request the current outline was built for."""

    office: str
    period: str | None = None
    topic: str | None = None
    year: int | None = None

    def updated(self, facts: Facts) -> ChatRequest:
        """The request with what a message names replaced."""
        return replace(
            self,
            office=facts.office or self.office,
            period=facts.period or self.period,
            topic=facts.topic or self.topic,
            year=facts.year or self.year,
        )

    def changes(self, facts: Facts) -> list[str]:
        """The fields a message would change (office, period, topic, year)."""
        new = self.updated(facts)
        return [
            name
            for name in ("office", "period", "topic", "year")
            if getattr(new, name) != getattr(self, name)
        ]


def _period_words(text: str) -> str | None:
    """The period as the writer wrote it: the longest alias of the period the text names."""
    from assistant.genre.table import genre_table

    canonical = find_period(text)
    if canonical is None:
        return None
    aliases = [a for a in genre_table().period(canonical).aliases if a in text]
    return max(aliases, key=len) if aliases else canonical


def read_facts(text: str) -> Facts:
    """The office, period, topic and year a message names."""
    office = find_office(text)
    if office is None:
        profile = match_profile(text)
        office = _profile_name_in(text, profile) if profile else None
    return Facts(office=office, period=_period_words(text), topic=find_topic(text))


def _profile_name_in(text: str, profile: OfficeProfile) -> str | None:
    """The longest of a profile's names that the text contains."""
    names = [name for name in profile.names() if name in text and len(name) > 1]
    return max(names, key=len) if names else None


def build_outline(runtime: Runtime, request: ChatRequest) -> Outline:
    """The outline chain's outline for a chat request."""
    return runtime.outline(OutlineRequest(request.office, request.period, request.topic))


def office_profile(request: ChatRequest) -> OfficeProfile | None:
    """The office profile of the request's office, if one matches."""
    return match_profile(request.office)
