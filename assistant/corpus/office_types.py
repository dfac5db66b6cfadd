"""The corpus's office types (``data/office_types.yaml``): names, profiles, evidence, levels."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, model_validator

from assistant.genre.table import genre_table
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "office_types.yaml"


class OfficeTypeEntry(Table):
    """One canonical office type of the corpus."""

    profile: str = Field(min_length=1)
    default_topic: str
    title_unit: str = Field(min_length=1)
    aliases: tuple[str, ...] = Field(min_length=1)
    evidence: dict[str, int] = Field(min_length=1)


class OfficeTable(Table):
    """``data/office_types.yaml``: office types in order, and administrative levels."""

    office_types: dict[str, OfficeTypeEntry] = Field(min_length=1)
    levels: dict[str, tuple[str, ...]] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_topics(self) -> OfficeTable:
        topics = genre_table().topic_names
        for name, entry in self.office_types.items():
            if entry.default_topic not in topics:
                raise ValueError(
                    f"office_types.{name}.default_topic: {entry.default_topic!r} is not a topic "
                    "of the genre table"
                )
        return self

    @property
    def names(self) -> tuple[str, ...]:
        """Canonical office types, in table order."""
        return tuple(self.office_types)

    def office(self, name: str) -> OfficeTypeEntry:
        """The entry of a canonical office type."""
        return self.office_types[name]

    def names_of(self, name: str) -> tuple[str, ...]:
        """A type's canonical name and its aliases."""
        return (name, *self.office_types[name].aliases)


@cache
def office_table() -> OfficeTable:
    """The office types, validated (once per process)."""
    return load_table(DATA_FILE, OfficeTable)
