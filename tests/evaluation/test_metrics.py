"""The metric functions on hand-made rankings, counts and suggestions."""

import pytest

from assistant.evaluation.metrics import (
    Counts,
    accepted_at,
    accepts,
    first_relevant_rank,
    hit_at,
    mean,
    overlaps,
    percentile,
    reciprocal_rank,
)

# relevance of the ranked items, best first
FIRST = [True, False, False]
THIRD = [False, False, True, True]
NONE = [False, False, False, False]


@pytest.mark.parametrize(
    ("ranking", "hit1", "hit3", "rr"),
    [(FIRST, 1.0, 1.0, 1.0), (THIRD, 0.0, 1.0, 1 / 3), (NONE, 0.0, 0.0, 0.0), ([], 0.0, 0.0, 0.0)],
)
def test_hit_at_k_and_reciprocal_rank(
    ranking: list[bool], hit1: float, hit3: float, rr: float
) -> None:
    assert hit_at(ranking, 1) == hit1
    assert hit_at(ranking, 3) == hit3
    assert reciprocal_rank(ranking) == pytest.approx(rr)


def test_mrr_over_queries() -> None:
    assert mean([reciprocal_rank(r) for r in (FIRST, THIRD, NONE, [False, True])]) == pytest.approx(
        (1 + 1 / 3 + 0 + 1 / 2) / 4
    )
    assert first_relevant_rank([False, True]) == 2
    assert first_relevant_rank(NONE) is None


def test_percentile_interpolates() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 95) == pytest.approx(4.8)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) == 0.0


def test_counts_precision_and_recall() -> None:
    counts = Counts(expected=4, found=3, reported=5, correct=3)
    assert counts.recall == 0.75
    assert counts.precision == 0.6
    counts.add(Counts(expected=1, found=1, reported=0, correct=0))
    assert (counts.recall, counts.precision) == (0.8, 0.6)
    assert Counts().recall is None and Counts().precision is None
    assert counts.as_dict()["recall"] == 0.8


def test_overlap_of_spans() -> None:
    assert overlaps(0, 2, 1, 3)
    assert not overlaps(0, 2, 2, 4)
    assert overlaps(5, 5, 4, 6)  # an empty span counts at its position
    assert not overlaps(5, 5, 6, 8)


@pytest.mark.parametrize(
    ("suggestion", "truth", "accepted"),
    [
        ("以党的十八大精神为指导，", "以党的十八大精神为指导，全面落实", True),  # same words
        ("工作", "工作的开展高度重视。", True),  # a prefix of the truth
        ("工作组", "工作的开展", True),  # shares 2 characters
        ("工", "作的开展", False),
        ("实际完成", "科技工作步入", False),
        ("", "任何", False),
    ],
)
def test_acceptance(suggestion: str, truth: str, accepted: bool) -> None:
    assert accepts(suggestion, truth) is accepted


def test_accepted_at_k_looks_at_the_first_k() -> None:
    suggestions = ["不对", "也不对", "工作的"]
    assert not accepted_at(suggestions, "工作的开展", 1)
    assert accepted_at(suggestions, "工作的开展", 3)
