"""`assistant serve` beside the faults an operator meets: a burst right after start, an ingest or
rebuild committed while it serves, a Chroma server killed or stopped (issue 11.1, 11.4, 11.5)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assistant.runtime import Runtime
from tests.processes import CHAT, Traffic, chroma_server, free_port, peak_rss_bytes
from tests.reliability.conftest import (
    assistant,
    assistant_server,
    environment,
    health,
    indexed,
    wait_until,
)

pytestmark = pytest.mark.integration

NEW_DOCUMENT = (
    "平安县档案馆2025年工作总结\n今年以来，我馆认真贯彻档案工作部署，馆藏数字化稳步推进。\n"
    "一、主要工作成效\n完成馆藏档案数字化扫描十二万页，建成电子档案查询系统。\n"
    "二、存在的问题\n库房面积不足，专业人员偏少。\n"
    "三、下一步工作打算\n一是推进档案数字化。二是加强档案安全管理。\n"
)


def test_a_burst_right_after_start_loads_the_model_once(tmp_path: Path, warm_cache: Path) -> None:
    """Four new office types at once used to load four models (3.9 GB)."""
    settings = indexed(tmp_path, warm_cache)
    log = tmp_path / "serve.log"
    with assistant_server(settings, log) as (url, process):
        offices = ["气象局", "档案馆", "人防办", "供销社"]
        with ThreadPoolExecutor(len(offices)) as pool:
            answers = list(
                pool.map(
                    lambda office: httpx.post(
                        f"{url}/v1/outline", json={"office_type": office}, timeout=120
                    ),
                    offices,
                )
            )
        assert [answer.status_code for answer in answers] == [200] * len(offices)
        peak = peak_rss_bytes(process.pid)
    assert log.read_text().count("Loading SentenceTransformer model") == 1  # its own log line
    assert peak < 2 * 1024**3, f"peak RSS {peak / 1024**3:.2f} GB"


def test_ingest_and_rebuild_while_serving_are_picked_up_without_an_error(
    tmp_path: Path, warm_cache: Path
) -> None:
    """A rebuild used to make every outline and chat a 500 until restart; a plain ingest was
    never seen until restart."""
    settings = indexed(tmp_path, warm_cache)
    env = environment(settings)
    with assistant_server(settings, tmp_path / "serve.log") as (url, _), Traffic(url) as traffic:
        before = health(url)
        subprocess.run(assistant("ingest", "--rebuild"), env=env, check=True, timeout=600)
        seen = traffic.count
        wait_until(lambda: traffic.count >= seen + 30, 120, "requests after the rebuild")
        assert traffic.failures == []
        wait_until(
            lambda: health(url).get("generation", 0) > before.get("generation", 0),
            60,
            "the rebuilt index is served",
        )
        draft = tmp_path / "档案馆总结.txt"
        draft.write_text(NEW_DOCUMENT, encoding="utf-8")
        subprocess.run(assistant("ingest", str(draft)), env=env, check=True, timeout=600)
        wait_until(lambda: health(url)["documents"] == 9, 60, "the new document is served")
        seen = traffic.count
        wait_until(lambda: traffic.count >= seen + 10, 120, "requests after the ingest")
        assert health(url)["status"] == "ok"
    assert traffic.failures == []
    assert traffic.count > 50


def test_a_running_runtime_sees_the_vectors_another_process_adds(
    tmp_path: Path, warm_cache: Path
) -> None:
    """An embedded Chroma keeps a collection's index in memory; the reload must not reuse it."""
    settings = indexed(tmp_path, warm_cache)
    runtime = Runtime.open(settings)
    query = "档案数字化扫描 电子档案查询系统"
    assert not any(
        runtime.index.catalog.chunks[cid].document.startswith("档案馆")
        for cid in runtime.index.dense_ranking(query, 5)
    )
    draft = tmp_path / "档案馆总结.txt"
    draft.write_text(NEW_DOCUMENT, encoding="utf-8")
    subprocess.run(
        assistant("ingest", str(draft)), env=environment(settings), check=True, timeout=600
    )
    assert runtime.reload()
    top = runtime.index.dense_ranking(query, 3)
    assert runtime.index.catalog.chunks[top[0]].document.startswith("档案馆总结-")
    runtime.close()


CHROMA_TIMEOUT = 2.0


def test_a_killed_or_stopped_chroma_server_is_502_or_503_in_time_and_recovers(
    tmp_path: Path, warm_cache: Path
) -> None:
    """Killed: outline used to be a 500 with /healthz ok; stopped: outline hung 45 s and more."""
    port = free_port()
    chroma_path = tmp_path / "chroma-db"
    outline = {"office_type": "农机局", "period": "上半年"}
    with chroma_server(chroma_path, port) as chroma:
        settings = indexed(
            tmp_path, warm_cache, chroma_url=f"http://127.0.0.1:{port}", collection="faults"
        )
        serving = assistant_server(
            settings, tmp_path / "serve.log", ASSISTANT_CHROMA_TIMEOUT_SECONDS=str(CHROMA_TIMEOUT)
        )
        with serving as (url, _), httpx.Client(base_url=url, timeout=60) as client:
            assert client.post("/v1/outline", json=outline).status_code == 200
            assert health(url)["status"] == "ok"

            os.kill(chroma.pid, signal.SIGSTOP)
            try:
                started = time.monotonic()
                stopped = client.post("/v1/outline", json=outline)
                elapsed = time.monotonic() - started
                assert stopped.status_code == 503, stopped.text
                assert elapsed < CHROMA_TIMEOUT + 8  # the promised deadline, with a margin
                assert "Chroma" in stopped.json()["detail"] and "/" not in stopped.json()["detail"]
                chat = client.post("/v1/chat/completions", json=CHAT)
                assert chat.status_code == 503
                degraded = health(url)
                assert degraded["status"] == "degraded" and degraded["problems"]
                assert client.post("/v1/check", json={"text": "今年以来。"}).status_code == 200
            finally:
                os.kill(chroma.pid, signal.SIGCONT)
            assert client.post("/v1/outline", json=outline).status_code == 200

            chroma.kill()
            chroma.wait()
            killed = client.post("/v1/outline", json=outline)
            assert killed.status_code == 502, killed.text
            assert "ASSISTANT_CHROMA_URL" in killed.json()["detail"]
            assert health(url)["status"] == "degraded"
            with chroma_server(chroma_path, port):
                assert client.post("/v1/outline", json=outline).status_code == 200
                assert health(url)["status"] == "ok"
