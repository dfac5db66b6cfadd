from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import DataFileError
from assistant.tables import load_folder, load_table


class Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    items: tuple[str, ...] = Field(min_length=1)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_loads_by_file_name(tmp_path: Path) -> None:
    write(tmp_path / "things", "b.yaml", "key: b\nitems: [x]\n")
    write(tmp_path / "things", "a.yaml", "key: a\nitems: [y, z]\n")
    loaded = load_folder(tmp_path / "things", Thing)
    assert list(loaded) == ["a", "b"]
    assert loaded["a"].items == ("y", "z")


def test_a_missing_field_names_the_file_and_the_field(tmp_path: Path) -> None:
    write(tmp_path / "things", "a.yaml", "key: a\n")
    with pytest.raises(DataFileError, match=r"^things/a\.yaml: items: Field required"):
        load_folder(tmp_path / "things", Thing)


def test_a_nested_bad_value_names_its_path(tmp_path: Path) -> None:
    write(tmp_path / "things", "a.yaml", "key: a\nitems: [x, {no: list}]\n")
    with pytest.raises(DataFileError, match=r"things/a\.yaml: items\.1: "):
        load_folder(tmp_path / "things", Thing)


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "things", "a.yaml", "key: a\nitems: [x]\nitem: typo\n")
    with pytest.raises(DataFileError, match=r"things/a\.yaml: item: Extra inputs"):
        load_folder(tmp_path / "things", Thing)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "key: a\nitems: [x\n")
    with pytest.raises(DataFileError, match=r"a\.yaml: not valid YAML"):
        load_table(path, Thing)


def test_a_key_that_differs_from_the_file_name_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "things", "a.yaml", "key: copied\nitems: [x]\n")
    with pytest.raises(DataFileError, match=r"things/a\.yaml: key: 'copied' must equal"):
        load_folder(tmp_path / "things", Thing)


def test_an_empty_or_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing"):
        load_folder(tmp_path / "nowhere", Thing)
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataFileError, match=r"no \*\.yaml"):
        load_folder(tmp_path / "empty", Thing)
