"""Reading indexed chunks into the autocomplete tables: sentences, headings, enumeration items.

Sentences come from paragraph chunks (opening, closing and section paragraphs), headings from
section chunks (the title line), enumeration items from both (section bodies link an item to
the items before it across paragraphs). Everything is read from the chunks' patterns, computed
at ingest (`assistant.index.annotate`): names and figures are slots there, and sentences that
are mostly names or figures are not there at all, so no suggestion carries another unit's names.
Everything is normalised (`assistant.completion.sentences.normalize`) and deduplicated; a chunk
cut at the chunk size limit loses its unfinished last sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.completion.occurrences import Occurrences
from assistant.completion.sentences import (
    TERMINATORS,
    enumeration_items,
    has_content,
    normalize,
    normalize_title,
    raw_sentences,
    strip_boundary,
)
from assistant.index.chunks import MAX_CHUNK_CHARS, Chunk

MIN_UNIT_CHARS = 4
MAX_TITLE_CHARS = 40

Item = tuple[int, str]


@dataclass(frozen=True)
class Unit:
    """A normalised sentence and its enumeration items."""

    text: str
    items: tuple[tuple[int, int, str], ...]


@dataclass
class Tables:
    """Distinct texts with their occurrences, before indexing."""

    sentences: dict[str, Occurrences] = field(default_factory=dict)
    titles: dict[str, Occurrences] = field(default_factory=dict)
    items: dict[Item, Occurrences] = field(default_factory=dict)
    previous: dict[Item, set[str]] = field(default_factory=dict)
    prepared: dict[str, Unit | None] = field(default_factory=dict)  # raw sentence -> unit
    prepared_titles: dict[str, str | None] = field(default_factory=dict)  # raw title -> title

    def title(self, chunk: Chunk) -> str | None:
        """The normalised title of a section chunk, or None when it is unusable."""
        raw = chunk.pattern_title
        if raw not in self.prepared_titles:
            self.prepared_titles[raw] = heading_title(raw)
        return self.prepared_titles[raw]

    def units(self, text: str, cut: bool = False) -> list[Unit]:
        """Sentences of a text, the unfinished last one dropped when the text was ``cut``."""
        raws = raw_sentences(text)
        if cut and raws and normalize(raws[-1])[-1:] not in TERMINATORS:
            raws.pop()
        found = []
        for raw in raws:
            if raw in self.prepared:
                unit = self.prepared[raw]
            else:
                unit = self.prepared[raw] = _prepare(raw)
            if unit is not None:
                found.append(unit)
        return found


def _prepare(raw: str) -> Unit | None:
    text = normalize(raw)
    if len(text) < MIN_UNIT_CHARS or not has_content(text, 2):
        return None
    return Unit(text, tuple(enumeration_items(text)))


def heading_title(raw: str) -> str | None:
    """A heading title normalised for suggesting, or None when it is unusable."""
    title = normalize_title(raw)
    if len(title) > MAX_TITLE_CHARS or not has_content(title, 2):
        return None
    return title


def _occurrences(table: dict[str, Occurrences], key: str) -> Occurrences:
    stats = table.get(key)
    if stats is None:
        stats = table[key] = Occurrences()
    return stats


def _link_items(tables: Tables, units: list[Unit], chunk: Chunk, count: bool) -> None:
    """Record the enumeration items of a text and, for each, the heads of the items before it."""
    heads: dict[int, str] = {}
    for unit in units:
        for ordinal, _, head in unit.items:
            item = (ordinal, head)
            if count:
                stats = tables.items.get(item)
                if stats is None:
                    stats = tables.items[item] = Occurrences()
                stats.add(chunk.office_type, chunk.role, chunk.document)
            if ordinal - 1 in heads:
                tables.previous.setdefault(item, set()).add(heads[ordinal - 1])
            heads[ordinal] = strip_boundary(head)


def collect(chunks: Iterable[Chunk]) -> Tables:
    """The tables of every chunk."""
    tables = Tables()
    for chunk in chunks:
        if chunk.kind == "section":
            title = tables.title(chunk)
            if title is not None:
                stats = _occurrences(tables.titles, title)
                stats.add(chunk.office_type, chunk.role, chunk.document)
                stats.add_position(chunk.level, chunk.ordinal)
            body = chunk.pattern.split("\n", 1)[1] if "\n" in chunk.pattern else ""
            cut = len(chunk.text) >= MAX_CHUNK_CHARS
            _link_items(tables, tables.units(body, cut), chunk, count=False)
            continue
        found = tables.units(chunk.pattern, len(chunk.text) >= MAX_CHUNK_CHARS)
        for unit in found:
            _occurrences(tables.sentences, unit.text).add(
                chunk.office_type, chunk.role, chunk.document
            )
        _link_items(tables, found, chunk, count=True)
    tables.previous = {
        item: heads for item, heads in tables.previous.items() if item in tables.items
    }
    return tables
