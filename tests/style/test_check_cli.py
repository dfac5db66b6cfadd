"""``assistant check``: output formats, exit codes 0/1/2, and clear messages for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import assistant.cli
from assistant.cli import main

DRAFT = "县科技局工作总结\n一、主要成绩\n完成xx个项目,成效明显.\n"
CLEAN = "今年以来，我局认真落实各项工作任务，取得了较好成效。\n"


@pytest.fixture(autouse=True)
def only_check_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-process tests need only this subcommand's module."""
    monkeypatch.setattr(assistant.cli, "COMMAND_MODULES", ("check",))


def _write(tmp_path: Path, content: str | bytes, name: str = "draft.txt") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_errors_give_exit_1_and_one_line_per_diagnostic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, DRAFT)
    assert main(["check", path]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}:3:3 error placeholder 未填写的占位符“xx”，请填入实际内容。"
    assert lines[1].startswith(f"{path}:3:8 error half-width-punctuation ")
    assert lines[-1].startswith("共 3 处")


def test_clean_text_gives_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", _write(tmp_path, CLEAN)]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_warnings_alone_give_exit_0(tmp_path: Path) -> None:
    assert main(["check", _write(tmp_path, "1、高新技术产业投资完成情况。\n")]) == 0


def test_json_is_the_http_response_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", _write(tmp_path, DRAFT), "--json"]) == 1
    output = capsys.readouterr().out
    data = json.loads(output)
    assert list(data) == ["diagnostics", "summary"]
    assert data["summary"] == {"errors": 3, "warnings": 0, "chars": len(DRAFT)}
    assert "未填写的占位符" in output  # not ASCII-escaped


def test_fix_prints_the_fixed_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, DRAFT.encode("utf-8"))
    assert main(["check", "-", "--fix"]) == 1  # the placeholder cannot be fixed
    assert capsys.readouterr().out == "县科技局工作总结\n一、主要成绩\n完成xx个项目，成效明显。\n"


def test_stdin_is_read_when_no_file_is_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, DRAFT.encode("utf-8"))
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:3:3 error placeholder")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "是空的"),
        (b"  \n\n", "是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
        ("中文".encode("gbk"), "UTF-8"),
    ],
    ids=["empty", "blank", "binary", "invalid-utf8"],
)
def test_unreadable_input_gives_exit_2_with_a_chinese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    assert main(["check", _write(tmp_path, content)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("错误：") and message in captured.err


def test_missing_file_and_directory_give_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nope.txt")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert "目录" in capsys.readouterr().err


def test_text_over_the_limit_gives_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_MAX_TEXT_CHARS", "10")
    assert main(["check", _write(tmp_path, CLEAN)]) == 2
    assert "文本过长：27 字，上限为 10 字" in capsys.readouterr().err


def test_bad_usage_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--json", "--fix"])
    assert exit_info.value.code == 2


def _run(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "check", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.mark.integration
@pytest.mark.parametrize(
    ("stdin", "code"),
    [
        (CLEAN.encode("utf-8"), 0),
        (DRAFT.encode("utf-8"), 1),
        (b"", 2),
        (b"\x00\x01\x02binary", 2),
        (b"\xff\xfe\xfa invalid", 2),
    ],
    ids=["clean", "errors", "empty", "binary", "invalid-utf8"],
)
def test_exit_codes_of_the_real_command(stdin: bytes, code: int) -> None:
    completed = _run(["-"], stdin)
    stderr = completed.stderr.decode("utf-8")
    assert completed.returncode == code, stderr
    assert "Traceback" not in stderr
    if code == 2:
        assert stderr.startswith("错误：")
