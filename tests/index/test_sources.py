"""Reading the files `assistant ingest PATH` is given: ids unique by path, problems per file."""

from pathlib import Path

from assistant.index.sources import file_document_id, read_sources

TEXT = "今年以来，我局认真贯彻上级部署，各项工作稳步推进。\n一、主要工作成效\n成效明显。\n"


def test_ids_differ_for_every_path_and_stay_the_same_for_one_path(tmp_path: Path) -> None:
    names = ["a/report.txt", "b/report.txt", "report.md", "x y.txt", "x-y.txt", "seed-01.txt"]
    paths = [tmp_path / name for name in names]
    ids = [file_document_id(path) for path in paths]
    assert len(set(ids)) == len(ids)
    assert "seed-01" not in ids and ids[5].startswith("seed-01-")
    assert file_document_id(tmp_path / "a" / ".." / "a" / "report.txt") == ids[0]


def test_every_readable_file_is_read_and_each_bad_one_is_named(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "two.md").write_text(TEXT + "二、存在的问题\n经费不足。\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    found = read_sources([tmp_path, tmp_path / "missing.txt"])
    assert sorted(d.id.rsplit("-", 1)[0] for d in found.documents) == ["one", "two"]
    problems = {problem.path.name: problem.message for problem in found.problems}
    assert set(problems) == {"binary.txt", "missing.txt"}
    assert "二进制" in problems["binary.txt"] and "找不到" in problems["missing.txt"]
