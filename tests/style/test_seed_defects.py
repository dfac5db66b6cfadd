"""Each defect of the seed compilation listed in writing-rules.md, reported by the right rule at
the right place (positions found by searching the seed text)."""

from __future__ import annotations

import pytest

from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import CheckResult, check_text
from tests.conftest import SEED

pytestmark = pytest.mark.integration  # reads the seed in ../shared


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(seed: str) -> CheckResult:
    return check_text(seed)


def _at(seed: str, needle: str, shift: int = 0) -> int:
    assert seed.count(needle) >= 1, needle
    return seed.index(needle) + shift


def _find(result: CheckResult, rule: str, offset: int) -> Diagnostic:
    found = [d for d in result.diagnostics if d.rule == rule and d.offset == offset]
    assert found, f"{rule} not reported at offset {offset}"
    return found[0]


def _assert_position(seed: str, diagnostic: Diagnostic) -> None:
    offset = diagnostic.offset
    assert diagnostic.line == seed.count("\n", 0, offset) + 1
    assert diagnostic.column == offset - (seed.rfind("\n", 0, offset) + 1) + 1


def test_half_width_comma_in_chinese_sentence(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "half-width-punctuation", _at(seed, "今年以来,我局", 4))
    assert diagnostic.severity == "error"
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "，"
    _assert_position(seed, diagnostic)


def test_half_width_colon_in_chinese_sentence(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "half-width-punctuation", _at(seed, "具体情况汇报如下:", 8))
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "："


@pytest.mark.parametrize(
    ("context", "shift", "placeholder"),
    [
        ("xx洞矿业", 0, "xx"),
        ("资金xxx多万元", 2, "xxx"),
        ("从x月初开始", 1, "x"),
        ("20xx年田庙乡", 0, "20xx"),
        ("总产值达xx.x亿元", 4, "xx.x"),
    ],
)
def test_unfilled_placeholder(
    seed: str, result: CheckResult, context: str, shift: int, placeholder: str
) -> None:
    diagnostic = _find(result, "placeholder", _at(seed, context, shift))
    assert diagnostic.excerpt == placeholder
    assert diagnostic.severity == "error"
    assert diagnostic.fix is None


def test_level1_heading_without_dunhao(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "heading-missing-dunhao", _at(seed, "\n一加强队伍建设", 1))
    assert diagnostic.line == 120 and diagnostic.column == 1
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "一、"


def test_two_headings_run_together_on_one_line(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "heading-run-together", _at(seed, "法律素质三、推行", 4))
    assert diagnostic.excerpt == "三、推行行政执法责任制,严格依法行政"
    assert diagnostic.line == 85
    replacement = "\n三、推行行政执法责任制,严格依法行政\n"  # the glued body gets its own line
    assert diagnostic.fix is not None and diagnostic.fix.replacement == replacement


def test_level2_number_three_with_no_one_or_two(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "heading-orphan-number", _at(seed, "\n(三)问题和不足", 1))
    assert diagnostic.line == 38 and diagnostic.severity == "error"


def test_half_width_parentheses_in_level2_number(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "heading-half-width-parens", _at(seed, "\n(一)高新技术产业", 1))
    assert diagnostic.line == 12
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "（一）"


def test_level3_number_written_with_dunhao(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "heading-level3-dunhao", _at(seed, "\n1、高新技术产业投资", 1))
    assert diagnostic.line == 13 and diagnostic.severity == "warning"
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "1."


def test_doubled_character(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "doubled-char", _at(seed, "在在加快建设"))
    assert diagnostic.excerpt == "在在"
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "在"


def test_stray_space_inside_chinese_quotation(seed: str, result: CheckResult) -> None:
    diagnostic = _find(result, "stray-space", _at(seed, "工作总结 ”", 4))
    assert diagnostic.line == 1 and diagnostic.length == 1
    assert diagnostic.fix is not None and diagnostic.fix.replacement == ""


def test_each_summary_of_the_compilation_is_checked_for_its_own_parts(
    seed: str, result: CheckResult
) -> None:
    first_summary = _at(seed, "今年以来,我局以党的十八大精神为指导")
    rules = {d.rule for d in result.diagnostics if d.offset == first_summary}
    assert {"missing-problems-part", "missing-plans-part"} <= rules
    with_both = _at(seed, "xxxx年,灞桥科技工业园区")
    assert not [d for d in result.diagnostics if d.offset == with_both and "part" in d.rule]
