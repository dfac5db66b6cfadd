"""The outline builder's limits and defaults (``data/outline.yaml``), validated at load."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, model_validator

from assistant.genre.table import Role, genre_table
from assistant.outline.model import Basis
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "outline.yaml"


class PhrasingLimits(Table):
    """How many phrasing patterns a part, a sub-part and the opening get."""

    part_min: int = Field(ge=0)
    part_max: int = Field(ge=0)
    child_max: int = Field(ge=0)
    opening_max: int = Field(ge=0)


class SentenceChars(Table):
    """Bounds on a pattern's length; longer sentences are cut at a clause before ``cut``."""

    min: int = Field(ge=1)
    max: int = Field(ge=1)
    cut: int = Field(ge=1)


DataKind = Literal["profile", "topic", "genre"]


class Notes(Table):
    """What an outline says it stands on (Chinese templates)."""

    no_office: str = Field(min_length=1)
    nearest: str = Field(min_length=1)
    no_summaries: str = Field(min_length=1)
    summaries: str = Field(min_length=1)
    topic: str = Field(min_length=1)


class OutlineSettings(Table):
    """``data/outline.yaml``."""

    max_parts: dict[Role, int] = Field(min_length=1)
    max_children: int = Field(ge=0)
    profile_lines: int = Field(ge=1)
    topic_parts: int = Field(ge=1)
    items_max: int = Field(ge=1)
    phrasing: PhrasingLimits
    sentence_chars: SentenceChars
    max_enumeration_commas: int = Field(ge=0)
    excerpt_chars: int = Field(gt=0)
    unit_placeholder: str = Field(min_length=1)
    unknown_unit: str = Field(min_length=1)
    default_level: str = Field(min_length=1)
    genre_self_reference: str = Field(min_length=1)
    notes: Notes
    basis: dict[Basis, str]
    data_sources: dict[DataKind, str]

    @model_validator(mode="after")
    def _bounds(self) -> OutlineSettings:
        if self.sentence_chars.cut > self.sentence_chars.max:
            raise ValueError("sentence_chars.cut must not exceed sentence_chars.max")
        if self.phrasing.part_min > self.phrasing.part_max:
            raise ValueError("phrasing.part_min must not exceed phrasing.part_max")
        missing = [r.value for r in genre_table().required_roles if self.max_parts.get(r, 0) < 1]
        if missing:
            raise ValueError(f"max_parts: the genre's required parts need a place: {missing}")
        for mapping, names, key in (
            (self.basis, get_args(Basis), "basis"),
            (self.data_sources, get_args(DataKind), "data_sources"),
        ):
            absent = sorted(set(names) - set(mapping))
            if absent:
                raise ValueError(f"{key}: missing {absent}")
        return self


@cache
def outline_settings() -> OutlineSettings:
    """The outline settings, validated (once per process)."""
    return load_table(DATA_FILE, OutlineSettings)
