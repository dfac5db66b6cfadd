"""A suffix-key index: every occurrence of a query of up to 8 characters in one binary search.

Chosen positions of a text are sorted by the 8 characters starting there, so every occurrence of
a query of up to 8 characters is one contiguous range found by binary search: numpy's
`searchsorted` on the first four characters packed into a 64-bit key, then `bisect` on the text
for the next four. Memory is about 12 bytes per indexed position; nothing is computed per
keystroke beyond a few binary searches. The phrase model (`assistant.completion.phrase_model`)
indexes every character of its text this way.
"""

from __future__ import annotations

import bisect

import numpy as np
import numpy.typing as npt

KEY_CHARS = 8
HALF = KEY_CHARS // 2
SEPARATOR = "\x00"

Keys = npt.NDArray[np.uint64]
Positions = npt.NDArray[np.int64] | npt.NDArray[np.int32]


def _pack(codes: list[int]) -> np.uint64:
    value = 0
    for code in codes:
        value = (value << 16) | code
    return np.uint64(value)


def _bounds(query: str) -> tuple[np.uint64, np.uint64]:
    """Smallest and largest key of the (at most 4-character) prefix ``query``."""
    codes = [ord(char) for char in query]
    pad = HALF - len(codes)
    return _pack(codes + [0] * pad), _pack(codes + [0xFFFF] * pad)


def _key(codes: npt.NDArray[np.uint16], positions: Positions, offset: int) -> Keys:
    """The four code units at ``positions + offset`` packed into one 64-bit key each."""
    key = codes[positions + offset].astype(np.uint64) << np.uint64(48)
    for shift, step in ((32, 1), (16, 2), (0, 3)):
        key |= codes[positions + offset + step].astype(np.uint64) << np.uint64(shift)
    return key


class SuffixKeys:
    """Positions of a text sorted by the 8 characters starting at each.

    Only the first four characters are kept as a packed key (binary search with numpy); ties
    are ordered by the next four, which a query longer than four characters bisects in the
    text itself. About 12 bytes per position.
    """

    def __init__(self, text: str, codes: npt.NDArray[np.uint16], positions: Positions) -> None:
        first = _key(codes, positions, 0)
        order = np.lexsort((_key(codes, positions, HALF), first))
        self.positions: Positions = positions[order].astype(np.int32)
        self._first: Keys = first[order]
        self._text = text

    def __len__(self) -> int:
        return len(self.positions)

    @property
    def nbytes(self) -> int:
        """Memory of the sorted positions and keys."""
        return int(self.positions.nbytes + self._first.nbytes)

    def range(self, query: str) -> tuple[int, int]:
        """The index range of positions where the text starts with ``query`` (<= 8 chars)."""
        head, tail = query[:HALF], query[HALF:KEY_CHARS]
        low, high = _bounds(head)
        lo = int(np.searchsorted(self._first, low, side="left"))
        hi = int(np.searchsorted(self._first, high, side="right"))
        if not tail or lo >= hi:
            return lo, hi
        text, positions, size = self._text, self.positions, len(tail)

        def following(index: int) -> str:
            start = int(positions[index]) + HALF
            return text[start : start + size]

        window = range(lo, hi)
        return (
            lo + bisect.bisect_left(window, tail, key=following),
            lo + bisect.bisect_right(window, tail, key=following),
        )
