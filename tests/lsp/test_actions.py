"""Quick fixes and "fix all": the edits an editor applies, checked by applying them."""

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from assistant.lsp.actions import FIX_ALL_TITLE, code_actions, text_edits
from assistant.lsp.diagnostics import check
from assistant.lsp.utf16 import LineMap
from assistant.style.engine import check_text
from assistant.style.fixes import fix_text
from tests.lsp.client import apply_edits

DRAFT = "平安县农机局2024年上半年工作总结\n𠀀农机推广成效明显,全年推广新机具120台。\n(一)加强农机安全监管\n全县共检查农机xx台。\n"
URI = "file:///d.md"


def _edits(action: types.CodeAction) -> list[dict[str, object]]:
    assert action.edit is not None
    if action.edit.document_changes:
        change = action.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        edits = change.edits
    else:
        assert action.edit.changes is not None
        edits = action.edit.changes[URI]
    plain = [e for e in edits if isinstance(e, types.TextEdit)]
    assert len(plain) == len(edits)
    return [
        {
            "range": {
                "start": {"line": e.range.start.line, "character": e.range.start.character},
                "end": {"line": e.range.end.line, "character": e.range.end.character},
            },
            "newText": e.new_text,
        }
        for e in plain
    ]


def _cursor(line: int, character: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(line, character))


def test_the_quick_fix_at_a_half_width_comma_makes_it_full_width() -> None:
    actions = code_actions(check(DRAFT), URI, 1, _cursor(1, 10), None, versioned=False)
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["改为“，”"]
    assert quick[0].is_preferred
    assert quick[0].diagnostics and quick[0].diagnostics[0].code == "half-width-punctuation"
    assert apply_edits(DRAFT, _edits(quick[0])) == DRAFT.replace(",", "，")


def test_a_placeholder_has_no_fix_so_no_quick_fix() -> None:
    actions = code_actions(check(DRAFT), URI, 1, _cursor(3, 8), ["quickfix"], versioned=False)
    assert actions == []


def test_fix_all_gives_what_check_fix_gives_as_versioned_edits_of_changed_lines() -> None:
    actions = code_actions(check(DRAFT), URI, 7, _cursor(0, 0), ["source"], versioned=True)
    assert [a.title for a in actions] == [FIX_ALL_TITLE]
    action = actions[0]
    assert action.kind == types.CodeActionKind.SourceFixAll
    assert action.edit and action.edit.document_changes
    change = action.edit.document_changes[0]
    assert isinstance(change, types.TextDocumentEdit) and change.text_document.version == 7
    fixed = apply_edits(DRAFT, _edits(action))
    assert fixed == fix_text(DRAFT, lambda text: check_text(text).diagnostics)
    assert "，全年" in fixed and "（一）" in fixed and "xx" in fixed
    plain = [e for e in change.edits if isinstance(e, types.TextEdit)]
    assert len(change.edits) == len(plain) == 2 and all(len(e.new_text) <= 3 for e in plain)


def test_no_fix_all_when_nothing_is_safely_fixable() -> None:
    text = "全县共检查农机xx台。\n"
    assert code_actions(check(text), URI, 1, _cursor(0, 0), None, versioned=False) == []


LINES = st.lists(st.sampled_from(["一、", "中", ",", "𠀀", "😀", "\n", "\r\n"]), max_size=30)


@given(LINES.map("".join), LINES.map("".join))
def test_text_edits_turn_any_text_into_any_other(old: str, new: str) -> None:
    lines = LineMap(old)
    edits = sorted(
        (
            (lines.offset(e.range.start), lines.offset(e.range.end), e.new_text)
            for e in text_edits(lines, new)
        ),
        reverse=True,
    )
    result = old
    for start, end, replacement in edits:
        result = result[:start] + replacement + result[end:]
    assert result == new
