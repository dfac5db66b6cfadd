"""Turning character offsets into 1-based lines and columns."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Line starts of one text, for offset -> (line, column) lookups."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self.starts = starts  # offset of each line's first character

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in characters) of ``offset``."""
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
