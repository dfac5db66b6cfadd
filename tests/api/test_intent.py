"""Reading chat messages (no server, no model): offices, periods, topics, follow-ups."""

from __future__ import annotations

import pytest

from assistant.chat.intent import ExpandTarget, read_message, understand
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
        ("我们是工业园区管委会，第三季度总结", "工业园区管委会", "季度"),
        ("帮我写园区管委会上半年工作总结的提纲", "园区管委会", "上半年"),
        ("我是县人民医院的，换成卫健委的", "县人民医院", None),
        ("驻村工作队半年总结", "驻村工作队", "上半年"),
        ("以人民为中心，开创新局面", None, None),
        ("这个怎么办", None, None),
    ],
)
def test_office_and_period_are_read_from_a_message(
    text: str, office: str | None, period: str | None
) -> None:
    reading = read_message(text)
    assert (reading.office, reading.period) == (office, period)


def test_topic_is_read() -> None:
    assert read_message("县科技局上半年普法工作总结").topic == "普法"
    assert read_message("县科技局上半年总结").topic is None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("把第二部分展开一点", ExpandTarget(ordinal=2, word="第二部分")),
        ("第3部分再详细些", ExpandTarget(ordinal=3, word="第3部分")),
        ("把问题部分写详细一点", ExpandTarget(role=Role.PROBLEMS, word="问题")),
    ],
)
def test_expansion_targets_are_read(text: str, target: ExpandTarget) -> None:
    reading = read_message(text)
    assert reading.wants_expansion and reading.target == target


def test_follow_ups_refine_the_previous_request() -> None:
    intent = understand([FIRST, "把第二部分展开一点", "换成园区的"])
    assert (intent.action, intent.office, intent.period) == ("outline", "园区", "上半年")
    assert intent.expansions == (), "a new office starts a new outline"
    intent = understand([FIRST, "改成年度的"])
    assert (intent.office, intent.period) == ("县农机局", "年度")
    intent = understand(["我是县人民医院的，帮我列个年度工作总结提纲", "换成卫健委的"])
    assert (intent.office, intent.period) == ("卫健委", "年度")
    intent = understand([FIRST, "把第二部分展开一点", "再展开一点"])
    assert [t.ordinal for t in intent.expansions] == [2, 2]


def test_a_new_full_request_starts_afresh() -> None:
    intent = understand(["县科技局上半年普法工作总结", "镇政府年度工作总结怎么写"])
    assert (intent.office, intent.period, intent.topic) == ("镇政府", "年度", None)


@pytest.mark.parametrize(
    ("messages", "action"),
    [
        (["今天天气怎么样"], "off_topic"),
        (["谢谢"], "courtesy"),
        (["帮我写个总结"], "need_office"),
        (["改成年度的"], "need_office"),
        ([FIRST, "展开一点"], "expand_which"),
        ([FIRST, "今天天气怎么样"], "off_topic"),
        (["我是农机局的", "帮我写个年度总结"], "outline"),
    ],
)
def test_messages_that_cannot_be_acted_on_get_an_action_saying_so(
    messages: list[str], action: str
) -> None:
    assert understand(messages).action == action
