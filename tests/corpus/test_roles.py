from __future__ import annotations

import re

import pytest

from assistant.corpus.heading_parser import parser_table
from assistant.corpus.roles import (
    assign_role,
    child_role,
    keyword_role,
    lead_in_role,
    load_lexicon,
    reads_like_closing,
    reads_like_title,
)
from assistant.genre.table import Role, genre_table


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("目前存在问题", Role.PROBLEMS),
        ("存在的问题", Role.PROBLEMS),
        ("问题和不足", Role.PROBLEMS),
        ("当前开发存在的一些问题有：", Role.PROBLEMS),
        ("工作中的困难", Role.PROBLEMS),
        ("下一步工作打算", Role.PLANS),
        ("下半年工作计划", Role.PLANS),
        ("明年工作思路", Role.PLANS),
        ("2025年经济社会发展总体要求和政策取向", Role.PLANS),
        ("2025年政府工作任务", Role.PLANS),
        ("2017年工作总体部署", Role.PLANS),
        ("对今年政府工作的建议", Role.PLANS),
        ("主要工作措施", Role.MEASURES),
        ("主要做法", Role.MEASURES),
        ("经验体会", Role.MEASURES),
        ("主要工作成效", Role.ACHIEVEMENTS),
        ("2024年工作回顾", Role.ACHIEVEMENTS),
        ("高新技术产业完成情况", Role.ACHIEVEMENTS),
        ("普法工作开展情况", Role.ACHIEVEMENTS),
    ],
)
def test_heading_wording_names_the_role(title: str, role: Role) -> None:
    assert assign_role(title, 1, 3, previous=Role.MEASURES) is role


def test_the_keyword_that_ends_last_wins() -> None:
    assert keyword_role("上半年计划完成情况") is Role.ACHIEVEMENTS
    assert keyword_role("主要成绩和不足") is Role.PROBLEMS
    assert keyword_role("存在问题及下一步打算") is Role.PLANS
    assert keyword_role("“十三五”时期发展成就和“十四五”时期主要目标任务") is Role.PLANS


def test_a_keyword_inside_a_sentence_does_not_count() -> None:
    assert keyword_role("类似于uDbg的CnDebug开发计划已经启动") is None
    assert keyword_role("专家包今年下半年申请成为合作伙伴") is None
    assert keyword_role("超额完成了专利任务") is None


def test_ignored_phrases_do_not_name_a_role() -> None:
    assert keyword_role("做好计划生育工作") is None
    assert keyword_role("帮扶困难群众") is None


def test_first_part_without_telling_wording_is_achievements() -> None:
    assert assign_role("大力培植了高新企业", 0, 7) is Role.ACHIEVEMENTS


def test_later_part_without_telling_wording_follows_the_genre_order() -> None:
    assert assign_role("努力争取了科技项目", 1, 7, previous=Role.ACHIEVEMENTS) is Role.ACHIEVEMENTS
    assert assign_role("3月份的主要工作是：", 3, 4, previous=Role.PROBLEMS) is Role.PLANS
    assert assign_role("把改革开放扎实推向纵深", 2, 6, previous=Role.PLANS) is Role.PLANS
    assert assign_role("强化服务", 2, 3, previous=Role.MEASURES) is Role.MEASURES


def test_lead_in_hint_applies_only_without_telling_wording() -> None:
    assert assign_role("补充和完善各类文档", 5, 9, Role.ACHIEVEMENTS, Role.PLANS) is Role.PLANS
    assert assign_role("目前存在问题", 5, 9, Role.ACHIEVEMENTS, Role.PLANS) is Role.PROBLEMS


def test_sub_part_inherits_its_parents_role() -> None:
    assert child_role("项目建设", Role.ACHIEVEMENTS) is Role.ACHIEVEMENTS
    assert child_role("围绕加速科技成果转化,积极推进产学研合作", Role.MEASURES) is Role.MEASURES
    assert child_role("积极展开调研,理清思路,制定工作计划", Role.ACHIEVEMENTS) is Role.ACHIEVEMENTS


def test_sub_part_whose_leading_phrase_names_another_role_overrides_it() -> None:
    assert child_role("问题和不足", Role.MEASURES) is Role.PROBLEMS
    assert child_role("下一步工作打算：", Role.ACHIEVEMENTS) is Role.PLANS


def test_sub_part_with_a_long_leading_phrase_keeps_its_parents_role() -> None:
    long_head = "引进或培育省以上高新技术企业及产品存在的问题"
    assert child_role(long_head, Role.ACHIEVEMENTS) is Role.ACHIEVEMENTS


def test_lead_in_role_reads_only_the_last_clause_before_the_colon() -> None:
    assert lead_in_role("展望2005，新的一年中，CnPack开发组的计划如下：") is Role.PLANS
    assert lead_in_role("下一步工作计划已经制定，具体情况汇报如下：") is None
    assert lead_in_role("CnPack开发组的计划如下。") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "对照县科技局年度考核要求,我乡通过一年来的创新工作,现在已全面完成了各项指标要求。",
        "总之，上半年我局科技工作取得了一定成绩。",
        "在新的一年里，我们将再接再厉。",
        "使命重在担当。我们要更加紧密地团结在以习近平同志为核心的党中央周围。",
        "但对照先进地区还存在差距，我们决心在今后的工作中继续努力。",
    ],
)
def test_closing_paragraphs_are_recognised(paragraph: str) -> None:
    assert reads_like_closing(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "上半年,全市新签约产学研合作项目xx项,完成全年目标任务的xx%。",
        "我们要坚持独立自主的和平外交政策。",
    ],
)
def test_ordinary_body_paragraphs_are_not_closings(paragraph: str) -> None:
    assert not reads_like_closing(paragraph)


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("XX县科技局2026年上半年工作总结", True),
        ("政府工作报告", True),
        ("关于2025年普法工作情况的汇报", True),
        ("各位代表：", False),
        ("上半年工作总结如下。", False),
        (
            "随着时间的推移,这一阶段的工作暂时告一段落,可以开始写这段工作的总结了,想要成功就要高效",
            False,
        ),
    ],
)
def test_title_lines_are_short_unpunctuated_and_name_the_genre(line: str, is_title: bool) -> None:
    assert reads_like_title(line) is is_title


def test_lexicon_is_loaded_once_and_every_entry_compiles() -> None:
    assert load_lexicon() is load_lexicon()
    genre = genre_table()
    named = {part.role for part in genre.parts if part.keywords}
    assert named == {Role.PROBLEMS, Role.PLANS, Role.MEASURES, Role.ACHIEVEMENTS}
    entries = [entry for part in genre.parts for entry in part.keywords]
    entries += [*genre.keyword_ignore, *genre.closing.starts, *genre.closing.contains]
    entries += [*genre.title.words, *parser_table().body_starts]
    for entry in entries:
        re.compile(entry)
