"""Choosing phrasing suggestions: source sentences made into adaptable patterns."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.corpus.text import (
    full_width,
    sentences,
    slot_rules,
    slot_share,
    slotify,
)
from assistant.genre.table import genre_table
from assistant.index.chunks import Chunk
from assistant.outline.settings import outline_settings


@dataclass(frozen=True)
class Phrase:
    """A pattern sentence and the chunk it came from."""

    text: str
    chunk: Chunk


@functools.cache
def _rewrite_pattern(period: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    rewrites = genre_table().period(period).rewrites
    if not rewrites:
        return None
    ordered = sorted(rewrites, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))), rewrites


def adapt_to_period(text: str, period: str) -> str:
    """Source wording adapted to the requested period (上半年 -> 今年 for an annual summary)."""
    compiled = _rewrite_pattern(period)
    if compiled is None:
        return text
    pattern, rewrites = compiled
    return pattern.sub(lambda m: rewrites[m.group()], text)


def pattern_of(sentence: str, period: str) -> str | None:
    """A sentence as an adaptable pattern, or None when it is too specific or odd-sized."""
    limits = outline_settings()
    text = adapt_to_period(slotify(full_width(sentence)), period)
    bounds = limits.sentence_chars
    if len(text) > bounds.max:
        cut = text.rfind("，", 0, bounds.cut)
        text = text[: cut + 1] + "……" if cut > 0 else ""
    if len(text) < bounds.min:
        return None
    if text.count("、") > limits.max_enumeration_commas:
        return None
    if slot_share(text) > slot_rules().max_slot_share:
        return None
    return text


def choose_phrasing(
    chunks: Iterable[Chunk], period: str, limit: int, used: set[str] | None = None
) -> list[Phrase]:
    """Up to ``limit`` patterns from the chunks' sentences, least specific first.

    Patterns in ``used`` (already offered elsewhere in the outline) are skipped, and the chosen
    ones are added to it.
    """
    candidates: list[tuple[float, int, Phrase]] = []
    seen: set[str] = set(used or ())
    pairs = ((chunk, sentence) for chunk in chunks for sentence in sentences(chunk.text))
    for order, (source, sentence) in enumerate(pairs):
        text = pattern_of(sentence, period)
        if text is None or text in seen:
            continue
        seen.add(text)
        candidates.append((round(slot_share(text), 2), order, Phrase(text, source)))
    candidates.sort(key=lambda item: (item[0], item[1]))
    chosen = [phrase for _, _, phrase in sorted(candidates[:limit], key=lambda item: item[1])]
    if used is not None:
        used.update(phrase.text for phrase in chosen)
    return chosen
