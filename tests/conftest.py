"""Shared fixtures: a fast fake encoder for unit tests, the real model and Chroma for the rest.

Two tiers: ``pytest -m "not integration"`` runs the unit tests (fast: no model, no servers or
other processes, nothing from ``../shared``); the rest is marked ``integration``. The unit
tier's promise is checked while it runs: a test without the marker that opens a file under
``../shared`` or the prepared model, starts a process or opens a network connection fails and
says which marker it needs.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant.config import Settings
from assistant.index.embeddings import CachedEmbeddings, builtin_model_path
from assistant.index.ingest import EMBEDDING_CACHE_FILE
from tests.processes import free_port, serving_process

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


class _UnitTierGuard:
    """Fails a unit test that reaches outside its tier (an audit hook, armed per test)."""

    PROCESS_EVENTS = frozenset({"subprocess.Popen", "os.system", "os.posix_spawn", "os.exec"})
    NETWORK_EVENTS = frozenset({"socket.connect", "socket.bind"})

    def __init__(self) -> None:
        self.armed = False
        self.forbidden: tuple[str, ...] = ()

    def arm(self) -> None:
        model = str(builtin_model_path(Settings()).parent)
        self.forbidden = (str(SHARED) + os.sep, model + os.sep)
        self.armed = True

    def __call__(self, event: str, args: tuple[object, ...]) -> None:
        if not self.armed:
            return
        if event == "open" and isinstance(args[0], str | Path):
            path = os.path.abspath(args[0])
            if path.startswith(self.forbidden):
                self._refuse(f"reads {path}")
        elif event in self.PROCESS_EVENTS:
            self._refuse(f"starts a process ({event})")
        elif event in self.NETWORK_EVENTS and _is_internet(args):
            self._refuse(f"opens a network connection ({event} {args[1:]})")

    def _refuse(self, what: str) -> None:
        self.armed = False  # the failure itself must be reportable
        raise RuntimeError(f"a unit test {what}: mark it @pytest.mark.integration")


def _is_internet(args: tuple[object, ...]) -> bool:
    """Whether a socket event is about an IP address (local socketpairs are fine)."""
    address = args[1] if len(args) > 1 else None
    return isinstance(address, tuple)


_GUARD = _UnitTierGuard()
sys.addaudithook(_GUARD)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """Arm the guard around a unit test (setup, call and teardown)."""
    if item.get_closest_marker("integration") is None:
        _GUARD.arm()
    try:
        return (yield)
    finally:
        _GUARD.armed = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files holding integration tests run first, the rest in their order after them.

    The test command hands whole files to its workers in this order (``--no-loadscope-reorder``):
    the long process-level files start early and the many short unit files even out the end,
    where one long file started last would leave the other workers idle.
    """
    slow_files = {item.path for item in items if item.get_closest_marker("integration")}
    items.sort(key=lambda item: item.path not in slow_files)


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


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]
) -> Path:
    """What ``build`` makes in a new folder, made once per test run.

    Under pytest-xdist the workers share it: the first to ask builds it in the run's common
    temporary folder while the others wait on a lock, then all read the same result.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / name
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = Path(f"{shared}.done")
        if done.exists():
            return Path(done.read_text(encoding="utf-8"))
        shutil.rmtree(shared, ignore_errors=True)  # what a failed attempt left
        shared.mkdir()
        result = build(shared)
        done.write_text(str(result), encoding="utf-8")
        return result


def _encode_corpus(folder: Path) -> Path:
    settings = settings_with_model(folder, _setup_cache())
    command = [str(Path(sys.executable).parent / "assistant"), "ingest"]
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=900)
    return settings.index_dir / EMBEDDING_CACHE_FILE


def _setup_cache() -> Path | None:
    """The embedding cache the setup command's ``assistant ingest`` left, if there is one.

    Its vectors come from the same prepared model (the cache key names model, prompt and text),
    so an ingest seeded with it encodes only chunks the setup did not: none, unless the corpus
    or the chunking changed since.
    """
    path = Settings().index_dir / EMBEDDING_CACHE_FILE
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def corpus_vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in corpus's chunk vectors under the real model, made once per test run.

    ``assistant ingest`` of the built-in corpus into a fresh data directory, in its own process
    (the model it may load is not kept here), its cache seeded with the setup's.
    """
    return built_once(tmp_path_factory, "vectors", _encode_corpus)


@pytest.fixture
def real_settings(tmp_path: Path, corpus_vectors: Path) -> Settings:
    """A fresh data directory with the real model (and the corpus vectors cached)."""
    return settings_with_model(tmp_path, corpus_vectors)


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
