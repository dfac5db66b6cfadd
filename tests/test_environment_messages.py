"""A disk fault nothing below expected still ends in a message: exit 2, or HTTP 503."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.api.errors import install_error_handlers
from assistant.cli import main
from tests.api.conftest import serving


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.EIO, "Input/output error"), "读写文件时出错"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "不可写"),
    ],
)
def test_a_command_meeting_a_disk_fault_says_what_to_do_and_exits_2(
    error: Exception,
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*args: object) -> int:
        raise error

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("assistant.cli.corpus.run", broken)
    assert main(["corpus"]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


@pytest.mark.integration  # a real server on loopback
def test_a_route_meeting_a_disk_fault_is_503_without_a_path() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/write")
    def write() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/var/lib/assistant/index/x")

    with serving(app) as url:
        response = httpx.get(f"{url}/write")
    assert response.status_code == 503
    assert "磁盘空间不足" in response.json()["detail"] and "/var" not in response.text
