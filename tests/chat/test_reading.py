"""Reading a writer's message (no runtime): what they want, which part, where, which words."""

from __future__ import annotations

import datetime

import pytest

from assistant.chat.facts import read_facts
from assistant.chat.reading import read_ask
from assistant.genre.table import Role

FIRST = "我是县农机局的，帮我列个上半年总结提纲"


@pytest.mark.parametrize(
    ("text", "office", "period"),
    [
        (FIRST, "县农机局", "上半年"),
        ("镇政府年度工作总结怎么写", "镇政府", "年度"),
        ("教育局上半年工作总结", "教育局", "上半年"),
        ("我在街道办工作，写个年度总结", "街道办", "年度"),
        ("帮我写一份县卫健委的总结", "县卫健委", None),
        ("我是城关镇的", "城关镇", None),
        ("我们是工业园区管委会，第三季度总结", "工业园区管委会", "三季度"),
        ("驻村工作队半年总结", "驻村工作队", "上半年"),
        ("以人民为中心，开创新局面", None, None),
        ("这个怎么办", None, None),
        ("我们乡要写年度乡村振兴工作总结", "乡", "年度"),
        ("我是县人力资源和社会保障局的，写一季度的总结", "县人力资源和社会保障局", "一季度"),
    ],
)
def test_office_as_written_and_period_are_read(
    text: str, office: str | None, period: str | None
) -> None:
    facts = read_facts(text)
    assert (facts.office, facts.period) == (office, period)


@pytest.mark.parametrize(
    ("text", "year", "topic"),
    [
        ("帮我写个某中学2025年度工作总结的提纲", 2025, None),
        ("我们乡要写年度乡村振兴工作总结", None, "乡村振兴工作"),
        ("县农机局二〇二四年上半年", 2024, None),
        ("县农机局上半年", None, None),
    ],
)
def test_year_and_topic_are_read_by_the_outline_reader(
    text: str, year: int | None, topic: str | None
) -> None:
    facts = read_facts(text, datetime.date(2026, 6, 1))
    assert (facts.year, facts.topic) == (year, topic)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (FIRST, "outline"),
        ("换成园区的", "change"),
        ("改成年度的", "change"),
        ("撤销", "undo"),
        ("撤消", "undo"),
        ("恢复上一版", "undo"),
        ("帮我写个初稿", "draft"),
        ("帮我写个初搞", "draft"),
        ("按这个提纲写成文", "draft"),
        ("用更正式的语气", "model_only"),
        ("改写得更生动", "model_only"),
        ("一级标题后面为什么要用顿号", "explain"),
        ("日期要不要补零？", "explain"),
        ("公文里二级标题（一）后面能加顿号吗", "explain"),
        ("加一部分党建工作", "add"),
        ("删掉第四部分", "delete"),
        ("第二部份删调", "delete"),
        ("不要开头", "delete"),
        ("把问题部分放到最后", "move"),
        ("把第一部分和第二部分对调一下", "swap"),
        ("第二部分标题改成加强队伍建设", "rename"),
        ("标题改成XX县农机局2026年上半年工作情况汇报", "retitle"),
        ("把第二部分展开一点", "expand"),
        ("再展开一点", "expand"),
        ("精简一点", "shorten"),
        ("成绩再多列几条", "more"),
        ("问题只留两条", "fewer"),
        ("不要出现灞河这些地名", "exclude"),
        ("谢谢", "courtesy"),
        ("今天天气怎么样", "off_topic"),
    ],
)
def test_what_the_writer_wants_is_read_from_many_wordings(text: str, kind: str) -> None:
    assert read_ask(text).kind == kind


def test_a_pasted_draft_is_checked_as_pasted() -> None:
    ask = read_ask("帮我检查一下：一、主要工作\n我局上半年,完成了任务。")
    assert ask.kind == "check" and ask.value == "一、主要工作\n我局上半年,完成了任务。"
    long_paste = "一、主要工作\n" + "我局认真落实各项任务，" * 20 + "\n二、存在问题\n不足。"
    assert read_ask(long_paste).kind == "check"
    assert read_ask("帮我检查一下：").value == "", "a request without a text asks for one"


@pytest.mark.parametrize(
    ("text", "ordinal", "child", "role", "about"),
    [
        ("删掉第四部分", 4, None, None, ""),
        ("第3部分再详细些", 3, None, None, ""),
        ("删掉第一部分的第二小点", 1, 2, None, ""),
        ("把问题部分写详细一点", None, None, Role.PROBLEMS, ""),
        ("下一步打算精简一点", None, None, Role.PLANS, ""),
        ("把党建那部分删掉", None, None, None, "党建"),
        ("把“加强队伍建设”删掉", None, None, None, "加强队伍建设"),
    ],
)
def test_parts_are_named_by_number_role_or_what_they_are_about(
    text: str, ordinal: int | None, child: int | None, role: Role | None, about: str
) -> None:
    ref = read_ask(text).ref
    assert ref is not None
    assert (ref.ordinal, ref.child, ref.role, ref.about) == (ordinal, child, role, about)


def test_this_part_names_the_part_last_worked_on() -> None:
    ref = read_ask("把这部分展开一点").ref
    assert ref is not None and ref.focus


def test_where_a_part_goes() -> None:
    move = read_ask("把第三部分挪到第一部分前面")
    assert move.place is not None and move.place.where == "before"
    assert move.place.ref is not None and move.place.ref.ordinal == 1
    assert read_ask("把问题部分放到最后").place.where == "last"  # type: ignore[union-attr]
    add = read_ask("在问题后面加一部分整改措施")
    assert add.words == ("整改措施",)
    assert add.place is not None and add.place.where == "after"
    assert add.place.ref is not None and add.place.ref.role is Role.PROBLEMS
    last = read_ask("加一部分党建工作放在最后")
    assert last.words == ("党建工作",) and last.place.where == "last"  # type: ignore[union-attr]


def test_excluded_words_and_their_slot() -> None:
    ask = read_ask("下一步打算里不要出现灞河、浐河这些别人的地名")
    assert ask.words == ("灞河", "浐河") and ask.slot == "地名"
    assert read_ask("不要出现灞河和浐河").words == ("灞河", "浐河")
    assert read_ask("不要出现和田这些地名").words == ("和田",), "和 inside a name stays"
    assert read_ask("不要出现“坤宇重工”").words == ("坤宇重工",)
    assert read_ask("别出现张三这些人名").slot == "姓名"


def test_counts_of_more_or_fewer_items() -> None:
    assert read_ask("成绩再多列两条").count == 2
    assert read_ask("问题再多列几条").count == 3
    assert read_ask("问题只留三条").count == 3


def test_a_rename_keeps_the_new_heading_as_written() -> None:
    ask = read_ask("第二部分标题改成“强化作风建设”。")
    assert ask.value == "强化作风建设"
    ask = read_ask("把第一部分改为深化依法行政吧")
    assert ask.value == "深化依法行政" and ask.ref is not None and ask.ref.ordinal == 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("第二部分不要了", "delete"),
        ("能不能把开头去掉", "delete"),
        ("问题那块写少点", "shorten"),
        ("帮我把成绩部分再充实一下", "expand"),
        ("撤回上一步", "undo"),
        ("还是用回原来的吧", "undo"),
        ("给我来个草稿", "draft"),
        ("再来两条问题", "more"),
        ("不要写和田", "exclude"),
        ("第三部分往前挪一下", "move"),
        ("把最后一部分删了", "delete"),
        ("第一部分下面加一个小标题：农机安全监管", "add"),
    ],
)
def test_more_wordings_writers_use(text: str, kind: str) -> None:
    assert read_ask(text).kind == kind


def test_one_place_up_the_last_part_and_a_sub_part_added_under_a_part() -> None:
    up = read_ask("第三部分往前挪一下")
    assert up.place is not None and up.place.where == "up"
    last = read_ask("把最后一部分删了").ref
    assert last is not None and last.last
    inside = read_ask("第一部分下面加一个小标题：农机安全监管")
    assert inside.words == ("农机安全监管",)
    assert inside.place is not None and inside.place.where == "inside"
