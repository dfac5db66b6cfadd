"""A character model of the official register: what comes next after the last few characters.

Built from de-identified text (every ingested document and the register corpus, names and
figures as slots), deduplicated into distinct sentences, each with its weighted count and the
number of documents it occurs in. The sentences are joined into one text, each preceded by a
separator (so a sentence start can be asked for), and every position is indexed by the eight
characters starting there (`assistant.completion.prefix_index.SuffixKeys`).

Asked for the next character after a context, the model takes the longest ending of the context
(eight characters at most, ``min_context`` at least) that occurs and counts the characters that
follow it, each occurrence weighted by its sentence's count; the best one gets the probability
``weight / (total + escape)``, the escape (``escape_per_kind`` per distinct next character plus
``escape_base``, knobs of the ranking file) being the share kept for what the model has not seen
(PPM's method C). Votes from the draft itself (`assistant.completion.evidence`) join the counts
when they agree with at least as long a context. A character is taken only when at least two
documents (or the draft) support it, so a name the de-identification missed, being one unit's,
is never continued.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.completion.prefix_index import KEY_CHARS, SuffixKeys
from assistant.completion.sentences import normalize, raw_sentences
from assistant.corpus.text import SLOT
from assistant.ranking import ranking_table

SEPARATOR = "\x01"  # before every sentence; \x00 pads the end
SLOT_CHAR = "\ue000"  # every slot, one character
MAX_RANGE = 32768  # occurrences read per context at most (a larger range is sampled evenly)
MIN_SENTENCE = 4


def encode(text: str) -> str:
    """Normalised text with every slot as one character (how contexts are looked up)."""
    text = normalize(text)
    return SLOT.sub(SLOT_CHAR, text) if "〔" in text else text


@dataclass(frozen=True)
class Step:
    """One character of a continuation and how sure the model is of it."""

    char: str
    probability: float  # of this character given everything before it
    context: int  # characters of context the prediction rests on


@dataclass
class SentenceStats:
    """How often a distinct sentence occurs (weighted) and in how many documents."""

    count: float
    document: int  # the first document it was seen in
    documents: int


def _escape(kinds: int) -> float:
    knobs = ranking_table().completion.phrase
    return knobs.escape_per_kind * kinds + knobs.escape_base


class PhraseModel:
    """Next-character counts over a set of distinct sentences."""

    def __init__(self, sentences: dict[str, SentenceStats]) -> None:
        units = sorted(sentences)
        stats = [sentences[unit] for unit in units]
        count = len(units)
        self.size = count
        self.text = "".join(SEPARATOR + unit for unit in units) + "\x00" * (KEY_CHARS + 1)
        lengths = np.fromiter((len(u) + 1 for u in units), dtype=np.int64, count=count)
        self.starts = np.concatenate(([0], np.cumsum(lengths)))[:-1]
        self.counts = np.fromiter((s.count for s in stats), dtype=np.float64, count=count)
        self.first = np.fromiter((s.document for s in stats), dtype=np.int32, count=count)
        self.shared = np.fromiter((s.documents > 1 for s in stats), dtype=bool, count=count)
        self.codes = np.frombuffer(self.text.encode("utf-16-le"), dtype=np.uint16)
        self.keys = SuffixKeys(self.text, self.codes, np.flatnonzero(self.codes))

    @classmethod
    def from_documents(cls, documents: Iterable[tuple[str, float]]) -> PhraseModel:
        """The model of de-identified texts: one string per document, with its weight."""
        sentences: dict[str, SentenceStats] = {}
        for number, (text, weight) in enumerate(documents):
            seen: set[str] = set()
            for raw in raw_sentences(text):
                unit = encode(raw)
                if len(unit) < MIN_SENTENCE:
                    continue
                stats = sentences.get(unit)
                if stats is None:
                    sentences[unit] = SentenceStats(weight, number, 1)
                elif unit in seen:
                    stats.count += weight
                else:
                    stats.count += weight
                    stats.documents += 1
                seen.add(unit)
        return cls(sentences)

    def __len__(self) -> int:
        return self.size

    @property
    def nbytes(self) -> int:
        """Memory held by the model's arrays and text (bytes, approximately)."""
        arrays = (self.starts, self.counts, self.first, self.shared, self.codes)
        return int(sum(a.nbytes for a in arrays)) + self.keys.nbytes + len(self.text) * 2

    def _occurrences(self, context: str) -> tuple[int, npt.NDArray[np.int64]] | None:
        """The longest matching context length and the positions following it."""
        shortest = ranking_table().completion.phrase.min_context
        for size in range(min(KEY_CHARS, len(context)), shortest - 1, -1):
            lo, hi = self.keys.range(context[-size:])
            if lo < hi:
                step = max(1, (hi - lo) // MAX_RANGE)
                positions = self.keys.positions[lo:hi:step].astype(np.int64) + size
                return size, positions
        return None

    def next_step(
        self, context: str, votes: Mapping[str, float] | None = None, agreed: int = 0
    ) -> Step | None:
        """The most likely character after ``context`` (encoded), or None when unsupported.

        ``votes`` are the draft's next characters after an ending of ``agreed`` characters
        (`assistant.completion.evidence`); they count when no shorter than the model's context.
        """
        found = self._occurrences(context)
        if found is None:
            if not votes:
                return None
            char, weight = max(votes.items(), key=lambda item: (item[1], item[0]))
            return Step(char, weight / (sum(votes.values()) + _escape(len(votes))), agreed)
        size, positions = found
        units = np.searchsorted(self.starts, positions, side="right") - 1
        kinds, inverse = np.unique(self.codes[positions], return_inverse=True)
        sums = np.bincount(inverse, weights=self.counts[units])
        merged = {chr(int(code)): float(weight) for code, weight in zip(kinds, sums, strict=True)}
        if votes and agreed >= size:
            for char, weight in votes.items():
                merged[char] = merged.get(char, 0.0) + weight
        char, weight = max(merged.items(), key=lambda item: (item[1], item[0]))
        probability = weight / (sum(merged.values()) + _escape(len(merged)))
        if votes and agreed >= size and char in votes:
            return Step(char, probability, max(size, agreed))
        supporting = units[inverse == int(np.searchsorted(kinds, ord(char)))]
        if not self.shared[supporting].any():
            documents = self.first[supporting]
            if documents.min() == documents.max():
                return None
        return Step(char, probability, size)
