"""YAML data files loaded into pydantic models, with errors that name the file and the field.

The genre's knowledge (office profiles, topic modules, formulas, slot names) is written by hand
as YAML. A typo must fail at load with a message a maintainer can act on
(``offices/finance.yaml: lines_of_work.2.phrasing: 至少需要 1 项``), not as a KeyError on the
first request that touches it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class GenreDataError(ValueError):
    """A genre data file is missing, unreadable or malformed (a fault in the package's data)."""


def _field_path(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(top level)"


def describe(error: ValidationError, source: str) -> str:
    """One line per problem: ``source: field.path: message``."""
    return "\n".join(
        f"{source}: {_field_path(problem['loc'])}: {problem['msg']}" for problem in error.errors()
    )


def read_yaml(path: Path) -> object:
    """The parsed content of a YAML file; a missing or unparsable file is a GenreDataError."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GenreDataError(f"{path}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise GenreDataError(f"{path}: not valid YAML ({error})") from error


def load_model(path: Path, model: type[Model], *, label: str | None = None) -> Model:
    """One YAML file validated as ``model``; ``label`` names the file in errors."""
    source = label or path.name
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as error:
        raise GenreDataError(describe(error, source)) from error


def load_folder(folder: Path, model: type[Model]) -> dict[str, Model]:
    """Every ``*.yaml`` of a folder validated as ``model``, by file name (sorted).

    Each model must have a ``key`` equal to its file name, so that a file copied to add a kind
    and not renamed inside is caught.
    """
    if not folder.is_dir():
        raise GenreDataError(f"{folder}: the data folder is missing")
    loaded: dict[str, Model] = {}
    for path in sorted(folder.glob("*.yaml")):
        label = f"{folder.name}/{path.name}"
        item = load_model(path, model, label=label)
        key = getattr(item, "key", None)
        if key != path.stem:
            raise GenreDataError(f"{label}: key: {key!r} must equal the file name {path.stem!r}")
        loaded[path.stem] = item
    if not loaded:
        raise GenreDataError(f"{folder}: no *.yaml files")
    return loaded
