"""Data tables: YAML files loaded into validated pydantic models.

Every data file of the package (the genre table, the parser's lexicon, office types, slots, the
outline and ranking settings, the chat's word lists) has a `Table` model; `load_table` reads a
file into it and reports a malformed file as a `DataFileError` that names the file and the
field. `assistant.startup.check_data_files` loads them all when a process starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import DataFileError

T = TypeVar("T", bound=BaseModel)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Table(BaseModel):
    """Base of every data-file model: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def read_yaml(path: Path) -> object:
    """The parsed content of a YAML file; unreadable files raise `DataFileError`."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise DataFileError(f"数据文件 {path} 无法读取：{error}") from None


def describe_errors(error: ValidationError) -> str:
    """Each problem of a validation error as ``field.path: message``."""
    return "；".join(
        f"{'.'.join(str(part) for part in problem['loc']) or '（整个文件）'}: {problem['msg']}"
        for problem in error.errors()
    )


def load_table(path: Path, model: type[T]) -> T:
    """The file validated as ``model``; any problem raises `DataFileError` naming file and field."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"数据文件 {path} 有误：{describe_errors(error)}") from None
