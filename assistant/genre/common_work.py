"""Common work or an office's own line of work: what a section of a summary is about.

Every unit reports some work that is not its line of work: 党建, 党风廉政, 队伍建设, 作风建设,
依法行政, 安全生产, 信访稳定 ... (the topic modules with a ``common_heading``). A section about
such work may serve any office's outline; a section about anything else belongs to its own
office (no 专利授权 for a 财政局). The judgement is made from the text with the topic modules'
vocabulary (names, aliases, markers) against the marker words of the summary's own office
profile, once, when the section is indexed; weights are in the genre table (``common_work``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.errors import DataFileError
from assistant.genre.profiles import (
    OfficeProfile,
    match_profile,
    office_profiles,
    profile_for_corpus_type,
)
from assistant.genre.table import CommonWorkRules, genre_table
from assistant.genre.topic_modules import TopicModule, topic_modules

NAME_WEIGHT = 2  # a topic's own name counts twice a marker word


@dataclass(frozen=True)
class WorkKind:
    """What a section is about: a topic module (or none), and whether it is common work."""

    topic: str  # a topic-module key, "" when the section is about none
    common: bool


OFFICE_WORK = WorkKind("", False)


@functools.cache
def common_work_rules() -> CommonWorkRules:
    """The genre table's common-work rules, their topics checked against the modules."""
    rules = genre_table().common_work
    modules = topic_modules()
    for key in rules.topics:
        if key not in modules or not modules[key].common:
            raise DataFileError(
                f"genre.yaml: common_work.topics: {key!r} is not a topic module with a "
                "common_heading"
            )
    return rules


@dataclass(frozen=True)
class _Words:
    """Words with weights, matched longest first without overlap."""

    pattern: re.Pattern[str]
    weights: dict[str, int]

    def weigh(self, text: str) -> int:
        return sum(self.weights[match.group()] for match in self.pattern.finditer(text))


def _words(weights: dict[str, int]) -> _Words:
    ordered = sorted(weights, key=len, reverse=True)
    return _Words(re.compile("|".join(map(re.escape, ordered))), weights)


@functools.cache
def _topic_words() -> dict[str, _Words]:
    """Each topic's words: its names (weighing more) and its markers."""
    found = {}
    for key, module in topic_modules().items():
        weights = dict.fromkeys(module.markers, 1)
        weights.update(dict.fromkeys(_names(module), NAME_WEIGHT))
        found[key] = _words(weights)
    return found


def _names(module: TopicModule) -> tuple[str, ...]:
    heading = (module.common_heading,) if module.common_heading else ()
    return tuple(dict.fromkeys((*module.names(), *heading)))


@functools.cache
def _office_words(key: str) -> _Words:
    return _words(dict.fromkeys(office_profiles()[key].markers, 1))


def names_topic(text: str, key: str) -> bool:
    """Whether a text (a heading) uses a topic module's words."""
    return _topic_words()[key].weigh(text) > 0


def office_profile_of(office_type: str) -> OfficeProfile | None:
    """The profile of a document's office type (a corpus type or a unit's name)."""
    return profile_for_corpus_type(office_type) or match_profile(office_type)


def classify_section(heading: str, body: str, office_type: str) -> WorkKind:
    """What a section (heading and body text) of a summary by ``office_type`` is about.

    The topic is the module whose words weigh most (heading words count ``heading_weight``
    times). It is common work when the module is common and either the heading names it at
    least as strongly as anything specific (the office's markers, another module), or the body
    does ``body_dominance`` times over.
    """
    rules = common_work_rules()
    words = _topic_words()
    in_heading = {key: w.weigh(heading) for key, w in words.items()}
    in_body = {key: w.weigh(body) for key, w in words.items()}
    total = {key: rules.heading_weight * in_heading[key] + in_body[key] for key in words}
    topic = max(sorted(total), key=lambda key: total[key])
    if total[topic] < rules.min_weight:
        return OFFICE_WORK
    if not topic_modules()[topic].common:
        return WorkKind(topic, False)
    profile = office_profile_of(office_type)
    office = _office_words(profile.key) if profile else None
    others = [key for key in words if key != topic and not topic_modules()[key].common]
    specific_heading = max([in_heading[key] for key in others] + [0])
    specific_body = max([in_body[key] for key in others] + [0])
    if office is not None:
        specific_heading += office.weigh(heading)
        specific_body += office.weigh(body)
    named = in_heading[topic] > 0 and in_heading[topic] >= specific_heading
    dominant = in_body[topic] >= max(rules.min_weight, rules.body_dominance * specific_body)
    return WorkKind(topic, named or dominant)
