"""HTTP load test: concurrent clients against the API's routes, loopback only.

Usage::

    python eval/load_api.py [--clients 20] [--seconds 30] [--chunks 100000]
                            [--routes complete,check] [--url http://127.0.0.1:8000] [--json F]
    python eval/load_api.py --mixed [--rounds 2] [--chunks 0] ...

``--mixed`` has every client cycle through outline, chat (whole and streamed), complete and
check requests instead of one route at a time, ``--rounds`` times; after each round the own
server's resident memory is read (``/proc``), so a leak shows as RSS growing from round to
round. A streamed chat counts as an error unless it ends with ``data: [DONE]``.

Each route is driven in turn by ``--clients`` asyncio clients (httpx, or aiohttp with
``--client aiohttp``; one keep-alive connection each) sending requests back to back for
``--seconds`` (``--think-ms`` adds a pause between a client's requests, as a writer's typing
would); the script prints requests/s,
p50/p95/p99 latency (client-side, milliseconds) and the error count (any status but 200, or a
transport error), and stops by itself.

Without ``--url`` it starts its own server in a child process (this script with ``--serve``) on
a free loopback port, so client and server do not share an interpreter: the runtime is opened
from the data directory (``ASSISTANT_DATA_DIR`` or ``--data-dir``; the index is built from
``corpus/`` when missing) and, when ``--chunks`` exceeds the corpus, its completer is rebuilt
from that many synthetic chunks (`eval.synthetic.synthetic_chunks`). ``/v1/complete`` and
``/v1/check`` never touch Chroma or the embedding model (complete with a corpus office type
resolves it by alias), so this measures what a 100,000-chunk index costs these routes without
building a 100,000-vector collection. ``/healthz`` of that server still reports the real index.

Requests: ``/v1/complete`` gets the mix of ``eval/bench_complete.py`` (heading starts, partial
titles, mid-sentence prefixes, enumerations, text the corpus cannot continue; half with an
office type), blank drafts left out since the API refuses them; ``/v1/check`` gets drafts of
1,000 to 4,000 characters cut from the corpus documents (defects included).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from eval.bench_complete import percentile, request_mix, seed_chunks  # noqa: E402
from tests.processes import free_port  # noqa: E402

ROUTES = ("complete", "check")
WARM_UP_REQUESTS = 50
OUTLINE_OFFICES = ["农机局", "乡镇", "科技局", "园区", "工作组", "教育局", "街道办", "卫健委"]
OUTLINE_PERIODS = [None, "上半年", "年度"]
OUTLINE_TOPICS = [None, "招商引资", "普法"]
CHAT_MESSAGES = [
    [{"role": "user", "content": "我是县农机局的，帮我列个上半年总结提纲"}],
    [{"role": "user", "content": "镇政府年度工作总结提纲"}],
    [
        {"role": "user", "content": "园区上半年工作总结提纲"},
        {"role": "assistant", "content": "（上一轮的提纲）"},
        {"role": "user", "content": "把第二部分展开一点"},
    ],
]
Request = tuple[str, dict[str, Any]]  # (path, JSON body)


def check_drafts(count: int, seed: int = 2) -> list[str]:
    """Drafts of 1,000-4,000 characters cut from the corpus documents."""
    from assistant.corpus.store import load_corpus

    texts = [document.text for document in load_corpus(ROOT / "corpus")]
    rng = random.Random(seed)
    drafts = []
    for _ in range(count):
        text = rng.choice(texts)
        size = min(len(text), rng.randint(1000, 4000))
        start = rng.randint(0, len(text) - size)
        drafts.append(text[start : start + size])
    return drafts


def mixed_requests(count: int) -> list[Request]:
    """Outline, chat (whole and streamed), complete and check requests, interleaved."""
    outlines = [
        {
            "office_type": office,
            **({"period": period} if period else {}),
            **({"topic": topic} if topic else {}),
        }
        for office in OUTLINE_OFFICES
        for period in OUTLINE_PERIODS
        for topic in OUTLINE_TOPICS
    ]
    chats = [
        {"messages": messages, "stream": stream}
        for messages in CHAT_MESSAGES
        for stream in (False, True)
    ]
    completes = request_bodies("complete", count)
    checks = request_bodies("check", count)
    mixed: list[Request] = []
    for position in range(count):
        mixed += [
            ("/v1/outline", outlines[position % len(outlines)]),
            ("/v1/chat/completions", chats[position % len(chats)]),
            ("/v1/complete", completes[position % len(completes)]),
            ("/v1/check", checks[position % len(checks)]),
        ]
    return mixed


def resident_memory(pid: int) -> dict[str, float]:
    """A process's resident memory now and at its peak, in MB (from /proc)."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            found[name] = round(int(value.split()[0]) / 1024, 1)
    return found


def request_bodies(route: str, count: int) -> list[dict[str, Any]]:
    """The JSON bodies one route is driven with."""
    if route == "check":
        return [{"text": text} for text in check_drafts(count)]
    mix = request_mix(seed_chunks(), count * 2)
    bodies = [
        {"text": text, **({"office_type": offices[0]} if offices else {})}
        for text, offices in mix
        if text.strip()
    ]
    return bodies[:count]


async def drive(
    url: str,
    label: str,
    requests: list[Request],
    clients: int,
    seconds: float,
    kind: str = "httpx",
    think_ms: float = 0.0,
) -> dict[str, Any]:
    """Send ``requests`` from ``clients`` concurrent clients for ``seconds``; summarise.

    Each client has its own HTTP client (``kind``: httpx or aiohttp) and connection, as separate
    editors would: one httpx client shared by all spends more time in its pool than the server
    spends answering.
    """
    latencies: list[float] = []
    errors: dict[str, int] = {}
    paths = dict(requests)
    warm_up = list(paths.items()) if len(paths) > 1 else requests[:WARM_UP_REQUESTS]
    async with httpx.AsyncClient(base_url=url, timeout=60) as warm:
        for path, body in warm_up:
            await warm.post(path, json=body)
    deadline = time.perf_counter() + seconds

    def record(begin: float, status: str) -> None:
        latencies.append((time.perf_counter() - begin) * 1000)
        if status != "200":
            errors[status] = errors.get(status, 0) + 1

    def streamed_whole(body: dict[str, Any], text: str) -> bool:
        return not body.get("stream") or text.rstrip().endswith("data: [DONE]")

    async def httpx_client(number: int) -> None:
        limits = httpx.Limits(max_connections=1)
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
            async for path, body in requests_of(number):
                begin = time.perf_counter()
                try:
                    response = await client.post(path, json=body)
                    status = str(response.status_code)
                    if status == "200" and not streamed_whole(body, response.text):
                        status = "stream cut"
                except httpx.HTTPError as error:
                    status = type(error).__name__
                record(begin, status)

    async def aiohttp_client(number: int) -> None:
        import aiohttp

        connector = aiohttp.TCPConnector(limit=1)
        async with aiohttp.ClientSession(url, connector=connector) as session:
            async for path, body in requests_of(number):
                begin = time.perf_counter()
                try:
                    async with session.post(path, json=body) as response:
                        text = await response.text()
                        status = str(response.status)
                        if status == "200" and not streamed_whole(body, text):
                            status = "stream cut"
                except aiohttp.ClientError as error:
                    status = type(error).__name__
                record(begin, status)

    async def requests_of(number: int) -> AsyncIterator[Request]:
        position = number * 7
        while time.perf_counter() < deadline:
            yield requests[position % len(requests)]
            position += clients
            if think_ms:
                await asyncio.sleep(think_ms / 1000)

    one_client = aiohttp_client if kind == "aiohttp" else httpx_client
    start = time.perf_counter()
    await asyncio.gather(*(one_client(number) for number in range(clients)))
    elapsed = time.perf_counter() - start
    return {
        "route": label,
        "client": kind,
        "clients": clients,
        "think_ms": think_ms,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "errors": sum(errors.values()),
        "error_statuses": errors,
    }


def run(coroutine: Any) -> Any:
    """Run on uvloop when it is installed (less client overhead), else on asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def loopback_only(url: str) -> None:
    """Refuse any target that is not on this machine's loopback."""
    host = urlparse(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise SystemExit(f"refusing to load-test {url}: only loopback addresses are allowed")


def serve(port: int, chunks: int, data_dir: str | None) -> None:
    """The child process: the app on ``port`` with a completer over ``chunks`` chunks."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import uvicorn

    from assistant.api.app import create_app
    from assistant.completion.completer import Completer
    from assistant.config import Settings
    from assistant.runtime import Runtime
    from eval.synthetic import synthetic_chunks

    settings = Settings(data_dir=Path(data_dir)) if data_dir else Settings()
    runtime = Runtime.open(settings)
    real = list(runtime.index.catalog.chunks.values())
    if chunks > len(real):
        started = time.perf_counter()
        runtime.completer = Completer.from_chunks(synthetic_chunks(real, chunks, seed=0))
        print(
            f"completer over {chunks} synthetic chunks built in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    uvicorn.run(
        create_app(settings, runtime),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )


def start_server(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], str]:
    """Start the child server and wait until it answers."""
    port = free_port()
    command = [sys.executable, __file__, "--serve", "--port", str(port)]
    command += ["--chunks", str(args.chunks)]
    if args.data_dir:
        command += ["--data-dir", args.data_dir]
    process = subprocess.Popen(command)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while True:
        try:
            httpx.get(f"{url}/healthz", timeout=2).raise_for_status()
            return process, url
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("the server did not start") from None
            time.sleep(0.5)


def main() -> None:
    """Run the load test and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running server (loopback only)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="per route")
    parser.add_argument("--chunks", type=int, default=100_000, help="completer size (own server)")
    parser.add_argument("--routes", default=",".join(ROUTES))
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="pause of each client between requests (0: back to back, the worst case)",
    )
    parser.add_argument(
        "--client",
        choices=["httpx", "aiohttp"],
        default="httpx",
        help="HTTP client library of the load generator (aiohttp costs the machine less CPU)",
    )
    parser.add_argument(
        "--mixed",
        action="store_true",
        help="every client cycles through outline, chat (whole and streamed), complete, check",
    )
    parser.add_argument("--rounds", type=int, default=2, help="rounds of --mixed")
    parser.add_argument("--data-dir", help="data directory of the own server")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port, args.chunks, args.data_dir)
        return
    routes = [route for route in args.routes.split(",") if route]
    if unknown := set(routes) - set(ROUTES):
        raise SystemExit(f"unknown routes: {', '.join(sorted(unknown))}")
    process = None
    if args.url:
        loopback_only(args.url)
        url = args.url.rstrip("/")
    else:
        process, url = start_server(args)
    try:
        results = []
        print(
            f"{'route':<14} {'clients':>7} {'requests':>8} {'req/s':>8} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} {'RSS MB':>7} {'peak MB':>7}"
        )
        if args.mixed:
            plans = [(f"mixed #{n}", mixed_requests(500)) for n in range(1, args.rounds + 1)]
        else:
            plans = [
                (f"/v1/{route}", [(f"/v1/{route}", body) for body in request_bodies(route, 2000)])
                for route in routes
            ]
        for label, requests in plans:
            row = run(
                drive(url, label, requests, args.clients, args.seconds, args.client, args.think_ms)
            )
            memory = resident_memory(process.pid) if process is not None else {}
            row["rss_mb"], row["peak_rss_mb"] = memory.get("VmRSS"), memory.get("VmHWM")
            results.append(row)
            print(
                f"{row['route']:<14} {row['clients']:>7} {row['requests']:>8} {row['rps']:>8} "
                f"{row['p50_ms']:>7} {row['p95_ms']:>7} {row['p99_ms']:>7} {row['errors']:>6} "
                f"{row['rss_mb'] or 'n/a':>7} {row['peak_rss_mb'] or 'n/a':>7}"
            )
            if row["error_statuses"]:
                print(f"    errors: {row['error_statuses']}")
        if args.json:
            summary = {"url": url, "chunks": None if args.url else args.chunks, "results": results}
            args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
