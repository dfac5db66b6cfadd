"""Real processes for the integration tier and the eval scripts: a free port, a server process
waited for until it answers, a `chroma run` server, background traffic, peak memory."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

CHAT = {"messages": [{"role": "user", "content": "我是县农机局的，帮我列个上半年总结提纲"}]}


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
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@contextmanager
def chroma_server(path: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """A `chroma run` server on the loopback storing under ``path`` (callers may kill it)."""
    executable = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert executable, "the chroma command is not installed in the virtual environment"
    command = [executable, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    log = path.parent / f"chroma-{port}-{time.monotonic_ns()}.log"
    with serving_process(command, f"{url}/api/v2/heartbeat", log, timeout=90) as process:
        yield process


def peak_rss_bytes(pid: int) -> int:
    """A process's peak resident memory (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise LookupError(f"no VmHWM for process {pid}")


class Traffic:
    """Clients sending outline, chat (whole and streamed) and health requests until stopped.

    A request fails when it is not answered 2xx, when a streamed answer carries an error event
    or stops before ``[DONE]``, or when the connection breaks (status 0).
    """

    REQUESTS: tuple[tuple[str, str, Any], ...] = (
        ("POST", "/v1/outline", {"office_type": "农机局", "period": "上半年"}),
        ("POST", "/v1/outline", {"office_type": "乡镇", "topic": "招商引资"}),
        ("POST", "/v1/chat/completions", CHAT),
        ("POST", "/v1/chat/completions", {**CHAT, "stream": True}),
        ("GET", "/healthz", None),
    )

    def __init__(self, url: str, clients: int = 3) -> None:
        self.url = url
        self.statuses: Counter[int] = Counter()
        self.failures: list[tuple[str, int, str]] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._client, args=(n,)) for n in range(clients)]

    def __enter__(self) -> Traffic:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)

    @property
    def count(self) -> int:
        """Requests answered so far."""
        return sum(self.statuses.values())

    def _client(self, number: int) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            position = number
            while not self._stop.is_set():
                method, path, body = self.REQUESTS[position % len(self.REQUESTS)]
                position += 1
                try:
                    response = client.request(method, path, json=body)
                    status, text = response.status_code, response.text
                except httpx.HTTPError as error:
                    status, text = 0, repr(error)
                self.statuses[status] += 1
                streamed = bool(body and body.get("stream"))
                cut_short = streamed and not text.rstrip().endswith("[DONE]")
                if not 200 <= status < 300 or "event: error" in text or cut_short:
                    self.failures.append((path, status, text[:300]))
