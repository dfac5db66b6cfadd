"""Autocomplete over the real seed chunks (the real parser and chunker; no model, no Chroma)."""

import argparse
import json
import random

import pytest

from assistant.completion.completer import Completer, Suggestion
from assistant.completion.request import CompletionRequest
from assistant.completion.sentences import cut_continuation, normalize
from assistant.completion.suggestion import Completions
from assistant.config import Settings
from assistant.contract import dump_json, to_jsonable
from assistant.corpus.store import load_corpus
from assistant.errors import InputError, TooLargeError
from assistant.index.annotate import indexed_chunks
from assistant.index.chunks import Chunk
from assistant.runtime import Runtime
from tests.conftest import REPO

DRAFT = (
    "今年以来，我局认真贯彻落实各项部署，现将有关情况总结如下：\n"
    "一、大力培植了高新企业\n全县高新技术企业发展较快。\n"
    "二、努力争取了科技项目\n全年申报项目12个。\n"
)
PROBLEM_WORDS = ("问题", "不足", "差距", "困难")
PLAN_WORDS = ("下一步", "打算", "计划", "思路")
HALF_WIDTH = set(',:;()?!"')


@pytest.fixture(scope="module")
def chunks() -> list[Chunk]:
    documents = load_corpus(REPO / "corpus")
    return [c for d in documents for c in indexed_chunks(d)]


@pytest.fixture(scope="module")
def completer(chunks: list[Chunk]) -> Completer:
    return Completer.from_chunks(chunks)


@pytest.fixture(scope="module")
def corpus_text(chunks: list[Chunk]) -> str:
    return "\n".join(normalize(c.text) for c in chunks)


def texts(suggestions: list[Suggestion]) -> list[str]:
    return [s.text for s in suggestions]


# Heading starts


def test_heading_after_achievements_parts_offers_a_problems_heading(completer: Completer) -> None:
    found = completer.complete(DRAFT + "三、", office_types=("科技局",))
    assert found and any(any(w in t for w in PROBLEM_WORDS) for t in texts(found))
    for text in texts(found):
        assert text[0] not in "一二三四五六七八九十（(0123456789" and not text.endswith("。")
    assert "大力培植了高新企业" not in texts(found)  # already in the draft


@pytest.mark.parametrize("offices", [(), ("农机局",), ("乡镇", "工作组")])
def test_problems_heading_survives_any_office_preference(
    completer: Completer, offices: tuple[str, ...]
) -> None:
    draft = "一、加强队伍建设\n干部素质提高。\n二、加强机关效能建设\n效率提升。\n三、"
    for limit in (3, 5):
        found = completer.complete(draft, office_types=offices, limit=limit)
        assert any(any(w in t for w in PROBLEM_WORDS) for t in texts(found)), found


def test_heading_after_a_problems_part_offers_plans_first(completer: Completer) -> None:
    draft = DRAFT + "三、存在的问题和不足\n一是投入不足。\n四、"
    found = completer.complete(draft, office_types=("科技局",))
    assert any(w in found[0].text for w in PLAN_WORDS)
    assert found[0].text == "下一步工作打算"


def test_first_heading_prefers_the_office_type(completer: Completer) -> None:
    found = completer.complete(
        "今年以来，我局认真贯彻落实各项部署。\n一、", office_types=("农机局",)
    )
    assert found[0].source == "seed-08"
    assert completer.complete("一、", office_types=("农机局",))[0].source == "seed-08"


@pytest.mark.parametrize("number", ["（二）", "(二)"])
def test_sub_heading_keeps_the_part_role_and_level(completer: Completer, number: str) -> None:
    draft = "一、主要工作成效\n（一）项目建设\n完成了年度建设任务。\n" + number
    found = completer.complete(draft, office_types=("园区",))
    assert found
    for text in texts(found):
        assert not any(w in text for w in PROBLEM_WORDS + PLAN_WORDS)
        assert text != "项目建设"


def test_level_three_heading_prefers_same_level_and_office(completer: Completer) -> None:
    found = completer.complete("一、主要工作成效\n1.", office_types=("园区",))
    assert texts(found)[:2] == ["项目建设", "征地拆迁"]


def test_partial_heading_title_is_completed_to_its_end(completer: Completer) -> None:
    found = completer.complete(DRAFT + "三、存在")
    assert "问题" in texts(found)
    found = completer.complete("一、加强队伍建设\n二、加强", office_types=("农机局",))
    assert found[0].source == "seed-08" and found[0].text == "机关效能建设"
    assert all(not t.endswith(("，", "。")) for t in texts(found))


# Mid-sentence


def test_mid_sentence_continues_corpus_sentences(completer: Completer, corpus_text: str) -> None:
    for prefix in ("一是加强", "我们把推进全市产业转型升级，", "充分发挥政府促进科技"):
        found = completer.complete(prefix)
        assert found, prefix
        for text in texts(found):
            assert text and not text.startswith(prefix)
            assert normalize(prefix)[-4:] + text in corpus_text
            assert len(text) <= 30
            assert text[-1] in "，；：。！？" or text[-1].isalnum()


def test_mid_sentence_example_and_boundaries(completer: Completer) -> None:
    assert set(texts(completer.complete("一是加强"))) == {"调研服务。", "工程建设管理，"}
    found = completer.complete("我们把推进全市产业转型升级，")
    assert "提高经济运行质量作为本部门的重要使命和工作职责，" in texts(found)


def test_mid_sentence_prefers_the_office_type(completer: Completer) -> None:
    assert completer.complete("一是加强", office_types=("园区",))[0].source == "seed-04"
    assert completer.complete("一是加强", office_types=("科技局",))[0].source == "seed-02"
    found = completer.complete("我局", office_types=("农机局",))
    assert [s.source for s in found[:4]] == ["seed-08"] * 4


def test_mid_sentence_prefers_the_part_the_cursor_is_in(
    completer: Completer, chunks: list[Chunk]
) -> None:
    found = completer.complete("一、主要成绩\n工作扎实。\n二、存在的问题\n一是")
    roles = {
        c.role
        for c in chunks
        if c.kind == "paragraph" and ("一是" + found[0].text) in normalize(c.pattern)
    }
    assert roles == {"problems"}


# Parallel structures


def test_after_an_item_the_next_item_of_the_same_enumeration(completer: Completer) -> None:
    assert completer.complete("一是加强调研服务。")[0].text == "二是加强项目推进服务。"
    draft = "一是加强调研服务。二是加强项目推进服务。"
    assert completer.complete(draft)[0].text == "三是加强项目跟踪服务。"
    assert completer.complete("一是加强调研服务。二")[0].text == "是加强项目推进服务。"


def test_a_new_enumeration_gets_a_parallel_item(completer: Completer) -> None:
    found = completer.complete("二、工作措施\n一是加强组织领导。")
    assert found and all(t.startswith("二是") for t in texts(found))
    assert found[0].text.startswith("二是加强")
    found = completer.complete("一是健全制度；")
    assert found and all(t.startswith("二是") for t in texts(found))


# Nothing to say


@pytest.mark.parametrize("text", ["", "   ", "\n", DRAFT, "一、加强组织领导\n"])
def test_empty_prefix_and_blank_line_get_no_suggestion(completer: Completer, text: str) -> None:
    assert completer.complete(text) == []


@pytest.mark.parametrize(
    "text", ["The quarterly revenue", "量子计算芯片流片良率", DRAFT + "量子计算芯片流片良率"]
)
def test_other_language_or_unknown_topic_gets_nothing(completer: Completer, text: str) -> None:
    assert completer.complete(text) == []
    assert completer.complete(text, office_types=("科技局",)) == []


# Normalisation, repetition, order


def test_suggestions_are_full_width_and_without_placeholders(completer: Completer) -> None:
    prefixes = [
        "一是",
        "全县",
        "今年以来",
        "上半年",
        "一、",
        DRAFT + "三、",
        "一、主要工作成效\n1.",
    ]
    for prefix in prefixes:
        for text in texts(completer.complete(prefix, limit=20)):
            assert not HALF_WIDTH & set(text), text
            assert not any(c in "xX0123456789" for c in text), text
    assert completer.complete("专利授权量达到")[0].text == "〔数字〕件，"
    found = completer.complete("截止到二季度,全县高新技术产业总产值达")
    assert found[0].text == "〔数字〕亿元，"


def test_text_after_the_cursor_is_not_suggested_again(completer: Completer) -> None:
    assert "调研服务。" not in texts(completer.complete("一是加强", suffix="调研服务。"))
    found = texts(completer.complete("一是加强", suffix="，严格落实"))
    assert "工程建设管理" in found and "工程建设管理，" not in found


def test_deterministic_and_independent_of_chunk_order(chunks: list[Chunk]) -> None:
    shuffled = chunks[:]
    random.Random(7).shuffle(shuffled)
    first, second = Completer.from_chunks(chunks), Completer.from_chunks(shuffled)
    for prefix in ["一是加强", DRAFT + "三、", "一是加强调研服务。", "我局", "一、"]:
        result = first.complete(prefix, limit=10)
        assert result == second.complete(prefix, limit=10) == first.complete(prefix, limit=10)
        keys = [(-s.score, s.text, s.source) for s in result]
        assert keys == sorted(keys)


def test_limit_is_respected(completer: Completer) -> None:
    assert len(completer.complete("一是", limit=1)) == 1
    assert len(completer.complete("一是", limit=3)) == 3
    assert completer.complete("一是", limit=0) == []


def test_json_shape(completer: Completer) -> None:
    data = to_jsonable(Completions(tuple(completer.complete("一是加强"))))
    assert list(data) == ["suggestions"] and data["suggestions"]
    assert all(list(item) == ["text", "source", "score"] for item in data["suggestions"])
    assert to_jsonable(Completions(())) == {"suggestions": []}


# Helpers


def test_normalize_and_cut() -> None:
    assert normalize("达xx.x亿元,增长xx.x%。") == "达〔数字〕亿元，增长〔数字〕%。"
    assert (
        normalize("20xx年x月x日,xx有限公司(试点)")
        == "〔年份〕年〔数字〕月〔数字〕日，〔名称〕有限公司（试点）"
    )
    assert normalize('实施"项目推进年"活动:技术水平.') == "实施“项目推进年”活动：技术水平。"
    assert normalize("4A级 The revenue") == "4A级The revenue"
    assert cut_continuation("组织领导，为科技工作", 30) == "组织领导，"
    assert cut_continuation("，提高质量。后文", 30) == "，提高质量。"
    assert cut_continuation("。", 30) is None


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
    argv = ["我局", "--office", "县农机局", "--json", "--limit", "2"]
    assert _run(argv, fake_runtime, monkeypatch) == 0
    output = capsys.readouterr().out
    data = json.loads(output)
    assert list(data) == ["suggestions"] and len(data["suggestions"]) == 2
    assert data["suggestions"][0]["source"] == "seed-08"
    request = CompletionRequest("我局", office_type="县农机局", limit=2)
    assert output == dump_json(fake_runtime.complete(request), indent=2).decode() + "\n"
    assert _run(["一是加强"], fake_runtime, monkeypatch) == 0
    assert "调研服务。" in capsys.readouterr().out


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
