"""Name rules beyond the tagger: each catches its kind of name and leaves common words alone."""

import pytest

from assistant.corpus.entities import document_names, to_pattern

CAUGHT = [
    # head runs: nouns ending in a head, holding a rare word or a tagged name
    ("将专利工作列入人才科技杯考核内容。", ["科技杯"]),
    ("我局负责救助四名街子初中贫困学生。", ["街子初中"]),
    ("三兄弟食品厂发展大豆生产基地2万亩。", ["三兄弟食品厂"]),
    ("加快办理滨河商业小镇土地出让手续。", ["滨河商业小镇"]),
    # lists of names: two named items, or one and a count of 家
    (
        "通过培植新增坤宇重工、xx洞矿业、前元新材料、方正达电子x家高新技术企业。",
        ["坤宇重工", "前元新材料", "方正达电子"],
    ),
    ("加上山润油茶、天一奥星、天一泵业x家。", ["山润油茶", "天一奥星", "天一泵业"]),
    # slogans, numbered events, categories, works, rare proper nouns opening a clause
    ("构建和谐水富、平安水富。", ["水富"]),
    ("积极筹备了第十一届“科技之春”科普宣传月活动。", ["科技之春"]),
    ("选用丰优香占等优质品种。", ["丰优香占"]),
    ("在我县《农村科技》报上发展稿件4篇。", ["农村科技"]),
    ("山润油茶公司承担的示范项目，山桂花蜜技术开发支撑县建设项目。", ["山桂花蜜"]),
]

KEPT = [
    "加快建设商业小镇。",
    "全县初中都开设了科学课。",
    "推进平安建设、法治建设。",
    "选用优质高产等优质品种。",
    "深入推进依法行政，加强法治政府建设。",
    "组建了畜牧、水产、优质水果等示范园区。",
]


@pytest.mark.parametrize(("sentence", "names"), CAUGHT)
def test_a_rule_makes_the_name_a_slot(sentence: str, names: list[str]) -> None:
    pattern = to_pattern(sentence).text
    for name in names:
        assert name not in pattern, (name, pattern)


@pytest.mark.parametrize("sentence", KEPT)
def test_common_words_that_look_like_names_stay(sentence: str) -> None:
    assert to_pattern(sentence).text == sentence


def test_a_place_named_with_its_level_is_a_name_without_it_too() -> None:
    names = document_names(["整个20xx年田庙乡的科技工作取得了显著的成效。"])
    assert names.get("田庙") == "〔地名〕"
    pattern = to_pattern("食品加工是我们田庙的特色。", known=names).text
    assert pattern == "食品加工是我们〔地名〕的特色。"


def test_a_common_word_the_tagger_slips_on_does_not_spread() -> None:
    names = document_names(["推进依法行政。", "在童市镇办村。"])
    assert "童市镇" in names and "行政" not in names
