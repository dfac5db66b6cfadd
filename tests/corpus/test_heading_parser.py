from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.corpus.heading_parser import parse_document
from assistant.corpus.tree import DocumentTree, Section
from assistant.genre.numbering import NumberStyle
from assistant.genre.table import Role
from tests.conftest import EXTERNAL, SEED

# The seed's documents as runs of lines (1-based, inclusive).
COUNTY, CITY, TIANMIAO, BAQIAO, PUFA, WORKGROUP, WUSHENG, NONGJI = (
    (2, 9),
    (10, 42),
    (43, 60),
    (61, 81),
    (82, 86),
    (87, 96),
    (97, 118),
    (119, 125),
)
SEED_DOCUMENTS = (COUNTY, CITY, TIANMIAO, BAQIAO, PUFA, WORKGROUP, WUSHENG, NONGJI)
STATE_COUNCIL = [f"{number:03d}.txt" for number in range(17, 30)]


@cache
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def seed_text(lines: tuple[int, int]) -> str:
    first, last = lines
    return "\n".join(seed_lines()[first - 1 : last])


def seed_tree(lines: tuple[int, int]) -> DocumentTree:
    return parse_document(seed_text(lines))


def kinds(tree: DocumentTree) -> list[str]:
    return [defect.kind for defect in tree.defects]


def headings(tree: DocumentTree) -> list[tuple[int, str, str]]:
    return [(s.level, s.heading.number, s.heading.title) for s in tree.walk()]


def assert_positions_exact(tree: DocumentTree) -> None:
    text = tree.text
    lines = text.split("\n")

    def check(offset: int, line: int, column: int, written: str) -> None:
        assert text[offset : offset + len(written)] == written
        assert lines[line - 1][column - 1 : column - 1 + len(written)] == written

    for section in tree.walk():
        heading = section.heading
        position = heading.position
        check(position.offset, position.line, position.column, heading.number)
        assert section.start == position.offset
        assert heading.title in text[position.offset : heading.title_end]
        assert section.end >= heading.title_end
        for paragraph in section.paragraphs:
            assert section.start <= paragraph.position.offset < section.end
        for child in section.children:
            assert section.start < child.start and child.end <= section.end
        for item in section.enumerations:
            check(item.position.offset, item.position.line, item.position.column, item.marker)
    for section in tree.walk():
        for paragraph in section.paragraphs:
            p = paragraph.position
            check(p.offset, p.line, p.column, paragraph.text)
    for paragraph in tree.opening + tree.closing:
        p = paragraph.position
        check(p.offset, p.line, p.column, paragraph.text)
    for defect in tree.defects:
        p = defect.position
        check(p.offset, p.line, p.column, text[p.offset : p.offset + defect.length])
        assert defect.length > 0 and defect.detail


# ---- levels -------------------------------------------------------------------------------


@pytest.mark.integration
def test_level1_heading_with_dunhao_and_inline_body() -> None:
    tree = seed_tree(COUNTY)
    first = tree.sections[0]
    assert (first.level, first.heading.number, first.heading.title) == (
        1,
        "一、",
        "大力培植了高新企业",
    )
    assert first.heading.style is NumberStyle.CHINESE_DUNHAO
    assert first.paragraphs[0].text.startswith("去年以来,")
    assert tree.text[first.heading.title_end - 1] == "。"
    assert [s.heading.ordinal for s in tree.sections] == [1, 2, 3, 4, 5, 6, 7]
    assert tree.defects == []


def test_level2_nests_under_level1_and_level3_under_level2() -> None:
    tree = parse_document(
        "一、总体情况\n（一）项目建设\n1.基础设施\n（1）道路\n正文。\n（二）招商引资"
    )
    assert headings(tree) == [
        (1, "一、", "总体情况"),
        (2, "（一）", "项目建设"),
        (3, "1.", "基础设施"),
        (4, "（1）", "道路"),
        (2, "（二）", "招商引资"),
    ]
    one = tree.sections[0]
    assert [c.heading.number for c in one.children] == ["（一）", "（二）"]
    assert one.children[0].children[0].children[0].body == "正文。"
    assert tree.defects == []


def test_level3_accepts_full_width_dot_and_level4_half_width_parens_are_recorded() -> None:
    tree = parse_document("一、成绩\n1．项目\n(1)道路")
    assert headings(tree) == [(1, "一、", "成绩"), (3, "1．", "项目"), (4, "(1)", "道路")]
    assert kinds(tree) == ["half-width-parens"]


@pytest.mark.integration
def test_half_width_level2_parens_are_recorded_on_the_seed() -> None:
    tree = seed_tree(CITY)
    second = tree.sections[0].children[0]
    assert (second.level, second.heading.number) == (2, "(一)")
    defect = tree.defects[0]
    assert (defect.kind, defect.position.line, defect.position.column) == (
        "half-width-parens",
        3,
        1,
    )
    assert tree.text[defect.position.offset : defect.position.offset + defect.length] == "(一)"


@pytest.mark.integration
def test_level3_dunhao_is_a_level3_heading_with_a_defect() -> None:
    tree = seed_tree(CITY)
    item = tree.sections[0].children[0].children[0]
    assert (item.level, item.heading.number, item.heading.style) == (
        3,
        "1、",
        NumberStyle.ARABIC_DOT,
    )
    assert item.heading.title == "高新技术产业投资完成情况"
    assert kinds(tree).count("level3-dunhao") == 12


@pytest.mark.integration
def test_level3_dunhao_followed_by_shi_is_still_a_heading() -> None:
    tree = seed_tree(TIANMIAO)
    five = tree.sections[4]
    training = five.children[0]
    assert [c.heading.title for c in training.children] == [
        "是做好党政领导干部队伍的培训工作",
        "是抓好专业技术人才队伍",
        "是抓好农村实用型人才队伍的教育培训",
    ]


@pytest.mark.integration
def test_skipping_from_level1_to_level3_is_not_a_defect() -> None:
    tree = seed_tree(BAQIAO)
    achievements = tree.sections[0]
    assert [c.heading.number for c in achievements.children] == ["1.", "2.", "3.", "4."]
    assert all(c.level == 3 for c in achievements.children)
    assert tree.defects == []


def test_chinese_numerals_up_to_twenty_one_run_without_defects() -> None:
    numerals = "一二三四五六七八九十"
    names = [*numerals, *(f"十{n}" for n in numerals[:9]), "二十", "二十一"]
    text = "\n".join(f"{name}、第{index}部分\n正文。" for index, name in enumerate(names, 1))
    tree = parse_document(text)
    assert [s.heading.ordinal for s in tree.sections] == list(range(1, 22))
    assert tree.defects == []


def test_decimal_number_at_line_start_is_text_not_a_heading() -> None:
    tree = parse_document("一、环境\n细颗粒物（PM\n2.5\n）浓度下降。")
    assert len(list(tree.walk())) == 1
    assert [p.text for p in tree.sections[0].paragraphs] == ["细颗粒物（PM", "2.5", "）浓度下降。"]


def test_arabic_dunhao_before_a_digit_is_a_heading_only_in_sequence() -> None:
    in_sequence = parse_document(
        "一、进展\n1、网站上线。\n2、测试包发布。\n3、4月份又有新成员加入。"
    )
    assert [c.heading.title for c in in_sequence.sections[0].children][-1] == "4月份又有新成员加入"
    text_line = parse_document("一、进展\n2、3月份，全市完成投资。")
    assert text_line.sections[0].children == []
    assert text_line.sections[0].paragraphs[0].text == "2、3月份，全市完成投资。"


@pytest.mark.integration
def test_yishi_enumerations_are_collected_and_never_headings() -> None:
    tree = seed_tree(CITY)
    problems = tree.sections[1].children[-1]
    assert [e.marker for e in problems.enumerations] == ["一是", "二是", "三是"]
    assert [e.ordinal for e in problems.enumerations] == [1, 2, 3]
    assert problems.children == []
    carrier = tree.sections[1].children[2]  # 3、围绕强化创新基础 … then 一是… at line start
    assert carrier.enumerations[0].position.column == 1
    inline = tree.sections[1].children[4]  # 三是……。四是…… on one line
    assert [e.marker for e in inline.enumerations] == ["一是", "二是", "三是", "四是"]


def test_enumeration_marker_inside_a_word_is_ignored() -> None:
    tree = parse_document("一、做法\n思想统一是前提，一是加强学习；二是完善制度。")
    assert [e.marker for e in tree.sections[0].enumerations] == ["一是", "二是"]


# ---- defects ------------------------------------------------------------------------------


@pytest.mark.integration
def test_missing_dunhao_headings_of_the_nongji_document() -> None:
    tree = seed_tree(NONGJI)
    assert headings(tree) == [
        (1, "一", "加强队伍建设,提高干部素质和业务水平"),
        (1, "二", "加强机关效能建设"),
        (1, "三", "加强依法行政建设"),
    ]
    assert kinds(tree) == ["missing-dunhao"] * 3
    first = tree.defects[0]
    assert (first.position.line, first.position.column, first.length) == (2, 1, 1)
    assert [len(s.paragraphs) for s in tree.sections] == [1, 1, 1]


@pytest.mark.parametrize(
    ("before", "line"),
    [
        ("", "一年来，我局工作扎实"),
        ("", "一是加大科技投入力度"),
        ("", "一直以来坚持科技兴农"),
        ("", "一方面加强学习"),
        ("", "一些企业创新意识不强"),
        ("", "一批项目落地"),
        ("一、成绩\n正文。\n二、做法\n正文。\n", "三个代表重要思想"),
        ("".join(f"{n}、标题\n" for n in "一二三四五六七八九"), "十分重视科技工作"),
    ],
)
def test_missing_dunhao_is_not_reported_for_common_words(before: str, line: str) -> None:
    tree = parse_document(before + line)
    assert "missing-dunhao" not in kinds(tree)
    assert all(s.heading.title != line[1:] for s in tree.walk())


@pytest.mark.parametrize(
    "line", ["二2025年政府工作任务", "二“十四五”规划实施情况", "二《条例》贯彻落实情况"]
)
def test_missing_dunhao_before_a_year_or_a_quote(line: str) -> None:
    tree = parse_document("一、2024年工作回顾\n正文。\n" + line)
    assert kinds(tree) == ["missing-dunhao"]
    assert tree.sections[1].heading.title == line[1:]


def test_missing_dunhao_needs_the_next_ordinal_and_a_short_unpunctuated_line() -> None:
    assert kinds(parse_document("三加强依法行政建设")) == []
    assert kinds(parse_document("一加强队伍建设。")) == []
    long_line = "一加强队伍建设，提高干部素质和业务水平，建设一支思想红作风硬的农机干部队伍"
    assert kinds(parse_document(long_line)) == []


@pytest.mark.integration
def test_run_together_heading_is_split_out_of_the_line() -> None:
    tree = seed_tree(PUFA)
    assert [s.heading.title for s in tree.sections] == [
        "切实加强领导,明确工作责任",
        "强化法律法规宣传教育,不断提高干部职工法律素质",
        "推行行政执法责任制,严格依法行政",
        "扎实抓好社会治安综合治理工作,落实综治措施",
    ]
    run = tree.defects[0]
    assert (run.kind, run.position.line, run.position.column) == ("run-together", 4, 26)
    spanned = tree.text[run.position.offset : run.position.offset + run.length]
    assert spanned == "三、推行行政执法责任制,严格依法行政"  # the number and its title
    third = tree.sections[2]
    assert third.start == run.position.offset
    assert third.paragraphs[0].text.startswith("以开展先进性教育活动为契机")
    assert tree.sections[1].paragraphs == []


@pytest.mark.integration
def test_glued_body_is_cut_before_a_body_start_word() -> None:
    fourth = seed_tree(PUFA).sections[3]
    assert fourth.heading.title == "扎实抓好社会治安综合治理工作,落实综治措施"
    assert fourth.paragraphs[0].text.startswith("我局把社会治安综合治理工作纳入")


def test_long_heading_sentence_ending_in_full_stop_is_kept_whole() -> None:
    title = "坚持稳中求进工作总基调，着力创新和完善宏观调控，经济运行保持在合理区间、实现稳中向好"
    tree = parse_document(f"一、回顾\n（一）{title}。五年来，经济实力跃上新台阶。")
    section = tree.sections[0].children[0]
    assert section.heading.title == title
    assert section.paragraphs[0].text == "五年来，经济实力跃上新台阶。"


@pytest.mark.integration
def test_second_line_repeating_the_split_number_is_a_number_repeat() -> None:
    tree = seed_tree(PUFA)
    assert kinds(tree) == ["run-together", "number-repeat"]
    assert tree.defects[1].position.line == 5


def test_run_together_level2_number_is_split() -> None:
    tree = parse_document("一、成绩\n（一）项目建设加快推进（二）招商引资成效明显。")
    assert [c.heading.title for c in tree.sections[0].children] == [
        "项目建设加快推进",
        "招商引资成效明显",
    ]
    assert kinds(tree) == ["run-together"]


@pytest.mark.parametrize(
    "line",
    [
        "三次产业中第二、三产业比重上升，统一、规范的市场体系逐步形成。",
        "坚持一、二、三产业协调发展。",
        "做好八项工作：二、三月份完成调研。",
    ],
)
def test_run_together_is_not_reported_inside_ordinary_lists(line: str) -> None:
    tree = parse_document(f"一、成绩\n{line}")
    assert "run-together" not in kinds(tree)
    assert len(tree.sections) == 1


@pytest.mark.integration
def test_orphan_number_is_kept_under_its_parent() -> None:
    tree = seed_tree(CITY)
    measures = tree.sections[1]
    orphan = measures.children[-1]
    assert (orphan.heading.number, orphan.heading.title) == ("(三)", "问题和不足")
    defect = next(d for d in tree.defects if d.kind == "orphan-number")
    assert defect.position.offset == orphan.start
    assert kinds(tree).count("orphan-number") == 1


def test_number_gap_is_recorded() -> None:
    tree = parse_document("一、成绩\n三、问题")
    assert kinds(tree) == ["number-gap"]
    assert "二、" in tree.defects[0].detail


def test_number_repeat_and_restart_are_recorded() -> None:
    repeat = parse_document("一、成绩\n二、做法\n二、问题")
    assert kinds(repeat) == ["number-repeat"]
    restart = parse_document("一、进展\n二、问题\n一、完善文档\n二、团队建设")
    assert kinds(restart) == ["number-repeat"]
    assert restart.defects[0].position.line == 3


@pytest.mark.parametrize(
    "text",
    [
        "一、进展\n二、问题\n下一步计划如下：\n一、完善文档\n二、团队建设",
        "一、进展\n新版主要改进：\n1.代码高亮\n2.改名\n即将发布的版本主要改进如下：\n1.支持C++\n2.自动完成",
    ],
)
def test_a_list_restarting_after_a_lead_in_is_a_new_list_not_a_repeat(text: str) -> None:
    assert kinds(parse_document(text)) == []


def test_a_level1_restart_after_a_lead_in_not_naming_plans_is_still_a_repeat() -> None:
    tree = parse_document("一、进展\n二、问题\n主要问题如下：\n一、人手不足")
    assert kinds(tree) == ["number-repeat"]


def test_level1_and_level2_headings_run_together_are_split() -> None:
    tree = parse_document(
        "一、主要工作开展情况（一）持续优化营商环境\n正文。\n（二）强化要素保障\n正文。"
    )
    first = tree.sections[0]
    assert first.heading.title == "主要工作开展情况"
    assert [c.heading.title for c in first.children] == ["持续优化营商环境", "强化要素保障"]
    assert kinds(tree) == ["run-together"]  # and no orphan （二）
    run = tree.defects[0]
    assert (
        tree.text[run.position.offset : run.position.offset + run.length]
        == "（一）持续优化营商环境"
    )


def test_a_heading_starting_with_a_year_glued_to_the_text_is_split() -> None:
    text = "一、工作成效\n正文。\n二、存在问题\n群众满意度不断提高。三、2025年工作打算\n继续努力。"
    tree = parse_document(text)
    assert [s.heading.title for s in tree.sections][-1] == "2025年工作打算"
    assert tree.top_roles()[-1] == Role.PLANS
    assert kinds(tree) == ["run-together"]


def test_numbers_restart_under_each_new_parent_without_defects() -> None:
    tree = parse_document("一、成绩\n1.甲\n2.乙\n二、做法\n1.丙\n2.丁")
    assert tree.defects == []


def test_deeper_heading_before_any_level1_heading_is_a_level_skip_up() -> None:
    tree = parse_document("（一）开头\n正文。\n一、成绩\n（一）项目")
    assert kinds(tree) == ["level-skip-up"]
    assert tree.defects[0].position.line == 1
    assert [s.level for s in tree.sections] == [2, 1]


def test_document_using_only_deeper_levels_has_no_level_skip_up() -> None:
    tree = parse_document("（一）项目建设\n正文。\n（二）招商引资\n正文。")
    assert tree.defects == []
    assert [s.level for s in tree.sections] == [2, 2]


# ---- document parts -----------------------------------------------------------------------


@pytest.mark.integration
def test_title_line_is_recognised_and_not_made_up() -> None:
    tree = parse_document("XX县科技局2026年上半年工作总结\n今年以来，我局……现总结如下：\n一、成绩")
    assert tree.title == "XX县科技局2026年上半年工作总结"
    assert [p.text for p in tree.opening] == ["今年以来，我局……现总结如下："]
    for lines in SEED_DOCUMENTS:
        assert seed_tree(lines).title is None


@pytest.mark.integration
def test_opening_holds_unnumbered_paragraphs_before_the_first_heading() -> None:
    tree = seed_tree(BAQIAO)
    assert len(tree.opening) == 1 and tree.opening[0].text.startswith("xxxx年,灞桥科技工业园区")
    assert seed_tree(WUSHENG).opening == []


@pytest.mark.integration
def test_closing_paragraph_of_the_tianmiao_document() -> None:
    tree = seed_tree(TIANMIAO)
    assert [p.position.line for p in tree.closing] == [18]
    assert tree.closing[0].text.startswith("对照县科技局年度考核要求")
    last = tree.sections[-1].children[-1]
    assert last.heading.title == "重视大学生村官工作"
    assert len(last.paragraphs) == 1
    assert tree.sections[-1].end == last.end < tree.closing[0].position.offset


@pytest.mark.integration
def test_trailing_text_without_closing_wording_stays_in_the_last_section() -> None:
    tree = seed_tree(BAQIAO)
    assert tree.closing == []
    assert len(tree.sections[-1].paragraphs) == 6


def test_closing_is_found_before_signature_lines() -> None:
    text = "一、成绩\n正文。\n总之，我们将继续努力，再创佳绩。\nXX县科技局\n2026年7月1日"
    tree = parse_document(text)
    assert [p.text for p in tree.closing] == [
        "总之，我们将继续努力，再创佳绩。",
        "XX县科技局",
        "2026年7月1日",
    ]
    assert [p.text for p in tree.sections[0].paragraphs] == ["正文。"]


def test_the_first_paragraph_of_the_last_section_is_never_the_closing() -> None:
    tree = parse_document("一、下一步打算\n今后，我们将加强学习。")
    assert tree.closing == []


@pytest.mark.integration
def test_section_end_covers_its_children() -> None:
    tree = seed_tree(CITY)
    first, second = tree.sections
    assert first.end == first.children[-1].end
    assert first.end < second.start
    assert second.end == len(tree.text)


@pytest.mark.integration
@pytest.mark.parametrize("lines", SEED_DOCUMENTS)
def test_positions_are_exact_on_every_seed_document(lines: tuple[int, int]) -> None:
    assert_positions_exact(seed_tree(lines))


@pytest.mark.integration
def test_positions_are_exact_on_the_whole_seed_with_web_noise() -> None:
    assert_positions_exact(parse_document(SEED.read_text(encoding="utf-8")))


def test_indented_headings_and_crlf_line_ends_keep_exact_positions() -> None:
    tree = parse_document("　　一、成绩\r\n    1、进展。正文\r\n")
    assert headings(tree) == [(1, "一、", "成绩"), (3, "1、", "进展")]
    assert tree.sections[0].heading.position.column == 3
    assert tree.sections[0].children[0].paragraphs[0].text == "正文"
    assert_positions_exact(tree)


# ---- roles on real documents --------------------------------------------------------------


@pytest.mark.integration
def test_roles_county_document_all_achievements() -> None:
    assert seed_tree(COUNTY).top_roles() == [Role.ACHIEVEMENTS] * 7


@pytest.mark.integration
def test_roles_city_document_achievements_measures_and_problems_subpart() -> None:
    tree = seed_tree(CITY)
    assert tree.top_roles() == [Role.ACHIEVEMENTS, Role.MEASURES]
    assert all(s.role is Role.ACHIEVEMENTS for s in tree.sections[0].walk())
    assert [c.role for c in tree.sections[1].children] == [Role.MEASURES] * 5 + [Role.PROBLEMS]


@pytest.mark.integration
def test_roles_tianmiao_document_achievements_then_closing() -> None:
    tree = seed_tree(TIANMIAO)
    assert all(s.role is Role.ACHIEVEMENTS for s in tree.walk())
    assert len(tree.closing) == 1


@pytest.mark.integration
def test_roles_baqiao_document_achievements_problems_plans() -> None:
    tree = seed_tree(BAQIAO)
    assert tree.top_roles() == [Role.ACHIEVEMENTS, Role.PROBLEMS, Role.PLANS]
    assert all(c.role is Role.ACHIEVEMENTS for c in tree.sections[0].children)


@pytest.mark.integration
@pytest.mark.parametrize(("lines", "count"), [(PUFA, 4), (WORKGROUP, 2), (WUSHENG, 9), (NONGJI, 3)])
def test_roles_documents_reporting_work_done_are_all_achievements(
    lines: tuple[int, int], count: int
) -> None:
    tree = seed_tree(lines)
    assert tree.top_roles() == [Role.ACHIEVEMENTS] * count
    assert all(s.role is Role.ACHIEVEMENTS for s in tree.walk())


@pytest.mark.integration
@pytest.mark.parametrize("name", STATE_COUNCIL)
def test_state_council_reports_parse_without_defects(name: str) -> None:
    tree = parse_document((EXTERNAL / name).read_text(encoding="utf-8"))
    assert tree.defects == []
    assert tree.sections[0].heading.number == "一、"
    assert_positions_exact(tree)


@pytest.mark.integration
@pytest.mark.parametrize("name", STATE_COUNCIL)
def test_state_council_reports_review_then_plans(name: str) -> None:
    tree = parse_document((EXTERNAL / name).read_text(encoding="utf-8"))
    roles = tree.top_roles()
    assert roles[0] is Role.ACHIEVEMENTS
    assert set(roles[1:]) == {Role.PLANS}
    assert len(tree.closing) == 1


@pytest.mark.integration
def test_team_summary_restarting_its_numbering_for_plans_gets_plans_roles() -> None:
    tree = parse_document((EXTERNAL / "007.txt").read_text(encoding="utf-8"))
    assert tree.title == "CnPack开发组2004年年度工作总结"
    assert tree.top_roles() == [Role.ACHIEVEMENTS] * 5 + [Role.PLANS] * 4
    assert kinds(tree) == []  # the plan list after ……计划如下： is a new list


# ---- robustness --------------------------------------------------------------------------


def test_empty_and_blank_input_parse_to_an_empty_tree() -> None:
    for text in ("", "\n\n", "　 \r\n"):
        tree = parse_document(text)
        assert (tree.title, tree.opening, tree.sections, tree.closing, tree.defects) == (
            None,
            [],
            [],
            [],
            [],
        )


_PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "三、",
        "十一、",
        "一",
        "二",
        "三",
        "（一）",
        "（三）",
        "(二)",
        "1.",
        "2、",
        "3．",
        "（1）",
        "(2)",
        "一是",
        "二是",
        "。",
        "，",
        ",",
        "：",
        "\n",
        "\r\n",
        "　",
        " ",
        "加强",
        "队伍建设",
        "问题和不足",
        "下一步工作打算",
        "总之",
        "我局",
        "2.5",
        "第一、",
        "工作总结",
        "对照考核要求",
        "我们决心",
        "\u200b",
        "x",
        "年",
        "十分",
        "（",
        "）",
    ]
)
_DOCUMENTS = st.one_of(
    st.lists(_PIECES, max_size=60).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_any_input_parses_without_error_and_with_exact_positions(text: str) -> None:
    tree = parse_document(text)
    assert_positions_exact(tree)
    levels_ok = all(c.level > s.level for s in tree.walk() for c in s.children)
    assert levels_ok
    assert all(isinstance(s, Section) for s in tree.walk())


def test_numbered_first_line_is_a_heading_not_a_title() -> None:
    tree = parse_document("一、2024年工作总结\n正文。")
    assert tree.title is None
    assert tree.sections[0].heading.title == "2024年工作总结"


def test_a_number_followed_by_another_number_is_a_list_not_a_run_together_heading() -> None:
    tree = parse_document("一、领导\n我们完成了二、三项任务。")
    assert kinds(tree) == []
    assert len(tree.sections) == 1


def test_a_line_opening_with_a_list_of_numbers_is_text() -> None:
    tree = parse_document("一、成绩\n三、四月份全市完成投资。")
    assert len(tree.sections) == 1
    assert tree.sections[0].paragraphs[0].text == "三、四月份全市完成投资。"


def test_short_closing_line_without_full_stop_is_still_the_closing() -> None:
    tree = parse_document("一、成绩\n正文。\n让我们携手共进\n2026年7月1日")
    assert [p.text for p in tree.closing] == ["让我们携手共进", "2026年7月1日"]
