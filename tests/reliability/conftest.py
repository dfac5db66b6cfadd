"""Faults between processes: real `assistant` processes (ingest, serve) and `chroma run` servers.

Data directories start from a copy of an embedding cache filled once per session, so the
processes only load the model when a test needs new vectors (or the server's warm-up).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.config import Settings
from assistant.corpus.store import load_corpus
from assistant.index.ingest import EMBEDDING_CACHE_FILE, embeddings_for, ingest
from tests.conftest import REPO, built_once, settings_with_model
from tests.processes import free_port, serving_process


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Path:
    """An embedding cache as a server leaves it: the built-in corpus's vectors, the office
    profiles and the start-up outline's queries (computed in a process of their own, so this
    one never holds the model)."""

    def warm(folder: Path) -> Path:
        settings = settings_with_model(folder, corpus_vectors)
        warm_up = (
            "from assistant.config import load_settings; from assistant.runtime import Runtime; "
            "from assistant.outline.request import OutlineRequest; "
            "Runtime.open(load_settings()).outline(OutlineRequest('乡镇'))"
        )
        subprocess.run(
            [sys.executable, "-c", warm_up], env=environment(settings), check=True, timeout=900
        )
        return settings.index_dir / EMBEDDING_CACHE_FILE

    return built_once(tmp_path_factory, "warm", warm)


def data_dir(folder: Path, warm_cache: Path, **settings: Any) -> Settings:
    """A fresh data directory with the real model and a warm embedding cache."""
    fresh = settings_with_model(folder).model_copy(update=settings)
    fresh.index_dir.mkdir(parents=True)
    shutil.copy(warm_cache, fresh.index_dir / EMBEDDING_CACHE_FILE)
    return fresh


def indexed(folder: Path, warm_cache: Path, **settings: Any) -> Settings:
    """``data_dir`` with the built-in corpus indexed (from the cache: no model needed)."""
    fresh = data_dir(folder, warm_cache, **settings)
    ingest(fresh, load_corpus(REPO / "corpus"), embeddings=embeddings_for(fresh))
    return fresh


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of an `assistant` process for these settings."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), **extra}
    if settings.chroma_url:
        env["ASSISTANT_CHROMA_URL"] = settings.chroma_url
        env["ASSISTANT_COLLECTION"] = settings.collection
    return env


def assistant(*args: str) -> list[str]:
    """The command line of `assistant ARGS` run from this checkout."""
    return [sys.executable, "-m", "assistant", *args]


@contextmanager
def assistant_server(
    settings: Settings, log_path: Path, **extra_env: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`assistant serve` on a free loopback port; yields its URL and process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = assistant("serve", "--port", str(port))
    env = environment(settings, **extra_env)
    with serving_process(command, f"{url}/healthz", log_path, env=env, timeout=240) as process:
        yield url, process


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}")
        time.sleep(0.3)


def health(url: str) -> dict[str, Any]:
    """The server's /healthz answer."""
    response = httpx.get(f"{url}/healthz", timeout=30)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _mount(*args: str) -> None:
    try:
        subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot mount here (root and CAP_SYS_ADMIN needed): {error}")


@contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """``source`` seen read-only at ``view`` (a read-only bind mount: even root cannot write)."""
    view.mkdir(parents=True)
    _mount("--bind", str(source), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        yield view
    finally:
        subprocess.run(["umount", "--lazy", str(view)], check=True, timeout=30)


@contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """A tmpfs of ``megabytes`` at ``folder``: a disk that can really be filled."""
    folder.mkdir(parents=True)
    _mount("-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True, timeout=30)


def fill(disk: Path, leave_bytes: int) -> Path:
    """Fill ``disk`` but ``leave_bytes``; the filler file, to delete to free the space again."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as handle:
        handle.truncate(0)
        block = b"\0" * (1024 * 1024)
        remaining = max(0, free - leave_bytes)
        while remaining > 0:
            remaining -= handle.write(block[: min(len(block), remaining)])
    return filler
