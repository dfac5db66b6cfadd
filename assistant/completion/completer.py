"""Instant autocomplete for 工作总结 drafts, from in-memory indexes built once at load.

``Completer.from_chunks(chunks)`` reads the indexed chunks into three tables (no embedding model
is involved, at load or per keystroke): the corpus's distinct sentences and heading titles, each
behind a suffix-key index (`assistant.completion.prefix_index`), and its ``一是/二是`` items. Then
``complete(text, ...)`` reads the draft before the cursor (`assistant.completion.draft`) and:

- heading just numbered (``三、``, ``（二）``, ``2.`` at a line start): the titles parts at that
  position typically have, for the roles the draft makes plausible there, preferring the same
  level, nearby numbers and the writer's office type (`assistant.completion.headings`); a title
  partly typed is completed to its end;
- body text: continuations of the current sentence from corpus sentences that contain what was
  typed (at least 4 characters matching, or a whole clause of 2+ characters matching a clause
  start), preferring the office type and the part's role, cut after the next ``，；：。！？``;
- after a finished ``一是……`` item: the next item, ``二是…`` of a parallel structure
  (`assistant.completion.enumerations`).

Decisions: an empty draft, a blank new line and a finished sentence outside an enumeration get
no suggestion (the title and the next sentence are the writer's own; outlines serve document
starts). Text that matches nothing long enough (another language, a topic the corpus lacks)
gets none rather than a guess. Suggestions are normalised like the corpus (full-width marks,
figures and placeholders as slots such as ``〔数字〕``); candidates with more than two slots are
skipped. Text already following the cursor (``suffix``) is not suggested again. Ties are broken
by text then source, so the same request always gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.completion.collect import collect
from assistant.completion.draft import Cursor, read_cursor
from assistant.completion.enumerations import EnumerationTable
from assistant.completion.headings import HeadingTable
from assistant.completion.occurrences import frequency_of
from assistant.completion.prefix_index import PhraseIndex
from assistant.completion.sentences import cut_continuation, has_content, normalize, slot_count
from assistant.completion.suggestion import Suggestion
from assistant.index.chunks import Chunk
from assistant.ranking import ranking_table

__all__ = ["Completer", "Suggestion"]

MIN_MATCH = 4  # characters of the typed text a continuation must agree with
MIN_CLAUSE = 2  # ...or a whole typed clause of at least this many at a clause start
MAX_CONTINUATION = 30
MAX_SLOTS = 2
SCAN_CAP = 64  # candidates read from one index range (one per distinct continuation beyond)


class Completer:
    """Autocomplete over a fixed set of chunks."""

    def __init__(
        self, sentences: PhraseIndex, headings: HeadingTable, enumerations: EnumerationTable
    ) -> None:
        self.sentences = sentences
        self.headings = headings
        self.enumerations = enumerations

    @classmethod
    def from_chunks(cls, chunks: Iterable[Chunk]) -> Completer:
        """Build every index in memory from the chunks (order does not matter)."""
        tables = collect(chunks)
        return cls(
            PhraseIndex(tables.sentences),
            HeadingTable(tables.titles),
            EnumerationTable(tables.items, tables.previous),
        )

    def complete(
        self,
        text: str,
        *,
        suffix: str = "",
        office_types: Sequence[str] = (),
        limit: int = 5,
    ) -> list[Suggestion]:
        """Up to ``limit`` suggestions of text to insert after ``text``, best first."""
        if limit <= 0:
            return []
        cursor = read_cursor(text)
        offices = tuple(office_types)
        if cursor.mode == "heading" and not cursor.title:
            found = self.headings.start(cursor, offices, limit)  # keeps every plausible role
        elif cursor.mode == "heading":
            found = self.headings.finish(cursor, offices, limit * 2)
        elif cursor.mode == "body":
            found = self.enumerations.next_items(cursor, offices, limit * 2)
            found += self._continuations(cursor, offices, limit * 2)
        else:
            return []
        return _finish(found, suffix, limit)

    def _continuations(
        self, cursor: Cursor, offices: Sequence[str], limit: int
    ) -> list[Suggestion]:
        """The rest of the current clause, from corpus sentences containing what was typed."""
        typed, clause = cursor.sentence, cursor.clause
        if not typed:
            return []
        hits = self.sentences.anchored(typed, clause, SCAN_CAP) if len(clause) >= MIN_CLAUSE else []
        hits += self.sentences.anywhere(typed, MIN_MATCH, SCAN_CAP, limit * 4)
        matches: dict[str, tuple[float, int, int]] = {}  # text -> (quality, unit, weight)
        weights = ranking_table().completion.continuation
        saturation = weights.match_saturation
        for hit in hits:
            text = cut_continuation(self.sentences.rest(hit), MAX_CONTINUATION)
            if text is None:
                continue
            match = weights.match * min(hit.matched, saturation) / saturation
            office = self.sentences.stats[hit.unit].office_factor(offices)
            quality = (match + weights.anchored * hit.anchored) * office
            known = matches.get(text)
            if known is None or (-quality, hit.unit) < (-known[0], known[1]):
                matches[text] = (quality, hit.unit, hit.weight)
        found = []
        for text, (quality, unit, weight) in matches.items():
            if slot_count(text) > MAX_SLOTS:
                continue
            stats = self.sentences.stats[unit]
            office = stats.office_factor(offices)
            frequency = max(stats.frequency(), frequency_of(weight))
            score = quality + weights.frequency * frequency * office
            score = round(score * stats.role_factor(cursor.role), 4)
            found.append(Suggestion(text, stats.source(offices), score))
        return found


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
    """Merge paths, drop what follows the cursor already, order deterministically, cut."""
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
