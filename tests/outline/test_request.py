"""Reading requests and chat messages: office, period and year, topic; titles with the clock."""

import datetime

import pytest

from assistant.genre.periods import AskedPeriod, foreign_words
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest, read_request, resolve_office
from tests.outline.test_outline import make_builder

JUNE = datetime.date(2026, 6, 15)
FEBRUARY = datetime.date(2026, 2, 10)


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("我是平安县财政局办公室的", "finance", "XX县财政局"),
        ("县人力资源和社会保障局", "human-resources-social-security", "XX县人力资源和社会保障局"),
        ("人社局", "human-resources-social-security", "XX县人社局"),
        ("某中学", "school", "XX中学"),
        ("我们乡", "township", "XX乡"),
        ("县委组织部", "organization-department", "XX县委组织部"),
        ("街道办事处", "subdistrict", "XX街道办事处"),
        ("县农机局", "agricultural-machinery", "XX县农机局"),
    ],
)
def test_an_office_resolves_to_its_kind_and_title_unit(text: str, kind: str, unit: str) -> None:
    from assistant.outline.settings import outline_settings

    office = resolve_office(text)
    assert office.profile is not None and office.profile.key == kind
    assert office.title_unit(outline_settings()) == unit


@pytest.mark.parametrize("text", ["abc", "你好", "明天下午"])
def test_text_naming_no_kind_of_unit_resolves_to_none(text: str) -> None:
    assert not resolve_office(text).matched


@pytest.mark.parametrize(
    ("message", "kind", "period", "topic"),
    [
        ("我是平安县财政局办公室的", "finance", None, None),
        ("我们乡", "township", None, None),
        ("某中学", "school", None, None),
        ("帮我写个某中学2025年度工作总结的提纲", "school", AskedPeriod("年度", 2025, True), None),
        ("我们乡上半年的总结", "township", AskedPeriod("上半年", 2026, False), None),
        (
            "县财政局今年一季度安全生产工作",
            "finance",
            AskedPeriod("一季度", 2026, True),
            "work-safety",
        ),
        (
            "我们乡要写年度乡村振兴工作总结",
            "township",
            AskedPeriod("年度", 2026, False),
            "rural-revitalization",
        ),
        ("乡村振兴工作总结", None, None, "rural-revitalization"),
        ("帮我列个提纲", None, None, None),
    ],
)
def test_a_chat_message_is_read_for_office_period_and_topic(
    message: str, kind: str | None, period: AskedPeriod | None, topic: str | None
) -> None:
    reading = read_request(message, JUNE)
    office = reading.office
    assert (office.profile.key if office and office.profile else None) == kind
    assert reading.period == period
    module = reading.topic.module if reading.topic else None
    assert (module.key if module else None) == topic


@pytest.fixture(scope="module")
def in_june(tmp_path_factory: pytest.TempPathFactory) -> OutlineBuilder:
    return make_builder(tmp_path_factory.mktemp("june"), JUNE)


@pytest.fixture(scope="module")
def in_february(tmp_path_factory: pytest.TempPathFactory) -> OutlineBuilder:
    return make_builder(tmp_path_factory.mktemp("february"), FEBRUARY)


@pytest.mark.parametrize(
    ("office", "period", "june", "february"),
    [
        ("县财政局", None, "XX县财政局2026年工作总结", "XX县财政局2025年工作总结"),
        ("县财政局", "年度", "XX县财政局2026年工作总结", "XX县财政局2025年工作总结"),
        ("县财政局", "下半年", "XX县财政局2026年下半年工作总结", "XX县财政局2025年下半年工作总结"),
        ("县财政局", "上半年", "XX县财政局2026年上半年工作总结", "XX县财政局2026年上半年工作总结"),
        ("县财政局", "2025年度", "XX县财政局2025年工作总结", "XX县财政局2025年工作总结"),
        ("县财政局", "去年", "XX县财政局2025年工作总结", "XX县财政局2025年工作总结"),
        (
            "县财政局",
            "2025年上半年",
            "XX县财政局2025年上半年工作总结",
            "XX县财政局2025年上半年工作总结",
        ),
        ("镇政府", "三年来", "XX镇政府2024—2026年工作总结", "XX镇政府2023—2025年工作总结"),
    ],
)
def test_titles_carry_the_asked_year_or_the_clocks(
    in_june: OutlineBuilder,
    in_february: OutlineBuilder,
    office: str,
    period: str | None,
    june: str,
    february: str,
) -> None:
    assert in_june.build(OutlineRequest(office, period)).title == june
    assert in_february.build(OutlineRequest(office, period)).title == february


def offered_text(outline: Outline) -> list[str]:
    texts = [*outline.opening.phrasing]
    stack = list(outline.sections)
    while stack:
        section = stack.pop()
        texts += [section.heading, *section.phrasing]
        stack += section.children
    return texts


@pytest.mark.parametrize(
    "office", ["县科技局", "县财政局", "镇政府", "园区管委会", "abc", "县农机局"]
)
@pytest.mark.parametrize(
    ("period", "topic", "plans"),
    [
        ("一季度", None, "二季度重点工作"),
        ("前三季度", None, "四季度重点工作"),
        ("上半年", None, "下半年工作打算"),
        ("年度", None, "2027年工作思路"),
        (None, "安全生产", "下一步工作打算"),
    ],
)
def test_an_outline_speaks_of_its_own_period_only(
    in_june: OutlineBuilder, office: str, period: str | None, topic: str | None, plans: str
) -> None:
    outline = in_june.build(OutlineRequest(office, period, topic))
    assert outline.sections[-1].role == "plans" and outline.sections[-1].heading == plans
    for text in offered_text(outline):
        assert foreign_words(text, outline.period) == [], text
