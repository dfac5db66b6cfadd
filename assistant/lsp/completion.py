"""Completion items and inline completions from the autocomplete engine.

Editors filter completion items by the "word" before the cursor, and what counts as a word in
Chinese text differs between editors. So each item replaces the clause typed so far (from the
last punctuation mark or space on the line) with that clause plus the suggestion, and filters
on the same text: ``一是加强`` -> ``一是加强工程建设管理，``. Inline completions insert only
the suggestion at the cursor. The list is marked incomplete: the next keystroke asks again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from lsprotocol import types

from assistant.completion.completer import Suggestion
from assistant.lsp.utf16 import LineMap

COMPLETION_LIMIT = 8
INLINE_LIMIT = 3
CLAUSE_STOPS = frozenset("，。；：、！？,.;:!?（）()[]【】“”‘’\"' \t\u3000")
MAX_CLAUSE = 40
TRIGGER_CHARACTERS = ["、", "）", ")", "，", "；", "：", "。"]


class Completes(Protocol):
    """What the editor features need of the engine (`assistant.completion.completer.Completer`)."""

    def complete(
        self, text: str, *, suffix: str = "", office_types: Sequence[str] = (), limit: int = 5
    ) -> list[Suggestion]:
        """Up to ``limit`` suggestions of text to insert after ``text``, best first."""
        ...


@dataclass(frozen=True)
class Request:
    """What the engine is asked at one cursor: the text around it and the office types."""

    before: str  # the document up to the cursor
    after: str  # the rest of the cursor's line
    clause: str  # the part of ``before`` an item replaces
    cursor: types.Position
    clause_start: types.Position
    office_types: tuple[str, ...]

    @classmethod
    def at(cls, lines: LineMap, position: types.Position, office_types: Sequence[str]) -> Request:
        """The request for ``position`` in the text of ``lines``."""
        text = lines.text
        offset = lines.offset(position)
        line_start = lines.line_start(lines.position(offset).line)
        start = offset
        while start > max(line_start, offset - MAX_CLAUSE) and text[start - 1] not in CLAUSE_STOPS:
            start -= 1
        line_end = min(
            (i for i in (text.find("\n", offset), text.find("\r", offset)) if i != -1),
            default=len(text),
        )
        return cls(
            before=text[:offset],
            after=text[offset:line_end],
            clause=text[start:offset],
            cursor=lines.position(offset),
            clause_start=lines.position(start),
            office_types=tuple(office_types),
        )

    def suggestions(self, completer: Completes, limit: int) -> list[Suggestion]:
        """The engine's suggestions, best first."""
        return completer.complete(
            self.before, suffix=self.after, office_types=self.office_types, limit=limit
        )


def completion_list(completer: Completes | None, request: Request) -> types.CompletionList:
    """Completion items (none while the engine is still loading)."""
    if completer is None:
        return types.CompletionList(is_incomplete=True, items=[])
    replaced = types.Range(request.clause_start, request.cursor)
    office = "、".join(request.office_types) or "未指定单位类型"
    items = []
    for rank, suggestion in enumerate(request.suggestions(completer, COMPLETION_LIMIT)):
        new_text = request.clause + suggestion.text
        items.append(
            types.CompletionItem(
                label=suggestion.text,
                kind=types.CompletionItemKind.Text,
                detail=f"{office} · 来源：{suggestion.source}",
                sort_text=f"{rank:03d}",
                filter_text=new_text,
                text_edit=types.TextEdit(replaced, new_text),
            )
        )
    return types.CompletionList(is_incomplete=True, items=items)


def inline_completions(completer: Completes | None, request: Request) -> types.InlineCompletionList:
    """Inline (ghost text) completions at the cursor."""
    if completer is None:
        return types.InlineCompletionList(items=[])
    here = types.Range(request.cursor, request.cursor)
    return types.InlineCompletionList(
        items=[
            types.InlineCompletionItem(insert_text=suggestion.text, range=here)
            for suggestion in request.suggestions(completer, INLINE_LIMIT)
        ]
    )
