"""Fault probe: the operator's probe of issue 11 replayed on loopback, as a table of cases.

Usage::

    python eval/fault_probe.py [--cases burst,ingests,rebuild,chroma,lsp] [--clients 20]
                               [--max-seconds 1800] [--json FILE]

Every process it starts (``assistant serve``, ``assistant ingest``, ``assistant lsp``,
``chroma run``) listens on 127.0.0.1 only and works in a temporary folder; the model is the one
prepared in ``ASSISTANT_DATA_DIR``. Each step has its own timeout and the whole run stops
starting new cases after ``--max-seconds``. Cases:

- ``burst``: ``--clients`` outline requests with office types the index has never seen, all at
  once right after the server answers its first health check. Figures: model loads (goal 1),
  the server's peak RSS (goal < 2 GB), p95 latency (goal < 2 s), errors.
- ``ingests``: two ``assistant ingest`` processes of different folders on one data directory.
  Figures: exit codes, documents in the index against those expected.
- ``rebuild``: clients sending outline, chat (whole and streamed) and health requests while
  ``ingest --rebuild`` and then a plain ingest run. Figures: requests, non-2xx answers (goal
  0), seconds until the server served the new index.
- ``chroma``: a ``chroma run`` server stopped (SIGSTOP), resumed, killed (SIGKILL) and
  restarted under a serving assistant with a 2 s Chroma timeout. Figures: statuses and
  seconds (goal 502/503 within the timeout, 200 again without restarting the assistant).
- ``lsp``: the language server fed eight kinds of bad framing and odd request ids. Figures:
  whether ``shutdown`` was answered and the exit code after ``exit`` (goal 0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.processes import (  # noqa: E402
    CHAT,
    Traffic,
    chroma_server,
    free_port,
    peak_rss_bytes,
    serving_process,
)

CASES = ("burst", "ingests", "rebuild", "chroma", "lsp")
UNSEEN_OFFICES = [
    "教育局", "卫健委", "街道办", "水利局", "交通局", "司法局", "统计局", "审计局", "档案馆",
    "气象局", "人防办", "供销社", "粮食局", "地震局", "林业局", "民政局", "文旅局", "医保局",
    "市场监管局", "退役军人事务局", "应急管理局", "自然资源局", "生态环境局", "商务局",
]  # fmt: skip
CHROMA_TIMEOUT = 2.0
GIB = 1024**3


@dataclass
class Row:
    """One line of the table."""

    case: str
    ok: bool
    figures: str


def summary(office: str) -> str:
    """A small summary of an office the corpus lacks."""
    return (
        f"平安县{office}2025年工作总结\n今年以来，我{office[-1]}认真落实上级部署，各项工作稳步推进。\n"
        f"一、主要工作成效\n{office}围绕中心工作，完成年度目标任务。\n"
        "二、存在的问题\n人员力量不足，经费保障有待加强。\n"
        f"三、下一步工作打算\n一是继续做好{office}重点工作。二是加强队伍建设。\n"
    )


# --- processes ----------------------------------------------------------------------------


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of an ``assistant`` process on ``data_dir``."""
    return {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", **extra}


def assistant(*args: str) -> list[str]:
    """The command line of ``assistant ARGS`` from this checkout."""
    return [sys.executable, "-m", "assistant", *args]


def run(
    command: list[str], env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run a command to its end (bounded)."""
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


@contextmanager
def assistant_server(
    data_dir: Path, log: Path, **extra: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``assistant serve`` on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with serving_process(
        assistant("serve", "--port", str(port)),
        f"{url}/healthz",
        log,
        env=environment(data_dir, **extra),
        timeout=300,
    ) as process:
        yield url, process


def health(url: str) -> dict[str, Any]:
    """The server's /healthz answer."""
    body: dict[str, Any] = httpx.get(f"{url}/healthz", timeout=30).json()
    return body


def wait_for(condition: Callable[[], bool], seconds: float) -> float | None:
    """Seconds until ``condition`` held, or None when it did not within ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.3)
    return None


def timed_post(client: httpx.Client, path: str, body: Any) -> tuple[int, float]:
    """Status (0 for a transport error) and seconds of one request."""
    started = time.monotonic()
    try:
        status = client.post(path, json=body).status_code
    except httpx.HTTPError:
        status = 0
    return status, time.monotonic() - started


# --- the prepared data directory ------------------------------------------------------------


class Workspace:
    """A temporary folder holding a data directory with the corpus indexed and a cache as a
    server leaves it; each case works on a copy of it."""

    def __init__(self, folder: Path) -> None:
        from assistant.config import Settings
        from assistant.index.embeddings import builtin_model_path

        self.folder = folder
        self.model = builtin_model_path(Settings())
        self.base = self.fresh("base", indexed=False)
        done = run(assistant("ingest"), environment(self.base))
        if done.returncode:
            raise RuntimeError(f"ingest failed: {done.stderr[-2000:]}")
        warm = (
            "from assistant.config import Settings; from assistant.runtime import Runtime; "
            "from assistant.outline.request import OutlineRequest; "
            "Runtime.open(Settings()).outline(OutlineRequest('乡镇'))"
        )
        run([sys.executable, "-c", warm], environment(self.base)).check_returncode()
        self._count = 0

    def fresh(self, name: str, *, indexed: bool = True, cache_only: bool = False) -> Path:
        """A new data directory: the model linked, and the index (or only its cache) copied."""
        data = self.folder / name / "data"
        (data / "models").mkdir(parents=True)
        (data / "models" / self.model.name).symlink_to(self.model)
        if indexed:
            shutil.copytree(self.base / "index", data / "index")
        elif cache_only:
            (data / "index").mkdir()
            shutil.copy(self.base / "index" / "embeddings.sqlite", data / "index")
        return data


# --- cases ------------------------------------------------------------------------------------


def case_burst(space: Workspace, clients: int) -> list[Row]:
    """Many new office types at once right after start."""
    data = space.fresh("burst")
    log = space.folder / "burst.log"
    offices = (UNSEEN_OFFICES * (clients // len(UNSEEN_OFFICES) + 1))[:clients]

    async def burst(url: str) -> list[tuple[int, float]]:
        async with httpx.AsyncClient(
            base_url=url, timeout=120, limits=httpx.Limits(max_connections=clients)
        ) as client:

            async def one(office: str) -> tuple[int, float]:
                started = time.monotonic()
                try:
                    status = (
                        await client.post("/v1/outline", json={"office_type": office})
                    ).status_code
                except httpx.HTTPError:
                    status = 0
                return status, time.monotonic() - started

            return list(await asyncio.gather(*(one(office) for office in offices)))

    with assistant_server(data, log) as (url, process):
        answers = asyncio.run(burst(url))
        peak = peak_rss_bytes(process.pid)
    loads = log.read_text().count("Loading SentenceTransformer model")
    seconds = sorted(elapsed for _, elapsed in answers)
    p95 = seconds[max(0, round(0.95 * len(seconds)) - 1)]
    errors = sum(1 for status, _ in answers if status != 200)
    ok = loads == 1 and peak < 2 * GIB and p95 < 2.0 and errors == 0
    figures = (
        f"{clients} clients: model loads {loads}, peak RSS {peak / GIB:.2f} GB, "
        f"p50 {statistics.median(seconds):.2f} s, p95 {p95:.2f} s, max {seconds[-1]:.2f} s, "
        f"errors {errors}"
    )
    return [Row("burst at start", ok, figures)]


def case_ingests(space: Workspace) -> list[Row]:
    """Two ingest processes on one data directory."""
    data = space.fresh("ingests")
    folders = []
    for name, offices in [("docsA", UNSEEN_OFFICES[:3]), ("docsB", UNSEEN_OFFICES[3:6])]:
        folder = space.folder / name
        folder.mkdir()
        for number, office in enumerate(offices, start=1):
            (folder / f"{number}.txt").write_text(summary(office), encoding="utf-8")
        folders.append(folder)
    env = environment(data)
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            assistant("ingest", str(folder)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        for folder in folders
    ]
    outputs = [process.communicate(timeout=900) for process in processes]
    seconds = time.monotonic() - started
    codes = [process.returncode for process in processes]
    listed = run(assistant("corpus", "--json"), env)
    documents = len(json.loads(listed.stdout)) if listed.returncode == 0 else -1
    waited = any("等待它完成" in err.decode() for _, err in outputs)
    ok = codes == [0, 0] and documents == 14
    figures = (
        f"exit codes {codes}, documents {documents} of 14 expected (8 + 3 + 3), "
        f"second writer waited: {'yes' if waited else 'no'}, {seconds:.0f} s"
    )
    return [Row("concurrent ingests", ok, figures)]


def case_rebuild(space: Workspace, clients: int) -> list[Row]:
    """Rebuild and ingest while the server is under load."""
    data = space.fresh("rebuild")
    env = environment(data)
    draft = space.folder / "档案馆总结.txt"
    draft.write_text(summary("档案馆"), encoding="utf-8")
    with (
        assistant_server(data, space.folder / "rebuild.log") as (url, _),
        Traffic(url, clients) as traffic,
    ):
        before = health(url)
        run(assistant("ingest", "--rebuild"), env).check_returncode()
        rebuilt = wait_for(lambda: health(url)["generation"] > before["generation"], 120)
        run(assistant("ingest", str(draft)), env).check_returncode()
        added = wait_for(lambda: health(url)["documents"] == before["documents"] + 1, 120)
        time.sleep(2)
        state = health(url)["status"]
    total = sum(traffic.statuses.values())
    failed = len(traffic.failures)
    ok = failed == 0 and rebuilt is not None and added is not None and state == "ok"

    def shown(value: float | None) -> str:
        return f"{value:.1f} s" if value is not None else "never"

    figures = (
        f"{clients} clients, {total} requests, failed {failed} {dict(traffic.statuses)}; "
        f"rebuild served after {shown(rebuilt)}, new document after {shown(added)}, /healthz {state}"
    )
    return [Row("rebuild under load", ok, figures)]


def case_chroma(space: Workspace) -> list[Row]:
    """A Chroma server stopped, resumed, killed and restarted under a serving assistant."""
    port = free_port()
    chroma_path = space.folder / "chroma-db"
    data = space.fresh("chroma", indexed=False, cache_only=True)
    chroma_env = {
        "ASSISTANT_CHROMA_URL": f"http://127.0.0.1:{port}",
        "ASSISTANT_COLLECTION": "probe",
    }
    outline = {"office_type": "农机局", "period": "上半年"}
    rows = []
    with chroma_server(chroma_path, port) as chroma:
        run(assistant("ingest"), environment(data, **chroma_env)).check_returncode()
        serving_env = {**chroma_env, "ASSISTANT_CHROMA_TIMEOUT_SECONDS": str(CHROMA_TIMEOUT)}
        with (
            assistant_server(data, space.folder / "chroma-serve.log", **serving_env) as (url, _),
            httpx.Client(base_url=url, timeout=120) as client,
        ):
            status, _ = timed_post(client, "/v1/outline", outline)
            rows.append(Row("chroma up", status == 200, f"outline {status}"))

            os.kill(chroma.pid, signal.SIGSTOP)
            try:
                status, seconds = timed_post(client, "/v1/outline", outline)
                chat, chat_seconds = timed_post(client, "/v1/chat/completions", CHAT)
                started = time.monotonic()
                state = health(url)["status"]
                health_seconds = time.monotonic() - started
            finally:
                os.kill(chroma.pid, signal.SIGCONT)
            limit = CHROMA_TIMEOUT + 3
            ok = (
                status in (502, 503)
                and chat in (502, 503)
                and seconds < limit
                and state == "degraded"
            )
            rows.append(
                Row(
                    "chroma stopped (SIGSTOP)",
                    ok,
                    f"outline {status} in {seconds:.1f} s, chat {chat} in {chat_seconds:.1f} s, "
                    f"/healthz {state} in {health_seconds:.1f} s (timeout {CHROMA_TIMEOUT:g} s)",
                )
            )
            resumed = wait_for(lambda: timed_post(client, "/v1/outline", outline)[0] == 200, 30)
            rows.append(
                Row(
                    "chroma resumed (SIGCONT)",
                    resumed is not None,
                    f"outline 200 after {resumed or 0:.1f} s",
                )
            )

            chroma.kill()
            chroma.wait()
            status, seconds = timed_post(client, "/v1/outline", outline)
            state = health(url)["status"]
            ok = status in (502, 503) and seconds < CHROMA_TIMEOUT + 3 and state == "degraded"
            rows.append(
                Row(
                    "chroma killed (SIGKILL)",
                    ok,
                    f"outline {status} in {seconds:.1f} s, /healthz {state}",
                )
            )
            with chroma_server(chroma_path, port):
                back = wait_for(lambda: timed_post(client, "/v1/outline", outline)[0] == 200, 60)
                state = health(url)["status"]
            rows.append(
                Row(
                    "chroma restarted",
                    back is not None and state == "ok",
                    f"outline 200 after {back or 0:.1f} s without restarting the assistant, /healthz {state}",
                )
            )
    return rows


# --- the language server ---------------------------------------------------------------------


class LspProcess:
    """``assistant lsp`` with a reader of its framed answers."""

    def __init__(self, data: Path) -> None:
        self.process = subprocess.Popen(
            assistant("lsp"),
            env=environment(data),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        self.answers: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.answers.append(json.loads(stream.read(length)))

    def send_raw(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def answer(self, msg_id: Any, seconds: float = 15) -> dict[str, Any] | None:
        deadline = time.monotonic() + seconds
        while True:
            for answer in self.answers:
                if "method" not in answer and answer.get("id") == msg_id:
                    return answer
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)

    def finish(self) -> tuple[bool, int | None]:
        """``shutdown`` (answered?) then ``exit``; the exit code (None: it had to be killed)."""
        self.send({"jsonrpc": "2.0", "id": "shutdown", "method": "shutdown"})
        answered = self.answer("shutdown") is not None
        try:
            self.send({"jsonrpc": "2.0", "method": "exit"})
            code: int | None = self.process.wait(timeout=15)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            self.process.kill()
            self.process.wait()
            code = None
        return answered, code


def case_lsp(space: Workspace) -> list[Row]:
    """Bad framing and odd ids against the language server."""
    ping = json.dumps({"jsonrpc": "2.0", "id": "bad", "method": "assistant/ping"}).encode()
    framings = {
        "Content-Length: 999999999999": b"Content-Length: 999999999999\r\n\r\n" + ping,
        "garbage without a newline": b"garbage without a newline",
        "random bytes": bytes(range(1, 256)).replace(b"\n", b""),
        "lowercase header": b"content-length: %d\r\n\r\n" % len(ping) + ping,
        "negative length": b"Content-Length: -5\r\n\r\n" + ping,
        "non-numeric length": b"Content-Length: abc\r\n\r\n" + ping,
        "length 10 too long": b"Content-Length: %d\r\n\r\n" % (len(ping) + 10) + ping,
        "length 10 too short": b"Content-Length: %d\r\n\r\n" % (len(ping) - 10) + ping,
    }
    rows = []
    for name, data in framings.items():
        lsp = LspProcess(space.fresh(f"lsp-{len(rows)}", indexed=False))
        lsp.send(
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
        )
        lsp.answer(1)
        lsp.send_raw(data)
        answered, code = lsp.finish()
        recovered = lsp.answer("bad", seconds=0) is not None  # at the latest with the next one
        figures = f"shutdown answered: {'yes' if answered else 'no'}, exit code {code}, bad message answered: {'yes' if recovered else 'no'}"
        rows.append(Row(f"lsp: {name}", answered and code == 0, figures))
    lsp = LspProcess(space.fresh("lsp-ids", indexed=False))
    echoed = []
    for msg_id in [0, -1, 2**53, "", "请求-1"]:
        lsp.send({"jsonrpc": "2.0", "id": msg_id, "method": "assistant/ping"})
        echoed.append(lsp.answer(msg_id) is not None)
    invalid = []
    for msg_id in [{"a": 1}, [1], True, 1.5]:
        before = sum(1 for answer in lsp.answers if answer.get("id") is None)
        lsp.send({"jsonrpc": "2.0", "id": msg_id, "method": "assistant/ping"})
        invalid.append(
            wait_for(
                lambda before=before: sum(1 for a in lsp.answers if a.get("id") is None) > before,
                10,
            )
            is not None
        )
    answered, code = lsp.finish()
    rows.append(
        Row(
            "lsp: request id shapes",
            all(echoed) and all(invalid) and code == 0,
            f"valid ids echoed {sum(echoed)}/{len(echoed)}, invalid ids answered with an error "
            f"{sum(invalid)}/{len(invalid)}, exit code {code}",
        )
    )
    return rows


# --- the run ----------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    """The table of cases, failures and figures."""
    width = max(len(row.case) for row in rows)
    print(f"{'case':<{width}}  result  figures")
    for row in rows:
        print(f"{row.case:<{width}}  {'ok' if row.ok else 'FAIL':<6}  {row.figures}")
    failed = sum(1 for row in rows if not row.ok)
    print(f"\n{len(rows)} cases, {failed} failed")


def main() -> None:
    """Run the chosen cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument(
        "--clients", type=int, default=20, help="clients of the burst and rebuild cases"
    )
    parser.add_argument("--max-seconds", type=float, default=1800, help="start no case after this")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = parser.parse_args()
    chosen = [case for case in args.cases.split(",") if case]
    if unknown := set(chosen) - set(CASES):
        raise SystemExit(f"unknown cases: {', '.join(sorted(unknown))}")
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="fault-probe-"))
    rows: list[Row] = []
    try:
        space = Workspace(folder)
        runners: dict[str, Callable[[], list[Row]]] = {
            "burst": lambda: case_burst(space, args.clients),
            "ingests": lambda: case_ingests(space),
            "rebuild": lambda: case_rebuild(space, max(1, args.clients // 4)),
            "chroma": lambda: case_chroma(space),
            "lsp": lambda: case_lsp(space),
        }
        for case in chosen:
            if time.monotonic() - started > args.max_seconds:
                rows.append(Row(case, False, "not run: --max-seconds reached"))
                continue
            print(f"running {case} ...", file=sys.stderr)
            try:
                rows += runners[case]()
            except Exception as error:  # a case that breaks is a failed row, not the end
                rows.append(Row(case, False, f"the probe itself failed: {error!r}"[:300]))
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print_table(rows)
    print(f"({time.monotonic() - started:.0f} s)")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2), "utf-8"
        )


if __name__ == "__main__":
    main()
