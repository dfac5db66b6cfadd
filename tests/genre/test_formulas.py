import re
import shutil
from pathlib import Path

import pytest

from assistant.errors import DataFileError
from assistant.genre.formulas import (
    FORMULAS_FILE,
    FormulaTable,
    formula_table,
    outdated_formulas,
    required_literal,
    update_formulas,
)
from assistant.tables import load_table

# (text, year, the text with out-of-date formulas replaced)
MUST_UPDATE = [
    (
        "坚持以三个代表重要思想和科学发展观为指导。",
        2026,
        "坚持以习近平新时代中国特色社会主义思想为指导。",
    ),
    (
        "以邓小平理论和“三个代表”重要思想为指导",
        2010,
        "以邓小平理论、“三个代表”重要思想、科学发展观为指导",
    ),
    (
        "我局以党的十八大精神为指导，全面落实科学发展观。",
        2026,
        "我局以党的二十大精神为指导，完整准确全面贯彻新发展理念。",
    ),
    ("学习十九大精神", 2023, "学习党的二十大精神"),
    ("贯彻党的十六大、十六届三中、四中全会精神", 2026, "贯彻党的二十大、二十届历次全会精神"),
    (
        "要结合不忘初心、牢记使命主题教育，深入推进扫黑除恶专项斗争。",
        2026,
        "要结合〔学习教育〕，深入推进常态化扫黑除恶斗争。",
    ),
    ("结合“不忘初心、牢记使命”主题教育", 2024, "结合党纪学习教育"),
    ("深入开展党纪学习教育", 2025, "深入开展中央八项规定精神学习教育"),
    ("扎实开展党史学习教育", 2023, "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育"),
    ("以开展先进性教育活动为契机", 2026, "以开展〔学习教育〕为契机"),
    ("为全市经济社会又好又快发展", 2026, "为全市经济社会高质量发展"),
    ("通过了产业十二五发展规划", 2026, "通过了产业十五五发展规划"),
    ("编制“十四五”规划", 2026, "编制“十五五”规划"),
    ("编制“十五五”规划", 2031, "编制“〔规划期〕”规划"),
    ("积极参与社会主义新农村建设", 2026, "积极参与乡村振兴"),
    ("统筹疫情防控和经济社会发展", 2026, "统筹发展和安全"),
    ("做好新冠肺炎疫情防控", 2026, "做好〔中心工作〕"),
    ("切实加强法制宣传教育", 2026, "切实加强法治宣传教育"),
    ("深入开展七五普法", 2026, "深入开展九五普法"),
    ("打赢脱贫攻坚战", 2026, "巩固拓展脱贫攻坚成果"),
    ("坚持精准扶贫", 2022, "坚持巩固拓展脱贫攻坚成果同乡村振兴有效衔接"),
    ("帮扶建档立卡贫困户", 2026, "帮扶脱贫户"),
    ("巩固拓展脱贫攻坚成果同乡村振兴有效衔接", 2026, "巩固拓展脱贫攻坚成果"),
    ("以党的二十大精神为指导", 2028, "以〔会议精神〕精神为指导"),
]

# (text, year): nothing out of date
MUST_NOT_FLAG = [
    ("以习近平新时代中国特色社会主义思想为指导", 2026),
    ("党的十八大以来，深入学习贯彻党的二十大和二十届三中全会精神", 2026),
    ("学习贯彻党的十九大精神", 2017),
    ("学习贯彻党的二十大精神", 2022),
    ("做好非洲猪瘟疫情防控和重大动物疫情防控", 2026),
    ("深化常态化扫黑除恶斗争", 2026),
    ("巩固拓展脱贫攻坚成果", 2026),
    ("巩固拓展脱贫攻坚成果同乡村振兴有效衔接", 2023),
    ("巩固深化党纪学习教育成果", 2025),
    ("谋划“十五五”规划，推动“十四五”圆满收官", 2025),
    ("坚持不忘初心、牢记使命，推动高质量发展", 2026),
    ("统筹发展和安全，推进乡村振兴", 2026),
    ("深入开展法治宣传教育", 2026),
    ("实施十五大工程", 2026),
    ("结合不忘初心、牢记使命主题教育", 2019),
    ("深入开展扫黑除恶专项斗争", 2019),
    ("全面落实科学发展观", 2010),
]


@pytest.mark.parametrize(("text", "year", "expected"), MUST_UPDATE)
def test_out_of_date_formulas_are_replaced(text: str, year: int, expected: str) -> None:
    assert outdated_formulas(text, year)
    assert update_formulas(text, year) == expected


@pytest.mark.parametrize(("text", "year"), MUST_NOT_FLAG)
def test_current_formulas_and_look_alikes_are_left_alone(text: str, year: int) -> None:
    assert outdated_formulas(text, year) == []
    assert update_formulas(text, year) == text


def test_a_finding_says_where_what_and_when() -> None:
    text = "下半年，要结合不忘初心、牢记使命主题教育，抓好落实。"
    (finding,) = outdated_formulas(text, 2026)
    assert text[finding.start : finding.end] == finding.text == "不忘初心、牢记使命主题教育"
    assert (finding.series, finding.formula) == ("party-campaign", "original-aspiration")
    assert (finding.first_year, finding.last_year) == (2019, 2019)
    assert finding.replacement == "〔学习教育〕"


def test_a_formula_from_the_future_is_also_out_of_date() -> None:
    (finding,) = outdated_formulas("以习近平新时代中国特色社会主义思想为指导", 2010)
    assert finding.replacement == "以邓小平理论、“三个代表”重要思想、科学发展观为指导"


def test_the_years_of_the_main_markers_are_right() -> None:
    members = {m.key: m for s in formula_table().series for m in s.members}
    assert (members["congress-20"].first_year, members["congress-20"].last_year) == (2022, 2027)
    assert (members["plan-14"].first_year, members["plan-14"].last_year) == (2020, 2025)
    assert members["plan-15"].first_year == 2025
    assert (
        members["thought-theme-education"].first_year,
        members["thought-theme-education"].last_year,
    ) == (2023, 2023)
    assert (
        members["discipline-education"].first_year,
        members["discipline-education"].last_year,
    ) == (2024, 2024)
    assert members["xi-thought-guide"].last_year is None


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        ("patterns: ['十三五']", "wording '十一五' matches none"),
        ("patterns: ['十一五(']", "not a regular expression"),
        ("to: 2001", "before 'from'"),
    ],
)
def test_a_broken_formula_names_file_and_field(tmp_path: Path, broken: str, complaint: str) -> None:
    path = tmp_path / "formulas.yaml"
    shutil.copy(FORMULAS_FILE, path)
    text = path.read_text(encoding="utf-8")
    original = "{key: plan-11, wording: 十一五, patterns: ['十一五'], from: 2005, to: 2010}"
    assert original in text
    if broken.startswith("to"):
        replaced = original.replace("to: 2010", broken)
    else:
        replaced = original.replace("patterns: ['十一五']", broken)
    path.write_text(text.replace(original, replaced), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"formulas\.yaml: series\.\d+\.members\.0") as caught:
        load_table(path, FormulaTable, label="formulas.yaml")
    assert complaint in str(caught.value)


def test_an_unknown_slot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "formulas.yaml"
    text = FORMULAS_FILE.read_text(encoding="utf-8").replace("slot: 规划期", "slot: 计划", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"formulas\.yaml: series\.\d+\.slot: .*unknown slot"):
        load_table(path, FormulaTable, label="formulas.yaml")


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        ("(?:深入)?学习实践科学发展观活动", "学习实践科学发展观活动"),
        ("以(?:邓小平理论[、和])?{q}三个代表{q}重要思想[、和]科学发展观为指导", "科学发展观为指导"),
        ("又好又快(?:发展)?", "又好又快"),
        ("十六届(?:[一二三四五六七]中[、和及]?)+全会", "十六届"),
        ("高质量发展?", "高质量发"),
        ("[“]?普法", "普法"),
        ("甲|乙", ""),
    ],
)
def test_the_required_literal_is_in_every_match(pattern: str, literal: str) -> None:
    assert required_literal(pattern) == literal


def test_every_formula_of_the_table_has_a_literal_its_wording_contains() -> None:
    for series in formula_table().series:
        for member in series.members:
            for pattern in member.patterns:
                literal = required_literal(pattern)
                matches = re.compile(pattern.replace("{q}", "[“”]?")).search(member.wording)
                assert literal, pattern
                assert matches is None or literal in matches.group(), (pattern, literal)
