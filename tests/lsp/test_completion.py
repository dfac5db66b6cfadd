"""Completion items replace the typed clause, so every editor's word filter keeps them."""

from collections.abc import Sequence

from lsprotocol import types

from assistant.completion.completer import Suggestion
from assistant.lsp.completion import Request, completion_list, inline_completions
from assistant.lsp.utf16 import LineMap


class FixedCompleter:
    """Always the same suggestions; records what it was asked."""

    def __init__(self, *texts: str) -> None:
        self.texts = texts
        self.asked: list[tuple[str, str, tuple[str, ...]]] = []

    def complete(
        self, text: str, *, suffix: str = "", office_types: Sequence[str] = (), limit: int = 5
    ) -> list[Suggestion]:
        self.asked.append((text, suffix, tuple(office_types)))
        return [Suggestion(t, "seed-01", 1.0) for t in self.texts][:limit]


def _request(text: str, line: int, character: int) -> Request:
    return Request.at(LineMap(text), types.Position(line, character), ("农机局",))


def test_the_clause_runs_back_to_the_last_punctuation_mark_on_the_line() -> None:
    text = "一、主要成绩\n𠀀今年以来，一是加强"
    request = _request(text, 1, 11)  # 𠀀 takes two units
    assert request.clause == "一是加强"
    assert request.clause_start == types.Position(1, 7)
    assert request.before == text


def test_at_a_heading_start_nothing_is_replaced_and_the_line_rest_is_the_suffix() -> None:
    request = _request("一、成绩\n三、工作", 1, 2)
    assert request.clause == ""
    assert request.after == "工作"


def test_items_replace_the_clause_with_clause_plus_suggestion() -> None:
    completer = FixedCompleter("工程建设管理，", "队伍建设")
    result = completion_list(completer, _request("一是加强", 0, 4))
    assert result.is_incomplete
    first = result.items[0]
    assert first.label == "工程建设管理，"
    assert first.filter_text == "一是加强工程建设管理，"
    assert isinstance(first.text_edit, types.TextEdit)
    assert first.text_edit.new_text == "一是加强工程建设管理，"
    assert first.text_edit.range == types.Range(types.Position(0, 0), types.Position(0, 4))
    assert first.detail == "农机局 · 来源：seed-01"
    assert [item.sort_text for item in result.items] == ["000", "001"]
    assert completer.asked == [("一是加强", "", ("农机局",))]


def test_inline_items_insert_the_suggestion_at_the_cursor() -> None:
    completer = FixedCompleter("工程建设管理，", "队伍建设", "作风建设", "制度建设")
    result = inline_completions(completer, _request("😀一是加强", 0, 6))
    assert [item.insert_text for item in result.items] == ["工程建设管理，", "队伍建设", "作风建设"]
    assert result.items[0].range == types.Range(types.Position(0, 6), types.Position(0, 6))


def test_nothing_while_the_engine_is_loading() -> None:
    request = _request("一是加强", 0, 4)
    assert completion_list(None, request) == types.CompletionList(is_incomplete=True, items=[])
    assert inline_completions(None, request).items == []
