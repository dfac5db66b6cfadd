"""The ``repetition`` kind: a character typed twice (``在在``), not legitimate reduplication.

A doubled character passes when it is listed (``人人``, ``常常``), part of an AABB form
(``家家户户``, ``实实在在``), a dictionary word (``本本``, but not in ``根本|本|在于``, where the
likeliest reading of the stretch leaves the repeat alone) or inside one (``生生不息``), or where
two words meet (``财政政策``: ``财政`` + ``政策``) in the likeliest reading of the stretch.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping

import numpy as np

from assistant.literals import code_points
from assistant.style.catalogue import Rule
from assistant.style.checks.base import FIX_OPTIONS, Finding, Fixer, Options
from assistant.style.lexicon import MAX_WORD_CHARS, word_frequencies

REPETITION_OPTIONS = FIX_OPTIONS | {"allow", "skip_chars", "lexicon", "word_min_freq", "fix_safe"}
_LOG_TOTAL = math.log(60_000_000)  # about the sum of the frequencies in jieba's dictionary
DOUBLED = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])\1")
_HAN_RANGES = (0x3400, 0x4DBF, 0x4E00, 0x9FFF)  # DOUBLED's class as code points


class RepetitionCheck:
    """Flags doubled Han characters that no exception explains."""

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, REPETITION_OPTIONS)
        self.rule = rule
        self.fixer = Fixer(options)
        self.fix_safe = options.boolean("fix_safe", False)
        self.skip_chars = frozenset(options.string("skip_chars", "") or "")
        self.use_lexicon = options.boolean("lexicon", True)
        self.word_min_freq = options.integer("word_min_freq", 50)
        self.allowed: dict[str, list[tuple[str, int]]] = {}
        for word in options.strings("allow"):
            for index in range(len(word) - 1):
                if word[index] == word[index + 1]:
                    self.allowed.setdefault(word[index : index + 2], []).append((word, index))

    def find(self, text: str) -> Iterator[Finding]:
        """Every unexplained doubled character."""
        for start in doubled_han_positions(text):
            char = text[start]
            pair = text[start : start + 2]
            if char in self.skip_chars or self._explained(text, start, pair):
                continue
            yield start, start + 2, self.fixer.build(pair, (char,)), ""

    def _explained(self, text: str, start: int, pair: str) -> bool:
        if _in_aabb(text, start):
            return True
        for word, index in self.allowed.get(pair, ()):
            if start >= index and text.startswith(word, start - index):
                return True
        return self.use_lexicon and self._lexical(text, start, pair, word_frequencies())

    def _lexical(self, text: str, start: int, pair: str, words: Mapping[str, int]) -> bool:
        if words.get(pair, 0) >= self.word_min_freq:
            # a word (本本, 组组) unless the likeliest reading ends a word with the character and
            # leaves the repeat alone: 根本|本|在于 (开发|组|组织 passes: an unknown word before)
            return _lone_position(text, start, words) != start + 1
        # a longer word holding the pair: 生生不息, 面面俱到, 心心相印
        for length in range(3, MAX_WORD_CHARS + 1):
            for first in range(max(0, start + 2 - length), start + 1):
                if words.get(text[first : first + length], 0) > 0:
                    return True
        # two words meeting at the pair: 财政|政策, 农民工|工资; but not when the likeliest
        # reading of the stretch leaves one of the two on its own (生产|生|生活)
        left = any(
            words.get(text[start - k : start + 1], 0) > 0
            for k in range(1, MAX_WORD_CHARS)
            if k <= start
        )
        return (
            left
            and any(
                words.get(text[start + 1 : start + 1 + k], 0) > 0
                for k in range(2, MAX_WORD_CHARS + 1)
            )
            and _lone_position(text, start, words) is None
        )


def doubled_han_positions(text: str) -> list[int]:
    """Where a Han character equals the next one: the starts of `DOUBLED`'s matches.

    Found by comparing the text's code points with themselves shifted by one, kept where the
    point is in `DOUBLED`'s ranges: a regex would stop at every Chinese character to try a
    back-reference.
    """
    if len(text) < 2:
        return []
    points = code_points(text)
    first = points[:-1]
    equal = first == points[1:]
    if not equal.any():
        return []
    han = ((first >= _HAN_RANGES[0]) & (first <= _HAN_RANGES[1])) | (
        (first >= _HAN_RANGES[2]) & (first <= _HAN_RANGES[3])
    )
    return np.flatnonzero(equal & han).tolist()


def _in_aabb(text: str, start: int) -> bool:
    """Whether the pair at ``start`` is one half of an AABB form (another Han pair beside it)."""
    for neighbour in (start + 2, start - 2):
        if neighbour >= 0 and DOUBLED.match(text, neighbour) and text[neighbour] != text[start]:
            return True
    return False


def _lone_position(text: str, start: int, words: Mapping[str, int]) -> int | None:
    """Where the likeliest reading around the pair at ``start`` leaves one of it alone, if it does.

    The likeliest segmentation maximises the product of the words' probabilities (jieba's
    rule: frequency over the dictionary's total, a single character counting as frequency 1),
    over a window of a few words each side.
    """
    reach = 2 * MAX_WORD_CHARS
    low, high = max(0, start - reach), min(len(text), start + 2 + reach)
    # best reading of text[at:high]: its log probability and where its first word ends; of
    # equal scores the longer first word wins (the order of max over (score, end) pairs)
    scores = [0.0] * (high - low + 1)
    ends = [high] * (high - low + 1)
    get = words.get
    for at in range(high - 1, low - 1, -1):
        index = at - low
        score, end = scores[index + 1] - _LOG_TOTAL, at + 1
        for length in range(2, min(MAX_WORD_CHARS, high - at) + 1):
            frequency = get(text[at : at + length], 0)
            if frequency > 0:
                longer = math.log(frequency) - _LOG_TOTAL + scores[index + length]
                if longer >= score:  # a tie goes to the longer word, as in max
                    score, end = longer, at + length
        scores[index], ends[index] = score, end
    at = low
    while at < high:
        end = ends[at - low]
        if end == at + 1 and at in (start, start + 1):
            return at
        at = end
    return None
