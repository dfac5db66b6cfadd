"""Understanding an outline request: office type, period, topic and the title's unit."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.corpus.office_types import office_table
from assistant.errors import InputError
from assistant.index.office_match import OfficeMatch
from assistant.outline.settings import OutlineSettings

FILLER = re.compile(r"^(?:我们?是|我在|我们?|本单位是)|(?:的|单位|工作人员)$")
MAX_FIELD_CHARS = 50


@dataclass(frozen=True)
class OutlineRequest:
    """What the writer asked for."""

    office_type: str
    period: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class ResolvedRequest:
    """A request mapped onto the corpus: office types, canonical period, topic, title unit."""

    request: OutlineRequest
    office: OfficeMatch
    period: str
    topic: str | None
    level: str | None  # 县, 市 ... when the writer said so


@functools.cache
def _level_prefix() -> re.Pattern[str]:
    """An administrative level (the office table's: 县, 市 ...) opening an office's name."""
    levels = "".join(office_table().levels)
    return re.compile(rf"^(?:XX|某)?([{re.escape(levels)}])")


def office_words(text: str) -> str:
    """The office named in a writer's words (``我们是县农机局的`` -> ``县农机局``)."""
    return FILLER.sub("", FILLER.sub("", text.strip())).strip()


def validate(request: OutlineRequest) -> None:
    """Reject empty or oversized fields with a clear message."""
    if not request.office_type or not request.office_type.strip():
        raise InputError("请提供单位类型，例如“县科技局”“镇政府”“农机局”。")
    for value in (request.office_type, request.period, request.topic):
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise InputError(f"字段过长（超过 {MAX_FIELD_CHARS} 个字符）：{value[:20]}……")


def title_unit(resolved: ResolvedRequest, settings: OutlineSettings) -> str:
    """The unit as a title names it: ``XX县农机局``, ``XX镇``, ``XX县教育局``."""
    level = resolved.level or settings.default_level
    if resolved.office.exact:
        return office_table().office(resolved.office.types[0]).title_unit.format(level=level)
    office = _level_prefix().sub("", office_words(resolved.request.office_type)) or "单位"
    return settings.unseen_unit.format(level=level, office=office)


def level_of(text: str) -> str | None:
    """The administrative level a writer's office wording starts with, if any."""
    match = _level_prefix().match(office_words(text))
    return match.group(1) if match else None
