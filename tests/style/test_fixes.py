"""Fix mode: safe, non-overlapping fixes applied; the fixed text has no fixable problem left."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.style.diagnostic import Diagnostic, Fix
from assistant.style.engine import check_text
from assistant.style.fixes import apply_fixes, fix_text, fixable
from tests.conftest import SEED


def _diagnostic(offset: int, length: int, replacement: str, safe: bool = True) -> Diagnostic:
    return Diagnostic(
        "test-rule", "error", "测试", 1, offset + 1, offset, length, "", Fix(replacement, safe)
    )


def _check(text: str) -> list[Diagnostic]:
    return list(check_text(text).diagnostics)


def test_apply_fixes_replaces_spans_in_any_input_order() -> None:
    text = "甲,乙,丙"
    fixes = [_diagnostic(3, 1, "，"), _diagnostic(1, 1, "，")]
    assert apply_fixes(text, fixes) == "甲，乙，丙"


def test_apply_fixes_skips_unsafe_and_overlapping_fixes() -> None:
    text = "abcdef"
    fixes = [
        _diagnostic(0, 3, "X"),
        _diagnostic(2, 2, "Y"),  # overlaps the first: skipped
        _diagnostic(4, 1, "Z", safe=False),
    ]
    assert apply_fixes(text, fixes) == "Xdef"


def test_apply_fixes_handles_insertions() -> None:
    assert apply_fixes("一加强", [_diagnostic(0, 1, "一、")]) == "一、加强"


@pytest.mark.integration
def test_fixing_the_seed_leaves_no_fixable_diagnostic() -> None:
    seed = SEED.read_text(encoding="utf-8")
    fixed = fix_text(seed, _check)
    assert fixable(_check(fixed)) == []
    assert fix_text(fixed, _check) == fixed


@pytest.mark.integration
def test_fixing_the_seed_repairs_the_listed_defects_but_not_doubled_characters() -> None:
    fixed = fix_text(SEED.read_text(encoding="utf-8"), _check)
    assert "“上半年科技工作总结”" in fixed
    assert "\n一、加强队伍建设" in fixed
    assert "法律素质\n三、推行行政执法责任制" in fixed
    assert "\n（一）高新技术产业完成情况" in fixed
    assert "\n1.高新技术产业投资完成情况" in fixed
    assert "今年以来，我局" in fixed
    assert "在在加快建设" in fixed  # a suggestion only: not applied without review


def test_fixed_text_keeps_unfixable_errors() -> None:
    fixed = fix_text("今年完成xx个项目,效果明显.", _check)
    assert fixed == "今年完成xx个项目，效果明显。"
    assert [d.rule for d in check_text(fixed).diagnostics] == ["placeholder"]


TEXTS = st.text(
    alphabet=st.sampled_from(list("中文的在人一、，。,;:?!()\"' .-０１23x\n（）…—年月日0")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_fix_mode_converges_on_arbitrary_text(text: str) -> None:
    fixed = fix_text(text, _check)
    assert fixable(_check(fixed)) == []
