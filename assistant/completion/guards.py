"""What autocomplete must never do, each rule a function the completer asks before it offers.

- suggest anything right after a digit or a decimal point inside a number (``同比增长21``);
- repeat what is typed: a suggestion that begins with the last characters typed again
  (``推动高质量`` -> ``高质量发展``) or that only says what already follows the cursor;
- cross a sentence end: ``。！？`` only as a suggestion's last character, never a line break;
- offer another office's line of work: the marker words of another office profile
  (``扫黑除恶`` to a 财政局) when the draft's own profile is known and lacks them;
- offer a dated formula: one of the formula table's wordings not current in the draft's year
  (``深入贯彻落实科学发展观`` in 2025);
- offer a rare word only one corpus document has (a name the de-identification missed).
"""

from __future__ import annotations

import datetime
import functools
import re

from assistant.completion.facts import DraftFacts
from assistant.completion.sentences import TERMINATORS
from assistant.corpus.jieba_dictionary import ready_jieba
from assistant.corpus.name_rules import frequency
from assistant.genre.formulas import outdated_formulas
from assistant.genre.profiles import OfficeProfile, office_profiles
from assistant.ranking import ranking_table

INSIDE_NUMBER = re.compile(r"[0-9０-９][.．]?$")
MIN_REPEAT = 2
FORMULA_REACH = 40  # characters typed before the suggestion read with it for formulas


def inside_number(text: str) -> bool:
    """Whether the cursor follows a digit (or a digit and a decimal point)."""
    return INSIDE_NUMBER.search(text) is not None


def repeats_typed(typed: str, suggestion: str) -> bool:
    """Whether the suggestion begins with the last 2+ characters typed, doubling them."""
    longest = min(len(typed), len(suggestion))
    return any(typed.endswith(suggestion[:size]) for size in range(MIN_REPEAT, longest + 1))


def crosses_sentence_end(suggestion: str) -> bool:
    """Whether a sentence end (or a line break) comes before the suggestion's last character."""
    return "\n" in suggestion or any(mark in suggestion[:-1] for mark in TERMINATORS)


@functools.cache
def _markers() -> dict[str, frozenset[str]]:
    """Every profile's marker word -> the profiles (keys) that list it."""
    owners: dict[str, set[str]] = {}
    for key, profile in office_profiles().items():
        for marker in profile.markers:
            owners.setdefault(marker, set()).add(key)
    return {marker: frozenset(keys) for marker, keys in owners.items()}


def other_office_work(suggestion: str, profile: OfficeProfile | None) -> bool:
    """Whether the suggestion names a line of work only other offices' profiles mark."""
    if profile is None:
        return False
    return any(
        marker in suggestion and profile.key not in owners for marker, owners in _markers().items()
    )


def dated_spans(typed: str, text: str, year: int | None) -> list[tuple[int, int]]:
    """Where ``text`` (read after ``typed``) carries formulas out of date in ``year``.

    Offsets are in ``text`` (a formula begun before it starts at 0). Without a year, this year.
    """
    before = typed[-FORMULA_REACH:]
    when = year or datetime.date.today().year
    found = outdated_formulas(before + text, when)
    return [
        (max(0, f.start - len(before)), f.end - len(before)) for f in found if f.end > len(before)
    ]


def dated_formula(typed: str, suggestion: str, year: int | None) -> bool:
    """Whether the suggestion (read with the text before it) carries an out-of-date formula."""
    return bool(dated_spans(typed, suggestion, year))


def common_words(text: str) -> bool:
    """Whether every word of ``text`` (jieba's cut) is common in jieba's dictionary.

    A name one document carries (``坤宇重工``, ``田庙乡``) has a rare or unknown word; the
    register's phrasing (``正确领导下``) does not. Single characters and marks pass.
    """
    least = ranking_table().completion.phrase.common_word_frequency
    words = ready_jieba().cut(text)
    return all(len(word) == 1 or frequency(word) >= least for word in words)


def allowed(typed: str, suggestion: str, facts: DraftFacts) -> bool:
    """Whether none of the rules forbids offering ``suggestion`` after ``typed``."""
    return not (
        repeats_typed(typed, suggestion)
        or crosses_sentence_end(suggestion)
        or other_office_work(suggestion, facts.profile)
        or dated_formula(typed, suggestion, facts.year)
    )
