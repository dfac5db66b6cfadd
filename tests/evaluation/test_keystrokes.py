"""The keystroke replay: what a writer accepting exact suggestions saves, and the n-gram probe."""

from collections.abc import Callable, Sequence

from assistant.evaluation.autocomplete_keystrokes import sample_spans
from assistant.evaluation.autocomplete_replay import replay
from assistant.evaluation.ngram_probe import NgramProbe

TEXT = "坚持稳中求进，推动高质量发展。"


def oracle_at(cut: int, text: str = TEXT) -> Callable[[str], Sequence[str]]:
    """A suggester that offers the rest of the clause once ``cut`` characters are typed."""

    def suggest(draft: str) -> Sequence[str]:
        if len(draft) == cut:
            end = text.index("，", cut) + 1 if "，" in text[cut:] else len(text)
            return [text[cut:end]]
        return []

    return suggest


def test_an_exact_suggestion_costs_one_key_and_saves_the_rest() -> None:
    tally = replay(TEXT, oracle_at(2), "every")
    assert tally.offers == 1 and tally.accepted == 1
    assert tally.saved == len("稳中求进，") - 1
    assert tally.keys == len(TEXT) - tally.saved
    assert tally.savings == tally.saved / len(TEXT)
    assert tally.accept_rate == 1.0


def test_a_wrong_suggestion_is_typed_over_and_counts_as_offered() -> None:
    tally = replay(TEXT, lambda draft: ["稳中有进，"] if len(draft) == 2 else [], "every")
    assert (tally.offers, tally.accepted, tally.saved) == (1, 0, 0)
    assert tally.keys == len(TEXT) and tally.offers_per_100 == 100 / len(TEXT)
    assert tally.rejected_examples and "稳中有进" in tally.rejected_examples[0]


def test_every_policy_asks_at_each_position_and_sparse_after_marks_and_every_six() -> None:
    asked: list[int] = []

    def record(draft: str) -> Sequence[str]:
        asked.append(len(draft))
        return []

    replay(TEXT, record, "every")
    assert asked == list(range(len(TEXT)))
    asked.clear()
    replay(TEXT, record, "sparse")
    assert asked == [0, 6, 7, 13]  # the start, 6 typed, after "，", 6 more


def test_leaks_are_entities_not_typed_in_the_draft_and_figures_are_digits() -> None:
    text = "田庙乡科技工作取得成效。"
    suggestions = {0: ["田庙乡"], 3: ["科技工作"], 7: ["增长12%"]}
    tally = replay(text, lambda d: suggestions.get(len(d), []), "every", entities=("田庙乡",))
    assert tally.leaks == ["田庙乡: 田庙乡"]  # offered before it was typed; at 3 it is the draft's
    assert tally.figures == ["增长12%"]


def test_a_year_the_draft_implies_is_not_a_figure_another_year_is() -> None:
    text = "平安县财政局2025年度工作总结\n三、"
    at_end = {len(text): ["2026年工作思路", "2019年工作思路", "2025年完成12个"]}
    tally = replay(text + "下", lambda d: at_end.get(len(d), []), "every")
    assert tally.figures == ["2019年工作思路", "2025年完成12个"]


def test_spans_replay_only_their_characters_with_the_text_before_as_the_draft() -> None:
    drafts: list[str] = []

    def record(draft: str) -> Sequence[str]:
        drafts.append(draft)
        return []

    tally = replay(TEXT, record, "every", spans=[(7, 10)])
    assert tally.chars == 3 and drafts == [TEXT[:7], TEXT[:8], TEXT[:9]]


def test_sample_spans_keep_about_the_budget_of_whole_lines() -> None:
    text = "\n".join(f"第{i}段" + "文" * 20 for i in range(20))
    spans = sample_spans(text, 100)
    kept = sum(end - start for start, end in spans)
    assert 50 <= kept <= 150
    assert all(text[start - 1] == "\n" and text[end] == "\n" for start, end in spans)
    assert sample_spans(text, 0) == () and sample_spans(text, 10**6) == ()


def test_probe_continues_a_dominant_clause_and_stays_silent_when_unsure() -> None:
    probe = NgramProbe(["坚持稳中求进工作总基调，推动高质量发展。"] * 3 + ["坚持稳中有变。"])
    assert probe.complete("我们坚持稳中求进工") == "作总基调，"
    assert probe.complete("今天天气") is None
    split = NgramProbe(["推动高质量发展。", "推动高质量增长。"])
    assert split.complete("要推动高质量") is None


def test_a_leak_is_the_entity_as_words_not_its_letters_inside_other_words() -> None:
    text = "我们隆重庆祝。"
    tally = replay(text, lambda d: ["重庆祝。"] if len(d) == 3 else [], "every", ("重庆",))
    assert tally.accepted == 1 and tally.leaks == []
    text = "支持发展。"
    tally = replay(text, lambda d: ["重庆市"] if len(d) == 2 else [], "every", ("重庆",))
    assert tally.leaks == ["重庆: 重庆市"]
