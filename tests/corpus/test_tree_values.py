"""The parse tree's small value types behave as values: equal and hashed by their fields."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.corpus.heading_parser import parse_document
from assistant.corpus.tree import (
    Defect,
    DocumentTree,
    Enumeration,
    Heading,
    Paragraph,
    Position,
)
from assistant.genre.numbering import HeadingNumber, parse_number

VALUES = (Position, Heading, Enumeration, Paragraph, Defect, HeadingNumber)


@pytest.mark.parametrize("kind", VALUES)
def test_values_are_dataclasses_without_instance_dicts_hashed_by_fields(kind: type) -> None:
    assert dataclasses.is_dataclass(kind)
    # slots (or a class compiled by scripts/compile_native.py): no __dict__ per instance
    assert "__dict__" not in dir(kind)
    assert kind.__hash__ is not None


def test_equal_parses_give_equal_hashes() -> None:
    text = (
        "平安县2025年工作总结\n一、主要工作\n（一）加强管理。我局……\n三、存在问题\n(一)人员不足\n"
    )
    first, second = parse_document(text), parse_document(text)

    def values(tree: DocumentTree) -> list[object]:
        return [*tree.defects, *(s.heading for s in tree.walk()), *tree.opening]

    mine, theirs = values(first), values(second)
    assert len(mine) > 5
    assert mine == theirs
    assert [hash(value) for value in mine] == [hash(value) for value in theirs]
    assert {s.heading.position for s in first.walk()} == {s.heading.position for s in second.walk()}
    number = parse_number("（三）")
    assert number is not None and hash(number) == hash(parse_number("（三）"))
    assert dataclasses.replace(number, ordinal=4) != number
