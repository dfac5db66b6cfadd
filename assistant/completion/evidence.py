"""The draft as evidence: what the writer typed earlier in this draft predicts what they type now.

Writers repeat their own unit's name, their projects and their phrases; the corpus cannot know
them. Before the cursor, the draft is searched for earlier occurrences of the last characters
typed (at least ``MIN_CONTEXT``); each occurrence is extended backwards as far as it agrees with
the text before the cursor, and the occurrences agreeing longest vote for the character that
followed them (`assistant.completion.phrase_model` adds the votes to its own counts). The draft's
own names may come back this way (they are the writer's); figures never do: digits do not vote,
nor do characters outside the Basic Multilingual Plane (the model's text holds none: `normalize`
makes them ``□``, and its suffix keys pack 16-bit code units).
"""

from __future__ import annotations

from collections import Counter

from assistant.completion.phrase_model import Distribution

MIN_CONTEXT = 2
MAX_AGREEMENT = 32
WINDOW = 20000  # characters of the draft searched, counted back from the cursor
MAX_OCCURRENCES = 256
REPEATED = 2
SILENT = frozenset("\n\r0123456789０１２３４５６７８９")
LAST_BMP = 0xFFFF


def _agreement(draft: str, end: int, typed: str) -> int:
    """How many characters before ``end`` in the draft agree with the end of ``typed``."""
    size = 0
    limit = min(MAX_AGREEMENT, end, len(typed))
    while size < limit and draft[end - 1 - size] == typed[-1 - size]:
        size += 1
    return size


class DraftEvidence:
    """The draft before the cursor, searched for what followed the cursor's context before."""

    def __init__(self, draft: str) -> None:
        self.draft = draft[-WINDOW:]

    def votes(self, typed: str) -> tuple[int, Counter[str]]:
        """The longest agreement with the end of ``typed`` and what followed those occurrences.

        ``typed`` is the draft before the cursor plus what a continuation has grown so far; an
        occurrence is earlier text of the draft, never the characters just typed.
        """
        if len(typed) < MIN_CONTEXT:
            return 0, Counter()
        draft, key = self.draft, typed[-MIN_CONTEXT:]
        best, votes, bound = 0, Counter[str](), len(draft)
        for _ in range(MAX_OCCURRENCES):
            position = draft.rfind(key, 0, bound)
            if position < 0:
                break
            bound = position + MIN_CONTEXT - 1
            end = position + MIN_CONTEXT
            following = draft[end] if end < len(draft) else ""
            if not following or following in SILENT or ord(following) > LAST_BMP:
                continue
            size = _agreement(draft, end, typed)
            if size > best:
                best, votes = size, Counter()
            if size == best:
                votes[following] += 1
        return best, votes

    def distribution(self, typed: str, minimum: int, cap: int) -> Distribution | None:
        """The votes as a distribution, their agreement counted up to ``cap`` characters.

        None when the occurrences agree over fewer than ``minimum`` characters, unless at least
        ``REPEATED`` of them all continue the same way (a name the writer keeps using).
        """
        agreed, votes = self.votes(typed)
        unanimous = len(votes) == 1 and sum(votes.values()) >= REPEATED
        if not votes or (agreed < minimum and not (unanimous and agreed >= MIN_CONTEXT)):
            return None
        weights = {char: float(n) for char, n in votes.items()}
        return Distribution(min(agreed, cap), weights, frozenset(weights), searched=len(self.draft))
