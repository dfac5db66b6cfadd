"""Loading the model and index once, in a background thread, so no request waits for it.

Until the runtime is ready, ``runtime`` is None: completion answers with an empty list, while
the style checker (which needs no model) works from the first request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.runtime import Runtime

log = logging.getLogger(__name__)

Done = Callable[[str | None], None]  # called in the loading thread: None or an error message


class RuntimeLoader:
    """Opens `assistant.runtime.Runtime` in a daemon thread, once."""

    def __init__(self, settings: Settings, done: Done) -> None:
        self.settings = settings
        self.runtime: Runtime | None = None
        self.error: str | None = None
        self.seconds = 0.0
        self._done = done
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start loading (a second call does nothing)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="runtime-loader", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        started = time.perf_counter()
        try:  # imported here: torch and Chroma are the slow part, kept off the startup path
            from assistant.runtime import Runtime
            from assistant.style.engine import warm_up

            warm_up()
            runtime = Runtime.open(self.settings)
            _ = runtime.completer  # build the autocomplete tables now, not on the first keystroke
            runtime.watch()  # pick up what an ingest commits while the editor is open
        except AssistantError as error:
            self.error = str(error)
        except Exception as error:  # a broken model or index must not take the server down
            log.exception("加载模型和索引失败")
            self.error = f"{type(error).__name__}: {error}"
        else:
            self.runtime = runtime
        self.seconds = time.perf_counter() - started
        self._done(self.error)
