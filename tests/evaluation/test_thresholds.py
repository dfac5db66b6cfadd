"""Thresholds: bounds, and a metric that was not measured always fails."""

from pathlib import Path

import pytest

from assistant.evaluation.cases import EVAL_DIR, CaseError
from assistant.evaluation.thresholds import Threshold, judge, load_thresholds


def test_min_and_max_bounds() -> None:
    verdicts = judge(
        [Threshold("a", min=0.5), Threshold("b", max=10), Threshold("c", min=0, max=1)],
        {"a": 0.49, "b": 10.0, "c": 1.5},
    )
    assert [v.passed for v in verdicts] == [False, True, False]
    assert verdicts[2].bound == ">= 0, <= 1"


def test_unmeasured_metric_fails() -> None:
    verdicts = judge([Threshold("missing", min=0.0), Threshold("none", max=1.0)], {"none": None})
    assert not any(v.passed for v in verdicts)


def test_the_shipped_thresholds_load_and_bound_every_invariant() -> None:
    thresholds = load_thresholds(EVAL_DIR / "thresholds.yaml")
    invariants = {t.metric: t.min for t in thresholds if t.metric.startswith("invariant.")}
    assert invariants and set(invariants.values()) == {1.0}
    assert len(invariants) == 6


def test_a_threshold_without_bound_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text("thresholds:\n  - {metric: x}\n", encoding="utf-8")
    with pytest.raises(CaseError):
        load_thresholds(path)
