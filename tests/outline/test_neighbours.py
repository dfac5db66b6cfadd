"""Nearest profiles for an office matching none: profile vectors computed once, whoever asks."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from assistant.genre.profiles import office_profiles
from assistant.index.embeddings import CachedEmbeddings
from assistant.outline.neighbours import ProfileNeighbours
from tests.conftest import FakeEncoder


class SlowEncoder(FakeEncoder):
    """The fake encoder, slow enough that parallel first calls overlap."""

    def encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        time.sleep(0.05)
        return super().encode(texts, prompt_name)


def test_parallel_first_calls_encode_the_profiles_once() -> None:
    encoder = SlowEncoder()
    neighbours = ProfileNeighbours(CachedEmbeddings(encoder))
    start = threading.Barrier(8)

    def ask(text: str) -> list[str]:
        start.wait()
        return neighbours.nearest(text)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, [f"县第{n}管理站" for n in range(8)]))
    profiles = len(office_profiles())
    assert encoder.calls.count(profiles) == 1, "the profiles were encoded more than once"
    assert all(len(answer) == 2 for answer in answers)


def test_warm_computes_the_vectors_before_the_first_request() -> None:
    encoder = FakeEncoder()
    neighbours = ProfileNeighbours(CachedEmbeddings(encoder))
    neighbours.warm()
    assert encoder.calls == [len(office_profiles())]
    neighbours.nearest("县档案馆")
    assert encoder.calls[1:] == [1], "after warm-up a request encodes only its own text"
