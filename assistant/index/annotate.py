"""What ingest adds to a document's chunks once, so no request has to compute it.

- ``pattern`` (and ``title_pattern``, the document's title): the chunk's text as a reusable
  pattern (`assistant.corpus.entities`): names and figures become slots, the names found
  anywhere in the document in every sentence; a sentence that is mostly names or figures is
  left out; a section keeps its title line. Outlines and autocomplete offer text from patterns
  only, never from the raw text, and cite documents by their title's pattern.
- ``work`` and ``common``: the topic module a section is about and whether that is common work
  any office's outline may use (`assistant.genre.common_work`); a paragraph takes its
  section's, text outside sections is judged on its own.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from assistant.corpus.entities import Pattern, Tagger, document_names, lac_tags, to_pattern
from assistant.corpus.heading_parser import parse_document
from assistant.corpus.store import SourceDocument
from assistant.corpus.text import full_width
from assistant.genre.common_work import WorkKind, classify_section
from assistant.index.chunks import Chunk, chunk_document

PIECE = re.compile(r"[^。！？；\n]+[。！？；]?")
ANNOTATION_VERSION = "1"  # raise when the annotating code changes what it produces
PACKAGE = Path(__file__).resolve().parent.parent
ANNOTATION_DATA = (
    "corpus/data/entities.yaml",
    "corpus/data/slots.yaml",
    "genre/data/genre.yaml",
    "genre/data/offices",
    "genre/data/topics",
)


@functools.cache
def annotation_fingerprint() -> str:
    """What annotated an index: the code's version and the data files it reads.

    An ingest whose catalog was annotated otherwise annotates every document again (their
    vectors are reused), so patterns and common-work flags follow the rules.
    """
    digest = hashlib.sha256(ANNOTATION_VERSION.encode())
    for name in ANNOTATION_DATA:
        path = PACKAGE / name
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()[:16]


def _pieces(line: str) -> list[str]:
    return [piece for piece in PIECE.findall(line) if piece.strip()]


class _Patterns:
    """Sentence patterns of one document, each sentence de-identified once."""

    def __init__(self, chunks: Sequence[Chunk], tagger: Tagger) -> None:
        self.tagger = tagger
        sentences = {
            full_width(piece).strip()
            for chunk in chunks
            for line in chunk.text.split("\n")
            for piece in _pieces(line)
        }
        self.known = document_names(sorted(sentences), tagger)
        self.done: dict[str, Pattern] = {}

    def sentence(self, piece: str) -> Pattern:
        text = full_width(piece).strip()
        if text not in self.done:
            self.done[text] = to_pattern(text, self.tagger, self.known)
        return self.done[text]

    def line(self, line: str, *, keep: bool = False) -> str:
        """A line's offerable sentence patterns (all of them with ``keep``: a title)."""
        found = (self.sentence(piece) for piece in _pieces(line))
        return "".join(p.text for p in found if keep or p.offerable)

    def chunk(self, chunk: Chunk) -> str:
        lines = chunk.text.split("\n")
        if chunk.kind == "section":
            return "\n".join([self.line(lines[0], keep=True), *map(self.line, lines[1:])])
        return "\n".join(map(self.line, lines))


def _work_kinds(chunks: Sequence[Chunk]) -> dict[tuple[str, ...], WorkKind]:
    """What each section is about, by heading path."""
    kinds = {}
    for chunk in chunks:
        if chunk.kind == "section":
            title, _, body = chunk.text.partition("\n")
            kinds[chunk.path] = classify_section(title, body, chunk.office_type)
    return kinds


def indexed_chunks(document: SourceDocument, tagger: Tagger = lac_tags) -> list[Chunk]:
    """A document parsed, cut into chunks and annotated: what ingest stores."""
    return annotate(chunk_document(document, parse_document(document.text)), tagger)


def annotate(chunks: Sequence[Chunk], tagger: Tagger = lac_tags) -> list[Chunk]:
    """One document's chunks with their pattern, work topic and common-work flag."""
    patterns = _Patterns(chunks, tagger)
    kinds = _work_kinds(chunks)
    titles = {chunk.title: patterns.line(chunk.title, keep=True) for chunk in chunks}
    annotated = []
    for chunk in chunks:
        kind = kinds.get(chunk.path) or classify_section("", chunk.text, chunk.office_type)
        annotated.append(
            dataclasses.replace(
                chunk,
                pattern=patterns.chunk(chunk),
                title_pattern=titles[chunk.title],
                work=kind.topic,
                common=kind.common,
            )
        )
    return annotated
