"""The language server applies the style configuration of each document's folder, as the CLI
does; a malformed one found later is shown on the document, which gets the built-in rules."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from assistant.lsp.actions import code_actions
from assistant.lsp.checking import CheckScheduler
from assistant.lsp.open_documents import Document
from assistant.lsp.style import StyleConfigs, document_path
from assistant.style.project import CONFIG_NAME

DRAFT = "其它工作由 铁男 兄负责，以项目为抓手推进。\n"


def _publish(folder: Path, explicit: Path | None = None) -> types.PublishDiagnosticsParams:
    published: list[types.PublishDiagnosticsParams] = []
    scheduler = CheckScheduler(
        published.append, delay=0.1, max_chars=10_000, styles=StyleConfigs(explicit)
    )
    scheduler.now(Document((folder / "draft.txt").as_uri(), DRAFT, 1))
    return published[-1]


def test_file_uris_name_their_path_and_others_none(tmp_path: Path) -> None:
    assert document_path((tmp_path / "草稿 1.txt").as_uri()) == tmp_path / "草稿 1.txt"
    assert document_path("untitled:Untitled-1") is None


def test_a_documents_folder_configuration_is_applied(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text(
        "rules:\n  spaced-name: off\nvocabulary:\n  reject: [{word: 抓手, use: 载体}]\n",
        encoding="utf-8",
    )
    published = _publish(tmp_path)
    assert [d.code for d in published.diagnostics] == ["confused-words", "rejected-word"]


def test_fix_all_applies_the_documents_configuration(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text(
        "rules:\n  spaced-name: off\n  confused-words: off\n"
        "vocabulary:\n  reject: [{word: 抓手, use: 载体}]\n",
        encoding="utf-8",
    )
    scheduler = CheckScheduler(
        lambda _: None, delay=0.1, max_chars=10_000, styles=StyleConfigs(None)
    )
    uri = (tmp_path / "draft.txt").as_uri()
    checked = scheduler.current(Document(uri, DRAFT, 1))
    whole = types.Range(types.Position(0, 0), types.Position(1, 0))
    actions = code_actions(checked, uri, 1, whole, [types.CodeActionKind.SourceFixAll], False)
    edit = actions[0].edit
    assert edit is not None and edit.changes is not None
    assert [e.new_text for e in edit.changes[uri]] == ["载体"]


def test_a_malformed_configuration_is_shown_and_the_built_in_rules_apply(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("rules:\n  nope: off\n", encoding="utf-8")
    published = _publish(tmp_path)
    notice, *rest = published.diagnostics
    assert notice.code == "style-config" and "rules.nope" in notice.message
    assert str(tmp_path / CONFIG_NAME) in notice.message
    assert {d.code for d in rest} == {"confused-words", "spaced-name"}
