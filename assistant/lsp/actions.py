"""Code actions: each diagnostic's fix as a quick fix, and "fix all safe problems".

"Fix all" applies exactly what ``assistant check --fix`` applies (`assistant.style.fixes`,
repeated until stable) and sends the difference as edits of the changed lines only, so the
editor keeps cursors and folds elsewhere.
"""

from __future__ import annotations

import difflib

from lsprotocol import types

from assistant.lsp.diagnostics import Checked
from assistant.lsp.utf16 import LineMap, split_lines
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import default_checker
from assistant.style.fixes import fix_text, fixable

FIX_ALL_TITLE = "修复全部可自动修复的问题"


def code_actions(
    checked: Checked,
    uri: str,
    version: int | None,
    wanted: types.Range,
    only: list[str] | None,
    versioned: bool,
) -> list[types.CodeAction]:
    """The actions for the range ``wanted``, limited to the kinds in ``only`` if given."""
    target = _Target(uri, version if versioned else None)
    actions: list[types.CodeAction] = []
    if _wanted(types.CodeActionKind.QuickFix.value, only):
        start, end = checked.lines.offset(wanted.start), checked.lines.offset(wanted.end)
        for found, published in checked.overlapping(start, end):
            if found.fix is not None:
                actions.append(_quick_fix(found, published, checked.lines, target))
    if _wanted(types.CodeActionKind.SourceFixAll.value, only) and fixable(checked.found):
        actions.append(_fix_all(checked, target))
    return actions


def _wanted(kind: str, only: list[str] | None) -> bool:
    """Whether ``kind`` is asked for (``source`` asks for ``source.fixAll`` too)."""
    return only is None or any(kind == want or kind.startswith(f"{want}.") for want in only)


class _Target:
    """The document the edits apply to; with a version, stale edits are refused by the editor."""

    def __init__(self, uri: str, version: int | None) -> None:
        self.uri = uri
        self.version = version

    def edit(self, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self.version is None:
            return types.WorkspaceEdit(changes={self.uri: edits})
        document = types.OptionalVersionedTextDocumentIdentifier(self.uri, self.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, list(edits))])


def _quick_fix(
    found: Diagnostic, published: types.Diagnostic, lines: LineMap, target: _Target
) -> types.CodeAction:
    assert found.fix is not None
    replacement = found.fix.replacement
    title = f"改为“{replacement}”" if replacement else f"删除“{found.excerpt}”"
    edit = types.TextEdit(lines.range(found.offset, found.end), replacement)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[published],
        is_preferred=found.fix.safe,
        edit=target.edit([edit]),
    )


def _fix_all(checked: Checked, target: _Target) -> types.CodeAction:
    checker = checked.checker or default_checker()
    fixed = fix_text(checked.text, lambda text: checker.check(text).diagnostics)
    return types.CodeAction(
        title=FIX_ALL_TITLE,
        kind=types.CodeActionKind.SourceFixAll,
        diagnostics=[published for found, published in checked.pairs if fixable([found])],
        edit=target.edit(text_edits(checked.lines, fixed)),
    )


def text_edits(lines: LineMap, new: str) -> list[types.TextEdit]:
    """Edits turning ``lines.text`` into ``new``, trimmed to the characters that differ.

    One edit per changed line; one per changed run of lines where the line count changes.
    """
    before, after = list(split_lines(lines.text)), list(split_lines(new))
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits: list[types.TextEdit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:  # line for line
            runs = [(i, i + 1, after[j1 + i - i1]) for i in range(i1, i2)]
        else:
            runs = [(i1, i2, "".join(after[j1:j2]))]
        edits.extend(_trimmed_edit(lines, *run) for run in runs)
    return edits


def _trimmed_edit(lines: LineMap, first: int, last: int, replacement: str) -> types.TextEdit:
    """The edit replacing lines ``first``..``last`` (exclusive), without the unchanged ends."""
    start, end = lines.line_start(first), lines.line_start(last)
    head, tail = _common_ends(lines.text[start:end], replacement)
    return types.TextEdit(
        lines.range(start + head, end - tail), replacement[head : len(replacement) - tail]
    )


def _common_ends(old: str, new: str) -> tuple[int, int]:
    r"""Lengths of the common prefix and suffix, never splitting a ``\r\n``."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    if 0 < head < len(old) and old[head - 1] == "\r" and old[head] == "\n":
        head -= 1
    tail = 0
    while tail < limit - head and old[-tail - 1] == new[-tail - 1]:
        tail += 1
    cut = len(old) - tail
    if tail and cut > 0 and old[cut - 1] == "\r" and old[cut] == "\n":
        tail -= 1
    return head, tail
