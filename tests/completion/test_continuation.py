"""Which prefix of a grown continuation is worth offering."""

from assistant.completion.continuation import offer_worth, word_ends
from assistant.ranking import ranking_table


def test_a_long_continuation_may_be_offered_a_little_below_min_score() -> None:
    ranking = ranking_table().completion
    below = ranking.min_score * 0.7
    assert below >= ranking.phrase.min_offer
    assert offer_worth(below, 12) > 0
    assert offer_worth(below, 2) <= 0


def test_nothing_below_min_offer_is_worth_offering() -> None:
    floor = ranking_table().completion.phrase.min_offer
    assert offer_worth(floor * 0.99, 24) == 0


def test_of_two_equally_sure_prefixes_the_longer_is_worth_more() -> None:
    assert offer_worth(0.6, 8) > offer_worth(0.6, 4) > 0


def test_an_offer_ends_where_a_word_ends() -> None:
    ends = word_ends("我们隆", "重庆祝中华")  # 隆重庆祝 is one word
    assert 2 not in ends and {3, 5} <= ends
