"""Sentence embeddings for langchain, with e5 prompts and a content-hash cache.

The model is loaded once per process and per model name, under a lock: a burst of first
requests waits for one load instead of each loading its own copy. Passages and queries are
encoded with the model's own prompts (``passage: `` / ``query: `` for e5) when it defines them.
The cache is a help, never a requirement: when its file cannot be read or written (a read-only
or full disk, another process holding it), vectors are computed and the problem is logged.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import BUILTIN_MODEL, Settings
from assistant.errors import DataDirError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

BUILTIN_FOLDER = "multilingual-e5-small"
BATCH_SIZE = 32


class Encoder(Protocol):
    """What the cache needs from a model: batch encoding with an optional prompt name."""

    model_id: str

    @property
    def dimension(self) -> int:
        """Embedding size."""
        ...

    def encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        """Encode texts into L2-normalised float32 rows."""
        ...


class SentenceTransformerEncoder:
    """A sentence-transformers model behind the ``Encoder`` protocol."""

    def __init__(self, model: SentenceTransformer, model_id: str) -> None:
        self.model = model
        self.model_id = model_id
        self.dimension = int(model.get_embedding_dimension() or 0)
        self._prompts = set(model.prompts or {})
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        """Encode with the named prompt when the model defines it."""
        name = prompt_name if prompt_name in self._prompts else None
        with self._lock:
            vectors = self.model.encode(
                list(texts),
                prompt_name=name,
                batch_size=BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


def builtin_model_path(settings: Settings) -> Path:
    """Folder of the built-in e5 model prepared by the setup command."""
    return settings.model_dir / BUILTIN_FOLDER


def resolve_model_location(settings: Settings) -> str:
    """A path or name that ``SentenceTransformer`` can load offline."""
    if settings.embedding_model != BUILTIN_MODEL:
        return settings.embedding_model
    path = builtin_model_path(settings)
    if not (path / "modules.json").exists():
        raise DataDirError(
            "内置向量模型尚未准备（数据目录中没有）。"
            "请先运行安装命令，或执行 `assistant prepare-model`。"
        )
    return str(path)


_loaded: dict[tuple[str, str], SentenceTransformerEncoder] = {}
_loading = threading.Lock()


def _model_error(settings: Settings) -> DataDirError:
    if settings.embedding_model == BUILTIN_MODEL:
        return DataDirError(
            "内置向量模型的文件不完整或已损坏，无法加载。"
            "请运行 `assistant prepare-model --force` 重新准备。"
        )
    return DataDirError(
        "无法加载向量模型（ASSISTANT_EMBEDDING_MODEL）：文件缺失或已损坏。"
        "请检查该设置指向的模型，或清除该设置改用内置模型。"
    )


def _load_encoder(location: str, model_id: str) -> SentenceTransformerEncoder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # OpenMP threads that spin while waiting made one query 1.5 s instead of 0.1 s on a busy
    # machine (read when torch loads its OpenMP runtime, so before the first import).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    started = time.perf_counter()
    model = SentenceTransformer(location, device="cpu", model_kwargs={"dtype": torch.float32})
    log.info("向量模型已加载：%s（%.1f 秒）", model_id, time.perf_counter() - started)
    return SentenceTransformerEncoder(model, model_id)


def load_encoder(settings: Settings) -> SentenceTransformerEncoder:
    """The configured model, loaded once per process however many threads ask at once.

    A failed load is not remembered: the next call tries again (the files may have been fixed).
    """
    key = (resolve_model_location(settings), settings.embedding_model)
    encoder = _loaded.get(key)
    if encoder is not None:
        return encoder
    with _loading:
        encoder = _loaded.get(key)
        if encoder is None:
            try:
                encoder = _load_encoder(*key)
            except Exception as error:  # torch, safetensors and transformers raise many types
                log.warning("loading the embedding model failed: %r", error)
                raise _model_error(settings) from None
            _loaded[key] = encoder
        return encoder


def encoder_loaded(settings: Settings) -> bool:
    """Whether this process has loaded the configured model."""
    try:
        return (resolve_model_location(settings), settings.embedding_model) in _loaded
    except DataDirError:
        return False


class LazyEncoder:
    """The configured model, loaded on first use: work that needs no new vector never loads it."""

    def __init__(self, settings: Settings) -> None:
        self.model_id = settings.embedding_model
        self._settings = settings

    def load(self) -> None:
        """Load the model now (a server's warm-up), unless it is loaded already."""
        load_encoder(self._settings)

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory."""
        return encoder_loaded(self._settings)

    @property
    def dimension(self) -> int:
        """Embedding size (loads the model)."""
        return load_encoder(self._settings).dimension

    def encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        """Encode with the loaded model."""
        return load_encoder(self._settings).encode(texts, prompt_name)


class EmbeddingCache:
    """Vectors stored by a hash of model, prompt and text, in one SQLite file (best effort)."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._warned = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, check_same_thread=False, timeout=2.0)
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)")
            self._db = db
        except (OSError, sqlite3.Error) as error:
            self._skip("open", error)

    def _skip(self, doing: str, error: Exception) -> None:
        """A cache failure costs speed, not results: log it once and go on without."""
        if not self._warned:
            self._warned = True
            log.warning("向量缓存不可用（%s：%s），将直接计算向量。", doing, error)

    @staticmethod
    def key(model_id: str, prompt_name: str | None, text: str) -> str:
        """The content hash a vector is stored under."""
        raw = f"{model_id}\x00{prompt_name or ''}\x00{text}".encode()
        return hashlib.sha256(raw).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the keys that have one."""
        found: dict[str, np.ndarray] = {}
        if self._db is None:
            return found
        with self._lock:
            try:
                for start in range(0, len(keys), 500):
                    batch = list(keys[start : start + 500])
                    marks = ",".join("?" * len(batch))
                    rows = self._db.execute(
                        f"SELECT key, vec FROM vectors WHERE key IN ({marks})", batch
                    ).fetchall()
                    for key, blob in rows:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
            except sqlite3.Error as error:
                self._skip("read", error)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors (committed at once, so an interruption keeps what was stored)."""
        if self._db is None:
            return
        with self._lock:
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(key, vec.astype(np.float32).tobytes()) for key, vec in items.items()],
                )
                self._db.commit()
            except sqlite3.Error as error:
                self._skip("write", error)
                with contextlib.suppress(sqlite3.Error):
                    self._db.rollback()

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()


class CachedEmbeddings(Embeddings):
    """langchain ``Embeddings`` over an ``Encoder``, never encoding the same text twice."""

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None = None) -> None:
        self.encoder = encoder
        self.cache = cache
        self.encoded_count = 0  # texts actually sent to the model, for benchmarks and tests

    def encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        """Vectors for texts, from the cache where possible."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [EmbeddingCache.key(self.encoder.model_id, prompt_name, text) for text in texts]
        known = self.cache.get_many(keys) if self.cache else {}
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            vectors = self.encoder.encode([text_of[k] for k in missing], prompt_name)
            self.encoded_count += len(missing)
            fresh = dict(zip(missing, vectors, strict=True))
            if self.cache:
                self.cache.put_many(fresh)
            known.update(fresh)
        return np.stack([known[k] for k in keys])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (``passage: `` prompt)."""
        return self.encode(texts, "passage").tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query (``query: `` prompt)."""
        return self.encode([text], "query")[0].tolist()  # type: ignore[no-any-return]
