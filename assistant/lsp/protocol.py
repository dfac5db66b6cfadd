r"""pygls' protocol, adjusted: documents are the server's, and bad messages get answers.

- ``didOpen``/``didChange``/``didClose`` go straight to the server's handlers; pygls' own
  workspace copy (which splits lines with ``str.splitlines`` and so disagrees with LSP about
  ``\f`` or ``\u2028``) is not kept.
- A request whose params do not fit its method gets an "invalid params" error response instead
  of no response at all (pygls drops it, leaving the editor waiting); such a notification is
  dropped.
- JSON that is not a JSON-RPC message (an array, a number, an object without ``jsonrpc``) is
  logged and ignored; a request among them, or one whose id is not an integer or a string (an
  object, an array, a fraction, a boolean), gets an "invalid request" error (with a null id
  when its own cannot be echoed), and a body that is not JSON a "parse error": JSON-RPC's
  answers, so the editor is never left waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.protocol import LanguageServerProtocol, lsp_method

from assistant.lsp.framing import Unparsable

log = logging.getLogger(__name__)

_DROPPED = object()  # a message with unusable params (a request was answered with an error)
Forward = Generator[Any, Any, None]


def _valid_id(value: Any) -> bool:
    """An id LSP allows (integer or string; JSON-RPC also tolerates null)."""
    return value is None or type(value) in (int, str)


class AssistantProtocol(LanguageServerProtocol):
    """The JSON-RPC side of the language server."""

    def send_error(self, msg_id: Any, error: JsonRpcException) -> None:
        """An error response (``msg_id`` None when the request's own id cannot be echoed)."""
        response = error.to_response_error()
        payload = {"code": response.code, "message": response.message}
        self._send_data({"jsonrpc": self.VERSION, "id": msg_id, "error": payload})

    def receive(self, message: Any) -> None:
        """Handle one message read from the stream (a JSON value, or `Unparsable`)."""
        if isinstance(message, Unparsable):
            self.send_error(None, JsonRpcParseError("消息内容不是合法的 JSON"))
            return
        if isinstance(message, dict) and "method" in message and "id" in message:
            if not _valid_id(message["id"]):
                log.warning("请求的 id 无效（%.80r），已回复错误", message["id"])
                self.send_error(None, JsonRpcInvalidRequest("请求的 id 应为整数或字符串"))
                return
            if message.get("jsonrpc") != self.VERSION:
                log.warning("请求缺少 jsonrpc: 2.0，已回复错误")
                self.send_error(message["id"], JsonRpcInvalidRequest("缺少 jsonrpc: 2.0"))
                return
            message.setdefault("params", None)  # optional in JSON-RPC; pygls needs the key
            if self._shutdown and message["method"] != types.EXIT:
                self.send_error(message["id"], JsonRpcInvalidRequest("语言服务器已关闭"))
                return
        try:
            self.handle_message(
                self.structure_message(message) if isinstance(message, dict) else message
            )
        except JsonRpcException as error:
            log.warning("无法处理的消息：%s", error)
        except Exception as error:  # a handler's bug must not end the read loop
            log.exception("处理消息时出错")
            self._server._report_server_error(error, JsonRpcException)

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
