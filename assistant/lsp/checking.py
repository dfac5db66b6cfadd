"""When open documents are checked: at once on open, debounced on change, never twice.

Decision: every check covers the whole text. The document-level rules (numbering order, the
missing problems/plans parts) need the whole tree anyway, and a full check is cheap next to the
debounce (about 5 ms for 5,000 characters, 50 ms for 100,000), so caching per paragraph would
add code without a visible gain. What is avoided instead: checking while the writer is still
typing (a change waits ``delay`` seconds for the next one) and checking a text equal to the one
last published (an undo back to it, a change that changed nothing). Texts above the size limit
get one notice instead of a check.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from lsprotocol import types

from assistant.lsp.diagnostics import Checked, check
from assistant.lsp.open_documents import Document
from assistant.lsp.style import StyleConfigs

log = logging.getLogger(__name__)

Publish = Callable[[types.PublishDiagnosticsParams], None]


class Pending(Protocol):
    """A callback waiting for its time (``asyncio.TimerHandle``)."""

    def cancel(self) -> None:
        """Do not call it."""


Timer = Callable[[float, Callable[[], None]], Pending]


def event_loop_timer(delay: float, callback: Callable[[], None]) -> Pending:
    """Call ``callback`` after ``delay`` seconds on the running event loop."""
    return asyncio.get_running_loop().call_later(delay, callback)


class CheckScheduler:
    """Checks open documents and publishes their diagnostics."""

    def __init__(
        self,
        publish: Publish,
        *,
        delay: float,
        max_chars: int,
        timer: Timer = event_loop_timer,
        styles: StyleConfigs | None = None,
    ) -> None:
        self.delay = delay
        self.max_chars = max_chars
        self.styles = styles or StyleConfigs(None)
        self._publish = publish
        self._timer = timer
        self._pending: dict[str, Pending] = {}
        self._last: dict[str, Checked] = {}

    def now(self, document: Document) -> None:
        """Check and publish at once (a newly opened document)."""
        self._cancel(document.uri)
        self._run(document)

    def later(self, document: Document) -> None:
        """Check once no further change has come for ``delay`` seconds."""
        self._cancel(document.uri)
        self._pending[document.uri] = self._timer(self.delay, lambda: self._run(document))

    def current(self, document: Document) -> Checked:
        """The check of the document's text as it is now (checked and published if it changed)."""
        last = self._last.get(document.uri)
        if last is None or not _same(last, document):
            self._cancel(document.uri)
            self._run(document)
            last = self._last[document.uri]
        return last

    def close(self, uri: str) -> None:
        """Forget a closed document and clear its diagnostics in the editor."""
        self._cancel(uri)
        self._last.pop(uri, None)
        self._publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _cancel(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

    def _run(self, document: Document) -> None:
        self._pending.pop(document.uri, None)
        last = self._last.get(document.uri)
        if last is not None and _same(last, document):
            return
        checker, problem = self.styles.checker(document.uri)
        checked = check(document.text, document.encoding, self.max_chars, checker, problem)
        self._last[document.uri] = checked
        self._publish(
            types.PublishDiagnosticsParams(
                uri=document.uri, diagnostics=checked.published, version=document.version
            )
        )


def _same(checked: Checked, document: Document) -> bool:
    return checked.text == document.text and checked.lines.encoding == document.encoding
