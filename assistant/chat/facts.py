"""What an outline is for, as the chat reads it from a message: office, period, year, topic.

`read_facts` is the one place the chat parses these: it asks the outline's reader of requests
(`assistant.outline.request.read_request`: office profiles at every level and full official
names, the genre's periods and years, topic modules), then, for what that reader leaves out,
the unit words of `assistant.chat.intent` (a unit no profile names) and the genre table's
corpus topics. `build_outline` is the one place the chat asks the outline chain for an outline.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from assistant.chat.intent import find_office, find_topic
from assistant.errors import InputError
from assistant.genre.profiles import OfficeProfile, match_profile
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest, RequestReading, read_request
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


def _read(text: str, today: datetime.date) -> RequestReading:
    try:
        return read_request(text, today)
    except InputError:  # a year out of range: read the rest of the message without it
        return RequestReading(None, None, None)


def read_facts(text: str, today: datetime.date | None = None) -> Facts:
    """The office, period, year and topic a message names."""
    reading = _read(text, today or datetime.date.today())
    resolved = reading.office.words if reading.office and reading.office.words else None
    written = find_office(text)  # the unit as written (城关镇 where the profile reads 镇)
    office = written if written and (resolved is None or resolved in written) else resolved
    period = reading.period
    return Facts(
        office=office,
        period=period.name if period else None,
        topic=reading.topic.words if reading.topic else find_topic(text),
        year=period.year if period and period.year_given else None,
    )


def build_outline(runtime: Runtime, request: ChatRequest) -> Outline:
    """The outline chain's outline for a chat request."""
    period = request.period
    if request.year is not None:
        period = f"{request.year}年{period or ''}"
    return runtime.outline(OutlineRequest(request.office, period, request.topic))


def office_profile(request: ChatRequest) -> OfficeProfile | None:
    """The office profile of the request's office, if one matches."""
    return match_profile(request.office)
