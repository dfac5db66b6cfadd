"""A malformed data file stops a process at start, naming the file and the field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import assistant.ranking
from assistant.api.app import create_app
from assistant.cli import main
from assistant.config import Settings
from assistant.errors import DataFileError
from assistant.ranking import ranking_table
from assistant.startup import check_data_files


@pytest.fixture
def broken_ranking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The ranking file replaced by one with a negative fusion constant and a typo."""
    broken = tmp_path / "ranking.yaml"
    text = (Path(assistant.ranking.__file__).parent / "data" / "ranking.yaml").read_text("utf-8")
    text = text.replace("rrf_k: 60", "rrf_k: -60").replace("min_fetch:", "min_fetsh:")
    broken.write_text(text, encoding="utf-8")
    monkeypatch.setattr(assistant.ranking, "DATA_FILE", broken)
    ranking_table.cache_clear()
    yield broken
    ranking_table.cache_clear()


def test_every_data_file_of_the_package_is_valid() -> None:
    check_data_files()


def test_the_cli_exits_2_naming_the_file_and_fields(
    broken_ranking: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("一、主要工作\n", encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err
    assert str(broken_ranking) in err
    assert (
        "retrieval.rrf_k" in err and "retrieval.min_fetsh" in err and "retrieval.min_fetch" in err
    )


def test_the_http_app_does_not_start(broken_ranking: Path, fake_settings: Settings) -> None:
    with pytest.raises(DataFileError, match=r"retrieval\.rrf_k"):
        create_app(fake_settings)
