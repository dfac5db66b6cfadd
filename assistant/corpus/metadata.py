"""Inferring a summary's office type, level, period, topic and a title from its text.

The evidence tables live in ``data/office_types.yaml``; the results are a first draft of the
manifest, which a person reviews and corrects in ``corpus/manifest.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).parent / "data" / "office_types.yaml"
OPENING_CHARS = 400


@dataclass(frozen=True)
class DocumentMeta:
    """What the manifest says about a summary."""

    office_type: str
    level: str
    period: str
    topic: str
    title: str


@functools.cache
def office_tables() -> dict[str, Any]:
    """The office-type, level, period and topic tables."""
    data: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return data


def office_types() -> list[str]:
    """Canonical office types, in table order."""
    return list(office_tables()["office_types"])


def _best(scores: dict[str, int], default: str) -> str:
    best = max(scores, key=lambda key: scores[key], default=default)
    return best if scores.get(best, 0) > 0 else default


def infer_office_type(text: str) -> str:
    """The office type whose evidence phrases weigh most in the text."""
    scores = {
        name: sum(weight * text.count(phrase) for phrase, weight in entry["evidence"].items())
        for name, entry in office_tables()["office_types"].items()
    }
    return _best(scores, office_types()[0])


def infer_level(text: str) -> str:
    """Administrative level (县, 市, 区, 乡, 镇) from how the text names its area."""
    scores = {
        level: sum(text.count(phrase) for phrase in phrases)
        for level, phrases in office_tables()["levels"].items()
    }
    return _best(scores, "县")


def infer_period(text: str) -> str:
    """Period of the summary (上半年, 年度 ...): the one whose phrases occur most often."""
    scores = {
        period: sum(text.count(phrase) for phrase in phrases)
        for period, phrases in office_tables()["periods"].items()
    }
    return _best(scores, "年度")


def infer_topic(text: str, office_type: str) -> str:
    """Topic (普法, 驻村帮扶 ...) named in the opening, or the office's general work."""
    opening = text[:OPENING_CHARS]
    for topic, phrases in office_tables()["topics"].items():
        if any(phrase in opening for phrase in phrases):
            return str(topic)
    return str(office_tables()["office_types"][office_type]["default_topic"])


def compose_title(level: str, office_type: str, period: str, topic: str) -> str:
    """A title as a real summary's title would read, with the unit's name left as XX."""
    entry = office_tables()["office_types"][office_type]
    unit = str(entry["title_unit"]).format(level=level)
    period_text = "" if period == "年度" else period
    subject = "" if topic in {"综合", entry["default_topic"]} else topic
    return f"{unit}{period_text}{subject}工作总结"


def describe(text: str) -> DocumentMeta:
    """Infer the manifest entry of a summary from its text."""
    office_type = infer_office_type(text)
    level = infer_level(text)
    period = infer_period(text)
    topic = infer_topic(text, office_type)
    title = compose_title(level, office_type, period, topic)
    return DocumentMeta(office_type, level, period, topic, title)
