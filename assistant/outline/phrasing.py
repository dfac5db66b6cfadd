"""Phrasing suggestions: patterns fitted to the asked period and year, never another unit's facts.

Corpus phrasing comes from the sentence patterns computed at ingest (names and figures are
slots there already); the assistant's own phrasing (office profiles, topic modules, the genre)
is written as for a year. Either is reworded for the asked period (`assistant.genre.periods`:
上半年 -> 一季度 ...), its political formulas brought up to date for the asked year
(`assistant.genre.formulas`), and dropped when it still names another period.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.corpus.text import SENTENCE, clean_heading, full_width, slot_rules, slot_share
from assistant.genre.common_work import office_profile_of
from assistant.genre.formulas import update_formulas
from assistant.genre.periods import AskedPeriod, foreign_words, reword
from assistant.genre.profiles import office_profiles
from assistant.genre.table import genre_table
from assistant.genre.topic_modules import topic_modules
from assistant.index.chunks import Chunk
from assistant.outline.settings import outline_settings
from assistant.outline.sources import DataSource, Source

DATA_PERIOD = "年度"  # the assistant's own phrasing is written as for a year


@dataclass(frozen=True)
class Phrase:
    """A pattern sentence and where it came from."""

    text: str
    source: Source


@functools.cache
def _names_of(office_type: str) -> re.Pattern[str] | None:
    """How a summary's own unit is named in its text (its profile's names, 2+ characters)."""
    profile = office_profile_of(office_type)
    if profile is None:
        return None
    names = {n for n in (*profile.names(), *profile.self_references) if len(n) > 1}
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


@functools.cache
def _office_specific(asker: str | None) -> re.Pattern[str]:
    """Marker words of every kind of unit but the asker's that are no common work's words."""
    common = {
        word
        for module in topic_modules().values()
        if module.common
        for word in (*module.names(), *module.markers)
    }
    words = {
        marker
        for key, profile in office_profiles().items()
        if key != asker
        for marker in profile.markers
        if not any(marker in word or word in marker for word in common)
    }
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@dataclass(frozen=True)
class Voice:
    """Another office's common work retold for the asking unit.

    The source unit's names and self-references become the asker's (``我局`` -> ``我校``), and a
    sentence that still names another kind of unit's work (its marker words) is not offered.
    """

    self_reference: str
    profile: str | None  # the asker's profile key

    def retell(self, text: str, office_type: str) -> str | None:
        """The text in the asker's voice, or None when it is another office's own work."""
        names = _names_of(office_type)
        if names is not None:
            text = names.sub(self.self_reference, text)
        return None if _office_specific(self.profile).search(text) else text


def fit(text: str, source_period: str, period: AskedPeriod) -> str:
    """Text reworded from its source's period to the asked one, formulas current for its year."""
    known = source_period if source_period in genre_table().period_names else DATA_PERIOD
    return update_formulas(reword(text, known, period.name), period.year)


def fit_heading(title: str, source_period: str, period: AskedPeriod) -> str:
    """A source heading title cleaned (no number, slots, no final mark) and fitted."""
    return fit(clean_heading(title), source_period, period)


def pattern_of(sentence: str, source_period: str, period: AskedPeriod) -> str | None:
    """A pattern sentence fitted to the request, or None when it is unfit to offer."""
    limits = outline_settings()
    text = fit(full_width(sentence.strip()), source_period, period)
    bounds = limits.sentence_chars
    if len(text) > bounds.max:
        cut = text.rfind("，", 0, bounds.cut)
        text = text[: cut + 1] + "……" if cut > 0 else ""
    if len(text) < bounds.min:
        return None
    if text.count("、") > limits.max_enumeration_commas:
        return None
    if slot_share(text) > slot_rules().max_slot_share or foreign_words(text, period.name):
        return None
    return text


def choose_phrasing(
    chunks: Iterable[Chunk],
    period: AskedPeriod,
    limit: int,
    used: set[str] | None = None,
    voice: Voice | None = None,
) -> list[Phrase]:
    """Up to ``limit`` patterns from the chunks' sentence patterns, least specific first.

    Patterns in ``used`` (already offered elsewhere in the outline) are skipped, and the chosen
    ones are added to it. With a ``voice``, sentences are retold for the asking unit (another
    office's common work).
    """
    candidates: list[tuple[float, int, Phrase]] = []
    seen: set[str] = set(used or ())
    pairs = ((c, s) for c in chunks for s in SENTENCE.findall(c.pattern) if s.strip())
    for order, (source, sentence) in enumerate(pairs):
        text = pattern_of(sentence, source.period, period)
        if text is not None and voice is not None:
            text = voice.retell(text, source.office_type)
        if text is None or text in seen:
            continue
        seen.add(text)
        candidates.append((round(slot_share(text), 2), order, Phrase(text, source)))
    candidates.sort(key=lambda item: (item[0], item[1]))
    chosen = [phrase for _, _, phrase in sorted(candidates[:limit], key=lambda item: item[1])]
    if used is not None:
        used.update(phrase.text for phrase in chosen)
    return chosen


def data_phrasing(
    texts: Iterable[str],
    source: DataSource,
    period: AskedPeriod,
    self_reference: str,
    limit: int,
    used: set[str],
) -> list[Phrase]:
    """The assistant's own sentences fitted to the request, its unit named as the writer's."""
    generic = outline_settings().genre_self_reference
    chosen: list[Phrase] = []
    for text in texts:
        if len(chosen) >= limit:
            break
        fitted = fit(text.replace(generic, self_reference or generic), DATA_PERIOD, period)
        if fitted in used or foreign_words(fitted, period.name):
            continue
        used.add(fitted)
        chosen.append(Phrase(fitted, source))
    return chosen


def item_sentence(item: str) -> str:
    """A problem or next-step item of the data as a sentence."""
    return f"{item}。"
