"""Searching from a pattern's leading characters gives exactly finditer's and search's matches."""

from __future__ import annotations

import re

import pytest

from assistant.style.catalogue import load_rules
from assistant.style.checks.leading import MAX_POSITIONS, LeadingScan, leading_chars
from assistant.style.checks.pattern import PatternCheck
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("[千百](?<=[0-9][千百])", "千百"),
        (r"[～~\-－—–][0-9.]+%", "～~-－—–"),
        (r"[ \u00a0]x", " \xa0"),
        ("[-a]b", "-a"),
        ("[a-]b", "a-"),
        ("[ab]+c", "ab"),
        ("[a-z]x", None),  # a range
        ("[ab]?c", None),  # may be skipped
        ("[ab]*c", None),
        ("[ab]{0,2}c", None),
        ("[^a]b", None),
        ("[ab]c|d", None),  # another branch starts elsewhere
        (r"[\d]x", None),
        ("(?i)[ab]c", None),
        ("[abcdefg]x", None),  # too many
        ("ab", None),  # a literal: re scans for it fast
    ],
)
def test_leading_chars_only_of_a_plain_opening_class(pattern: str, chars: str | None) -> None:
    assert leading_chars(re.compile(pattern)) == chars


def _same(scan: LeadingScan, text: str) -> None:
    expected = [(m.span(), m.groups()) for m in scan.regex.finditer(text)]
    assert [(m.span(), m.groups()) for m in scan.finditer(text)] == expected
    first = scan.regex.search(text)
    found = scan.search(text)
    assert (found and found.span()) == (first and first.span())


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("[ab]+", "xaabxbab"),
        ("[ab](?<=xa)", "xaab xa"),  # looks behind the place it is tried at
        ("[ab](?=b)", "abba"),
        ("[,:](?:(?<=中.)|(?=中))", "中,a,中:b:"),
        ("[ab]", "b" * (MAX_POSITIONS + 5)),  # many: left to finditer
        ("[ab]", ""),
    ],
)
def test_matches_equal_finditer(pattern: str, text: str) -> None:
    _same(LeadingScan(re.compile(pattern)), text)


def test_every_pattern_rule_and_prefilter_on_the_corpus() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    assert len(texts) == 8
    texts += [" 加强 管理, 3千人, 10-20%,中:", "\n".join(texts)]
    checks = [
        PatternCheck(rule) for rule in load_rules() if rule.kind in ("pattern", "substitution")
    ]
    scans = [LeadingScan(check.regex) for check in checks]
    scans += [check.prefilter for check in checks if check.prefilter is not None]
    assert sum(scan.chars is not None for scan in scans) >= 4  # some are scanned from chars
    for scan in scans:
        for text in texts:
            _same(scan, text)
