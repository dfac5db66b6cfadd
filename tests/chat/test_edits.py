"""Edits applied to an outline: pure, renumbered after every edit, sources kept consistent."""

from __future__ import annotations

from assistant.chat.edits import (
    AddChildren,
    AddPart,
    AddPhrasing,
    Delete,
    DeleteOpening,
    Edit,
    Exclusion,
    Move,
    PartKey,
    Rename,
    Retitle,
    Trim,
    apply_edits,
    cited_keys,
    occurrences,
)
from assistant.evaluation.invariants import numbering
from assistant.genre.table import Role
from assistant.outline.model import Block, Outline, OutlineSection, SourceRef

A, M, P, N = Role.ACHIEVEMENTS, Role.MEASURES, Role.PROBLEMS, Role.PLANS


def ref(name: str) -> SourceRef:
    return SourceRef(f"doc-{name}", f"{name}的总结", "科技局", f"{name}的原文")


def section(role: Role, heading: str, cite: str, *children: OutlineSection) -> OutlineSection:
    return OutlineSection("", 1, role, heading, [f"{heading}的表述。"], [cite], list(children))


def child(heading: str, cite: str) -> OutlineSection:
    return OutlineSection("", 2, A, heading, [f"{heading}一。", f"{heading}二。"], [cite])


def outline() -> Outline:
    built = Outline(
        office_type="县科技局",
        matched_office_type="科技局",
        period="上半年",
        title="XX县科技局2026年上半年工作总结",
        opening=Block(["上半年，我局扎实推进灞河流域各项工作。"], ["S1"]),
        sections=[
            section(A, "科技创新", "S2", child("项目建设", "S2"), child("平台建设", "S3")),
            section(A, "灞河治理", "S3"),
            section(M, "主要措施", "S4"),
            section(P, "存在问题", "S5"),
            section(N, "下一步打算", "S6"),
        ],
        sources={f"S{i}": ref(str(i)) for i in range(1, 7)},
    )
    return apply_edits(built, []).outline


def key(role: Role, heading: str, parent: str | None = None) -> PartKey:
    return PartKey(role, heading, parent)


def titles(result: Outline) -> list[str]:
    return [f"{s.number}{s.heading}" for s in result.sections]


def test_numbers_are_regenerated_after_every_edit() -> None:
    before = outline()
    after = apply_edits(before, [Delete(key(A, "科技创新"))]).outline
    assert titles(after) == ["一、灞河治理", "二、主要措施", "三、存在问题", "四、下一步打算"]
    assert numbering(after) == []
    assert titles(before)[0] == "一、科技创新", "the outline given is not changed"


def test_a_deleted_part_takes_its_uncited_sources_with_it() -> None:
    after = apply_edits(outline(), [Delete(key(M, "主要措施"))]).outline
    assert "S4" not in after.sources and set(after.sources) == set(cited_keys(after))


def test_a_new_part_goes_after_the_named_one_with_its_sources_merged() -> None:
    new = OutlineSection(
        "",
        1,
        A,
        "党建工作",
        [],
        ["T1"],
        [OutlineSection("", 2, A, "加强政治建设", ["落实。"], ["T1"])],
    )
    sources = {"T1": SourceRef("topic:party-building", "党建工作主题模块", "通用", "加强政治建设")}
    after = apply_edits(outline(), [AddPart(new, sources, key(A, "灞河治理"))]).outline
    assert titles(after)[2] == "三、党建工作"
    added = after.sections[2]
    assert added.children[0].number == "（一）" and added.children[0].level == 2
    assert after.sources[added.sources[0]].document == "topic:party-building"
    assert numbering(after) == []


def test_sub_parts_and_phrasing_are_added_with_their_citations() -> None:
    extra = (OutlineSection("", 2, A, "成果转化", ["转化〔数字〕项。"], ["X"]),)
    edits: list[Edit] = [
        AddChildren(key(A, "科技创新"), extra, {"X": ref("1")}),
        AddPhrasing(key(P, "存在问题"), ("投入不足。",), ("Y",), {"Y": ref("9")}),
    ]
    after = apply_edits(outline(), edits).outline
    first = after.sections[0]
    assert [c.number for c in first.children] == ["（一）", "（二）", "（三）"]
    assert first.children[2].sources == ["S1"], "a known source keeps its key"
    problems = after.sections[3]
    assert problems.phrasing[-1] == "投入不足。"
    assert after.sources[problems.sources[-1]] == ref("9")


def test_move_rename_retitle_trim_and_opening() -> None:
    edits: list[Edit] = [
        Move(key(A, "灞河治理"), None),
        Rename(key(A, "科技创新"), "强化科技创新"),
        Retitle("XX县科技局2026年上半年工作情况汇报"),
        Trim(key(A, "强化科技创新"), 0, 1, 1),
        DeleteOpening(),
    ]
    after = apply_edits(outline(), edits).outline
    assert titles(after)[:2] == ["一、灞河治理", "二、强化科技创新"]
    assert after.title.endswith("工作情况汇报")
    renamed = after.sections[1]
    assert renamed.phrasing == [] and len(renamed.children) == 1
    assert renamed.children[0].phrasing == ["项目建设一。"]
    assert after.opening.phrasing == [] and "S1" not in after.sources


def test_a_sub_part_is_named_under_its_parent() -> None:
    after = apply_edits(outline(), [Delete(key(A, "平台建设", "科技创新"))]).outline
    assert [c.heading for c in after.sections[0].children] == ["项目建设"]


def test_an_edit_naming_a_missing_part_is_skipped_and_reported() -> None:
    missing = Delete(key(A, "不存在的部分"))
    result = apply_edits(outline(), [missing, Delete(key(M, "主要措施"))])
    assert result.skipped == [missing]
    assert len(result.outline.sections) == 4


def test_excluded_words_become_slots_everywhere() -> None:
    result = apply_edits(outline(), [], [Exclusion("灞河", "〔地名〕")]).outline
    assert occurrences(result, "灞河") == 0
    assert result.sections[1].heading == "〔地名〕治理"
    assert "〔地名〕流域" in result.opening.phrasing[0]


def test_the_same_edits_give_the_same_outline() -> None:
    edits: list[Edit] = [Delete(key(A, "科技创新")), Move(key(N, "下一步打算"), key(M, "主要措施"))]
    assert apply_edits(outline(), edits).outline == apply_edits(outline(), edits).outline
