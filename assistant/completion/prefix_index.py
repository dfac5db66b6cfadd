r"""A suffix-key index over distinct sentences (or heading titles) for instant continuation.

The distinct units are sorted and joined into one text with ``\x00`` between them. Chosen
positions (every character, or only clause starts) are sorted by the 8 characters starting
there, so every occurrence of a query of up to 8 characters is one contiguous range found by
binary search: numpy's `searchsorted` on the first four characters packed into a 64-bit key,
then `bisect` on the text for the next four. Matches longer than 8 characters are found by
extending a hit backwards against the typed text. Memory is about 12 bytes per indexed
position; nothing is computed per keystroke beyond a few binary searches and the candidates of
one range (sampled evenly when the range is large).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.completion.occurrences import Occurrences
from assistant.completion.sentences import CLAUSE_BREAKS

KEY_CHARS = 8
HALF = KEY_CHARS // 2
SEPARATOR = "\x00"
MAX_EXTENSION = 32  # how far back a hit is compared with the typed text
NEXT_CHARS = 2  # a large range is sampled once per distinct next two characters

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


def _common_prefix_length(first: str, second: str) -> int:
    size = min(len(first), len(second))
    for index in range(size):
        if first[index] != second[index]:
            return index
    return size


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

    def sample(self, lo: int, hi: int, cap: int, width: int) -> tuple[Positions, list[int]]:
        """At most ``cap`` positions of a range, with how many positions each stands for.

        A small range is taken whole. A large one gives the first position of each block of
        positions that agree on their first ``width`` (<= 8) characters, i.e. one per distinct
        continuation start, so a rare continuation is not drowned by a frequent one; the block
        size says how common the continuation is. Wider than the key, positions are spread
        evenly. Deterministic either way.
        """
        if hi - lo <= cap:
            return self.positions[lo:hi], [1] * (hi - lo)
        if width > KEY_CHARS:
            picks = lo + (np.arange(cap, dtype=np.int64) * (hi - lo)) // cap
            return self.positions[picks], [(hi - lo) // cap] * cap
        starts: list[int] = []
        sizes: list[int] = []
        index = lo
        while index < hi and len(starts) < cap:
            end = self._block_end(index, hi, width)
            starts.append(index)
            sizes.append(end - index)
            index = end
        return self.positions[starts], sizes

    def _block_end(self, index: int, hi: int, width: int) -> int:
        """The first index after ``index`` whose position differs in its first ``width`` chars."""
        text, positions = self._text, self.positions

        def head(i: int) -> str:
            start = int(positions[i])
            return text[start : start + width]

        block, step, low = head(index), 1, index
        while low + step < hi and head(low + step) == block:  # gallop, then bisect
            low, step = low + step, step * 2
        window = range(low, min(low + step, hi))
        return low + bisect.bisect_right(window, block, key=head)


@dataclass(frozen=True)
class PhraseHit:
    """An occurrence of the typed text in a unit, and where the continuation starts."""

    unit: int  # index into PhraseIndex.units
    start: int  # offset in the unit where the continuation begins
    matched: int  # characters of the typed text that agree with the unit before `start`
    anchored: bool  # the typed clause matches a whole clause start in the unit
    weight: int = 1  # how many units continue the same way (block size of a large range)


class PhraseIndex:
    """Distinct units with their occurrences, searchable by what precedes the cursor."""

    def __init__(self, units: dict[str, Occurrences]) -> None:
        self.units: list[str] = sorted(units)
        self.stats: list[Occurrences] = [units[text] for text in self.units]
        self.text = SEPARATOR.join(self.units) + SEPARATOR * (KEY_CHARS + 1)
        lengths = np.fromiter((len(u) + 1 for u in self.units), dtype=np.int64, count=len(units))
        self.starts: Positions = np.concatenate(([0], np.cumsum(lengths)))
        codes = np.frombuffer(self.text.encode("utf-16-le"), dtype=np.uint16)
        everywhere: Positions = np.flatnonzero(codes)
        self.everywhere = SuffixKeys(self.text, codes, everywhere)
        self.clauses = SuffixKeys(self.text, codes, self._clause_positions(codes, everywhere))

    @staticmethod
    def _clause_positions(raw: npt.NDArray[np.uint16], everywhere: Positions) -> Positions:
        previous = np.concatenate(([0], raw[:-1]))[everywhere]
        breaks = np.array([ord(char) for char in CLAUSE_BREAKS + SEPARATOR], dtype=np.uint16)
        return everywhere[np.isin(previous, breaks)]

    def __len__(self) -> int:
        return len(self.units)

    def _hits(
        self, sample: tuple[Positions, list[int]], typed: str, matched: int, anchored: bool
    ) -> list[PhraseHit]:
        """Hits at ``positions`` where the last ``matched`` typed characters start.

        The match is extended backwards against the typed text when it may be longer (a full
        key or a clause start); otherwise a hit whose previous character also agrees is left
        out, as a longer query has found it already.
        """
        positions, weights = sample
        units = (np.searchsorted(self.starts, positions, side="right") - 1).tolist()
        text = self.text
        extend = anchored or matched == KEY_CHARS
        before = typed[:-matched][::-1][:MAX_EXTENSION] if matched < len(typed) else ""
        hits = []
        for position, unit, weight in zip(positions.tolist(), units, weights, strict=True):
            extra = 0
            if before and extend:
                back = text[max(0, position - MAX_EXTENSION) : position][::-1]
                extra = _common_prefix_length(before, back)
            elif before and position and text[position - 1] == before[0]:
                continue
            start = position - int(self.starts[unit]) + matched
            hits.append(PhraseHit(unit, start, matched + extra, anchored, weight))
        return hits

    def anchored(self, typed: str, clause: str, cap: int) -> list[PhraseHit]:
        """Units with a clause that starts with the whole typed ``clause``."""
        lo, hi = self.clauses.range(clause[:KEY_CHARS])
        if lo >= hi:
            return []
        positions, weights = self.clauses.sample(lo, hi, cap, len(clause) + NEXT_CHARS)
        if len(clause) > KEY_CHARS:
            text, size = self.text, len(clause)
            keep = [i for i, p in enumerate(positions.tolist()) if text[p : p + size] == clause]
            positions, weights = positions[keep], [weights[i] for i in keep]
        return self._hits((positions, weights), typed, len(clause), anchored=True)

    def anywhere(self, typed: str, min_match: int, cap: int, enough: int) -> list[PhraseHit]:
        """Units containing the end of ``typed``: the longest match first, shorter ones after.

        Stops at the first length that, with the longer ones, gave ``enough`` hits.
        """
        hits: list[PhraseHit] = []
        for size in range(min(KEY_CHARS, len(typed)), min_match - 1, -1):
            lo, hi = self.everywhere.range(typed[-size:])
            if lo < hi:
                sample = self.everywhere.sample(lo, hi, cap, size + NEXT_CHARS)
                hits += self._hits(sample, typed, size, False)
            if len(hits) >= enough:
                break
        return hits

    def rest(self, hit: PhraseHit) -> str:
        """The unit's text after the hit."""
        return self.units[hit.unit][hit.start :]
