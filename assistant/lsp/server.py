"""The language server: its state, and the LSP methods wired to the features.

``create_server(settings)`` builds a server; ``serve(settings)`` runs one over stdio and returns
the process exit code (0 after ``shutdown`` then ``exit``, 1 otherwise, as LSP specifies).
Standard input is read by `assistant.lsp.stdio`, which survives bad framing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, BinaryIO

from lsprotocol import types
from pygls.exceptions import FeatureRequestError
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer

from assistant.completion.completer import Completer
from assistant.config import Settings
from assistant.lsp import features
from assistant.lsp.checking import CheckScheduler
from assistant.lsp.framing import MAX_MESSAGE_BYTES
from assistant.lsp.loader import RuntimeLoader
from assistant.lsp.office import SECTION, document_office_types, office_setting
from assistant.lsp.open_documents import Document, Documents
from assistant.lsp.protocol import AssistantProtocol
from assistant.lsp.stdio import read_messages
from assistant.lsp.style import StyleConfigs

if TYPE_CHECKING:
    from pygls.server import ServerErrors

log = logging.getLogger(__name__)

NAME = "assistant-lsp"
CHECK_DELAY_SECONDS = 0.15


def _version() -> str:
    try:
        return version("assistant")
    except PackageNotFoundError:
        return "0"


class AssistantServer(LanguageServer):
    """The server's state: open documents, scheduled checks, the loading runtime, settings."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(NAME, _version(), protocol_cls=AssistantProtocol)
        self.settings = settings
        self.documents = Documents()
        self.checks = CheckScheduler(
            self.text_document_publish_diagnostics,
            delay=CHECK_DELAY_SECONDS,
            max_chars=settings.max_text_chars,
            styles=StyleConfigs(settings.style_config),
        )
        self.loader = RuntimeLoader(settings, self._loaded)
        self.office: str | None = None  # the workspace setting
        self.shut_down = False
        self.versioned_edits = False
        self.pulls_configuration = False
        self._matched: tuple[str, tuple[str, ...]] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def completer(self) -> Completer | None:
        """The autocomplete engine, once loaded."""
        runtime = self.loader.runtime
        return runtime.completer if runtime is not None else None

    def office_types(self, document: Document) -> tuple[str, ...]:
        """The corpus office types completion prefers for ``document``."""
        runtime = self.loader.runtime
        if self.office is None or runtime is None:
            return document_office_types(document.text)
        if self._matched is None or self._matched[0] != self.office:
            match = runtime.match_office(self.office)
            self._matched = (self.office, match.types if match else ())
        return self._matched[1]

    protocol: AssistantProtocol

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """Serve over the given streams until ``exit`` or the end of ``stdin``."""
        assert stdin is not None and stdout is not None
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout))
        reading = read_messages(self._stop_event, stdin, self.protocol, MAX_MESSAGE_BYTES)
        try:
            asyncio.run(reading)
        except BrokenPipeError:
            log.error("编辑器的连接已断开，语言服务器退出")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]

    def start_loading(self) -> None:
        """Start loading the runtime; its end is announced to the editor."""
        self._loop = asyncio.get_running_loop()
        self.loader.start()

    def _loaded(self, error: str | None) -> None:
        """Called in the loading thread: hand the announcement to the event loop."""
        if self._loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop is gone: the server exited
            self._loop.call_soon_threadsafe(self._announce, error)

    def _announce(self, error: str | None) -> None:
        if error is None:
            message = f"写作助手：模型和索引已加载（{self.loader.seconds:.1f} 秒），自动补全可用。"
            log.info(message)
            self.window_log_message(types.LogMessageParams(types.MessageType.Info, message))
        else:
            message = f"写作助手：自动补全不可用（{error}）。格式检查不受影响。"
            log.error(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, message))

    async def pull_office_setting(self) -> None:
        """Ask the editor for the ``assistant`` settings section (when it supports that)."""
        if not self.pulls_configuration:
            return
        items = [types.ConfigurationItem(section=SECTION)]
        try:
            result = await self.workspace_configuration_async(types.ConfigurationParams(items))
        except Exception as error:  # an editor that fails the request keeps the current value
            log.warning("读取编辑器设置失败：%s", error)
            return
        if result:
            self.office = office_setting(result[0])

    def report_server_error(self, error: Exception, source: ServerErrors) -> None:
        """Errors no response carries: logged, and told to the editor's log (not a popup)."""
        if source is FeatureRequestError:  # answered with an error response; pygls logged it
            return
        log.error("语言服务器错误：%s", error)
        message = f"写作助手语言服务器出错：{error}"
        self.window_log_message(types.LogMessageParams(types.MessageType.Error, message))


def create_server(settings: Settings) -> AssistantServer:
    """A server with every feature registered (nothing is loaded until ``initialize``)."""
    server = AssistantServer(settings)
    features.register(server)
    return server


def serve(settings: Settings, stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Run a server on the given streams until ``exit``; the LSP exit code."""
    server = create_server(settings)
    server.start_io(stdin, stdout)
    return 0 if server.shut_down else 1
