"""Overlong sentences found from the boundaries' places equal those of cutting every sentence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.style.catalogue import load_rules
from assistant.style.checks.base import Finding
from assistant.style.checks.length import LengthCheck
from tests.conftest import REPO


def _plain(check: LengthCheck, text: str) -> Iterator[Finding]:
    """The definition: every run of non-boundaries, the long ones stripped and measured."""
    for match in check.sentence.finditer(text):
        sentence = match.group()
        stripped = sentence.strip()
        if len(stripped) > check.max_chars:
            start = match.start() + len(sentence) - len(sentence.lstrip())
            yield start, start + len(stripped), None, str(len(stripped))


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    assert texts
    long = "加" * 121
    edges = [
        "",
        "加" * 120,
        long,
        f"。{long}",
        f"{long}。",
        f" {long} \n",
        f"\u3000{'加' * 120} ",
        f"{long}\r\n{long}；;{long}!",
        f"a\ud800{long}",
        f"{'𠀀' * 121}。",
        long + long,
    ]
    return [*texts, "\n".join(texts), *edges]


@pytest.mark.parametrize("limit", [0, 5, 120])
def test_long_sentences_equal_the_plain_cut(limit: int) -> None:
    rule = next(rule for rule in load_rules() if rule.kind == "length")
    check = LengthCheck(rule)
    check.max_chars = limit
    for text in _texts():
        assert list(check.find(text)) == list(_plain(check, text))
