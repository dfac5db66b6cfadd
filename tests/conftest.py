"""Shared fixtures: a fast fake encoder for unit tests, the real model and Chroma for the rest."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant.config import Settings
from assistant.index.embeddings import CachedEmbeddings, builtin_model_path
from assistant.index.ingest import EMBEDDING_CACHE_FILE

if TYPE_CHECKING:
    from assistant.runtime import Runtime

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "summaries-seed.txt"
EXTERNAL = SHARED / "corpus-external"


class FakeEncoder:
    """Deterministic bag-of-character-bigrams vectors: similar text, similar vector."""

    model_id = "fake-bigram-64"
    dimension = 64

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        self.calls.append(len(texts))
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for i in range(max(1, len(text) - 1)):
                digest = hashlib.blake2b(text[i : i + 2].encode(), digest_size=2).digest()
                rows[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
            norm = float(np.linalg.norm(rows[row])) or 1.0
            rows[row] /= norm
        return rows


@pytest.fixture
def fake_embeddings() -> CachedEmbeddings:
    return CachedEmbeddings(FakeEncoder())


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def fake_runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    """The real `Runtime` over the built-in corpus, indexed with the fake encoder (no model)."""
    from assistant.corpus.store import load_corpus
    from assistant.index.ingest import ingest
    from assistant.index.office_match import OfficeMatcher
    from assistant.index.retrieval import SearchIndex
    from assistant.runtime import Runtime

    settings = Settings(data_dir=tmp_path_factory.mktemp("fake-runtime") / "data")
    embeddings = CachedEmbeddings(FakeEncoder())
    ingest(settings, load_corpus(REPO / "corpus"), embeddings=embeddings)
    index = SearchIndex(settings, embeddings)
    return Runtime(settings, embeddings, index, OfficeMatcher(embeddings))


def prepared_model_dir() -> Path:
    """The built-in model the setup command prepared in the default data directory."""
    path = builtin_model_path(Settings())
    if not (path / "modules.json").exists():
        pytest.fail(f"the built-in model is not prepared at {path}: run scripts/setup.sh first")
    return path


def settings_with_model(folder: Path, vectors: Path | None = None) -> Settings:
    """Settings for a fresh data directory (no index) that shares the prepared built-in model.

    ``vectors`` (the ``corpus_vectors`` fixture) seeds the embedding cache, so building the
    index from the built-in corpus there encodes nothing again: the real model has already
    encoded those chunks once in this session. Queries are still encoded by the model.
    """
    data = folder / "data"
    (data / "models").mkdir(parents=True)
    model = prepared_model_dir()
    (data / "models" / model.name).symlink_to(model)
    if vectors is not None:
        (data / "index").mkdir()
        shutil.copyfile(vectors, data / "index" / EMBEDDING_CACHE_FILE)
    return Settings(data_dir=data)


@pytest.fixture(scope="session")
def corpus_vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in corpus's chunk vectors under the real model, computed once per session."""
    from assistant.corpus.store import load_corpus
    from assistant.index.ingest import embeddings_for, ingest

    settings = settings_with_model(tmp_path_factory.mktemp("vectors"))
    ingest(settings, load_corpus(settings.corpus_dir), embeddings=embeddings_for(settings))
    return settings.index_dir / EMBEDDING_CACHE_FILE


@pytest.fixture
def real_settings(tmp_path: Path, corpus_vectors: Path) -> Settings:
    """A fresh data directory with the real model (and the corpus vectors cached)."""
    return settings_with_model(tmp_path, corpus_vectors)


def free_port() -> int:
    """A free TCP port on the loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving_process(
    command: list[str],
    health_url: str,
    log_path: Path,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 90.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, wait until ``health_url`` answers 200, and stop it afterwards."""
    import httpx

    with log_path.open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if httpx.get(health_url, timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not start:\n{log_path.read_text()}")
                time.sleep(0.2)
            yield process
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on loopback for the client-server tests."""
    executable = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert executable, "the chroma command is not installed in the virtual environment"
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    url = f"http://127.0.0.1:{port}"
    command = [
        executable,
        "run",
        "--path",
        str(path / "db"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with serving_process(command, f"{url}/api/v2/heartbeat", path / "server.log", timeout=60):
        yield url
