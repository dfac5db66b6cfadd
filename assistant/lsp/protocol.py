r"""pygls' protocol, adjusted: documents are the server's, and bad messages get answers.

- ``didOpen``/``didChange``/``didClose`` go straight to the server's handlers; pygls' own
  workspace copy (which splits lines with ``str.splitlines`` and so disagrees with LSP about
  ``\f`` or ``\u2028``) is not kept.
- A request whose params do not fit its method gets an "invalid params" error response instead
  of no response at all (pygls drops it, leaving the editor waiting); such a notification is
  dropped.
- JSON that is not a JSON-RPC message (an array, a number, an object without ``jsonrpc``) is
  logged and ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol, lsp_method

log = logging.getLogger(__name__)

_DROPPED = object()  # a message with unusable params (a request was answered with an error)
Forward = Generator[Any, Any, None]


class AssistantProtocol(LanguageServerProtocol):
    """The JSON-RPC side of the language server."""

    def _forward(self, method: str, params: Any) -> Forward:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Forward:
        """Hand an opened document to the server."""
        yield from self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Forward:
        """Hand a document's changes to the server."""
        yield from self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Forward:
        """Tell the server a document was closed."""
        yield from self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def structure_message(self, data: dict[str, Any]) -> Any:
        """The typed message; one with unusable params is answered (a request) or dropped."""
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" not in data:
                raise
            log.warning("%s 的参数无效，已忽略", data["method"])
            if "id" in data:
                self._send_response(data["id"], error=error.to_response_error())
            return _DROPPED

    def handle_message(self, message: Any) -> None:
        """Dispatch a message; ignore what is not JSON-RPC."""
        if message is _DROPPED:
            return
        if not hasattr(message, "jsonrpc"):
            log.warning("忽略不是 JSON-RPC 的消息：%.200r", message)
            return
        super().handle_message(message)
