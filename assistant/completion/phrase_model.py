"""A character model of the official register: what comes next after the last few characters.

Built from de-identified text (every ingested document and the register corpus, names and
figures as slots), deduplicated into distinct sentences, each with its weighted count and the
number of documents it occurs in. The sentences are joined into one text, each preceded by a
separator (so a sentence start can be asked for), and every position is indexed by the eight
characters starting there (`assistant.completion.prefix_index.SuffixKeys`).

Asked for the next character after a context, the model takes the longest ending of the context
(eight characters at most, ``min_context`` at least) that occurs and counts the characters that
follow it, each occurrence weighted by its sentence's count; the best one gets the probability
``weight / (total + escape)``, the escape (`escape`: ``escape_per_rival`` per distinct next
character beyond the first, ``escape_base``, and ``escape_per_short`` per character the context
falls short of eight; knobs of the ranking file) being the share kept for what the model has not
seen (PPM's method C, made wary of short contexts and of contexts with rivals). Other sources (the
draft itself, `assistant.completion.evidence`; the writer's office profile, a small model of its
own) join in `next_step`: the sources that matched the longest context decide, and the register
is surer when another source puts the same character first. Each step says
whether two documents (or the writer's own draft or profile) support it: a name the
de-identification missed is one unit's, so a continuation resting on one document is offered only
when it is made of common words (`assistant.completion.guards.common_words`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.completion.prefix_index import KEY_CHARS, SuffixKeys
from assistant.completion.sentences import normalize, raw_sentences
from assistant.corpus.text import SLOT
from assistant.ranking import ranking_table

_UNSEEN = object()
SEPARATOR = "\x01"  # before every sentence; \x00 pads the end
SLOT_CHAR = "\ue000"  # every slot, one character
MAX_RANGE = 2048  # occurrences read per context at most (a larger range is sampled evenly)
CACHE_SIZE = 50_000  # distributions kept per model (by context ending)
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
    shared: bool = True  # two documents (or the writer's draft or profile) stand behind it


@dataclass
class SentenceStats:
    """How often a distinct sentence occurs (weighted) and in how many documents."""

    count: float
    document: int  # the first document it was seen in
    documents: int


class PhraseModel:
    """Next-character counts over a set of distinct sentences."""

    def __init__(self, sentences: dict[str, SentenceStats], trusted: bool = False) -> None:
        self.trusted = trusted  # the assistant's own data: one document is enough
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
        self._cache: dict[str, Distribution | object | None] = {}

    @classmethod
    def from_documents(
        cls, documents: Iterable[tuple[str, float]], trusted: bool = False
    ) -> PhraseModel:
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
        return cls(sentences, trusted)

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

    def distribution(self, context: str) -> Distribution | None:
        """The characters seen after the longest ending of ``context`` (encoded), weighted.

        Kept per context ending (a writer's next keystroke asks for the same contexts again).
        """
        key = context[-KEY_CHARS:]
        cached = self._cache.get(key, _UNSEEN)
        if cached is not _UNSEEN:
            return cached if isinstance(cached, Distribution) else None
        found = self._distribution(key)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = found
        return found

    def _distribution(self, context: str) -> Distribution | None:
        found = self._occurrences(context)
        if found is None:
            return None
        size, positions = found
        units = np.searchsorted(self.starts, positions, side="right") - 1
        kinds, inverse = np.unique(self.codes[positions], return_inverse=True)
        sums = np.bincount(inverse, weights=self.counts[units])
        weights = {chr(int(code)): float(weight) for code, weight in zip(kinds, sums, strict=True)}
        if self.trusted:
            return Distribution(size, weights, frozenset(weights), register=False)
        shared = np.bincount(inverse, weights=self.shared[units], minlength=len(kinds)) > 0
        documents = self.first[units]
        lowest = np.full(len(kinds), np.iinfo(np.int32).max, dtype=np.int32)
        highest = np.full(len(kinds), -1, dtype=np.int32)
        np.minimum.at(lowest, inverse, documents)
        np.maximum.at(highest, inverse, documents)
        backed = shared | (lowest != highest)
        chars = frozenset(chr(int(code)) for code, ok in zip(kinds, backed, strict=True) if ok)
        return Distribution(size, weights, chars, register=True)


@dataclass(frozen=True)
class Distribution:
    """What followed a context: its length, each character's weight, and which are backed.

    ``backed``: the characters two documents (or the writer's own draft or profile) stand
    behind; ``register``: whether the counts are the register's (they have their own escape);
    ``searched``: the characters of the draft searched for the context (chance matches grow
    with it).
    """

    context: int
    weights: dict[str, float]
    backed: frozenset[str]
    register: bool = False
    searched: int = 0


def escape(kinds: int, register: bool, context: int = KEY_CHARS, searched: int = 0) -> float:
    """The weight kept for unseen characters when ``kinds`` distinct ones were seen.

    The register's escape grows with each rival of the first character seen and with each
    character the matched ``context`` falls short of ``KEY_CHARS`` (a short context is weak
    evidence: measured leave one out, a continuation seen once after two characters is right
    about two times in five, after eight three times in four). The evidence of the draft or
    profile has its own escape, growing with each character the context falls short of
    ``KEY_CHARS`` per thousand characters ``searched`` (a short match in a long draft may be
    chance: in a 20,000-character report a four-character one is right two times in five).
    """
    knobs = ranking_table().completion.phrase
    short = max(0, KEY_CHARS - context)
    if register:
        rivals = max(0, kinds - 1)
        return knobs.escape_per_rival * rivals + knobs.escape_base + knobs.escape_per_short * short
    chance = knobs.evidence_escape_per_search * short * searched / 1000
    return knobs.evidence_escape_per_kind * kinds + knobs.evidence_escape_base + chance


def next_step(
    main: Distribution | None, others: Sequence[Distribution | None], opening: bool = False
) -> Step | None:
    """The next character by the register's counts and the other sources' that join them.

    The sources that matched the longest context decide, their weights added. The character must be
    supported (`Distribution.shared`) by a source that saw it. When the register decides and the
    draft or profile also puts that character first (after however short a context), the escape
    is multiplied by ``agreement_escape``: two sources agreeing are surer than one. A step
    ``opening`` a clause (right after a clause mark or at a sentence start) adds
    ``clause_escape``: which word opens the next clause the context before the mark says little.
    """
    present = [s for s in (main, *others) if s is not None and s.weights]
    if not present:
        return None
    longest = max(source.context for source in present)
    chosen = [source for source in present if source.context == longest]
    merged: dict[str, float] = {}
    for source in chosen:
        for char, weight in source.weights.items():
            merged[char] = merged.get(char, 0.0) + weight
    char = _top(merged)
    weight = merged[char]
    shared = any(char in source.backed for source in chosen)
    register = any(source.register for source in chosen)
    searched = max(source.searched for source in chosen)
    kept = escape(len(merged), register, longest, searched)
    knobs = ranking_table().completion.phrase
    if register and any(not s.register and _top(s.weights) == char for s in present):
        kept *= knobs.agreement_escape
    if opening:
        kept += knobs.clause_escape
    return Step(char, weight / (sum(merged.values()) + kept), longest, shared)


def _top(weights: dict[str, float]) -> str:
    """The character weighing most (a tie goes to the greater character)."""
    return max(weights.items(), key=lambda item: (item[1], item[0]))[0]
