"""Precision and recall of the style check on hand-made diagnostics and annotations."""

import pytest

from assistant.evaluation.cases import CaseError, DefectNote, Draft
from assistant.evaluation.style import Expected, evaluate_drafts, locate, score
from assistant.style.diagnostic import Diagnostic


def diag(rule: str, offset: int, length: int, severity: str = "error") -> Diagnostic:
    return Diagnostic(rule, severity, "", 1, offset + 1, offset, length, "")  # type: ignore[arg-type]


def test_detections_must_be_of_the_expected_rule_and_overlap_the_defect() -> None:
    expected = [
        Expected("placeholder", 10, 12),
        Expected("placeholder", 30, 32),
        Expected("stray-space", 50, 51),
    ]
    found = [
        diag("placeholder", 11, 2),  # overlaps the first placeholder: right
        diag("placeholder", 40, 2),  # nowhere near a defect: wrong
        diag("half-width-punctuation", 30, 1),  # at a defect but of another rule: wrong
        diag("stray-space", 50, 1),  # right
    ]
    counts = score(found, expected)
    placeholder, space, punct = (
        counts["placeholder"],
        counts["stray-space"],
        counts["half-width-punctuation"],
    )
    assert (placeholder.expected, placeholder.found, placeholder.reported, placeholder.correct) == (
        2,
        1,
        2,
        1,
    )
    assert (placeholder.recall, placeholder.precision) == (0.5, 0.5)
    assert (space.recall, space.precision) == (1.0, 1.0)
    assert punct.recall is None and punct.precision == 0.0


def test_windows_keep_only_diagnostics_inside_them() -> None:
    expected = [Expected("placeholder", 10, 12)]
    found = [
        diag("placeholder", 10, 2),
        diag("placeholder", 100, 2),
        diag("missing-plans-part", 0, 200),
    ]
    counts = score(found, expected, windows=[(5, 20)])
    assert counts["placeholder"].reported == 1 and counts["placeholder"].precision == 1.0
    assert "missing-plans-part" not in counts


def test_locate_finds_the_defect_inside_its_context() -> None:
    text = "甲乙,丙。今年以来,我局"
    window, spans = locate(text, DefectNote("今年以来,我局", ",", ("half-width-punctuation",)))
    assert window == (5, 12)
    assert [(s.start, s.end) for s in spans] == [(9, 10)]
    with pytest.raises(CaseError):
        locate(text, DefectNote("不存在", ",", ("x",)))


def test_drafts_count_unannotated_diagnostics_against_precision() -> None:
    drafts = [
        Draft(
            "with defect",
            "今年以来,我局认真工作。\n",
            (DefectNote("以来,我局", ",", ("half-width-punctuation",)),),
        ),
        Draft("not annotated", "全年完成xx项任务。\n"),
    ]
    result = evaluate_drafts(drafts)
    assert result["rules"]["half-width-punctuation"]["recall"] == 1.0
    assert result["rules"]["placeholder"]["precision"] == 0.0
    assert result["total"]["precision"] == 0.5
