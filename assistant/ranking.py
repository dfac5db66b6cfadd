"""The ranking weights of retrieval, office matching, outlines and autocomplete.

They are data (``data/ranking.yaml``), validated at load, so tuning is editing one file and
running ``assistant eval`` before and after.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field

from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "ranking.yaml"


class RetrievalWeights(Table):
    """Hybrid retrieval: fusion constant, office boost, how many chunks each ranking fetches."""

    rrf_k: int = Field(gt=0)
    office_boost: float = Field(gt=0)
    min_fetch: int = Field(gt=0)


class OfficeMatchWeights(Table):
    """Matching an office description to the corpus's office types."""

    lexical_weight: float = Field(ge=0)
    second_match_margin: float = Field(ge=0)


class OutlineWeights(Table):
    """Ranking summaries for an outline."""

    retrieve_chunks: int = Field(gt=0)
    office_bonus: float = Field(ge=0)
    topic_bonus: float = Field(ge=0)
    period_boost: float = Field(gt=0)


class ContinuationWeights(Table):
    """Scoring a sentence continuation."""

    match: float = Field(ge=0)
    anchored: float = Field(ge=0)
    frequency: float = Field(ge=0)
    match_saturation: int = Field(gt=0)


class OccurrenceWeights(Table):
    """Frequency bonus and the factors for other offices' and other parts' material."""

    frequency_saturation: int = Field(gt=0)
    other_office: float = Field(ge=0, le=1)
    other_role: float = Field(ge=0, le=1)


class HeadingWeights(Table):
    """Scoring heading titles."""

    other_level: float = Field(ge=0, le=1)
    ordinal_slope: float = Field(ge=0)
    diverse_role_weight: float = Field(ge=0)


class RoleWeights(Table):
    """Adjusting the genre's role transitions after repeated parts."""

    repeat_decay: float = Field(gt=0)
    forward_gain: float = Field(gt=0)


class EnumerationWeights(Table):
    """Scoring the next enumeration item."""

    same_sequence: float = Field(ge=0)
    same_verb: float = Field(ge=0)
    other: float = Field(ge=0)
    renumbered: float = Field(ge=0)


class CompletionWeights(Table):
    """Autocomplete."""

    continuation: ContinuationWeights
    occurrences: OccurrenceWeights
    headings: HeadingWeights
    roles: RoleWeights
    enumerations: EnumerationWeights


class Ranking(Table):
    """``data/ranking.yaml``."""

    retrieval: RetrievalWeights
    office_match: OfficeMatchWeights
    outline: OutlineWeights
    completion: CompletionWeights


@cache
def ranking_table() -> Ranking:
    """The ranking weights, validated (once per process)."""
    return load_table(DATA_FILE, Ranking)
