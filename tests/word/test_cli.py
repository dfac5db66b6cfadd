"""``assistant check`` on .docx files and ``assistant outline --docx``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import assistant.cli
from assistant.cli import main
from assistant.evaluation.docx_fixtures import build_docx, planted_text, reviewer_revisions, spoiled
from assistant.outline.request import OutlineRequest
from assistant.word.package import OLE2_MAGIC
from assistant.word.reader import read_docx_bytes
from tests.word.test_export import OUTLINE


@pytest.fixture(autouse=True)
def only_needed_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assistant.cli, "COMMAND_MODULES", ("check", "outline"))


def _file(tmp_path: Path, data: bytes, name: str = "草稿.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_check_lists_text_and_layout_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, build_docx(planted_text(), spoiled(["margins"], 0)))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:0:0 error layout-margins ")
    assert f"{path}:2:5 error half-width-punctuation " in "\n".join(out)


def test_check_json_is_the_docx_route_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, build_docx(extras=reviewer_revisions))
    assert main(["check", str(path), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert set(body) == {"diagnostics", "summary", "document"}
    assert body["document"]["pending_changes"] is True


def test_pending_changes_are_mentioned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, build_docx(extras=reviewer_revisions))
    main(["check", str(path)])
    assert "未处理的修订" in capsys.readouterr().out


def test_fix_writes_a_new_file_beside_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = build_docx(planted_text())
    path = _file(tmp_path, original)
    assert main(["check", str(path), "--fix"]) == 1  # the placeholder stays, as a comment
    target = tmp_path / "草稿-修订.docx"
    assert target.exists() and path.read_bytes() == original
    assert f"已写入 {target}：8 处修订、1 条批注" in capsys.readouterr().out
    assert "，" in read_docx_bytes(target.read_bytes()).paragraph(2).text[:6]


def test_fix_refuses_to_overwrite_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, build_docx(planted_text()))
    assert main(["check", str(path), "--fix", "--out", str(path)]) == 2
    assert "不能与原文件相同" in capsys.readouterr().err


def test_old_doc_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, OLE2_MAGIC + b"\x00" * 512, "旧.docx")
    assert main(["check", str(path)]) == 2
    assert ".docx" in capsys.readouterr().err


def test_doc_suffix_asks_for_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, OLE2_MAGIC + b"\x00" * 512, "旧.doc")
    assert main(["check", str(path)]) == 2
    assert "另存为" in capsys.readouterr().err


def test_text_fix_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "草稿.txt"
    path.write_text("一、主要成绩\n完成项目12个,成效明显。\n", encoding="utf-8")
    out = tmp_path / "改.txt"
    assert main(["check", str(path), "--fix", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "一、主要成绩\n完成项目12个，成效明显。\n"


def test_profile_option(tmp_path: Path) -> None:
    house = tmp_path / "house.yaml"
    house.write_text(
        "margins: {top_mm: 25.4, bottom_mm: 25.4, left_mm: 31.8, right_mm: 31.8}\n",
        encoding="utf-8",
    )
    path = _file(tmp_path, build_docx(layout=spoiled(["margins"], 0)))
    assert main(["check", str(path)]) == 1
    assert main(["check", str(path), "--profile", str(house)]) == 0


def test_outline_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Opened:
        def outline(self, request: OutlineRequest) -> Any:
            assert request.office_type == "县农机局"
            return OUTLINE

    monkeypatch.setattr("assistant.runtime.Runtime.open", staticmethod(lambda settings: Opened()))
    target = tmp_path / "提纲.docx"
    assert main(["outline", "--office", "县农机局", "--docx", str(target)]) == 0
    assert read_docx_bytes(target.read_bytes()).paragraph(1).text == OUTLINE.title
    assert f"已写入 {target}" in capsys.readouterr().err
