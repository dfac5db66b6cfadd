"""The kinds of unit nearest to an office text that names none (suggested, never used).

An office that matches no profile gets a genre-only outline; when its text looks like a unit's
name (Chinese characters), the outline's note suggests the profiles nearest to it by embedding
similarity to each profile's name and marker words, so the writer can ask again with one.
"""

from __future__ import annotations

import re
import threading

import numpy as np

from assistant.genre.profiles import office_profiles
from assistant.index.embeddings import CachedEmbeddings

HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN = 2


class ProfileNeighbours:
    """Profiles by similarity to a text; profile vectors are computed once, on first use.

    Requests arriving together wait for the one computing them (each used to encode every
    profile again: a burst of unknown offices right after start took 5 s each).
    """

    def __init__(self, embeddings: CachedEmbeddings) -> None:
        self._embeddings = embeddings
        self._names: list[str] = []
        self._vectors: np.ndarray | None = None
        self._computing = threading.Lock()

    def warm(self) -> None:
        """Compute the profile vectors now (a server's warm-up)."""
        self._profile_vectors()

    def _profile_vectors(self) -> np.ndarray:
        with self._computing:
            if self._vectors is None:
                profiles = list(office_profiles().values())
                self._names = [profile.name for profile in profiles]
                texts = [f"{p.name}：{'、'.join(p.markers)}" for p in profiles]
                self._vectors = self._embeddings.encode(texts, "passage")
            return self._vectors

    def nearest(self, text: str, count: int = 2) -> list[str]:
        """The names of the ``count`` nearest profiles; none for text that is not Chinese."""
        if len(HAN.findall(text)) < MIN_HAN:
            return []
        vectors = self._profile_vectors()
        query = self._embeddings.encode([f"单位类型：{text}"], "query")[0]
        order = np.argsort(-(vectors @ query), kind="stable")
        return [self._names[index] for index in order[:count]]
