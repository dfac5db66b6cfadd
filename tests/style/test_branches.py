"""Branch-by-branch search of a top-level alternation gives exactly finditer's matches."""

from __future__ import annotations

import re

import pytest

from assistant.style.catalogue import load_rules
from assistant.style.checks.branches import BranchedRegex, top_level_branches
from assistant.style.checks.pattern import PatternCheck
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("pattern", "branches"),
    [
        ("abc", ["abc"]),
        ("a|b", ["a", "b"]),
        ("(?:a|b)c|d", ["(?:a|b)c", "d"]),
        (r"[|(]x|\|y", ["[|(]x", r"\|y"]),
        ("[]|]z|w", ["[]|]z", "w"]),
        ("(?<!甲|乙)丙|丁", ["(?<!甲|乙)丙", "丁"]),
    ],
)
def test_only_top_level_bars_split(pattern: str, branches: list[str]) -> None:
    assert top_level_branches(pattern) == branches


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("ab|b", "abab b"),
        ("a|ab", "abab"),
        (r"(?<=x)y|xy+", "xyyy xy y"),
        (
            "中华人民共和国[^法]*法|根据(关于[^。]*的通知)",
            "根据关于某事的通知和中华人民共和国预算法。",
        ),
        ("a*|b", "bab"),
    ],
)
def test_matches_equal_finditer(pattern: str, text: str) -> None:
    regex = re.compile(pattern)
    expected = [(m.span(), m.groups()) for m in regex.finditer(text) if m.end() > m.start()]
    found = [(m.span(), m.groups()) for m in BranchedRegex(regex).finditer(text)]
    assert [item for item in found if item[0][1] > item[0][0]] == expected


def test_every_pattern_rule_finds_what_finditer_finds_on_the_corpus() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    assert len(texts) == 8
    checks = [
        PatternCheck(rule) for rule in load_rules() if rule.kind in ("pattern", "substitution")
    ]
    assert any(check.matches.branches for check in checks)  # some rules are split
    for check in checks:
        for text in texts:
            expected = [m.span() for m in check.regex.finditer(text) if m.end() > m.start()]
            found = [m.span() for m in check.matches.finditer(text) if m.end() > m.start()]
            assert found == expected, check.rule.id
