"""A Chinese word list for telling a typed-twice character from two words that meet.

``财政政策`` holds ``政政`` because ``财政`` and ``政策`` meet; ``正在在加快`` does not. The words
come from jieba's dictionary (a project dependency): its in-memory table when jieba is already
initialised in this process, otherwise the dictionary file, read once on first use.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from functools import cache

MAX_WORD_CHARS = 4


@cache
def _file_words() -> dict[str, int]:
    data = (importlib.resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    words: dict[str, int] = {}
    for line in data.splitlines():
        word, _, rest = line.partition(" ")
        if 2 <= len(word) <= MAX_WORD_CHARS:
            words[word] = int(rest.partition(" ")[0] or 0)
    return words


def word_frequencies() -> Mapping[str, int]:
    """Word -> corpus frequency (0 or absent: not a word)."""
    import jieba

    tokenizer = jieba.dt
    if tokenizer.initialized:
        frequencies: Mapping[str, int] = tokenizer.FREQ
        return frequencies
    return _file_words()
