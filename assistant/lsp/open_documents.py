"""The open documents, kept in sync with the editor's incremental edits.

The server keeps its own copy rather than pygls' workspace: edits are applied with
`assistant.lsp.utf16`, so ranges mean the same thing here as in the diagnostics sent back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lsprotocol import types

from assistant.lsp.utf16 import UTF16, LineMap


@dataclass
class Document:
    """One open text document."""

    uri: str
    text: str
    version: int | None = None
    language_id: str = "plaintext"
    encoding: str = UTF16
    _lines: LineMap | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineMap:
        """The line map of the current text (built once per text)."""
        if self._lines is None or self._lines.text is not self.text:
            self._lines = LineMap(self.text, self.encoding)
        return self._lines

    def offset(self, position: types.Position) -> int:
        """The character offset of an editor position."""
        return self.lines.offset(position)

    def apply(self, changes: list[types.TextDocumentContentChangeEvent], version: int) -> None:
        """Apply the editor's changes in order (ranged edits or whole-text replacements)."""
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = self.offset(change.range.start)
                end = max(start, self.offset(change.range.end))
                self.text = self.text[:start] + change.text + self.text[end:]
            else:
                self.text = change.text
        self.version = version


class Documents:
    """Open documents by URI."""

    def __init__(self, encoding: str = UTF16) -> None:
        self.encoding = encoding
        self._open: dict[str, Document] = {}

    def open(self, item: types.TextDocumentItem) -> Document:
        """Track a newly opened document (replacing any stale copy)."""
        document = Document(item.uri, item.text, item.version, item.language_id, self.encoding)
        self._open[item.uri] = document
        return document

    def get(self, uri: str) -> Document | None:
        """The open document at ``uri``, if any."""
        return self._open.get(uri)

    def close(self, uri: str) -> None:
        """Forget a closed document."""
        self._open.pop(uri, None)
