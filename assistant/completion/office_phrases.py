"""The writer's office profile as a small phrase model of its own.

An office the corpus lacks still has a profile (`assistant.genre.profiles`): its lines of work
with their phrasing, its typical problems and next steps, all written with slots for the facts.
When the draft's office is known, that text joins the register model as one more source of the
next character (`assistant.completion.phrase_model.next_step`), weighted by the ranking file's
``profile_weight``. Built once per profile, on first use.
"""

from __future__ import annotations

import functools

from assistant.completion.phrase_model import PhraseModel
from assistant.genre.profiles import OfficeProfile, office_profiles


def profile_texts(profile: OfficeProfile) -> list[str]:
    """The profile's headings, phrasing patterns, problems and next steps, one per line."""
    lines = [f"{line.heading}\n" + "\n".join(line.phrasing) for line in profile.lines_of_work]
    return lines + list(profile.problems) + list(profile.next_steps)


@functools.cache
def profile_model(key: str) -> PhraseModel:
    """The phrase model of one profile's text (the assistant's own data: trusted)."""
    text = "\n".join(profile_texts(office_profiles()[key]))
    return PhraseModel.from_documents([(text, 1.0)], trusted=True)
