"""The outline chain with the fake encoder; test_outline_real runs the real model."""

import json
import re

import pytest

from assistant.contract import dump_json
from assistant.corpus.text import clean_heading, full_width, slotify
from assistant.errors import InputError
from assistant.genre.numbering import format_number
from assistant.genre.table import normalize_period
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.render import outline_markdown
from assistant.outline.request import OutlineRequest, office_words
from assistant.runtime import Runtime

LEVEL_NUMBERS = {
    1: re.compile(r"^[一二三四五六七八九十]+、$"),
    2: re.compile(r"^（[一二三四五六七八九十]+）$"),
}
RAW_PLACEHOLDER = re.compile(r"[xX×]{1,4}|\d")


@pytest.fixture(scope="module")
def builder(fake_runtime: Runtime) -> OutlineBuilder:
    return fake_runtime.outlines


def assert_well_formed(outline: Outline) -> None:
    roles = [str(s.role) for s in outline.sections]
    for role in ("achievements", "problems", "plans"):
        assert role in roles
    firsts = [roles.index(r) for r in ("achievements", "problems", "plans")]
    assert firsts == sorted(firsts)
    assert roles == sorted(roles, key=["achievements", "measures", "problems", "plans"].index)

    def check(sections: list[OutlineSection], level: int) -> None:
        for ordinal, section in enumerate(sections, start=1):
            assert section.level == level
            assert section.number == format_number(level, ordinal)
            assert LEVEL_NUMBERS[level].match(section.number)
            assert section.sources and all(key in outline.sources for key in section.sources)
            assert section.heading and not RAW_PLACEHOLDER.search(section.heading)
            check(section.children, level + 1)

    check(outline.sections, 1)
    assert all(key in outline.sources for key in outline.opening.sources)
    for section in outline.sections:
        assert 2 <= len(section.phrasing) <= 5


@pytest.mark.parametrize(
    "office", ["县科技局", "镇政府", "工业园区管委会", "我们是农机局", "驻村工作组"]
)
def test_outline_for_each_seed_office_is_well_formed(builder: OutlineBuilder, office: str) -> None:
    assert_well_formed(builder.build(OutlineRequest(office, "上半年")))


def test_outline_for_seed_office_draws_mostly_on_that_office(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县农机局", "上半年"))
    assert outline.matched_office_type == "农机局"
    offices = [outline.sources[s.sources[0]].office_type for s in outline.sections]
    assert offices.count("农机局") > len(offices) / 2


def test_parts_the_best_match_lacks_come_from_the_nearest_summary_that_has_them(
    builder: OutlineBuilder,
) -> None:
    outline = builder.build(OutlineRequest("农机局"))
    problems = next(s for s in outline.sections if s.role == "problems")
    assert outline.sources[problems.sources[0]].document in {"seed-02", "seed-04"}


def test_same_request_gives_the_same_outline(builder: OutlineBuilder) -> None:
    request = OutlineRequest("县科技局", "年度", "普法")
    assert dump_json(builder.build(request)) == dump_json(builder.build(request))


def test_topic_prefers_the_summary_on_that_topic(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县科技局", "上半年", "普法"))
    first = outline.sections[0]
    assert outline.sources[first.sources[0]].document == "seed-05"
    assert outline.title.endswith("上半年普法工作总结")


def test_title_names_unit_year_and_period(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县农机局", "上半年"))
    assert re.fullmatch(r"XX县农机局20\d\d年上半年工作总结", outline.title)
    annual = builder.build(OutlineRequest("镇政府", "全年"))
    assert re.fullmatch(r"XX镇20\d\d年工作总结", annual.title)
    assert annual.period == "年度"


def test_phrasing_hides_figures_and_placeholders(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县科技局", "上半年"))
    phrases = [p for s in outline.sections for p in s.phrasing] + outline.opening.phrasing
    assert phrases
    for phrase in phrases:
        assert not re.search(r"\d|xx|XX", phrase), phrase
        assert not re.search(r"[,:;]", phrase), phrase


def test_no_pattern_is_offered_twice(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("农机局", "上半年"))
    phrases = [p for s in outline.sections for p in s.phrasing]
    assert len(phrases) == len(set(phrases))


def test_unseen_office_type_reports_its_nearest_match(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("教育局", "上半年"))
    assert outline.office_type == "教育局"
    assert outline.matched_office_type and outline.matched_office_type != "教育局"
    assert outline.title.startswith("XX县教育局")
    assert_well_formed(outline)


def test_bad_requests_are_input_errors(builder: OutlineBuilder) -> None:
    with pytest.raises(InputError, match="单位类型"):
        builder.build(OutlineRequest("  "))
    with pytest.raises(InputError, match="时段"):
        builder.build(OutlineRequest("科技局", "明天下午"))
    with pytest.raises(InputError, match="office_type：最多 50 个字符"):
        builder.build(OutlineRequest("科技局" * 30))


def test_markdown_has_numbered_parts_and_a_source_list(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县农机局", "上半年"))
    text = outline_markdown(outline)
    assert text.startswith(f"# {outline.title}")
    assert "## 一、" in text and "**来源**" in text
    assert all(f"{key}. " in text for key in outline.sources)


def test_json_has_exactly_the_spec_keys(builder: OutlineBuilder) -> None:
    data = json.loads(dump_json(builder.build(OutlineRequest("农机局", "上半年"))))
    assert list(data) == [
        "office_type",
        "matched_office_type",
        "period",
        "title",
        "opening",
        "sections",
        "sources",
    ]
    assert list(data["opening"]) == ["phrasing", "sources"]
    section = data["sections"][0]
    assert list(section) == [
        "number",
        "level",
        "role",
        "heading",
        "phrasing",
        "sources",
        "children",
    ]
    assert section["role"] == "achievements" and section["number"] == "一、"
    assert list(next(iter(data["sources"].values()))) == [
        "document",
        "title",
        "office_type",
        "excerpt",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "截止到二季度,全县产值达xx.x亿元,增长12.5%。",
            "截止到二季度，全县产值达〔数字〕亿元，增长〔数字〕%。",
        ),
        ("完成了全县xxxx-xxxx年度资料整理", "完成了全县〔年份〕年度资料整理"),
        ("科技厅在南桥乡实施的项目", "科技厅在〔地名〕实施的项目"),
        ("推进农村改革，按照县委县政府的部署", "推进农村改革，按照县委县政府的部署"),
        ("由山润油茶有限公司承担", "由〔单位名称〕承担"),
        ("20xx年田庙乡科技工作在县科技局的指导下", "〔年份〕年〔地名〕科技工作在县科技局的指导下"),
        (
            "成立以乡长为组长、分管科技副乡长为副组长的领导小组",
            "成立以乡长为组长、分管科技副乡长为副组长的领导小组",
        ),
        (
            "在童市镇办村，制定了和田县农牧机械管理局方案",
            "在〔地名〕办村，制定了〔地名〕农牧机械管理局方案",
        ),
        ("全乡科技投入占全乡财政总支出的x%", "全乡科技投入占全乡财政总支出的〔数字〕%"),
    ],
)
def test_slots_replace_specifics_but_keep_common_words(text: str, expected: str) -> None:
    assert slotify(full_width(text)) == expected


def test_headings_are_cleaned_of_numbers_years_and_half_width_marks() -> None:
    assert clean_heading("(一)高新技术产业完成情况") == "高新技术产业完成情况"
    assert clean_heading("xxxx年上半年科技工作的简要回顾") == "上半年科技工作的简要回顾"
    assert clean_heading("一加强队伍建设,提高干部素质。") == "加强队伍建设，提高干部素质"


def test_period_and_office_wording() -> None:
    assert normalize_period("上半年") == "上半年"
    assert normalize_period("全年") == "年度"
    assert normalize_period(None) == "年度"
    assert office_words("我们是县农机局的") == "县农机局"


def test_numbers_follow_gbt_9704() -> None:
    assert [format_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert format_number(1, 12) == "十二、"


def test_outline_cli_prints_markdown_and_the_http_json(
    fake_runtime: Runtime, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    monkeypatch.setattr(Runtime, "open", classmethod(lambda cls, _settings: fake_runtime))
    outline = fake_runtime.outline(OutlineRequest("县农机局", "上半年"))
    assert main(["outline", "--office", "县农机局", "--period", "上半年", "--json"]) == 0
    assert capsys.readouterr().out == dump_json(outline, indent=2).decode() + "\n"
    assert main(["outline", "--office", "县农机局", "--period", "上半年"]) == 0
    assert capsys.readouterr().out == outline_markdown(outline) + "\n"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--office", ""], "单位类型"),
        (["--office", "局" * 51], "--office：最多 50 个字符"),
        (["--office", "农机局", "--topic", "题" * 51], "--topic：最多 50 个字符"),
        (["--office", "农机局", "--period", "明天"], "无法识别的时段"),
    ],
)
def test_outline_cli_rejects_bad_options_with_exit_2(
    fake_runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    words: str,
) -> None:
    from assistant.cli import main

    monkeypatch.setattr(Runtime, "open", classmethod(lambda cls, _settings: fake_runtime))
    assert main(["outline", *argv, "--json"]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and captured.out == ""


def test_title_keeps_a_specific_quarter(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县科技局", "第三季度"))
    assert outline.period == "季度"
    assert outline.title.endswith("年第三季度工作总结")
