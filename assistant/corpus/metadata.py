"""Inferring a summary's office type, level, period, topic and a title from its text.

The evidence tables are the office types (``data/office_types.yaml``) and the genre table's
periods and topics; the results are a first draft of the
manifest, which a person reviews and corrects in ``corpus/manifest.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.office_types import office_table
from assistant.genre.table import genre_table

OPENING_CHARS = 400
GENERAL_TOPIC = "综合"  # an office's general work: no topic in the title


@dataclass(frozen=True)
class DocumentMeta:
    """What the manifest says about a summary."""

    office_type: str
    level: str
    period: str
    topic: str
    title: str


def office_types() -> list[str]:
    """Canonical office types, in table order."""
    return list(office_table().names)


def _best(scores: dict[str, int], default: str) -> str:
    best = max(scores, key=lambda key: scores[key], default=default)
    return best if scores.get(best, 0) > 0 else default


def infer_office_type(text: str) -> str:
    """The office type whose evidence phrases weigh most in the text."""
    scores = {
        name: sum(weight * text.count(phrase) for phrase, weight in entry.evidence.items())
        for name, entry in office_table().office_types.items()
    }
    return _best(scores, office_types()[0])


def infer_level(text: str) -> str:
    """Administrative level (县, 市, 区, 乡, 镇) from how the text names its area."""
    scores = {
        level: sum(text.count(phrase) for phrase in phrases)
        for level, phrases in office_table().levels.items()
    }
    return _best(scores, "县")


def infer_period(text: str) -> str:
    """Period of the summary (上半年, 年度 ...): the one whose phrases occur most often."""
    genre = genre_table()
    scores = {
        period.name: sum(text.count(phrase) for phrase in period.evidence)
        for period in genre.periods
    }
    return _best(scores, genre.default_period)


def infer_topic(text: str, office_type: str) -> str:
    """Topic (普法, 驻村帮扶 ...) named in the opening, or the office's general work."""
    opening = text[:OPENING_CHARS]
    for topic in genre_table().topics:
        if any(phrase in opening for phrase in topic.evidence):
            return topic.name
    return office_table().office(office_type).default_topic


def compose_title(level: str, office_type: str, period: str, topic: str) -> str:
    """A title as a real summary's title would read, with the unit's name left as XX."""
    entry = office_table().office(office_type)
    unit = entry.title_unit.format(level=level)
    period_text = genre_table().period(period).title
    subject = "" if topic in {GENERAL_TOPIC, entry.default_topic} else topic
    return f"{unit}{period_text}{subject}工作总结"


def describe(text: str) -> DocumentMeta:
    """Infer the manifest entry of a summary from its text."""
    office_type = infer_office_type(text)
    level = infer_level(text)
    period = infer_period(text)
    topic = infer_topic(text, office_type)
    title = compose_title(level, office_type, period, topic)
    return DocumentMeta(office_type, level, period, topic, title)
