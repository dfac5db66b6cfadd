"""Straight quotes: reading only the lines that hold a straight mark finds what reading all does."""

from __future__ import annotations

from assistant.style.catalogue import load_rules
from assistant.style.checks.base import Finding
from assistant.style.checks.quotes import QuotesCheck
from tests.conftest import REPO

TRICKY = '落实“双减"政策，推行"学案导学"\n“甲”\r\n"乙\n丙"\n\'丁\'和‘戊\'\n"'


def test_only_lines_with_a_straight_mark_yield_findings() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    texts += [TRICKY, TRICKY.replace('"', "“"), ""]
    checks = [QuotesCheck(rule) for rule in load_rules() if rule.kind == "quotes"]
    assert len(checks) == 2
    for check in checks:
        for text in texts:
            every_line: list[Finding] = []
            start = 0
            for line in text.split("\n"):
                every_line += check._line(text, start, start + len(line))
                start += len(line) + 1
            assert list(check.find(text)) == every_line
    assert list(checks[0].find(TRICKY))  # the tricky text has findings
