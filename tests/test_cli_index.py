"""The indexing commands as a user runs them: ingest, corpus, search, split.

Each test states the data directory it starts from: a fresh one, or one where ``ingest`` of
the built-in corpus has run (shared by the tests that only read it), so no test depends on
another having run first.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from tests.conftest import SEED, settings_with_model

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Path:
    """A data directory where ``assistant ingest`` of the built-in corpus has run."""
    data_dir = settings_with_model(tmp_path_factory.mktemp("cli"), corpus_vectors).data_dir
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
        assert main(["ingest"]) == 0
    return data_dir


@pytest.fixture
def fresh(tmp_path: Path, corpus_vectors: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory without an index, used by the test."""
    data_dir = settings_with_model(tmp_path, corpus_vectors).data_dir
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture
def indexed(ingested: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared ingested data directory, used by the test (which must not change it)."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(ingested))
    return ingested


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_corpus_before_ingest_asks_to_run_ingest(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["corpus", "--json"], capsys)
    assert code == 2 and "assistant ingest" in err


def test_ingest_then_corpus_lists_the_eight_documents(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["ingest"], capsys)
    assert code == 0 and "索引共 8 篇文档" in out
    code, out, _ = run(["corpus", "--json"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 8
    assert {row["office_type"] for row in rows} == {"科技局", "乡镇", "园区", "农机局", "工作组"}
    assert set(rows[0]) == {"id", "title", "office_type", "period", "chars"}
    code, out, _ = run(["ingest"], capsys)
    assert "新增或更新 0 篇" in out and "新增 0 个片段" in out


def test_search_with_office_returns_that_office_first(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["search", "农机 队伍建设", "--office", "农机局", "--json"], capsys)
    hits = json.loads(out)
    assert code == 0 and hits[0]["document"] == "seed-08"
    assert set(hits[0]) == {"id", "document", "office_type", "role", "heading", "text", "score"}
    code, out, _ = run(["search", "农机 队伍建设"], capsys)
    assert code == 0 and out.startswith(" 1. [")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("draft.pdf", b"%PDF-1.4", "不支持"),
        ("empty.txt", b"  \n", "空的"),
        ("gbk.txt", "科技局工作总结".encode("gbk"), "UTF-8"),
        ("binary.txt", b"\x00\x01\x02\x03", "二进制"),
    ],
)
def test_ingest_rejects_bad_files_with_a_clear_message(
    fresh: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run(["ingest", str(path)], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_ingest_of_a_compilation_file_adds_its_documents(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "街道办2025年工作总结.txt"
    draft.write_text(
        "今年以来，我街道认真贯彻落实区委区政府决策部署，各项工作稳步推进。\n"
        "一、主要工作成效\n社区治理水平不断提升。\n二、存在的问题\n基层力量仍然薄弱。\n"
        "三、下一步工作打算\n一是加强社区服务阵地建设。\n",
        encoding="utf-8",
    )
    code, out, _ = run(["ingest", str(draft)], capsys)
    assert code == 0 and "新增或更新 1 篇" in out
    code, out, _ = run(["corpus", "--json"], capsys)
    (row,) = json.loads(out)
    assert row["id"].startswith("街道办2025年工作总结-")  # its name and a hash of its path


def test_split_writes_a_reviewable_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["split", str(SEED), "--out", str(tmp_path / "corpus")], capsys)
    assert code == 0 and "拆分出 8 篇" in out
    assert len(list((tmp_path / "corpus" / "documents").glob("*.txt"))) == 8
    manifest = (tmp_path / "corpus" / "manifest.yaml").read_text(encoding="utf-8")
    assert manifest.count("office_type: 科技局") == 4 and "office_type: 农机局" in manifest


def summary(office: str, work: str) -> str:
    """A small summary of its own (each test file gets different text)."""
    return (
        f"{office}2025年工作总结\n今年以来，{office}认真贯彻上级部署，{work}稳步推进。\n"
        f"一、主要工作成效\n{work}成效明显，群众满意度不断提升。\n"
        "二、存在的问题\n基层力量仍然薄弱，经费保障不足。\n"
        f"三、下一步工作打算\n一是持续推进{work}。二是加强队伍建设。\n"
    )


def corpus_rows(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    code, out, _ = run(["corpus", "--json"], capsys)
    assert code == 0
    return {row["id"]: row for row in json.loads(out)}


def test_files_with_the_same_stem_never_replace_each_other_or_a_builtin_document(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11.3: one file stem per document id lost three of six user files."""
    run(["ingest"], capsys)
    before = corpus_rows(capsys)
    folder = tmp_path / "drafts"
    files = {
        "a/report.txt": ("教育局", "校园安全"),
        "b/report.txt": ("卫健委", "疫苗接种"),
        "report.md": ("街道办", "社区治理"),
        "x y.txt": ("司法局", "普法宣传"),
        "x-y.txt": ("水利局", "河道治理"),
        "seed-01.txt": ("交通局", "道路养护"),
    }
    for name, (office, work) in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(summary(office, work), encoding="utf-8")
    code, out, _ = run(["ingest", str(folder)], capsys)
    assert code == 0 and "新增或更新 6 篇" in out
    after = corpus_rows(capsys)
    assert len(after) == len(before) + 6
    assert after["seed-01"] == before["seed-01"]  # the built-in document keeps its own text
    stems = sorted(doc_id.rsplit("-", 1)[0] for doc_id in after if doc_id not in before)
    assert stems == ["report", "report", "report", "seed-01", "x-y", "x-y"]
    code, out, _ = run(["ingest", str(folder)], capsys)
    assert "新增或更新 0 篇" in out  # the same files keep their ids


def test_one_unreadable_file_is_reported_and_the_rest_of_the_folder_is_indexed(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11.11: one bad file failed a whole folder's ingest."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(summary("统计局", "统计调查"), encoding="utf-8")
    (folder / "bad.txt").write_bytes("科技局工作总结".encode("gbk"))
    (folder / "empty.md").write_text(" \n", encoding="utf-8")
    code, out, err = run(["ingest", str(folder)], capsys)
    assert code == 1
    assert "bad.txt" in err and "UTF-8" in err and "empty.md" in err and "Traceback" not in err
    assert "新增或更新 1 篇" in out
    assert any(doc_id.startswith("good-") for doc_id in corpus_rows(capsys))
