"""The rest of the text being typed, from the phrase model, the draft and the office profile.

A continuation is grown one character at a time (`phrase_model.next_step` over three sources:
the register model, the draft's own earlier text, `assistant.completion.evidence`, and the
writer's office profile, `assistant.completion.office_phrases`): its score after each character
is the product of the step probabilities, and growth stops at a slot or a digit (a figure or a
name is the writer's), a line end, a sentence end (kept) or when the score falls below the
ranking file's ``floor``. Of the prefixes grown, the one offered is worth most (`offer_worth`:
the keys it would save, ``score x (length - 1)``, and how far its score clears ``min_score``)
among those worth offering that end a word (`word_ends`) and that none of the never-do rules
(`assistant.completion.guards`) forbids; a prefix reaching into an out-of-date formula of the
whole continuation is forbidden too (the formula is not offered piecemeal).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.completion.evidence import DraftEvidence
from assistant.completion.facts import DraftFacts
from assistant.completion.guards import allowed, common_words, dated_spans
from assistant.completion.office_phrases import profile_model
from assistant.completion.phrase_model import (
    SEPARATOR,
    SLOT_CHAR,
    Distribution,
    PhraseModel,
    next_step,
)
from assistant.completion.prefix_index import KEY_CHARS
from assistant.completion.sentences import BOUNDARIES, TERMINATORS
from assistant.completion.suggestion import Suggestion
from assistant.corpus.jieba_dictionary import ready_jieba
from assistant.ranking import ranking_table

ENDS = frozenset((SEPARATOR, SLOT_CHAR, "\x00", "\n", "\r"))
OPENERS = frozenset(SEPARATOR + BOUNDARIES + "、")  # what a clause (or list item) follows
MODEL_SOURCE = "phrases"
DRAFT_SOURCE = "draft"
WORD_CONTEXT = 8  # characters typed before a continuation read with it for word ends


@dataclass(frozen=True)
class Grown:
    """One character of a continuation, the score so far and whether the draft voted for it."""

    char: str
    score: float
    own: bool
    shared: bool


def _scaled(source: Distribution | None, weight: float) -> Distribution | None:
    if source is None:
        return None
    return replace(source, weights={c: w * weight for c, w in source.weights.items()})


def grow(model: PhraseModel, context: str, draft: str, facts: DraftFacts) -> list[Grown]:
    """Characters after ``context`` (encoded; ``draft`` is the raw text before the cursor)."""
    knobs = ranking_table().completion.phrase
    evidence = DraftEvidence(draft)
    office = profile_model(facts.profile.key) if facts.profile is not None else None
    grown: list[Grown] = []
    score = 1.0
    typed = draft
    while len(grown) < knobs.max_chars:
        own = evidence.distribution(typed, knobs.draft_min_agreement, KEY_CHARS)
        others = [
            _scaled(own, knobs.draft_weight),
            _scaled(office.distribution(context), knobs.profile_weight) if office else None,
        ]
        step = next_step(model.distribution(context), others, context[-1] in OPENERS)
        if step is None or step.char in ENDS or step.char.isdigit():
            break
        score *= step.probability
        if score < knobs.floor:
            break
        voted = own is not None and step.char in own.weights
        grown.append(Grown(step.char, score, voted, step.shared))
        context += step.char
        typed += step.char
        if step.char in TERMINATORS:
            break
    return grown


def offer_worth(score: float, size: int) -> float:
    """What offering ``size`` characters with this ``score`` is worth; offered when positive.

    The keys it is expected to save, ``score x (size - 1)``, plus ``offer_gain`` times how far
    the score clears ``min_score`` (the accept rate aimed at): a long continuation may be
    offered a little below it, a short one needs more. Never below the floor ``min_offer``.
    """
    ranking = ranking_table().completion
    if score < ranking.phrase.min_offer:
        return 0.0
    return score * (size - 1) + ranking.phrase.offer_gain * (score - ranking.min_score)


def word_ends(typed: str, text: str) -> set[int]:
    """The lengths of ``text`` that end a word (jieba's cut of it read after ``typed``).

    An offer stops at a word's end: ``隆`` + ``重庆祝`` is offered whole, never ``重庆``.
    """
    tail = typed[-WORD_CONTEXT:]
    ends, position = set(), -len(tail)
    for word in ready_jieba().cut(tail + text):
        position += len(word)
        if position > 0:
            ends.add(position)
    return ends


def continuation(
    model: PhraseModel, context: str, draft: str, typed: str, facts: DraftFacts
) -> Suggestion | None:
    """The best continuation to offer after the sentence ``typed``, or None."""
    grown = grow(model, context, draft, facts)
    text = "".join(item.char for item in grown)
    ends = word_ends(typed, text)
    cuts = [
        (worth, size, item.score)
        for size, item in enumerate(grown, start=1)
        if size >= 2 and size in ends and (worth := offer_worth(item.score, size)) > 0
    ]
    dated = dated_spans(typed, text, facts.year)  # a formula cut short is still that formula
    for _, size, score in sorted(cuts, reverse=True):
        if any(start < size for start, _ in dated):
            continue
        alone = not all(item.shared for item in grown[:size])
        if alone and not common_words(text[:size]):
            continue
        if allowed(typed, text[:size], facts):
            own = any(item.own for item in grown[:size])
            return Suggestion(text[:size], DRAFT_SOURCE if own else MODEL_SOURCE, round(score, 4))
    return None
