"""Understanding an outline request: office type, period, topic and the title's unit."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Annotated

from pydantic import ConfigDict, Field

from assistant.contract import parse_input
from assistant.corpus.office_types import office_table
from assistant.errors import InputError
from assistant.index.office_match import OfficeMatch
from assistant.limits import ShortText
from assistant.outline.settings import OutlineSettings

FILLER = re.compile(r"^(?:我们?是|我在|我们?|本单位是)|(?:的|单位|工作人员)$")


@dataclass(frozen=True)
class OutlineRequest:
    """Ask for an outline (what the writer asked for)."""

    __pydantic_config__ = ConfigDict(extra="ignore")

    office_type: Annotated[
        ShortText,
        Field(
            description="单位类型，如“县农机局”“镇政府”；语料中没有的类型按最接近的处理",
            examples=["县农机局"],
        ),
    ]
    period: Annotated[
        ShortText | None,
        Field(description="时段：上半年、下半年、年度、季度、月度", examples=["上半年"]),
    ] = None
    topic: Annotated[
        ShortText | None, Field(description="主题（可选），如“普法”“招商引资”", examples=["普法"])
    ] = None


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


def validate(request: OutlineRequest, labels: Mapping[str, str] | None = None) -> None:
    """Reject an empty office type, and fields the request type does not allow (too long ...).

    ``labels`` names the fields as the caller's user knows them (``--office``).
    """
    parse_input(OutlineRequest, asdict(request), labels)
    if not request.office_type.strip():
        raise InputError("请提供单位类型，例如“县科技局”“镇政府”“农机局”。")


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
