"""The phrase model and the draft's evidence: counts, escapes, two documents behind a step."""

from collections import Counter

import pytest

from assistant.completion.evidence import DraftEvidence
from assistant.completion.phrase_model import (
    SEPARATOR,
    Distribution,
    PhraseModel,
    encode,
    escape,
    next_step,
)
from assistant.ranking import ranking_table


def test_the_next_character_follows_the_longest_context_with_its_probability() -> None:
    model = PhraseModel.from_documents([("推动高质量发展。", 1.0), ("推动高质量发展。", 1.0)])
    found = model.distribution(SEPARATOR + "推动高质量")
    assert found is not None and found.context == 6 and found.weights == {"发": 2.0}
    step = next_step(found, [])
    assert step is not None and step.char == "发" and step.shared
    assert 0.5 < step.probability < 1.0


def test_what_one_document_says_is_marked_as_not_shared() -> None:
    model = PhraseModel.from_documents([("坤宇重工扩大生产。", 1.0), ("其他内容。", 1.0)])
    step = next_step(model.distribution(SEPARATOR + "坤宇重"), [])
    assert step is not None and step.char == "工" and not step.shared


def test_figures_and_names_are_one_slot_character() -> None:
    assert encode("增长12.5%，") == encode("增长3%，")
    assert len(encode("增长12.5%")) == len("增长%") + 1


def test_the_draft_votes_with_its_earlier_occurrences_never_with_digits() -> None:
    draft = "城东街道办事处工作总结\n城东街道抓党建。城东街道抓项目。城东"
    agreed, votes = DraftEvidence(draft).votes(draft)
    assert (agreed, votes) == (3, {"街": 1})  # "。城东" agrees longest
    agreed, votes = DraftEvidence(draft[:-3]).votes(draft[:-3] + "\n城东")
    assert (agreed, votes) == (3, {"街": 1})  # the line start agrees with the line start
    agreed, votes = DraftEvidence("完成12个，完成12").votes("完成12")
    assert "个" in votes and not any(char.isdigit() for char in votes)


def test_characters_outside_the_bmp_never_vote() -> None:
    draft = "B\U000922ea]nB\U000922ea]nB"
    assert DraftEvidence(draft).votes(draft)[1] == Counter()
    draft = "𠀀乡抓党建。𠀀乡抓项目。𠀀乡"  # a name written with one: what follows still votes
    assert DraftEvidence(draft).votes(draft) == (3, Counter({"抓": 1}))


def test_a_longer_context_from_the_draft_outweighs_the_register() -> None:
    model = PhraseModel.from_documents([("加强组织领导。", 1.0)] * 3)
    typed = "我们要加强组织建设。我们要加强组织"
    own = DraftEvidence(typed).distribution(typed, 3, 8)
    step = next_step(model.distribution(SEPARATOR + encode("我们要加强组织")), [own])
    assert own is not None and step is not None and step.char == "建"


def test_a_short_context_or_a_rival_lowers_the_probability() -> None:
    alike = [("推动高质量发展。", 1.0)] * 2
    model = PhraseModel.from_documents(alike)
    long = next_step(model.distribution(SEPARATOR + "推动高质量"), [])
    short = next_step(model.distribution("质量"), [])
    rivalled = PhraseModel.from_documents([*alike, ("推动高质量增长。", 1.0)])
    rival = next_step(rivalled.distribution(SEPARATOR + "推动高质量"), [])
    assert long is not None and short is not None and rival is not None
    assert short.char == long.char == rival.char == "发"
    assert short.probability < long.probability and rival.probability < long.probability


def test_a_short_match_in_a_long_draft_is_less_sure() -> None:
    """Chance matches grow with the draft searched; an eight-character one is not chance."""
    assert escape(1, False, 4, 20_000) > escape(1, False, 4, 1_000) > escape(1, False, 4, 0)
    assert escape(1, False, 8, 20_000) == escape(1, False, 8, 0)
    assert escape(1, True, 4, 20_000) == escape(1, True, 4, 0)  # the register is not searched


def test_the_register_is_surer_when_the_draft_agrees() -> None:
    model = PhraseModel.from_documents([("推动高质量发展。", 1.0)] * 2)
    context = SEPARATOR + "推动高质量"
    alone = next_step(model.distribution(context), [])
    agreeing = next_step(model.distribution(context), [Distribution(2, {"发": 1.0}, frozenset())])
    other = next_step(model.distribution(context), [Distribution(2, {"增": 1.0}, frozenset())])
    assert alone is not None and agreeing is not None and other is not None
    assert agreeing.char == alone.char == other.char == "发"
    assert agreeing.probability > alone.probability == other.probability


def test_a_step_opening_a_clause_is_less_sure() -> None:
    model = PhraseModel.from_documents([("推动高质量发展，加强监管。", 1.0)] * 2)
    found = model.distribution(SEPARATOR + "推动高质量发展，")
    inside, opening = next_step(found, []), next_step(found, [], opening=True)
    assert inside is not None and opening is not None and inside.char == opening.char == "加"
    extra = ranking_table().completion.phrase.clause_escape
    assert extra > 0
    assert 1 / opening.probability - 1 / inside.probability == pytest.approx(extra / 2)
