"""Which style configuration applies to an open document: the CLI's rule, per document.

``ASSISTANT_STYLE_CONFIG`` if set, else the ``.assistant-style.yaml`` nearest above the
document's file (documents without a file: above the server's working directory). A
configuration that cannot be used does not stop the server, which is already running: the
document is checked with the built-in rules and the problem, naming the file and the field, is
shown as a diagnostic at its start.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from assistant.errors import StyleConfigError
from assistant.style.engine import Checker, default_checker
from assistant.style.project import checker_for


def document_path(uri: str) -> Path | None:
    """The file a ``file://`` URI names (None for unsaved or remote documents)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


class StyleConfigs:
    """The checker for each document, and the configuration problem to show, if any."""

    def __init__(self, explicit: Path | None) -> None:
        self.explicit = explicit

    def checker(self, uri: str) -> tuple[Checker, str | None]:
        """The document's checker, and a message when its configuration is unusable."""
        path = document_path(uri)
        near = path.parent if path is not None else None
        try:
            return checker_for(self.explicit, near), None
        except StyleConfigError as error:
            return default_checker(), f"{error}（已按内置规则检查）"
