"""The LSP methods the server answers, each a thin call into one feature module."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from assistant.lsp.actions import code_actions
from assistant.lsp.completion import (
    TRIGGER_CHARACTERS,
    Request,
    completion_list,
    inline_completions,
)
from assistant.lsp.hover import heading_hover
from assistant.lsp.office import has_office_setting, office_setting
from assistant.lsp.utf16 import UTF16

if TYPE_CHECKING:
    from assistant.lsp.server import AssistantServer

log = logging.getLogger(__name__)


def register(server: AssistantServer) -> None:
    """Register every feature on ``server``."""
    _lifecycle(server)
    _synchronisation(server)
    _requests(server)


def _plain(value: Any) -> str:
    """An lsprotocol string enum (or a plain string) as the string on the wire."""
    return str(getattr(value, "value", value))


def _lifecycle(server: AssistantServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.documents.encoding = _plain(server.workspace.position_encoding or UTF16)
        server.office = office_setting(params.initialization_options)
        workspace = params.capabilities.workspace
        server.pulls_configuration = bool(workspace and workspace.configuration)
        edits = workspace.workspace_edit if workspace else None
        server.versioned_edits = bool(edits and edits.document_changes)
        server.start_loading()

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        if server.office is None:
            await server.pull_office_setting()

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        server.shut_down = True

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration(params: types.DidChangeConfigurationParams) -> None:
        if has_office_setting(params.settings):
            server.office = office_setting(params.settings)
        else:
            await server.pull_office_setting()


def _synchronisation(server: AssistantServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.checks.now(server.documents.open(params.text_document))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            log.warning("收到未打开文档的修改：%s", params.text_document.uri)
            return
        document.apply(list(params.content_changes), params.text_document.version)
        server.checks.later(document)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.documents.close(params.text_document.uri)
        server.checks.close(params.text_document.uri)


def _requests(server: AssistantServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS),
    )
    def completion(params: types.CompletionParams) -> types.CompletionList:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            return types.CompletionList(is_incomplete=False, items=[])
        request = Request.at(document.lines, params.position, server.office_types(document))
        return completion_list(server.completer, request)

    @server.feature(types.TEXT_DOCUMENT_INLINE_COMPLETION, types.InlineCompletionOptions())
    def inline_completion(params: types.InlineCompletionParams) -> types.InlineCompletionList:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            return types.InlineCompletionList(items=[])
        request = Request.at(document.lines, params.position, server.office_types(document))
        return inline_completions(server.completer, request)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            return []
        checked = server.checks.current(document)
        only = [_plain(kind) for kind in params.context.only] if params.context.only else None
        return code_actions(
            checked, document.uri, document.version, params.range, only, server.versioned_edits
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        document = server.documents.get(params.text_document.uri)
        return heading_hover(document.lines, params.position) if document else None
