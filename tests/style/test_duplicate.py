"""The duplicate-sentence kind finds exactly the repeated sentences, on any line length."""

from __future__ import annotations

import re

import pytest

from assistant.style.checks.duplicate import _SEGMENT, DuplicateCheck, long_sentences
from assistant.style.engine import default_checker
from tests.conftest import REPO

SENTENCE = "今年以来，我局加强领导，狠抓落实，各项工作成效明显。"


def _check() -> DuplicateCheck:
    check = next(c for c in default_checker().text_checks if isinstance(c, DuplicateCheck))
    assert isinstance(check, DuplicateCheck)
    return check


def _repeats(text: str) -> list[tuple[int, int]]:
    """The definition, written plainly: sentences up to an end mark, the later copies of each."""
    seen: set[str] = set()
    found = []
    for match in re.finditer(r"[^。！？!?\n]+[。！？!?]", text):
        key = re.sub(r"[ \t\u3000]+", "", match.group())
        if len(key) > 15 and key in seen:
            blanks = len(match.group()) - len(match.group().lstrip(" \t\u3000"))
            found.append((match.start() + blanks, match.end()))
        seen.add(key)
    return found


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE * 3,
        f"{SENTENCE}\n一、主要工作\n{SENTENCE}",
        "没有句末标点的一行，" * 500 + SENTENCE + SENTENCE,
        f"{SENTENCE}没有句末标点的尾巴\n{SENTENCE}",
        f"{SENTENCE} {SENTENCE}!{SENTENCE}",
        "短句重复。短句重复。",
    ],
)
def test_finds_the_repeats_the_definition_finds(text: str) -> None:
    assert [(start, end) for start, end, *_ in _check().find(text)] == _repeats(text)


def test_a_long_line_without_end_marks_has_no_sentence() -> None:
    """The case that made the scan quadratic (a 200 KB one-line draft took 44 s to check)."""
    assert list(_check().find("今年以来,我局加强领导,狠抓落实." * 20_000)) == []


@pytest.mark.parametrize("minimum", [0, 1, 15])
def test_long_sentences_equal_the_segment_scan(minimum: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    edges = [
        "",
        "。",
        "。。",
        "\n。",
        "a。",
        "ab\n。cd！",
        SENTENCE * 3,
        f"x\ud800{SENTENCE}",
        "𠀀" * 20,
    ]
    for text in [*texts, *edges]:
        expected = [s for s in _SEGMENT.findall(text) if s[-1] in "。！？!?" and len(s) > minimum]
        assert long_sentences(text, minimum) == expected
