"""Mapping what a user calls their office onto the corpus's office types.

Aliases decide when they can (``县农机局`` -> 农机局). An office the corpus lacks (教育局, 街道办)
goes to the nearest types by a blend of embedding similarity to each type's profile and
character overlap with its names; the match says it is not exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.corpus.metadata import office_tables
from assistant.index.embeddings import CachedEmbeddings

SECOND_MATCH_MARGIN = 0.02  # a second type joins when its score is this close to the best
LEXICAL_WEIGHT = 0.5


@dataclass(frozen=True)
class OfficeMatch:
    """The corpus office types that stand for what the user asked."""

    requested: str
    types: tuple[str, ...]  # best first
    exact: bool

    @property
    def label(self) -> str:
        """How the match is reported (``matched_office_type``)."""
        return "、".join(self.types)


def alias_match(text: str) -> str | None:
    """The office type whose longest alias occurs in the text, if any."""
    best: tuple[int, str] | None = None
    for name, entry in office_tables()["office_types"].items():
        for alias in [name, *entry["aliases"]]:
            if alias in text and (best is None or len(alias) > best[0]):
                best = (len(alias), name)
    return best[1] if best else None


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} | set(text)


def _lexical_similarity(text: str, names: list[str]) -> float:
    grams = _bigrams(text)
    return max(len(grams & _bigrams(name)) / len(grams | _bigrams(name)) for name in names)


class OfficeMatcher:
    """Matches office descriptions; type profiles are embedded once."""

    def __init__(self, embeddings: CachedEmbeddings) -> None:
        self._embeddings = embeddings
        entries = office_tables()["office_types"]
        self._types = list(entries)
        self._names = {name: [name, *entries[name]["aliases"]] for name in self._types}
        profiles = [f"{name}：{entries[name]['profile']}" for name in self._types]
        self._profiles = embeddings.encode(profiles, "passage")

    def match(self, requested: str) -> OfficeMatch:
        """The corpus types for a user's office description."""
        text = requested.strip()
        exact = alias_match(text)
        if exact:
            return OfficeMatch(requested=text, types=(exact,), exact=True)
        query = self._embeddings.encode([f"单位类型：{text}"], "query")[0]
        dense = self._profiles @ query
        scores = np.array(
            [
                dense[i] + LEXICAL_WEIGHT * _lexical_similarity(text, self._names[name])
                for i, name in enumerate(self._types)
            ]
        )
        order = np.argsort(-scores, kind="stable")
        chosen = [self._types[order[0]]]
        if scores[order[0]] - scores[order[1]] <= SECOND_MATCH_MARGIN:
            chosen.append(self._types[order[1]])
        return OfficeMatch(requested=text, types=tuple(chosen), exact=False)
