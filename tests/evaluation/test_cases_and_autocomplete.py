"""The shipped case files load and cover what the suite promises; autocomplete kinds."""

import pytest

from assistant.chat.reading import EDIT_KINDS
from assistant.evaluation.autocomplete import cut_sentences, kind_problem, split_point
from assistant.evaluation.cases import CompletionCase, load_cases
from assistant.evaluation.style import locate

SEED_TYPES = {"科技局", "乡镇", "园区", "农机局", "工作组"}


def test_cases_cover_every_seed_type_unseen_types_topics_and_kinds() -> None:
    cases = load_cases()
    assert {c.expect.matched for c in cases.outlines if c.expect.matched} >= SEED_TYPES
    unseen = " ".join(c.office for c in cases.outlines if c.expect.unseen)
    words = ("教育局", "街道办", "卫健委", "医院", "财政局", "中学", "人力资源和社会保障局")
    assert all(word in unseen for word in words)
    assert {c.office for c in cases.outlines if c.expect.no_match} >= {"abc"}
    assert {c.topic for c in cases.outlines if c.topic} >= {
        "普法",
        "招商引资",
        "驻村帮扶",
        "安全生产",
    }
    periods = {c.period for c in cases.outlines}
    assert {"一季度", "前三季度", "三年来", "2025年度", "2025年上半年"} <= periods
    assert {c.kind for c in cases.completions} == {"heading", "mid-sentence", "enumeration", "none"}
    assert cases.perturbations is not None and len(cases.perturbations.files) == 13


def test_conversations_cover_the_issue_turn_by_turn() -> None:
    chats = load_cases().chats
    assert len(chats) >= 60 and all(len(c.turns) >= 3 for c in chats)
    assert all(turn.expect.kind for c in chats for turn in c.turns), "every turn says its effect"
    kinds = {kind for c in chats for turn in c.turns for kind in turn.expect.kind}
    assert kinds >= {
        *EDIT_KINDS,
        *("outline", "change", "undo", "draft", "check", "explain", "model_only"),
        *("missing", "refused", "need_office"),
    }
    said = " ".join(turn.say for c in chats for turn in c.turns)
    for office in ("教育局", "中学", "人力资源和社会保障局", "卫健委", "医院", "街道办", "村委会"):
        assert office in said, f"a kind of unit the corpus lacks: {office}"
    for slip in ("部份", "撤消", "初搞", "题纲", "删调"):
        assert slip in said, f"a writer's slip: {slip}"


@pytest.mark.integration
def test_every_seed_defect_is_found_in_the_seed_text() -> None:
    seed = load_cases().seed
    assert seed is not None
    text = seed.source.read_text(encoding="utf-8")
    for note in seed.defects:
        _, spans = locate(text, note)
        assert spans and all(text[s.start : s.end] == note.defect for s in spans)


def _case(text: str, kind: str) -> CompletionCase:
    return CompletionCase("t", text, kind)


def test_kind_checks() -> None:
    assert kind_problem(_case("", "none"), []) is None
    assert kind_problem(_case("", "none"), ["多余"]) is not None
    assert kind_problem(_case("三、", "heading"), ["存在的问题"]) is None
    assert kind_problem(_case("三、", "heading"), ["我局高度重视。"]) is not None
    assert kind_problem(_case("一是加强领导。", "enumeration"), ["二是加强服务。"]) is None
    assert (
        kind_problem(_case("一是加强领导。二是加强服务。", "enumeration"), ["二是再来。"])
        is not None
    )
    assert kind_problem(_case("今年以来，我局", "mid-sentence"), ["二是加强。"]) is not None
    assert kind_problem(_case("今年以来，我局", "mid-sentence"), []) == "no suggestion"


def test_sentences_are_cut_in_the_middle_outside_figures() -> None:
    assert split_point("全县实现产值12.5亿元同比增长") == 10  # after 12.5, not inside it
    text = "一、主要成效\n今年以来,我局围绕中心工作扎实推进各项任务。短句。\n"
    [cut] = cut_sentences("d", "科技局", text)
    assert text.startswith(cut.draft) and cut.draft.endswith("围绕中心")
    assert cut.truth == "工作扎实推进各项任务。"
