"""The outline chain with the fake encoder and a fixed clock; test_outline_real runs the model."""

import datetime
import json
import re
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.contract import dump_json
from assistant.corpus.store import load_corpus
from assistant.corpus.text import clean_heading, full_width, slotify
from assistant.errors import InputError
from assistant.evaluation.invariants import check_outline
from assistant.genre.numbering import format_number
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.ingest import ingest
from assistant.index.office_match import OfficeMatcher
from assistant.index.retrieval import SearchIndex
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.render import outline_markdown
from assistant.outline.request import OutlineRequest, office_words
from assistant.runtime import Runtime
from tests.conftest import REPO, FakeEncoder

TODAY = datetime.date(2026, 6, 15)
LEVEL_NUMBERS = {
    1: re.compile(r"^[一二三四五六七八九十]+、$"),
    2: re.compile(r"^（[一二三四五六七八九十]+）$"),
}
RAW_PLACEHOLDER = re.compile(r"[xX×]{1,4}|\d")
YEAR_HEADING = re.compile(r"^\d{4}年")
SPEC_KEYS = {"office_type", "matched_office_type", "period", "title", "opening", "sections"}
SPEC_KEYS |= {"sources"}


def make_builder(folder: Path, today: datetime.date = TODAY) -> OutlineBuilder:
    settings = Settings(data_dir=folder / "data")
    embeddings = CachedEmbeddings(FakeEncoder())
    ingest(settings, load_corpus(REPO / "corpus"), embeddings=embeddings)
    index = SearchIndex(settings, embeddings)
    return OutlineBuilder(index, OfficeMatcher(embeddings), clock=lambda: today)


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> OutlineBuilder:
    return make_builder(tmp_path_factory.mktemp("outline"))


def assert_well_formed(outline: Outline, documents: set[str] | None = None) -> None:
    """The SPEC's invariants, as the evaluation checks them, plus the numbers' shapes."""
    known = documents if documents is not None else {f"seed-0{n}" for n in range(1, 9)}
    problems = check_outline(outline, outline_markdown(outline), known)
    assert not any(problems.values()), problems

    def check(sections: list[OutlineSection], level: int) -> None:
        for ordinal, section in enumerate(sections, start=1):
            assert section.level == level
            assert section.number == format_number(level, ordinal)
            assert LEVEL_NUMBERS[level].match(section.number)
            assert section.sources and all(key in outline.sources for key in section.sources)
            heading = YEAR_HEADING.sub("", section.heading)
            assert heading and not RAW_PLACEHOLDER.search(heading)
            check(section.children, level + 1)

    check(outline.sections, 1)
    assert all(key in outline.sources for key in outline.opening.sources)
    for section in outline.sections:
        assert section.phrasing or section.children, section.heading
        assert len(section.phrasing) <= 5


@pytest.mark.parametrize(
    "office", ["县科技局", "镇政府", "工业园区管委会", "我们是农机局", "驻村工作组"]
)
def test_outline_for_each_seed_office_is_well_formed(builder: OutlineBuilder, office: str) -> None:
    assert_well_formed(builder.build(OutlineRequest(office, "上半年")))


def test_a_seed_office_outline_stands_on_its_own_summaries(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县农机局", "年度"))
    assert outline.matched_office_type == "农机局"
    assert outline.coverage is not None and outline.coverage.office_summaries == 1
    first = outline.sections[0]
    assert outline.sources[first.sources[0]].document == "seed-08"
    assert first.basis == "same_type"


def test_a_part_the_own_summaries_lack_comes_from_the_profile_not_another_office(
    builder: OutlineBuilder,
) -> None:
    outline = builder.build(OutlineRequest("农机局", "上半年"))
    plans = next(s for s in outline.sections if s.role == "plans")
    assert plans.basis == "profile"
    assert outline.sources[plans.sources[0]].document == "profile:agricultural-machinery"
    assert plans.heading == "下半年工作打算"
    corpus = {ref.document for ref in outline.sources.values() if ref.kind == "corpus"}
    assert corpus == {"seed-08"}


def test_same_request_gives_the_same_outline(builder: OutlineBuilder) -> None:
    request = OutlineRequest("县科技局", "年度", "普法")
    assert dump_json(builder.build(request)) == dump_json(builder.build(request))


def test_a_topic_prefers_the_summary_on_that_topic(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县科技局", "上半年", "普法"))
    first = outline.sections[0]
    assert outline.sources[first.sources[0]].document == "seed-05"
    assert outline.title == "XX县科技局2026年上半年普法工作总结"


def test_title_names_unit_year_and_period(builder: OutlineBuilder) -> None:
    assert builder.build(OutlineRequest("县农机局", "上半年")).title == (
        "XX县农机局2026年上半年工作总结"
    )
    annual = builder.build(OutlineRequest("县人力资源和社会保障局", "全年"))
    assert annual.title == "XX县人力资源和社会保障局2026年工作总结"
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
    phrases = [p for s in outline.sections for c in [s, *s.children] for p in c.phrasing]
    assert len(phrases) == len(set(phrases))


def test_an_office_the_corpus_lacks_gets_its_own_lines_of_work(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县财政局", "2025年度"))
    assert outline.matched_office_type == "财政局"
    assert outline.title == "XX县财政局2025年工作总结"
    assert outline.coverage is not None and outline.coverage.office_summaries == 0
    assert "没有财政局的工作总结" in outline.coverage.note
    work = outline.sections[0]
    assert work.basis == "profile"
    assert [c.heading for c in work.children][:3] == [
        "组织财政收入",
        "保障重点支出",
        "争取上级资金",
    ]
    assert outline.sections[-1].heading == "2026年工作思路"
    assert_well_formed(outline)
    assert "没有财政局的工作总结" in outline_markdown(outline)


def test_other_offices_contribute_only_common_work(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("某中学", "上半年"))
    for section in outline.sections:
        for part in [section, *section.children]:
            corpus = [
                outline.sources[k] for k in part.sources if outline.sources[k].kind == "corpus"
            ]
            if corpus:
                assert part.basis == "common_work", part.heading
    text = outline_markdown(outline)
    assert "我局" not in text.split("---")[0]  # other offices' self-references are retold
    assert "我校" in text


def test_an_unknown_office_gets_a_genre_only_outline_marked_as_such(
    builder: OutlineBuilder,
) -> None:
    outline = builder.build(OutlineRequest("abc"))
    assert outline.matched_office_type == ""
    assert outline.coverage is not None
    assert "没有找到与“abc”对应的单位类型" in outline.coverage.note
    assert {ref.kind for ref in outline.sources.values()} <= {"genre", "topic"}
    assert outline.title == "XX单位2026年工作总结"
    assert_well_formed(outline)
    assert outline.coverage.note in outline_markdown(outline)


def test_bad_requests_are_input_errors(builder: OutlineBuilder) -> None:
    with pytest.raises(InputError, match="单位类型"):
        builder.build(OutlineRequest("  "))
    with pytest.raises(InputError, match="时段"):
        builder.build(OutlineRequest("科技局", "明天下午"))
    with pytest.raises(InputError, match="office_type：最多 50 个字符"):
        builder.build(OutlineRequest("科技局" * 30))
    with pytest.raises(InputError, match="年份"):
        builder.build(OutlineRequest("科技局", "2099年上半年"))


def test_markdown_has_numbered_parts_a_basis_and_a_source_list(builder: OutlineBuilder) -> None:
    outline = builder.build(OutlineRequest("县农机局", "上半年"))
    text = outline_markdown(outline)
    assert text.startswith(f"# {outline.title}")
    assert "## 一、" in text and "**来源**" in text and "（依据：同类单位总结）" in text
    assert all(f"{key}. " in text for key in outline.sources)


def test_json_keeps_the_spec_keys_and_adds_what_it_stands_on(builder: OutlineBuilder) -> None:
    data = json.loads(dump_json(builder.build(OutlineRequest("农机局", "上半年"))))
    assert set(data) >= SPEC_KEYS and set(data) - SPEC_KEYS == {"year", "coverage"}
    assert data["year"] == 2026 and data["coverage"]["office_summaries"] == 1
    section = data["sections"][0]
    assert set(section) == {
        "number",
        "level",
        "role",
        "heading",
        "phrasing",
        "sources",
        "children",
        "basis",
    }
    kinds = {source["kind"] for source in data["sources"].values()}
    assert {"corpus", "profile"} <= kinds <= {"corpus", "profile", "genre"}
    for source in data["sources"].values():
        assert set(source) == {"document", "title", "office_type", "excerpt", "kind"}


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


def test_office_wording() -> None:
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
        (["--office", "农机局", "--period", "2099年"], "年份"),
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
    assert outline.period == "三季度"
    assert outline.title == "XX县科技局2026年第三季度工作总结"
