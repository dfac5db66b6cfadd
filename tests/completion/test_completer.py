"""Autocomplete over the real seed chunks and the register (no embedding model, no Chroma).

Structure-aware cases, the never-do list, names from the draft offered again, confidence, and
the CLI's JSON.
"""

import argparse
import json
import random

import pytest

from assistant.completion import structure
from assistant.completion.completer import Completer, Suggestion
from assistant.completion.continuation import offer_worth
from assistant.completion.draft import read_cursor
from assistant.completion.facts import draft_facts
from assistant.completion.guards import (
    crosses_sentence_end,
    dated_formula,
    inside_number,
    other_office_work,
    repeats_typed,
)
from assistant.completion.register import RegisterDocument
from assistant.completion.request import CompletionRequest
from assistant.completion.sentences import normalize
from assistant.completion.structure import heading_finish, plans_heading
from assistant.completion.suggestion import Completions
from assistant.config import Settings
from assistant.contract import dump_json, to_jsonable
from assistant.corpus.store import load_corpus
from assistant.errors import InputError, TooLargeError
from assistant.genre.profiles import office_profiles
from assistant.genre.table import genre_table
from assistant.index.annotate import indexed_chunks
from assistant.index.chunks import Chunk
from assistant.ranking import ranking_table
from assistant.runtime import Runtime
from tests.conftest import REPO

ACHIEVEMENTS = (
    "平安县科技局2026年上半年工作总结\n"
    "今年以来，我局认真贯彻落实各项部署，现将有关情况总结如下：\n"
    "一、大力培植高新企业\n全县高新技术企业发展较快。\n"
    "二、努力争取科技项目\n全年申报项目12个。\n"
)
PROBLEMS = ACHIEVEMENTS + "三、存在的问题和不足\n一是投入不足。\n"


@pytest.fixture(scope="module")
def chunks() -> list[Chunk]:
    documents = load_corpus(REPO / "corpus")
    return [c for d in documents for c in indexed_chunks(d)]


@pytest.fixture(scope="module")
def completer(chunks: list[Chunk]) -> Completer:
    return Completer.from_chunks(chunks)


def texts(suggestions: list[Suggestion]) -> list[str]:
    return [s.text for s in suggestions]


def register(*texts: str) -> list[RegisterDocument]:
    """A small register of texts (each its own document), names already slotted."""
    return [RegisterDocument(f"r{i}", "t", 2025, text, text) for i, text in enumerate(texts)]


# Structure-aware suggestions


def test_after_achievements_parts_a_top_number_gets_the_problems_heading(
    completer: Completer,
) -> None:
    # as far as its variants agree: 存在的问题 may end there or go on with 和不足
    found = completer.complete(ACHIEVEMENTS + "三、")
    assert texts(found)[:1] == ["存在的问题"]
    assert found[0].source == "genre" and found[0].score >= ranking_table().completion.min_score


def test_a_partly_typed_problems_heading_is_finished(completer: Completer) -> None:
    # the heading may end after 问题 (a word of its role) or go on: their shared start first
    assert texts(completer.complete(ACHIEVEMENTS + "四、存在的"))[:1] == ["问题"]
    assert texts(completer.complete(ACHIEVEMENTS + "四、存在的问题和"))[:1] == ["不足"]
    assert "问题" in texts(completer.complete("四、存在的"))


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("平安县科技局2026年上半年工作总结", "下半年工作"),  # 下半年工作 may end it
        ("平安县科技局2025年度工作总结", "2026年工作思路"),
        ("平安县科技局2026年第一季度工作总结", "二季度重点工作"),
        ("平安县科技局2026年第四季度工作总结", "2027年一季度重点工作"),
        ("平安县科技局年度工作总结", "下一步"),  # no year: the genre's own, as far as agreed
    ],
)
def test_the_plans_heading_follows_the_drafts_period(
    completer: Completer, title: str, heading: str
) -> None:
    draft = PROBLEMS.replace("平安县科技局2026年上半年工作总结", title) + "四、"
    assert texts(completer.complete(draft))[:1] == [heading]


def test_heading_numbers_continue_the_drafts_sequence(completer: Completer) -> None:
    draft = "一、主要工作成效\n（一）抓党建\n成效明显。\n（二）抓项目\n进展顺利。\n"
    assert texts(completer.complete(draft + "（")) == ["三）"]
    assert texts(completer.complete("一、主要工作成效\n全年完成任务。\n（")) == ["一）"]


def test_after_a_finished_first_item_the_second_marker(completer: Completer) -> None:
    assert texts(completer.complete("二、存在的问题\n一是投入不足。"))[:1] == ["二是"]
    assert texts(completer.complete("一是加强组织领导。二是加强项目推进服务。"))[:1] == ["三是"]


def test_the_title_gets_its_usual_ending_after_the_period(completer: Completer) -> None:
    assert texts(completer.complete("平安县财政局2025年度")) == ["工作总结"]
    assert texts(completer.complete("城东街道办事处2026年上半年工"))[:1] == ["作总结"]
    assert completer.complete("平安县财政局2025年度工作总结") == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("今年以来，我局坚持以习近平新时代", "中国特色社会主义"),
        ("全面贯彻党的二十", "大精神"),
        ("在以习近平同志为核心的党中央坚强", "领导"),  # then 下 or ， (the reports differ)
        ("坚持稳中求", "进工作总基调，"),
    ],
)
def test_the_register_continues_formulaic_lines(typed: str, expected: str) -> None:
    only_register = Completer.from_chunks([])
    found = only_register.complete(typed)
    assert texts(found)[:1] == [expected] and found[0].source == "phrases"


# The draft as evidence


def test_names_typed_earlier_in_the_draft_are_offered_again(completer: Completer) -> None:
    draft = (
        "城东街道办事处2026年上半年工作总结\n"
        "今年以来，城东街道在区委、区政府的坚强领导下，各项工作取得成效。\n"
        "一、上半年工作开展情况\n"
        "城东"
    )
    found = completer.complete(draft)
    assert found and found[0].text.startswith("街道") and found[0].source == "draft"
    project = "全面推进“清风廉韵”示范点建设。持续打造“清风"
    assert texts(completer.complete(project))[0].startswith("廉韵")


def test_a_name_of_one_corpus_document_is_never_offered(chunks: list[Chunk]) -> None:
    others = Completer.from_chunks([c for c in chunks if c.document != "seed-01"], register())
    for typed in ["坤宇", "协助飞龙镇", "九狮寨高山", "天一"]:
        for suggestion in others.complete(typed):
            assert not any(name in suggestion.text for name in ("重工", "卢山村", "茶业", "奥星"))


# The never-do list


@pytest.mark.parametrize("typed", ["同比增长21", "同比增长21.", "增长２１", "完成投资3"])
def test_nothing_after_a_digit_inside_a_number(completer: Completer, typed: str) -> None:
    assert inside_number(typed)
    assert completer.complete(typed) == []


def test_a_suggestion_never_repeats_what_is_typed() -> None:
    assert repeats_typed("推动高质量", "高质量发展")
    assert repeats_typed("加强组织领导，加强", "加强组织领导")
    assert not repeats_typed("推动高质量", "发展")
    assert not repeats_typed("人", "人才")


def test_a_suggestion_never_crosses_a_sentence_end() -> None:
    assert crosses_sentence_end("发展。二是")
    assert crosses_sentence_end("发展\n")
    assert not crosses_sentence_end("高质量发展。")


def test_another_offices_line_of_work_is_not_offered() -> None:
    profiles = office_profiles()
    assert other_office_work("扫黑除恶专项斗争。", profiles["finance"])
    assert not other_office_work("扫黑除恶专项斗争。", profiles["political-legal-committee"])
    assert not other_office_work("扫黑除恶专项斗争。", None)
    model = Completer.from_chunks([], register(*["一是深入推进扫黑除恶专项斗争。"] * 12))
    finance = "平安县财政局2019年度工作总结\n一是深入推进"
    legal = "平安县政法委2019年度工作总结\n一是深入推进"
    assert not any("扫黑除恶" in s.text for s in model.complete(finance))
    assert any("扫黑除恶" in s.text for s in model.complete(legal))


def test_a_dated_formula_is_not_offered_for_the_drafts_year() -> None:
    assert dated_formula("全年，我们", "深入贯彻落实科学发展观，", 2025)
    assert not dated_formula("全年，我们", "深入贯彻落实科学发展观，", 2010)
    model = Completer.from_chunks([], register(*["我们深入贯彻落实科学发展观，推动发展。"] * 12))
    old, new = "2010年度工作总结\n我们深入贯彻落", "2025年度工作总结\n我们深入贯彻落"
    assert any("科学发展观" in s.text for s in model.complete(old))
    assert not any("科学发展观" in s.text for s in model.complete(new))


def test_no_suggestion_carries_a_figure_a_slot_or_a_line_break(
    completer: Completer, chunks: list[Chunk]
) -> None:
    rng = random.Random(3)
    bodies = [c.text for c in chunks if c.kind == "paragraph"]
    for _ in range(150):
        body = rng.choice(bodies)
        cut = rng.randint(1, len(body) - 1)
        for suggestion in completer.complete(body[:cut], limit=5):
            assert not any(char.isdigit() for char in suggestion.text), suggestion
            assert "〔" not in suggestion.text and "\n" not in suggestion.text
            assert not crosses_sentence_end(suggestion.text)
            assert not repeats_typed(body[:cut], suggestion.text)


# Confidence, order, shape


def test_only_confident_suggestions_are_offered_with_their_scores(
    completer: Completer, chunks: list[Chunk]
) -> None:
    ranking = ranking_table().completion
    seen = 0
    for chunk in chunks[:40]:
        for cut in range(2, len(chunk.text), 7):
            for suggestion in completer.complete(chunk.text[:cut]):
                score, size = suggestion.score, len(suggestion.text)
                assert ranking.phrase.min_offer <= score <= 1 and size >= 2
                # below min_score only a continuation long enough to be worth it
                assert score >= ranking.min_score or offer_worth(score, size) > 0
                seen += 1
    assert seen > 0


@pytest.mark.parametrize("text", ["", "   ", "\n", "一、加强组织领导\n", "Hello world, this is"])
def test_empty_drafts_blank_lines_and_other_languages_get_nothing(
    completer: Completer, text: str
) -> None:
    assert completer.complete(text) == []


def test_characters_outside_the_bmp_repeated_in_the_draft_get_no_error(
    completer: Completer,
) -> None:
    """Found by schemathesis: the draft's evidence grew a context the model cannot key."""
    draft = "B\U000922ea]\xea\x9cnB\U000922ea]\xea\x9c"
    found = completer.complete(draft)
    assert found and all(max(map(ord, s.text)) <= 0xFFFF for s in found)


def test_text_after_the_cursor_is_not_suggested_again(completer: Completer) -> None:
    assert completer.complete("二、存在的问题\n一是投入不足。", suffix="二是") == []
    found = texts(completer.complete("今年以来，我局坚持以习近平新时代", suffix="思想为指导"))
    assert all(not text.endswith("思想") for text in found)


def test_deterministic_and_independent_of_chunk_order(chunks: list[Chunk]) -> None:
    shuffled = chunks[:]
    random.Random(7).shuffle(shuffled)
    first, second = Completer.from_chunks(chunks), Completer.from_chunks(shuffled)
    for prefix in ["一是加强组织领导。", ACHIEVEMENTS + "三、", "在县委、县政府的", "一、"]:
        result = first.complete(prefix, limit=10)
        assert result == second.complete(prefix, limit=10) == first.complete(prefix, limit=10)
        keys = [(-s.score, s.text, s.source) for s in result]
        assert keys == sorted(keys)


def test_limit_is_respected(completer: Completer) -> None:
    draft = PROBLEMS + "四、存在的"
    assert len(completer.complete(draft, limit=1)) == 1
    assert completer.complete(draft, limit=0) == []


def test_json_shape(completer: Completer) -> None:
    data = to_jsonable(Completions(tuple(completer.complete(ACHIEVEMENTS + "三、"))))
    assert list(data) == ["suggestions"] and data["suggestions"]
    assert all(list(item) == ["text", "source", "score"] for item in data["suggestions"])
    assert to_jsonable(Completions(())) == {"suggestions": []}


def test_the_office_named_by_the_writer_decides_the_profile() -> None:
    assert draft_facts("今年以来", "县财政局").profile == office_profiles()["finance"]
    facts = draft_facts("平安县卫生健康局2025年度工作总结\n")
    assert facts.profile == office_profiles()["health"] and facts.year == 2025
    assert facts.period == "年度"


def test_the_year_comes_from_the_title_else_the_latest_year_of_the_opening() -> None:
    assert draft_facts("平安县财政局2024年上半年工作总结\n2025年预算").year == 2024
    assert draft_facts("工作总结\n2023年完成，2025年计划").year == 2025
    assert draft_facts("今年以来，我局2025年完成了任务。").period is None
    assert draft_facts("今年以来，我局完成了任务。") == draft_facts("")


def test_a_plans_heading_that_names_a_year_needs_the_drafts_year() -> None:
    table = genre_table()
    assert plans_heading(table.period("年度"), 2025) == "2026年工作思路"
    assert plans_heading(table.period("年度"), None) is None
    assert plans_heading(table.period("上半年"), None) == "下半年工作打算"


def test_normalize() -> None:
    assert normalize("达xx.x亿元,增长xx.x%。") == "达〔数字〕亿元，增长〔数字〕%。"
    assert normalize('实施"项目推进年"活动:技术水平.') == "实施“项目推进年”活动：技术水平。"


# CLI


def _run(
    argv: list[str],
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
    max_text_chars: int = 200_000,
) -> int:
    """Run ``assistant complete`` in-process on the fake-encoder runtime."""
    from assistant.cli import complete as command

    settings = Settings(data_dir=runtime.settings.data_dir, max_text_chars=max_text_chars)
    limited = Runtime(settings, runtime.embeddings, runtime.index, runtime.offices)
    monkeypatch.setattr(Runtime, "open", classmethod(lambda cls, _settings: limited))
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers())
    args = parser.parse_args(["complete", *argv])
    code: int = args.handler(args, settings)
    return code


def test_cli_json_is_the_http_shape(
    fake_runtime: Runtime, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = "今年以来，我局坚持以习近平新时代"
    argv = [typed, "--office", "县农机局", "--json", "--limit", "2"]
    assert _run(argv, fake_runtime, monkeypatch) == 0
    output = capsys.readouterr().out
    data = json.loads(output)
    assert list(data) == ["suggestions"] and 1 <= len(data["suggestions"]) <= 2
    assert data["suggestions"][0]["text"].startswith("中国特色")
    request = CompletionRequest(typed, office_type="县农机局", limit=2)
    assert output == dump_json(fake_runtime.complete(request), indent=2).decode() + "\n"
    assert _run(["一是加强组织领导。"], fake_runtime, monkeypatch) == 0
    assert "二是" in capsys.readouterr().out


def test_cli_rejects_blank_and_oversized_text_and_a_bad_limit(
    fake_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InputError, match="文本为空"):
        _run(["   "], fake_runtime, monkeypatch)
    with pytest.raises(TooLargeError, match="上限为 100 字"):
        _run(["科" * 101], fake_runtime, monkeypatch, max_text_chars=100)
    with pytest.raises(InputError, match="--limit：应不小于 1"):
        _run(["一是", "--limit", "0"], fake_runtime, monkeypatch)
    with pytest.raises(InputError, match="--office：最多 50 个字符"):
        _run(["一是", "--office", "局" * 51], fake_runtime, monkeypatch)


def test_an_item_going_on_for_sentences_or_paragraphs_gets_no_next_marker(
    completer: Completer,
) -> None:
    """An item heading a paragraph of several sentences is followed by a new paragraph."""
    item = "三是推动创新发展，促进产业升级。"
    assert "四是" in texts(completer.complete(item))
    assert "四是" not in texts(completer.complete(item + "推进科技强国建设。"))
    assert "四是" not in texts(completer.complete(item + "\n推进科技强国建设。"))


def test_several_headings_begun_alike_are_each_a_weaker_guess(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    knob = ranking_table().completion.structure.heading_finish
    cursor = read_cursor("三、下")
    facts = draft_facts("三、下", None)
    found = heading_finish(cursor, facts)
    assert len(found) > 1 and all(s.score < knob for s in found)
    two = iter([("下步重点工作", "genre"), ("下步重点任务", "genre")])
    monkeypatch.setattr(structure, "_headings", lambda _facts: two)
    found = heading_finish(cursor, facts)
    assert Suggestion("步重点", "genre", knob) in found
    assert {s.score for s in found if s.text != "步重点"} == {round(knob / 2, 4)}
