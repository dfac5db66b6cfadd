"""Each invariant passes on a well-formed outline and fails on a deliberately broken one."""

import copy
from dataclasses import replace

import pytest

from assistant.evaluation.invariants import (
    check_outline,
    clean_headings,
    markdown,
    numbering,
    parts_ordered,
    sources,
)
from assistant.genre.table import Role
from assistant.outline.model import Block, Outline, OutlineSection, SourceRef
from assistant.outline.render import outline_markdown

DOCUMENTS = {"seed-01", "seed-02"}


def _section(
    number: str, level: int, role: str, heading: str, *children: OutlineSection
) -> OutlineSection:
    phrasing, sources = ["一是加强领导。"], ["S1"]
    return OutlineSection(number, level, Role(role), heading, phrasing, sources, list(children))


def good() -> Outline:
    return Outline(
        office_type="县科技局",
        matched_office_type="科技局",
        period="上半年",
        title="XX县科技局2026年上半年工作总结",
        opening=Block(["今年以来，我局围绕中心工作，扎实推进各项任务。"], ["S1"]),
        sections=[
            _section(
                "一、",
                1,
                "achievements",
                "大力培植高新企业",
                _section("（一）", 2, "achievements", "加强项目服务"),
                _section("（二）", 2, "achievements", "推进产学研合作"),
            ),
            _section("二、", 1, "measures", "主要工作措施"),
            _section("三、", 1, "problems", "问题和不足"),
            _section("四、", 1, "plans", "下一步工作打算"),
        ],
        sources={
            "S1": SourceRef("seed-01", "XX县科技局上半年科技工作总结", "科技局", "今年以来"),
            "S2": SourceRef("seed-02", "XX市科技局上半年科技工作总结", "科技局", "一是"),
        },
    )


def test_a_well_formed_outline_passes_every_invariant() -> None:
    outline = good()
    problems = check_outline(outline, outline_markdown(outline), DOCUMENTS)
    assert problems == {name: [] for name in problems}


def test_a_number_in_another_form_or_out_of_sequence_fails() -> None:
    outline = good()
    first = outline.sections[0]
    outline.sections[0] = replace(first, number="(一)")
    assert numbering(outline) == [f"(一){first.heading}: expected 一、"]
    outline.sections[0] = replace(first, number="二、")
    assert numbering(outline) == [f"二、{first.heading}: expected 一、"]


def test_parts_out_of_order_or_missing_fail() -> None:
    outline = good()
    outline.sections[2], outline.sections[3] = outline.sections[3], outline.sections[2]
    assert parts_ordered(outline)
    outline = good()
    del outline.sections[2]
    assert parts_ordered(outline) == ["missing problems part"]
    outline = good()
    outline.sections.append(_section("五、", 1, "achievements", "又一项成绩"))
    assert parts_ordered(outline)


@pytest.mark.parametrize(
    ("path", "number"),
    [
        ((1,), "三、"),  # a gap at level 1
        ((0, 1), "（三）"),  # a gap at level 2
        ((0, 0), "(一)"),  # half-width parentheses
        ((2,), "3、"),  # not a level-1 number
    ],
)
def test_broken_numbers_fail(path: tuple[int, ...], number: str) -> None:
    outline = good()
    section = outline.sections[path[0]]
    for index in path[1:]:
        section = section.children[index]
    section.number = number
    assert numbering(outline)


def test_a_child_at_the_level_of_its_parent_fails() -> None:
    outline = good()
    outline.sections[0].children[0].level = 1
    assert numbering(outline)


def test_missing_or_unknown_sources_fail() -> None:
    outline = good()
    outline.sections[1].sources = []
    assert sources(outline, DOCUMENTS) == ["二、主要工作措施: no source"]
    outline = good()
    outline.sections[0].children[1].sources = ["S9"]
    assert sources(outline, DOCUMENTS) == ["（二）推进产学研合作: S9 not in the source map"]
    outline = good()
    assert sources(outline, {"seed-02"})  # S1's document is not in the catalog
    outline = good()
    outline.opening.sources = []
    assert sources(outline, DOCUMENTS) == ["opening: no source"]


@pytest.mark.parametrize(
    "heading",
    [
        "xx年上半年科技工作回顾",
        "x月开展专项行动",
        "20xx年工作",
        "完成投资3.5亿元",
        "新增１２家企业",
        "",
    ],
)
def test_placeholders_and_figures_in_headings_fail(heading: str) -> None:
    outline = good()
    outline.sections[0].children[0].heading = heading
    assert clean_headings(outline)


def test_slots_are_not_raw_placeholders() -> None:
    outline = good()
    outline.sections[0].heading = "围绕〔地名〕发展大局"
    assert clean_headings(outline) == []


def test_markdown_that_drops_a_section_or_a_source_fails() -> None:
    outline = good()
    text = outline_markdown(outline)
    assert markdown(text.replace("（二）推进产学研合作", "（二）别的标题"), outline, DOCUMENTS)
    assert markdown(text.replace("S1. ", "S7. "), outline, DOCUMENTS)
    assert markdown(text.replace("，seed-01）", "，seed-99）"), outline, DOCUMENTS)
    reordered = copy.deepcopy(outline)
    reordered.sections[1], reordered.sections[2] = reordered.sections[2], reordered.sections[1]
    assert markdown(text, reordered, DOCUMENTS)
