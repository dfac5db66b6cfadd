"""Looking for literals quickly: regexes over words, the lines holding one, places of chars."""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first), branches grouped by first character.

    ``国(?:藉)|一(?:如继往|股作气)``: the regex engine scans for the first characters and tries
    only the words that start with the one it stopped at, where a flat alternation tries every
    word at every character. It matches wherever one of the words starts.
    """
    if not words:
        return ""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in by_first.items():
        longer = sorted((rest for rest in rests if rest), key=len, reverse=True)
        tail = trie_pattern(longer)
        if "" in rests:
            tail = f"(?:{tail})?" if tail else ""
        elif tail:
            tail = f"(?:{tail})"
        branches.append(re.escape(first) + tail)
    return "|".join(branches)


def lines_with(text: str, literal: str) -> list[tuple[int, int]]:
    """The spans of the lines holding ``literal``, in order, each once (without its newline).

    ``literal`` holds no newline; an empty one is the whole text.
    """
    if not literal:
        return [(0, len(text))]
    return lines_matching(text, re.compile(re.escape(literal)))


def lines_matching(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of the lines in which ``pattern`` matches, in order, each once.

    ``pattern`` never matches across a line end (a match starting on a line is inside it).
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while (found := pattern.search(text, position)) is not None:
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        spans.append((text.rfind("\n", 0, found.start()) + 1, end))
        position = end + 1
    return spans


def code_points(text: str) -> npt.NDArray[np.uint32]:
    """The text's code points as an array, one per character (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def is_any_of(points: npt.NDArray[np.uint32], chars: str) -> npt.NDArray[np.bool_]:
    """Where ``points`` (`code_points`) holds one of ``chars`` (a few: faster than np.isin)."""
    found: npt.NDArray[np.bool_] = points == ord(chars[0])
    for char in chars[1:]:
        found |= points == ord(char)
    return found
