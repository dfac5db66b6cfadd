"""Autocomplete that saves typing: a phrase model of the register, the draft, and the genre.

``Completer.from_chunks(chunks)`` builds, once, a character model of the official register
(`assistant.completion.phrase_model`) from every indexed document and the register corpus
shipped with the package (`assistant.completion.register`), de-identified: names and figures
are slots and are never suggested. No embedding model is involved, at load or per keystroke.
``complete(text, ...)`` reads the draft before the cursor (`assistant.completion.draft`,
`assistant.completion.facts`) and gathers:

- structure (`assistant.completion.structure`): the next heading number, the heading the genre
  expects after a top-level number (problems after achievements, the plans heading of the
  draft's period), the rest of a genre or office-profile heading partly typed, ``二是`` after a
  finished ``一是……。``;
- the rest of the text being typed (`assistant.completion.continuation`): the phrase model,
  with what the writer typed earlier in this draft as evidence (their unit's name, their
  projects come back when they start them).

Confidence, not volume: every suggestion carries its score (an estimate of the chance that it is
exactly what the writer types next) and only those scoring at least the ranking file's
``completion.min_score`` are offered, best first; an editor's inline completion shows the first.
The never-do rules (`assistant.completion.guards`) apply to all: nothing right after a digit,
nothing that repeats what is typed or crosses a sentence end, no other office's line of work,
no formula out of date for the draft's year. Text already following the cursor (``suffix``) is
not suggested again. Ties are broken by text then source: the same request always gives the
same answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from assistant.completion.continuation import continuation
from assistant.completion.draft import read_cursor
from assistant.completion.facts import draft_facts
from assistant.completion.guards import allowed, inside_number
from assistant.completion.phrase_model import SEPARATOR, PhraseModel, encode
from assistant.completion.register import RegisterDocument, register_documents
from assistant.completion.sentences import TERMINATORS, has_content, normalize
from assistant.completion.structure import (
    heading_finish,
    heading_start,
    next_marker,
    numbering,
    title_ending,
    title_finished,
)
from assistant.completion.suggestion import Suggestion
from assistant.completion.training import training_texts
from assistant.corpus.jieba_dictionary import ready_jieba
from assistant.index.chunks import Chunk
from assistant.ranking import ranking_table

__all__ = ["Completer", "Suggestion"]


class Completer:
    """Autocomplete over a phrase model built once."""

    def __init__(self, model: PhraseModel, build_seconds: float = 0.0) -> None:
        self.model = model
        self.build_seconds = build_seconds

    @classmethod
    def from_chunks(
        cls, chunks: Iterable[Chunk], register: Sequence[RegisterDocument] | None = None
    ) -> Completer:
        """Build the model from the chunks and the register (the whole register by default)."""
        start = time.perf_counter()
        ready_jieba()  # the rare-word guard's dictionary, loaded now rather than mid-typing
        texts = training_texts(chunks, register_documents() if register is None else register)
        model = PhraseModel.from_documents(texts)
        return cls(model, time.perf_counter() - start)

    def complete(
        self,
        text: str,
        *,
        suffix: str = "",
        office_types: Sequence[str] = (),
        limit: int = 5,
        office: str | None = None,
    ) -> list[Suggestion]:
        """Up to ``limit`` confident suggestions of text to insert after ``text``, best first.

        ``office`` is the writer's office as they name it (its profile decides whose lines of
        work are theirs); without it, the unit the draft's title names. ``office_types`` (the
        corpus types matched to it) are accepted for the callers' sake.
        """
        del office_types  # the register is one; the office's profile guards what is offered
        if limit <= 0 or not text.strip() or inside_number(text):
            return []
        facts = draft_facts(text, office)
        if title_finished(text):
            return []
        line = text[text.rfind("\n") + 1 :]
        numbers = numbering(text) if line.strip() else []
        found = numbers + title_ending(text) if line.strip() else []
        cursor = read_cursor(text)
        sentence = _sentence(line)
        if cursor.mode == "heading":
            found += heading_start(cursor, facts) if not cursor.title else []
            found += heading_finish(cursor, facts)
        elif cursor.mode == "body":
            found += next_marker(cursor)
        minimum = ranking_table().completion.min_score
        found = [s for s in found if s.score >= minimum and allowed(sentence, s.text, facts)]
        if line.strip() and not numbers:  # the draft's sequence, not the corpus, numbers it
            context = SEPARATOR + encode(sentence)
            continued = continuation(self.model, context, text, sentence, facts)
            found += [continued] if continued is not None else []
        return _finish(found, suffix, limit)


def _sentence(line: str) -> str:
    """What was typed of the current sentence: the line since its last 。！？."""
    cut = max(line.rfind(mark) for mark in TERMINATORS)
    return line[cut + 1 :]


def _trim(text: str, following: str) -> str | None:
    """The suggestion without what already follows the cursor (None when nothing is left)."""
    if not following:
        return text
    if following.startswith(text):
        return None
    for size in range(min(len(text), len(following)), 0, -1):
        if text.endswith(following[:size]):
            text = text[:-size]
            break
    return text if has_content(text) else None


def _finish(found: list[Suggestion], suffix: str, limit: int) -> list[Suggestion]:
    """Drop what follows the cursor already; order; cut."""
    following = normalize(suffix.split("\n", 1)[0].strip()) if suffix.strip() else ""
    best: dict[str, Suggestion] = {}
    for suggestion in found:
        text = _trim(suggestion.text, following)
        if text is None:
            continue
        known = best.get(text)
        if known is None or (-suggestion.score, suggestion.source) < (-known.score, known.source):
            best[text] = Suggestion(text, suggestion.source, suggestion.score)
    ordered = sorted(best.values(), key=lambda s: (-s.score, s.text, s.source))
    return ordered[:limit]
