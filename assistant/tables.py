"""Data tables: YAML files loaded into validated pydantic models.

Every data file of the package (the genre table and its office profiles, topic modules and
formulas, the parser's lexicon, office types, slots, the outline and ranking settings, the chat's
word lists) has a model; `load_table` reads a file into it, `load_folder` a folder of files, and
a malformed file is a `DataFileError` naming the file and the field
(``offices/finance.yaml: lines_of_work.2.phrasing: ...``), never a KeyError on the first request
that touches it. `assistant.startup.check_data_files` loads them all when a process starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import DataFileError

Model = TypeVar("Model", bound=BaseModel)


class Table(BaseModel):
    """Base of a data-file model: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _field_path(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(top level)"


def describe(error: ValidationError, source: str) -> str:
    """One line per problem: ``source: field.path: message``."""
    return "\n".join(
        f"{source}: {_field_path(problem['loc'])}: {problem['msg']}" for problem in error.errors()
    )


def read_yaml(path: Path) -> object:
    """The parsed content of a YAML file; a missing or unparsable file is a `DataFileError`."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataFileError(f"{path}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise DataFileError(f"{path}: not valid YAML ({error})") from error


def load_table(path: Path, model: type[Model], *, label: str | None = None) -> Model:
    """One YAML file validated as ``model``; ``label`` names the file in errors (else its path)."""
    source = label or str(path)
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as error:
        raise DataFileError(describe(error, source)) from error


def load_folder(folder: Path, model: type[Model]) -> dict[str, Model]:
    """Every ``*.yaml`` of a folder validated as ``model``, by file name (sorted).

    Each model must have a ``key`` equal to its file name, so that a file copied to add a kind
    and not renamed inside is caught.
    """
    if not folder.is_dir():
        raise DataFileError(f"{folder}: the data folder is missing")
    loaded: dict[str, Model] = {}
    for path in sorted(folder.glob("*.yaml")):
        label = f"{folder.name}/{path.name}"
        item = load_table(path, model, label=label)
        key = getattr(item, "key", None)
        if key != path.stem:
            raise DataFileError(f"{label}: key: {key!r} must equal the file name {path.stem!r}")
        loaded[path.stem] = item
    if not loaded:
        raise DataFileError(f"{folder}: no *.yaml files")
    return loaded
