"""The parser's quick tests skip only work that would find nothing: same trees without them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from assistant.corpus import roles
from assistant.corpus.heading_parser import parse_document
from assistant.genre.numbering import (
    _BARE_NUMERAL,
    NUMERAL_CHARS,
    SPACE,
    RunTogetherSpans,
    may_restart_level1,
    run_together_number,
)
from tests.conftest import REPO

TRICKY = [
    "一二、三产业\n（一）工作\n一、主要工作（一）持续优化营商环境。二、问题\n",
    "总结\n一、成绩\n二加强队伍建设。三、下一步打算\n1、2月份（二）计划生育困难群众\n",
]


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    assert len(texts) == 8
    return [*texts, "\n".join(texts), *TRICKY]


def _expecting(ordinal: int) -> Callable[[int], int]:
    return lambda _level: ordinal


def test_run_together_spans_rule_out_only_lines_without_a_number() -> None:
    for text in _texts():
        spans = RunTogetherSpans(text)
        for start in range(len(text)):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if spans.possible(start, end):
                continue
            for expected in (1, 2, 3):
                for level in (None, 1, 2):
                    found = run_together_number(text, start, end, _expecting(expected), level)
                    assert found is None, (text[start:end], expected, level)


def test_trees_equal_without_the_quick_keyword_test(monkeypatch: pytest.MonkeyPatch) -> None:
    # (the run-together quick test is proven sound above: no patching the compiled class)
    texts = _texts()
    quick = [parse_document(text) for text in texts]
    always = replace(roles.load_lexicon(), any_keyword=re.compile(""))
    monkeypatch.setattr(roles, "load_lexicon", lambda: always)
    assert [parse_document(text) for text in texts] == quick


def test_may_restart_level1_reads_line_starts_as_multiline_does() -> None:
    plain = re.compile(
        rf"^[{SPACE}]*(?:([{NUMERAL_CHARS}]{{1,3}})、|{_BARE_NUMERAL.pattern})", re.M
    )
    for text in [*_texts(), "一、甲\n二、乙\n一、丙", " 一、甲\r\n\u3000一加强\n一、丙", "一、甲"]:
        firsts = [match.group(1) for match in plain.finditer(text)]
        assert may_restart_level1(text) == ("一" in firsts[1:])
