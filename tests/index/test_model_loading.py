"""Loading the embedding model: once per process however many threads ask at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import DataDirError
from assistant.index import embeddings
from assistant.index.embeddings import builtin_model_path, load_encoder


class SlowModel:
    """Stands in for SentenceTransformer: takes a while to load, counts how often it is built."""

    built = 0
    lock = threading.Lock()

    def __init__(self, location: str, **options: object) -> None:
        time.sleep(0.3)
        with SlowModel.lock:
            SlowModel.built += 1
        self.prompts = {"query": "query: ", "passage": "passage: "}

    def get_embedding_dimension(self) -> int:
        return 4

    def encode(self, texts: list[str], **options: object) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def settings_with_fake_model(folder: Path) -> Settings:
    settings = Settings(data_dir=folder / "data")
    model = builtin_model_path(settings)
    model.mkdir(parents=True)
    (model / "modules.json").write_text("[]", encoding="utf-8")
    return settings


def test_a_burst_of_first_requests_loads_the_model_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11.1: `functools.cache` let every parallel first call load its own copy."""
    import sentence_transformers

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", SlowModel)
    SlowModel.built = 0
    settings = settings_with_fake_model(tmp_path)
    loaded = []
    threads = [
        threading.Thread(target=lambda: loaded.append(load_encoder(settings))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SlowModel.built == 1
    assert len({id(encoder) for encoder in loaded}) == 1


def test_a_model_that_cannot_load_is_a_clear_error_and_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sentence_transformers

    def broken(location: str, **options: object) -> None:
        raise RuntimeError("Error while deserializing header: incomplete metadata")

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", broken)
    settings = settings_with_fake_model(tmp_path)
    with pytest.raises(DataDirError, match="prepare-model --force") as failure:
        load_encoder(settings)
    assert str(tmp_path) not in str(failure.value)
    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", SlowModel)
    assert load_encoder(settings).dimension == 4  # the files were fixed: no restart needed
    assert embeddings.encoder_loaded(settings)
