"""Searching only the lines holding a required literal gives every match of the whole text."""

from __future__ import annotations

import re

import pytest

from assistant.style.catalogue import load_rules
from assistant.style.checks.one_line import opens_with_literal, stays_on_line
from assistant.style.checks.pattern import PatternCheck
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("pattern", "stays"),
    [
        ("a", True),
        ("[^\\n]x", True),
        (".", True),  # no DOTALL: not a newline
        ("a(?=.*b)", True),
        ("\\S+", True),
        ("(a)\\1", True),
        ("(?<![a-z])x", True),
        ("(?>a+)b", True),
        ("\\n", False),
        ("[^a]", False),  # a negated class holds the newline
        ("(?s).", False),
        ("(?s:.)x", False),
        ("\\s", False),
        ("\\D", False),
        ("[^\\S]", False),
        ("a(?=\\n)", True),  # looks at the newline only, as the search in place does
        ("a(?=\\n.)", False),  # a lookahead past the line
        ("(?:a|[^b])", False),
        ("^a", False),  # anchors are not read
        ("a$", False),
        ("\\bx", False),
        ("x*", False),  # may match nothing
        ("(a)?(?(1)b|c)", False),
        ("a(?=[^b])", True),  # a lookahead ending the pattern looks at the newline at most
        ("a(?![^b])", True),
        ("(?:a(?=x|[^b])|c)", True),
        ("(a(?=(?=[^b])))", True),
        ("a(?=[^b]c)", False),  # looks past it
        ("a(?=[^b]*)", False),
        ("a(?=[^b])c", False),
        ("(?:a(?=[^b]))+", False),
        ("a[^b]", False),  # the match itself would take it
        ("a(?<=[^b])", False),
    ],
)
def test_stays_on_line(pattern: str, stays: bool) -> None:
    assert stays_on_line(re.compile(pattern)) is stays


def test_opens_with_literal() -> None:
    assert opens_with_literal(re.compile("\\(x"))
    assert not opens_with_literal(re.compile("[ab]x"))
    assert not opens_with_literal(re.compile("(?:a|b)"))


EDGES = [
    "",
    "x",
    "\n\nx\n",
    "中x\n\nx月\r\nxx年 1-2个\n3~4%\r\n５０",
    "3-\n4个 x\nx月",  # a literal ending one line, the rest of the match on the next
    "a\n-5个\n0-5%",
    "2O25年\n二〇O五年，十Ｏ二〇年\n",
    "按照县政府关于加强安全生产工作的意见\n根据关于印发方案的通知\n中华人民共和国预算法",
]


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("eval/**/*.txt"))]
    assert len(texts) > 8
    return [*texts, "\n".join(texts), *EDGES]


def test_lines_give_the_whole_text_matches() -> None:
    checks = [
        PatternCheck(rule) for rule in load_rules() if rule.kind in ("pattern", "substitution")
    ]
    by_line = [check for check in checks if check.by_line]
    assert {"placeholder", "range-mark", "title-marks"} <= {check.rule.id for check in by_line}
    for check in by_line:
        for text in _texts():
            expected = [(m.span(), m.groups()) for m in check.regex.finditer(text)]
            found = check._on_lines(text, check.requires.lines(text))
            assert [(m.span(), m.groups()) for m in found] == expected, check.rule.id
