r"""Character offsets <-> LSP positions, which count code units of the negotiated encoding.

Python indexes strings by code point; LSP counts UTF-16 code units by default, so a character
outside the BMP (``𠀀``, emoji) is one character here and two units there. Line breaks are
``\n``, ``\r\n`` and ``\r`` only, as the protocol says (not ``str.splitlines``' extra ones).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from lsprotocol import types

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def split_lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its line break (the last one may have none)."""
    start = 0
    for match in _BREAK.finditer(text):
        yield text[start : match.end()]
        start = match.end()
    if start < len(text) or not text:
        yield text[start:]


class LineMap:
    """Line starts of one text, for conversions both ways in one encoding."""

    __slots__ = ("_ends", "_starts", "encoding", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self._starts = [0]
        self._ends: list[int] = []  # offset of each line's break (or of the text's end)
        for match in _BREAK.finditer(text):
            self._ends.append(match.start())
            self._starts.append(match.end())
        self._ends.append(len(text))

    @property
    def line_count(self) -> int:
        """Lines in the text (an empty text and a text ending in a break count the last one)."""
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of ``line`` (the text's length past the last line)."""
        return self._starts[line] if line < len(self._starts) else len(self.text)

    def position(self, offset: int) -> types.Position:
        """The position of character ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        offset = min(offset, self._ends[line])  # inside a \r\n: at the break
        return types.Position(line, code_units(self.text[start:offset], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        """The range of characters ``start`` to ``end``."""
        return types.Range(self.position(start), self.position(end))

    def offset(self, position: types.Position) -> int:
        """The character offset of ``position``.

        A line past the end means the end of the text; a character past the line's end means
        its end (as the protocol says); one inside a character's units means that character.
        """
        if position.line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[position.line], self._ends[position.line]
        wanted = max(0, position.character)
        line = self.text[start:end]
        if code_units(line, self.encoding) == len(line):  # one unit per character
            return start + min(wanted, len(line))
        units = 0
        for index, char in enumerate(line):
            units += code_units(char, self.encoding)
            if units > wanted:
                return start + index
        return end
