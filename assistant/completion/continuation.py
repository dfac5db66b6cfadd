"""The rest of the text being typed, from the phrase model and the draft's own evidence.

A continuation is grown one character at a time (`PhraseModel.next_step`, the draft's votes
joining in): its score after each character is the product of the step probabilities, and
growth stops at a slot (a figure or a name is the writer's), a line end, a sentence end (kept)
or when the score falls below the ranking file's ``floor``. Of the prefixes grown, the one
offered maximises the keys it would save, ``score x (length - 1)``, among those scoring at least
``min_score`` that none of the never-do rules (`assistant.completion.guards`) forbids.
"""

from __future__ import annotations

from assistant.completion.evidence import DraftEvidence
from assistant.completion.facts import DraftFacts
from assistant.completion.guards import allowed
from assistant.completion.phrase_model import SEPARATOR, SLOT_CHAR, PhraseModel, Step
from assistant.completion.sentences import TERMINATORS
from assistant.completion.suggestion import Suggestion
from assistant.ranking import ranking_table

ENDS = frozenset((SEPARATOR, SLOT_CHAR, "\x00", "\n", "\r"))
MODEL_SOURCE = "phrases"
DRAFT_SOURCE = "draft"


def grow(model: PhraseModel, context: str, draft: str) -> list[tuple[Step, float, bool]]:
    """Steps after ``context`` (encoded) with the score so far and whether the draft voted."""
    knobs = ranking_table().completion.phrase
    evidence = DraftEvidence(draft)
    grown: list[tuple[Step, float, bool]] = []
    score = 1.0
    typed = draft
    while len(grown) < knobs.max_chars:
        agreed, votes = evidence.votes(typed)
        if agreed < knobs.draft_min_agreement:
            votes.clear()
        weighted = {char: count * knobs.draft_weight for char, count in votes.items()}
        step = model.next_step(context, weighted, agreed)
        if step is None or step.char in ENDS:
            break
        score *= step.probability
        if score < knobs.floor:
            break
        grown.append((step, score, step.char in weighted))
        context += step.char
        typed += step.char
        if step.char in TERMINATORS:
            break
    return grown


def continuation(
    model: PhraseModel, context: str, draft: str, typed: str, facts: DraftFacts
) -> Suggestion | None:
    """The best continuation to offer after the sentence ``typed``, or None."""
    grown = grow(model, context, draft)
    minimum = ranking_table().completion.min_score
    text = "".join(step.char for step, _, _ in grown)
    cuts = [
        (score * (size - 1), size, score)
        for size, (_, score, _) in enumerate(grown, start=1)
        if size >= 2 and score >= minimum
    ]
    for _, size, score in sorted(cuts, reverse=True):
        if allowed(typed, text[:size], facts):
            own = any(voted for _, _, voted in grown[:size])
            return Suggestion(text[:size], DRAFT_SOURCE if own else MODEL_SOURCE, round(score, 4))
    return None
