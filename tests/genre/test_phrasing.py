import re

import pytest
from pydantic import ValidationError

from assistant.corpus.text import slot_rules
from assistant.genre.phrasing import PhrasedHeading, slot, slot_names, slots_in


def test_every_slot_the_corpus_slot_patterns_produce_is_in_the_vocabulary() -> None:
    rules = slot_rules()
    produced = {
        name
        for _, replacement in (*rules.figures, *rules.names)
        for name in re.findall(r"〔([^〕]+)〕", replacement)
    }
    assert produced
    assert produced <= slot_names()


def test_slot_writes_a_known_name_and_refuses_an_unknown_one() -> None:
    assert slot("数字") == "〔数字〕"
    with pytest.raises(KeyError):
        slot("电话")


def test_slots_in_lists_slot_names_in_order() -> None:
    assert slots_in("全年完成〔数字〕亿元，惠及〔地名〕〔数字〕人。") == ["数字", "地名", "数字"]


def test_a_well_formed_sub_part_is_accepted() -> None:
    part = PhrasedHeading(heading="组织财政收入", phrasing=("全年完成收入〔数字〕亿元。",))
    assert part.heading == "组织财政收入"


@pytest.mark.parametrize(
    ("heading", "phrase", "complaint"),
    [
        ("组织财政收入", "全年完成收入12亿元。", "figure must be the slot"),
        ("组织财政收入", "全年完成收入xx亿元。", "placeholder"),
        ("组织财政收入", "全年完成收入〔数字〕亿元,同比增长。", "half-width"),
        ("组织财政收入", "全年完成收入〔金额〕亿元。", "unknown slot"),
        ("组织财政收入", "全年完成收入〔数字〕亿元", "ending in 。"),
        ("组织〔地名〕财政收入", "全年完成收入〔数字〕亿元。", "carries no slot"),
        ("组织财政收入。", "全年完成收入〔数字〕亿元。", "without punctuation"),
        (
            "组织财政收入组织财政收入组织财政收入组织财政收入组",
            "全年完成收入〔数字〕亿元。",
            "at most",
        ),
        ("一、组织财政收入", "全年完成收入〔数字〕亿元。", "without its number"),
    ],
)
def test_malformed_headings_and_phrasing_are_refused(
    heading: str, phrase: str, complaint: str
) -> None:
    with pytest.raises(ValidationError, match=complaint):
        PhrasedHeading(heading=heading, phrasing=(phrase,))


def test_a_sub_part_needs_one_to_three_phrasings() -> None:
    with pytest.raises(ValidationError):
        PhrasedHeading(heading="组织财政收入", phrasing=())
    with pytest.raises(ValidationError):
        PhrasedHeading(heading="组织财政收入", phrasing=("甲〔数字〕。",) * 4)
