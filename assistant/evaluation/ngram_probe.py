"""The issue's anchor: a character n-gram model that continues the clause while one path dominates.

Issue 14 measured this probe before the phrase model existed (11.0% of keystrokes saved, 37% of
offers accepted, leave one State Council report out), so every keystroke replay runs it beside
the product in the same run. Counts of the character after every context of 4 to 6 characters
(within a line); at the cursor the longest context seen proposes its most frequent next
character, greedily, up to and including a clause mark ``，。；：、``. A step is taken only while
its character clearly dominates (at least ``MIN_COUNT`` occurrences and ``DOMINANCE`` of them);
what was made by then is offered when it has at least two characters. (These two settings
reproduce the issue's figures best: 10.4% and 38% on a sample of four reports.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

ORDERS = (6, 5, 4)
STOPS = "，。；：、"
MIN_COUNT = 2
DOMINANCE = 0.55
MAX_CHARS = 24
MIN_OFFER = 2


def _counts(texts: Iterable[str]) -> dict[str, dict[str, int]]:
    """Context -> next character -> count.

    Plain dicts: a `Counter` per context is slow to make by the million; the few contexts
    asked about become Counters when read.
    """
    lines = [line for text in texts for line in text.splitlines()]
    table: dict[str, dict[str, int]] = {}
    for order in ORDERS:
        grams = Counter(
            line[end - order : end + 1] for line in lines for end in range(order, len(line))
        )
        for gram, count in grams.items():
            following = table.get(gram[:-1])
            if following is None:
                table[gram[:-1]] = {gram[-1]: count}
            else:
                following[gram[-1]] = following.get(gram[-1], 0) + count
    return table


class NgramProbe:
    """Counts of the next character after every 4-6 character context of the training texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.next = _counts(texts)
        self.removed: dict[str, dict[str, int]] = {}

    def without(self, texts: Iterable[str]) -> NgramProbe:
        """The probe of the same texts less ``texts`` (which must be among them), cheaply."""
        probe = NgramProbe(())
        probe.next, probe.removed = self.next, _counts(texts)
        return probe

    def _counts_after(self, context: str) -> Counter[str] | None:
        counts = self.next.get(context)
        if counts is None:
            return None
        removed = self.removed.get(context)
        return Counter(counts) - Counter(removed) if removed else Counter(counts)

    def _step(self, history: str) -> str | None:
        for order in ORDERS:
            counts = self._counts_after(history[-order:]) if len(history) >= order else None
            if counts:
                char, count = counts.most_common(1)[0]
                dominant = count >= MIN_COUNT and count >= DOMINANCE * counts.total()
                return char if dominant else None
        return None

    def complete(self, draft: str) -> str | None:
        """The dominant continuation of the draft's line (up to a clause mark), or None."""
        history = draft[draft.rfind("\n") + 1 :]
        made = ""
        while len(made) < MAX_CHARS:
            char = self._step(history + made)
            if char is None:
                break
            made += char
            if char in STOPS:
                break
        return made if len(made) >= MIN_OFFER else None
