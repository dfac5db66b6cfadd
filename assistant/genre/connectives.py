"""The genre's connecting formulas: the sentences that join a summary's parts into prose.

``data/connectives.yaml`` holds the opening's closing sentence (``现将上半年工作情况总结如下：``),
the sentences leading into the problems and plans parts (and how a pattern that only leads in
ends), the closing paragraph, the signature,
written with the period's own words from the genre table (what it is called, the time since it
began, what follows it). A first draft is the outline's phrasing joined by these; every fact in
them is a slot.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

from pydantic import Field, model_validator

from assistant.genre.phrasing import slot_names, slots_in
from assistant.genre.table import Role, genre_table
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "connectives.yaml"
FIELDS = frozenset({"self", "span", "since", "next", "heading"})


class Connectives(Table):
    """``data/connectives.yaml``."""

    self_default: str = Field(min_length=1)
    opening_close: str
    opening_empty: str
    empty_part: str
    leads: dict[Role, str]
    enumerated: tuple[Role, ...]
    lead_in_ends: tuple[str, ...] = Field(min_length=1)
    closing: str
    signature: tuple[str, ...]
    title_slot: str

    @model_validator(mode="after")
    def _consistent(self) -> Connectives:
        texts = [
            self.opening_close,
            self.opening_empty,
            self.empty_part,
            self.closing,
            self.title_slot,
            *self.leads.values(),
            *self.signature,
        ]
        for text in texts:
            fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            if fields - FIELDS:
                raise ValueError(f"{text!r}: unknown fields {sorted(fields - FIELDS)}")
            unknown = sorted(set(slots_in(text)) - slot_names())
            if unknown:
                raise ValueError(f"{text!r}: unknown slots {unknown}")
        return self


def period_fields(period: str) -> dict[str, str]:
    """The ``{span}``, ``{since}`` and ``{next}`` fields for a period of the genre table."""
    words = genre_table().period(period).words
    return {"span": words.this[0], "since": words.since[0], "next": words.next[0]}


@functools.cache
def connectives() -> Connectives:
    """The connecting formulas, validated (once per process)."""
    return load_table(DATA_FILE, Connectives)
