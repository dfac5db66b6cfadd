"""What the chat says, as data (``data/replies.yaml``): one template per kind of answer."""

from __future__ import annotations

import functools
import string
from pathlib import Path

from pydantic import RootModel, field_validator

from assistant.tables import load_table

DATA_FILE = Path(__file__).parent / "data" / "replies.yaml"


class Replies(RootModel[dict[str, str]]):
    """``data/replies.yaml``: reply name -> Markdown template with ``{field}`` names."""

    @field_validator("root")
    @classmethod
    def _templates_parse(cls, templates: dict[str, str]) -> dict[str, str]:
        for name, template in templates.items():
            try:
                fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None
            if any(not field.isidentifier() for field in fields):
                raise ValueError(f"{name}: fields must be plain names, not {fields}")
        return templates


@functools.cache
def replies() -> dict[str, str]:
    """Every reply template, by name (validated once per process)."""
    return load_table(DATA_FILE, Replies).root


def template_fields(name: str) -> set[str]:
    """The ``{field}`` names a template uses."""
    return {f for _, f, _, _ in string.Formatter().parse(replies()[name]) if f}


def say(name: str, **fields: object) -> str:
    """A reply, its fields filled in; a `KeyError` names an unknown template or missing field."""
    return replies()[name].strip().format(**fields)
