"""Explaining a writing rule in plain Chinese (``data/explanations.yaml``).

Each subject lists the words a question about it contains and the checker rules it is about;
the rule ids are checked against the style catalogue at load, so an explanation cannot drift
away from the rule it explains without a test noticing.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field, model_validator

from assistant.chat.replies import say
from assistant.tables import Table, load_table

DATA_FILE = Path(__file__).parent / "data" / "explanations.yaml"


class Subject(Table):
    """One subject the chat explains."""

    name: str = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)
    rules: tuple[str, ...]
    text: str = Field(min_length=1)


class Explanations(Table):
    """``data/explanations.yaml``."""

    subjects: tuple[Subject, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_rules(self) -> Explanations:
        from assistant.style.catalogue import load_rules

        known = {rule.id for rule in load_rules()}
        for subject in self.subjects:
            unknown = sorted(set(subject.rules) - known)
            if unknown:
                raise ValueError(f"{subject.name}: unknown rules {unknown}")
        return self


@functools.cache
def explanations() -> Explanations:
    """The explanations, validated (once per process)."""
    return load_table(DATA_FILE, Explanations)


def find_subject(text: str) -> str | None:
    """The subject whose longest word the text contains, if any."""
    best: tuple[int, str] | None = None
    for subject in explanations().subjects:
        for word in subject.words:
            if word in text and (best is None or len(word) > best[0]):
                best = (len(word), subject.name)
    return best[1] if best else None


def explain(name: str) -> str:
    """The explanation of a subject, or the list of subjects when it is unknown."""
    for subject in explanations().subjects:
        if subject.name == name:
            return subject.text.strip()
    names = "、".join(subject.name for subject in explanations().subjects)
    return say("explain_none", subjects=names)
