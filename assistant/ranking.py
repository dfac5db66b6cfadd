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


class PhraseWeights(Table):
    """The phrase model and how far a continuation grows."""

    escape_per_rival: float = Field(ge=0)
    escape_base: float = Field(ge=0)
    escape_per_short: float = Field(ge=0)
    evidence_escape_per_kind: float = Field(ge=0)
    evidence_escape_base: float = Field(ge=0)
    evidence_escape_per_search: float = Field(ge=0)
    agreement_escape: float = Field(gt=0, le=1)
    clause_escape: float = Field(ge=0)
    min_context: int = Field(ge=1, le=8)
    floor: float = Field(gt=0, lt=1)
    max_chars: int = Field(gt=1)
    offer_gain: float = Field(ge=0)
    min_offer: float = Field(gt=0, le=1)
    draft_weight: float = Field(ge=0)
    draft_min_agreement: int = Field(ge=2)
    profile_weight: float = Field(ge=0)
    common_word_frequency: int = Field(ge=0)


class StructureWeights(Table):
    """Scores of the structure-aware suggestions (chances of being exactly right)."""

    genre_heading: float = Field(ge=0, le=1)
    title_ending: float = Field(ge=0, le=1)
    heading_finish: float = Field(ge=0, le=1)
    numbering: float = Field(ge=0, le=1)
    enumeration: float = Field(ge=0, le=1)


class RoleWeights(Table):
    """Adjusting the genre's role transitions after repeated parts."""

    repeat_decay: float = Field(gt=0)
    forward_gain: float = Field(gt=0)


class CompletionWeights(Table):
    """Autocomplete."""

    min_score: float = Field(gt=0, le=1)
    phrase: PhraseWeights
    structure: StructureWeights
    roles: RoleWeights


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
