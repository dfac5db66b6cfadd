"""Environment faults end in a Chinese message saying what to do: exit 2 or HTTP 503 (issue 11.10).

Read-only: a read-only bind mount of a data directory (root ignores file modes). Full disk: a
small tmpfs filled to the brim (both need root; skipped otherwise). A catalog that is a JSON
list and a truncated ``model.safetensors`` are written as such.
"""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from assistant.errors import DataDirError
from assistant.index.catalog import Catalog
from tests.conftest import prepared_model_dir
from tests.reliability.conftest import (
    assistant,
    assistant_server,
    data_dir,
    environment,
    fill,
    health,
    indexed,
    read_only_view,
    small_disk,
)

pytestmark = pytest.mark.integration

NEW_DOCUMENT = (
    "平安县档案馆2025年工作总结\n今年以来，我馆认真贯彻档案工作部署，馆藏数字化稳步推进。\n"
    "一、主要工作成效\n完成馆藏档案数字化扫描十二万页，建成电子档案查询系统。\n"
)


def run(settings_env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        assistant(*args), env=settings_env, capture_output=True, text=True, timeout=600
    )


def assert_clear_failure(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert "/tmp/" not in result.stderr  # what to do, not where


def test_a_read_only_data_dir_is_a_clear_message_for_every_command(
    tmp_path: Path, warm_cache: Path
) -> None:
    settings = indexed(tmp_path / "source", warm_cache)
    draft = tmp_path / "draft.txt"
    draft.write_text(NEW_DOCUMENT, encoding="utf-8")
    with read_only_view(settings.data_dir, tmp_path / "view") as view:
        env = {**environment(settings), "ASSISTANT_DATA_DIR": str(view)}
        for command in [
            ["ingest", str(draft)],
            ["search", "档案数字化"],
            ["outline", "--office", "农机局"],
            ["complete", "一、"],
            ["serve", "--port", "1"],
        ]:
            assert_clear_failure(run(env, *command), "不可写")


def test_a_full_disk_is_a_clear_message_and_loses_nothing(tmp_path: Path, warm_cache: Path) -> None:
    with small_disk(tmp_path / "disk", 64) as disk:
        settings = data_dir(disk, warm_cache)
        env = environment(settings)
        assert run(env, "ingest").returncode == 0  # in its own process: no file kept open here
        draft = tmp_path / "draft.txt"
        draft.write_text(NEW_DOCUMENT, encoding="utf-8")
        filler = fill(disk, leave_bytes=100 * 1024)
        assert_clear_failure(run(env, "ingest", str(draft)), "磁盘空间不足")
        searched = run(env, "search", "档案数字化")
        assert searched.returncode == 0 or "磁盘空间不足" in searched.stderr, searched.stderr
        assert "Traceback" not in searched.stderr
        filler.unlink()
        listed = run(env, "corpus", "--json")
        assert len(json.loads(listed.stdout)) == 8  # the index as it was
        assert run(env, "search", "档案数字化").returncode == 0
        assert run(env, "ingest", str(draft)).returncode == 0


def test_a_catalog_that_is_not_an_object_asks_for_a_rebuild(
    tmp_path: Path, warm_cache: Path
) -> None:
    settings = indexed(tmp_path, warm_cache)
    (settings.index_dir / "catalog.json").write_text("[1, 2, 3]", encoding="utf-8")
    env = environment(settings)
    for command in [["corpus"], ["search", "农机"], ["outline", "--office", "农机局"]]:
        assert_clear_failure(run(env, *command), "assistant ingest --rebuild")


def truncated_model_data_dir(tmp_path: Path, warm_cache: Path) -> Settings:
    settings = data_dir(tmp_path, warm_cache)
    link = settings.model_dir / prepared_model_dir().name
    link.unlink()
    shutil.copytree(prepared_model_dir(), link)
    weights = link / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: 1024 * 1024])
    return settings


def test_a_truncated_model_is_a_clear_message_in_the_cli_and_503_from_the_server(
    tmp_path: Path, warm_cache: Path
) -> None:
    settings = truncated_model_data_dir(tmp_path / "cli", warm_cache)
    env = environment(settings)
    assert_clear_failure(
        run(env, "search", "一句从未查询过的话：档案馆库房"), "prepare-model --force"
    )

    served = indexed(tmp_path / "serve", warm_cache)  # an index built with the good model
    link = served.model_dir / prepared_model_dir().name
    link.unlink()
    shutil.copytree(settings.model_dir / link.name, link)  # ... then the model broke
    with assistant_server(served, tmp_path / "serve.log") as (url, _):
        state = health(url)
        assert state["status"] == "degraded"
        assert any("prepare-model --force" in problem for problem in state["problems"])
        known = httpx.post(f"{url}/v1/outline", json={"office_type": "乡镇"}, timeout=60)
        assert known.status_code == 200  # its vectors are all in the cache
        new = httpx.post(f"{url}/v1/outline", json={"office_type": "档案馆"}, timeout=60)
        assert new.status_code == 503
        assert "prepare-model --force" in new.json()["detail"] and "/" not in new.json()["detail"]


def test_a_full_disk_while_saving_the_catalog_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same fault injected where filling a disk at that exact moment is impractical."""
    catalog = Catalog(model="m", collection="summaries-1")
    catalog.save(tmp_path)
    before = (tmp_path / "catalog.json").read_bytes()

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("assistant.index.catalog.os.fsync", no_space)
    with pytest.raises(DataDirError, match="磁盘空间不足"):
        Catalog(model="m", collection="summaries-2").save(tmp_path)
    assert (tmp_path / "catalog.json").read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["catalog.json"]
