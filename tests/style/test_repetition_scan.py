"""The doubled-char scan and its likeliest reading give what their plain definitions give."""

from __future__ import annotations

import math

import pytest

from assistant.style.checks.repetition import (
    _LOG_TOTAL,
    DOUBLED,
    _lone_position,
    doubled_han_positions,
)
from assistant.style.lexicon import MAX_WORD_CHARS, word_frequencies
from tests.conftest import REPO

EDGES = [
    "",
    "在",
    "在在",
    "在在在",
    "00xx……  ",
    "㐀㐀䶿䶿一一鿿鿿豈豈",
    "\u33ff\u33ff\ua000\ua000",
    "a在在\n本本",
]


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    assert texts
    return texts + EDGES


def _plain_lone(text: str, start: int) -> int | None:
    """The likeliest reading as the max over every choice at each place (the definition)."""
    words = word_frequencies()
    reach = 2 * MAX_WORD_CHARS
    low, high = max(0, start - reach), min(len(text), start + 2 + reach)
    best: list[tuple[float, int]] = [(0.0, high)] * (high - low + 1)
    for at in range(high - 1, low - 1, -1):
        choices = [(best[at + 1 - low][0] - _LOG_TOTAL, at + 1)]
        for length in range(2, min(MAX_WORD_CHARS, high - at) + 1):
            frequency = words.get(text[at : at + length], 0)
            if frequency > 0:
                score = math.log(frequency) - _LOG_TOTAL + best[at + length - low][0]
                choices.append((score, at + length))
        best[at - low] = max(choices)
    at = low
    while at < high:
        end = best[at - low][1]
        if end == at + 1 and at in (start, start + 1):
            return at
        at = end
    return None


@pytest.mark.parametrize("text", _texts())
def test_positions_are_where_doubled_matches(text: str) -> None:
    expected = [at for at in range(len(text)) if DOUBLED.match(text, at)]
    assert doubled_han_positions(text) == expected


def test_likeliest_reading_equals_the_plain_maximum() -> None:
    texts = [*_texts(), "根本本在于", "开发组组织", "生产生生活", "正在在加快", "财政政策"]
    tried = 0
    for text in texts:
        # every place, not just doubled ones: the reading is the same function of the window
        for start in range(0, max(0, len(text) - 1), 7):
            assert _lone_position(text, start, word_frequencies()) == _plain_lone(text, start)
            tried += 1
    assert tried > 1000
