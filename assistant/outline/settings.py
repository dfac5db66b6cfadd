"""The outline builder's limits and defaults (``data/outline.yaml``), validated at load."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, model_validator

from assistant.genre.table import Role, genre_table
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


class OutlineSettings(Table):
    """``data/outline.yaml``."""

    max_parts: dict[Role, int] = Field(min_length=1)
    max_children: int = Field(ge=0)
    phrasing: PhrasingLimits
    sentence_chars: SentenceChars
    max_enumeration_commas: int = Field(ge=0)
    excerpt_chars: int = Field(gt=0)
    unseen_unit: str = Field(min_length=1)
    default_level: str = Field(min_length=1)

    @model_validator(mode="after")
    def _bounds(self) -> OutlineSettings:
        if self.sentence_chars.cut > self.sentence_chars.max:
            raise ValueError("sentence_chars.cut must not exceed sentence_chars.max")
        if self.phrasing.part_min > self.phrasing.part_max:
            raise ValueError("phrasing.part_min must not exceed phrasing.part_max")
        missing = [r.value for r in genre_table().required_roles if self.max_parts.get(r, 0) < 1]
        if missing:
            raise ValueError(f"max_parts: the genre's required parts need a place: {missing}")
        return self


@cache
def outline_settings() -> OutlineSettings:
    """The outline settings, validated (once per process)."""
    return load_table(DATA_FILE, OutlineSettings)
