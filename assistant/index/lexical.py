"""A BM25 index over jieba tokens, held in memory and rebuilt from stored tokens at load."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.corpus.jieba_dictionary import ready_jieba

WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def tokenize(text: str) -> list[str]:
    """Words of a Chinese text (jieba), without punctuation and whitespace."""
    words: list[str] = ready_jieba().lcut(text)
    return [word for word in words if WORD.search(word)]


class LexicalIndex:
    """BM25 ranking of chunks; positions refer to the token lists given at construction."""

    def __init__(self, tokens: Sequence[list[str]]) -> None:
        import bm25s

        self.size = len(tokens)
        self._bm25 = bm25s.BM25()
        if self.size:
            self._bm25.index(list(tokens), show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Up to k (position, score) pairs with a positive score, best first."""
        words = tokenize(query)
        if not words or not self.size:
            return []
        results, scores = self._bm25.retrieve(
            [words], k=min(k, self.size), show_progress=False, n_threads=1
        )
        return [
            (int(position), float(score))
            for position, score in zip(results[0], scores[0], strict=True)
            if score > 0 and np.isfinite(score)
        ]
