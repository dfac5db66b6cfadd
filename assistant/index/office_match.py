"""Mapping what a user calls their office onto the corpus's office types.

Aliases decide when they can (``县农机局`` -> 农机局). An office the corpus lacks (教育局, 街道办)
goes to the nearest types by a blend of embedding similarity to each type's profile and
character overlap with its names; the match says it is not exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.corpus.office_types import office_table
from assistant.index.embeddings import CachedEmbeddings
from assistant.ranking import ranking_table


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
    table = office_table()
    for name in table.names:
        for alias in table.names_of(name):
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
        table = office_table()
        self._types = list(table.names)
        self._names = {name: list(table.names_of(name)) for name in self._types}
        profiles = [f"{name}：{table.office(name).profile}" for name in self._types]
        self._profiles = embeddings.encode(profiles, "passage")

    def match(self, requested: str) -> OfficeMatch:
        """The corpus types for a user's office description."""
        text = requested.strip()
        exact = alias_match(text)
        if exact:
            return OfficeMatch(requested=text, types=(exact,), exact=True)
        weights = ranking_table().office_match
        query = self._embeddings.encode([f"单位类型：{text}"], "query")[0]
        dense = self._profiles @ query
        scores = np.array(
            [
                dense[i] + weights.lexical_weight * _lexical_similarity(text, self._names[name])
                for i, name in enumerate(self._types)
            ]
        )
        order = np.argsort(-scores, kind="stable")
        chosen = [self._types[order[0]]]
        if scores[order[0]] - scores[order[1]] <= weights.second_match_margin:
            chosen.append(self._types[order[1]])
        return OfficeMatch(requested=text, types=tuple(chosen), exact=False)
