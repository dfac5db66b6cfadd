"""GB/T 9704 layout diagnostics: each planted defect alone gives its rule and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.evaluation.docx_fixtures import LAYOUT_DEFECTS, Layout, build_docx, spoiled
from assistant.word.check import check_docx
from assistant.word.profile import load_layout_rules, load_profile

CASES = [(kind, variant) for kind in LAYOUT_DEFECTS for variant in range(4)]


def test_correct_document_has_no_diagnostics() -> None:
    for layout in (Layout(), Layout(use_styles=True)):
        assert check_docx(build_docx(layout=layout)).result.diagnostics == ()


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_each_layout_defect_alone_gives_its_rule(kind: str, variant: int) -> None:
    rule = LAYOUT_DEFECTS[kind][0]
    result = check_docx(build_docx(layout=spoiled([kind], variant))).result
    assert {d.rule for d in result.diagnostics} == {rule}


def test_ten_defects_together_are_all_found() -> None:
    result = check_docx(build_docx(layout=spoiled(list(LAYOUT_DEFECTS), 1))).result
    assert {d.rule for d in result.diagnostics} >= {rule for rule, _ in LAYOUT_DEFECTS.values()}


def test_positions_are_paragraph_and_characters_page_level_on_line_0() -> None:
    layout = spoiled(["heading-2-font", "margins"], 0)
    result = check_docx(build_docx(layout=layout))
    text = result.document.text
    by_rule = {d.rule: d for d in reversed(result.result.diagnostics)}  # the first of each
    heading = by_rule["layout-heading-font"]
    assert (heading.line, heading.column) == (4, 1)
    assert (
        text[heading.offset : heading.offset + heading.length] == "（一）科技创新平台建设稳步推进"
    )
    assert "二级标题" in heading.message and "楷体_GB2312" in heading.message
    margins = by_rule["layout-margins"]
    assert (margins.line, margins.column, margins.offset, margins.length) == (0, 0, 0, 0)
    assert margins.fix is None


def test_usual_fallback_fonts_are_info() -> None:
    layout = Layout().look("body", font="仿宋").look("heading-2", font="楷体")
    result = check_docx(build_docx(layout=layout)).result
    assert {(d.rule, d.severity) for d in result.diagnostics} == {("layout-font-fallback", "info")}
    assert result.summary.errors == 0


def test_heading_3_may_be_bold_but_the_title_may_not() -> None:
    bold_heading = Layout().look("heading-3", bold=True)
    assert check_docx(build_docx(layout=bold_heading)).result.diagnostics == ()


def test_profile_file_overrides_values(tmp_path: Path) -> None:
    house = tmp_path / "house.yaml"
    house.write_text("margins: {top_mm: 30}\nelements: {body: {font: 宋体}}\n", encoding="utf-8")
    # top margin 30 mm and body in 宋体: wrong for the standard, right for the house
    data = build_docx(layout=spoiled(["body-font"], 0, spoiled(["margins"], 1)))
    assert {d.rule for d in check_docx(data).result.diagnostics} == {
        "layout-margins",
        "layout-body-font",
    }
    assert check_docx(data, profile_path=house).result.diagnostics == ()
    standard = {d.rule for d in check_docx(build_docx(), profile_path=house).result.diagnostics}
    assert standard == {"layout-margins", "layout-body-font"}


def test_bad_profile_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("margins: {top_mm: 三十}\n", encoding="utf-8")
    load_profile.cache_clear()
    with pytest.raises(InputError, match=r"margins\.top_mm"):
        load_profile(bad)


def test_every_layout_rule_file_is_valid_and_used() -> None:
    rules = load_layout_rules()
    assert len(rules) >= 14
    assert all(rule.id.startswith("layout-") for rule in rules)
