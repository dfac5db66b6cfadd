"""Thresholds (``eval/thresholds.yaml``) and the verdict on each measured metric.

Each entry names a metric of the report's flat ``metrics`` map and a ``min`` and/or ``max``.
A metric that was not measured (missing, or None because there was nothing to measure) fails:
a threshold can never pass by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.evaluation.cases import CaseError


@dataclass(frozen=True)
class Threshold:
    """A bound on one metric, and why it sits where it does."""

    metric: str
    min: float | None = None
    max: float | None = None
    why: str = ""


@dataclass(frozen=True)
class Verdict:
    """A threshold and the measured value."""

    threshold: Threshold
    value: float | None

    @property
    def passed(self) -> bool:
        """Measured, at least ``min`` and at most ``max``."""
        bound = self.threshold
        if self.value is None:
            return False
        if bound.min is not None and self.value < bound.min:
            return False
        return bound.max is None or self.value <= bound.max

    @property
    def bound(self) -> str:
        """The bound as text: ``>= 0.75``, ``<= 10``."""
        parts = []
        if self.threshold.min is not None:
            parts.append(f">= {self.threshold.min:g}")
        if self.threshold.max is not None:
            parts.append(f"<= {self.threshold.max:g}")
        return ", ".join(parts)


def load_thresholds(path: Path) -> list[Threshold]:
    """Every threshold of the file."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        thresholds = [
            Threshold(
                metric=str(e["metric"]),
                min=None if e.get("min") is None else float(e["min"]),
                max=None if e.get("max") is None else float(e["max"]),
                why=str(e.get("why", "")).strip(),
            )
            for e in entries["thresholds"]
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        raise CaseError(f"阈值文件 {path} 无法读取：{error!r}") from None
    for threshold in thresholds:
        if threshold.min is None and threshold.max is None:
            raise CaseError(f"阈值 {threshold.metric} 没有 min 或 max。")
    return thresholds


def judge(thresholds: Sequence[Threshold], metrics: dict[str, float | None]) -> list[Verdict]:
    """The verdict on every threshold."""
    return [Verdict(t, metrics.get(t.metric)) for t in thresholds]
