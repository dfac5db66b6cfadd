"""The injector puts each defect exactly where it says, and nothing else changes."""

import itertools
import re

import pytest

from assistant.evaluation.perturb import (
    Edit,
    apply_edits,
    find_headings,
    perturb,
    placeholder_edits,
)
from tests.conftest import EXTERNAL

CLEAN = (
    "各位代表：\n\n"
    "现在，我代表国务院，向大会报告政府工作，请予审议。\n\n"
    "一、过去一年工作回顾\n\n"
    "过去一年，我们坚持稳中求进，经济运行总体平稳，国内生产总值增长5.2%，城镇新增就业1244万人。\n\n"
    "二、今年工作总体部署\n\n"
    "（一）总体要求。坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。\n\n"
    "（二）主要预期目标。国内生产总值增长5%左右；城镇新增就业1200万人以上。\n\n"
    "（三）政策取向。强化宏观政策逆周期和跨周期调节，增强政策取向一致性。\n\n"
    "三、今年政府工作任务\n\n"
    "（一）扩大国内需求。促进消费稳定增长，积极扩大有效投资。\n\n"
    "（二）建设现代化产业体系。推动产业链供应链优化升级，培育壮大新兴产业。\n\n"
    "（三）深化科技体制改革。加强基础研究，强化企业科技创新主体地位。\n\n"
    "（四）扩大高水平对外开放。推动外贸质升量稳，加大吸引外资力度。\n\n"
    "各位代表！我们要在以习近平同志为核心的党中央坚强领导下，奋力实现全年目标任务。\n"
)


def test_apply_edits_reports_spans_in_the_edited_text() -> None:
    text = "甲乙丙丁戊己"
    edits = [
        Edit(1, 2, "xx", "placeholder", "placeholder", (0, 2)),  # 乙 -> xx
        Edit(4, 4, " ", "stray-space", "stray-space", (0, 1)),  # space before 戊
        Edit(5, 6, "己己", "doubled-char", "doubled-char", (0, 2)),
    ]
    edited, injections = apply_edits(text, edits)
    assert edited == "甲xx丙丁 戊己己"
    assert [(i.start, i.end, i.text) for i in injections] == [
        (1, 3, "xx"),
        (5, 6, " "),
        (7, 9, "己己"),
    ]


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("甲乙丙", [Edit(0, 2, "", "k", "r", (0, 0)), Edit(1, 2, "", "k", "r", (0, 0))])


def test_headings_and_their_groups() -> None:
    headings = find_headings(CLEAN)
    assert [(h.number, h.level, h.ordinal, h.group) for h in headings] == [
        ("一、", 1, 1, 0),
        ("二、", 1, 2, 0),
        ("（一）", 2, 1, 2),
        ("（二）", 2, 2, 2),
        ("（三）", 2, 3, 2),
        ("三、", 1, 3, 0),
        ("（一）", 2, 1, 3),
        ("（二）", 2, 2, 3),
        ("（三）", 2, 3, 3),
        ("（四）", 2, 4, 3),
    ]


def test_placeholders_keep_the_shape_of_the_figure() -> None:
    replaced = {CLEAN[e.start : e.end]: e.replacement for e in placeholder_edits(CLEAN)}
    assert replaced["5.2"] == "xx.x"
    assert replaced["1244"] == "xx"


EXPECTED_TEXT = {
    "half-width-punctuation": re.compile(r"^[,;:]$"),
    "placeholder": re.compile(r"^(?:20xx|xx(?:\.x)?)$"),
    "doubled-char": re.compile(r"^(.)\1$"),
    "stray-space": re.compile(r"^ $"),
    "heading-missing-dunhao": re.compile(r"^[一二三四五六七八九十]+$"),
    "heading-half-width-parens": re.compile(r"^\([一二三四五六七八九十]+\)$"),
    "heading-number-gap": re.compile(r"^（[一二三四五六七八九十]+）$"),
    "heading-run-together": re.compile(r"^（[二三四五六七八九十]+）$"),
}
USAGE_TEXT = {
    "confused-words": re.compile(r"^(?:其它|做出|截止到?|部份|成份|做为)$"),
    "misspelled-words": re.compile(r"^[\u4e00-\u9fff]{2,4}$"),
    "marked-list-dunhao": re.compile(r"^、$"),
    "range-mark": re.compile(r"^-$"),
    "range-unit": re.compile(r"^\d+(?:\.\d)?$"),
    "mixed-numerals": re.compile(r"^二0[一二三四五六七八九0]{2}$"),
    "mixed-number-unit": re.compile(r"^[1-9][千百]$"),
    "duplicate-sentence": re.compile(r"^[\u4e00-\u9fff].{20,80}。$"),
    "title-marks": re.compile(r"^中华人民共和国宪法$"),
    "straight-double-quotes": re.compile(r'^"$'),
    "year-mismatch": re.compile(r"^20\d\d年$"),
}
ALL_TEXT = EXPECTED_TEXT | USAGE_TEXT


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_injection_is_where_it_says(seed: int) -> None:
    perturbed = perturb("sample", CLEAN, seed, per_kind=2)
    kinds = {i.kind for i in perturbed.injections}
    assert set(EXPECTED_TEXT) <= kinds <= set(ALL_TEXT)
    for injection in perturbed.injections:
        assert perturbed.text[injection.start : injection.end] == injection.text
        assert ALL_TEXT[injection.kind].match(injection.text), injection
    spans = sorted((i.start, i.end) for i in perturbed.injections)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_heading_defects_sit_at_their_headings() -> None:
    perturbed = perturb("sample", CLEAN, 7, per_kind=0)
    by_kind = {i.kind: i for i in perturbed.injections}
    gap = by_kind["heading-number-gap"]
    assert gap.text in ("（四）", "（五）")  # the last of its group, one up
    assert perturbed.text[gap.start - 2 : gap.start] == "\n\n"
    run = by_kind["heading-run-together"]
    assert perturbed.text[run.start - 1] == "。"  # glued to the end of the previous paragraph
    dunhao = by_kind["heading-missing-dunhao"]
    assert perturbed.text[dunhao.start - 1] == "\n" and perturbed.text[dunhao.end] != "、"
    assert perturbed.text.count("\n") == CLEAN.count("\n") - 2  # only the run-together join


def test_same_seed_same_defects_other_seed_others() -> None:
    assert perturb("a", CLEAN, 1) == perturb("a", CLEAN, 1)
    assert perturb("a", CLEAN, 1).text != perturb("a", CLEAN, 2).text


def test_inline_defects_stay_off_heading_lines() -> None:
    perturbed = perturb("sample", CLEAN, 4, per_kind=3)
    for injection in perturbed.injections:
        if injection.kind.startswith("heading-"):
            continue
        line_start = perturbed.text.rfind("\n", 0, injection.start) + 1
        assert not re.match(
            r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]",
            perturbed.text[line_start:],
        )


@pytest.mark.integration
def test_reports_give_defects_of_every_kind() -> None:
    reports = [EXTERNAL / f"{n:03d}.txt" for n in (17, 19, 22, 25, 29)]
    kinds = set()
    for path in reports:
        perturbed = perturb(path.name, path.read_text(encoding="utf-8"), 20261128)
        kinds |= {i.kind for i in perturbed.injections}
        for injection in perturbed.injections:
            assert ALL_TEXT[injection.kind].match(injection.text), injection
    assert kinds == set(ALL_TEXT)
