"""Pure metric functions: ranking scores, detection counts, prefix acceptance, percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def first_relevant_rank(relevant: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant item, or None when none is."""
    for rank, flag in enumerate(relevant, start=1):
        if flag:
            return rank
    return None


def hit_at(relevant: Sequence[bool], k: int) -> float:
    """1.0 when one of the first ``k`` items is relevant, else 0.0."""
    return 1.0 if any(relevant[:k]) else 0.0


def reciprocal_rank(relevant: Sequence[bool]) -> float:
    """1 / rank of the first relevant item (0.0 when none is)."""
    rank = first_relevant_rank(relevant)
    return 0.0 if rank is None else 1.0 / rank


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (0.0 for no values)."""
    return sum(values) / len(values) if values else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between order statistics."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two half-open spans share a character (an empty span counts at its position)."""
    end, other_end = max(end, start + 1), max(other_end, other_start + 1)
    return start < other_end and other_start < end


@dataclass
class Counts:
    """Detection counts for one rule: expected defects found, and diagnostics right or wrong."""

    expected: int = 0  # defects that should be reported
    found: int = 0  # of those, reported by the expected rule at the place
    reported: int = 0  # diagnostics raised
    correct: int = 0  # of those, on an expected defect of their rule

    @property
    def recall(self) -> float | None:
        """Share of expected defects found (None when none were expected)."""
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        """Share of diagnostics that were right (None when none were raised)."""
        return self.correct / self.reported if self.reported else None

    def add(self, other: Counts) -> None:
        """Add another rule's counts into these."""
        self.expected += other.expected
        self.found += other.found
        self.reported += other.reported
        self.correct += other.correct

    def as_dict(self) -> dict[str, float | None]:
        """Counts with precision and recall, for the JSON report."""
        return {
            "expected": self.expected,
            "found": self.found,
            "reported": self.reported,
            "correct": self.correct,
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
        }


def rounded(value: float | None, digits: int = 4) -> float | None:
    """A score rounded for the report (None stays None)."""
    return None if value is None else round(value, digits)


def accepts(suggestion: str, truth: str, min_shared: int = 2) -> bool:
    """Whether a writer would take the suggestion.

    Taken: it is a prefix of the true continuation, or both start with the same ``min_shared``
    characters or more.
    """
    if not suggestion:
        return False
    if truth.startswith(suggestion):
        return True
    shared = 0
    for a, b in zip(suggestion, truth, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= min_shared


def accepted_at(suggestions: Sequence[str], truth: str, k: int) -> bool:
    """Whether one of the first ``k`` suggestions is accepted."""
    return any(accepts(text, truth) for text in suggestions[:k])
