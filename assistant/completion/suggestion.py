"""The unit every autocomplete path returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    """Text to insert at the cursor, the document it comes from, and its score (higher first)."""

    text: str
    source: str
    score: float
