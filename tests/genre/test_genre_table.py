"""The genre table: valid, and the one vocabulary of roles, periods and topics everywhere."""

from __future__ import annotations

import ast
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.corpus.office_types import office_table
from assistant.errors import DataFileError
from assistant.genre.periods import read_period
from assistant.genre.table import GenreTable, Role, genre_table
from assistant.genre.topic_modules import match_topic
from assistant.outline.settings import outline_settings
from assistant.style.catalogue import load_rules
from assistant.tables import load_table
from tests.conftest import REPO

PACKAGE = REPO / "assistant"
ROLE_KEYS = {"role", "roles"}
PERIOD_KEYS = {"period", "default_period", "topic_period"}
TODAY = datetime.date(2026, 6, 15)
TOPIC_KEYS = {"topic", "topic_source", "default_topic", "corpus_topic"}  # not topic_module keys


def walk_keys(data: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair of nested mappings and lists."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key), value
            yield from walk_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from walk_keys(item)


def yaml_files() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.yaml")) + sorted((REPO / "eval" / "cases").glob("*.yaml"))
    return [*files, REPO / "corpus" / "manifest.yaml"]


def named_in_yaml(keys: set[str]) -> list[tuple[Path, str]]:
    found = []
    for path in yaml_files():
        for key, value in walk_keys(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if key in keys and isinstance(value, str) and "{" not in value:  # not a template
                found.append((path, value))
    return found


def code_constants(word: str) -> list[tuple[Path, str]]:
    """Module-level string constants whose name contains ``word`` (``GENERAL_TOPIC = "综合"``)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any(word in name for name in names) and isinstance(node.value.value, str):
                    found.append((path, node.value.value))
    return found


def test_the_table_loads_and_lists_every_role_in_order() -> None:
    table = genre_table()
    assert [part.role for part in table.parts] == list(Role)
    assert table.required_roles == (Role.ACHIEVEMENTS, Role.PROBLEMS, Role.PLANS)
    assert all(part.heading for part in table.parts if part.required)


def test_every_role_named_anywhere_is_a_role() -> None:
    named = named_in_yaml(ROLE_KEYS) + code_constants("ROLE")
    named += [
        (Path("style rule"), str(r.options["role"])) for r in load_rules() if "role" in r.options
    ]
    assert len(named) >= 2
    for path, value in named:
        assert value in set(Role), f"{path}: unknown role {value!r}"
    table = genre_table()
    for part in table.parts:
        assert set(part.next) <= set(Role) and part.unnamed_next in set(Role)
    assert set(outline_settings().max_parts) <= set(Role)


def test_every_period_named_anywhere_is_a_period_or_reads_as_one() -> None:
    periods = set(genre_table().period_names)
    named = named_in_yaml(PERIOD_KEYS) + code_constants("PERIOD")
    assert len(named) >= 10
    for path, value in named:
        if path.name in {"outlines.yaml", "chat.yaml"} and value not in periods:
            asked = read_period(value, TODAY).name
            assert asked in periods, f"{path}: {value!r} reads as no period"
        else:
            assert value in periods, f"{path}: unknown period {value!r}"


def test_every_topic_named_anywhere_is_a_topic() -> None:
    topics = set(genre_table().topic_names)
    named = named_in_yaml(TOPIC_KEYS) + code_constants("TOPIC")
    named += [
        (Path("office_types.yaml"), o.default_topic) for o in office_table().office_types.values()
    ]
    assert len(named) >= 10
    for path, value in named:
        if path.name in {"outlines.yaml", "chat.yaml"} and value not in topics:
            assert match_topic(value) is not None, f"{path}: {value!r} reads as no topic"
        else:
            assert value in topics, f"{path}: unknown topic {value!r}"


def test_a_period_or_topic_alias_reads_as_its_own_name() -> None:
    table = genre_table()
    for period in table.periods:
        assert all(table.find_period(alias) == period.name for alias in period.aliases)
    for topic in table.topics:
        assert all(table.find_topic(alias) == topic.name for alias in topic.aliases)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["parts"].pop(2), "parts"),
        (lambda d: d["parts"][1].update(role="successes"), "parts.1.role"),
        (lambda d: d.update(default_period="半年度"), "default_period"),
        (lambda d: d["periods"][0].pop("aliases"), "periods.0.aliases"),
        (lambda d: d.update(keyword_tie=["plans"]), "keyword_tie"),
    ],
)
def test_a_malformed_table_names_the_file_and_the_field(
    tmp_path: Path, edit: Any, field: str
) -> None:
    data = yaml.safe_load((PACKAGE / "genre" / "data" / "genre.yaml").read_text(encoding="utf-8"))
    edit(data)
    broken = tmp_path / "genre.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_table(broken, GenreTable)
    assert str(broken) in str(raised.value) and field.split(".")[0] in str(raised.value)
