"""Two `assistant ingest` processes on one data directory (issue 11.2)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from assistant.index.writer_lock import writer_lock
from tests.reliability.conftest import assistant, data_dir, environment

pytestmark = pytest.mark.integration


def write_summaries(folder: Path, offices: list[str]) -> None:
    folder.mkdir(parents=True)
    for number, office in enumerate(offices, start=1):
        (folder / f"{number}.txt").write_text(
            f"{office}2025年工作总结\n今年以来，{office}认真落实上级部署，{office}业务稳步推进。\n"
            f"一、主要工作成效\n{office}围绕中心工作，完成年度目标任务。\n"
            "二、存在的问题\n人员力量不足，经费保障有待加强。\n"
            f"三、下一步工作打算\n一是继续做好{office}重点工作。二是加强队伍建设。\n",
            encoding="utf-8",
        )


def test_two_ingests_at_once_both_land_in_the_index(tmp_path: Path, warm_cache: Path) -> None:
    """Both used to exit 0 while the catalog kept only one folder's documents."""
    settings = data_dir(tmp_path, warm_cache)
    write_summaries(tmp_path / "docsA", ["档案馆", "气象局", "供销社"])
    write_summaries(tmp_path / "docsB", ["人防办", "粮食局", "地震局"])
    env = environment(settings)
    processes = [
        subprocess.Popen(
            assistant("ingest", str(tmp_path / name)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("docsA", "docsB")
    ]
    outputs = [process.communicate(timeout=600) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    listed = subprocess.run(
        assistant("corpus", "--json"), env=env, capture_output=True, check=True, timeout=120
    )
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert len(ids) == 6
    assert sorted(doc_id.rsplit("-", 1)[0] for doc_id in ids) == ["1", "1", "2", "2", "3", "3"]


def test_a_second_ingest_waits_for_the_first_and_says_so(tmp_path: Path, warm_cache: Path) -> None:
    settings = data_dir(tmp_path, warm_cache)
    write_summaries(tmp_path / "docs", ["档案馆"])
    errors = tmp_path / "stderr.txt"
    with writer_lock(settings.index_dir), errors.open("wb") as sink:
        process = subprocess.Popen(
            assistant("ingest", str(tmp_path / "docs")),
            env=environment(settings),
            stdout=subprocess.PIPE,
            stderr=sink,
        )
        deadline = time.monotonic() + 120
        while "另一个导入正在写入" not in errors.read_text(encoding="utf-8", errors="replace"):
            assert process.poll() is None, "the second ingest did not wait"
            assert time.monotonic() < deadline, "no waiting message"
            time.sleep(0.2)
        assert process.poll() is None  # still waiting while the lock is held
    out, _ = process.communicate(timeout=600)
    assert process.returncode == 0 and "索引共 1 篇文档" in out.decode()
