"""What the phrase model learns from: the indexed documents and the register corpus.

Each indexed document becomes one text: its section headings as they are numbered
(``三、存在的问题``) and its paragraphs, read from its chunks' patterns (paragraph chunks carry
the paragraphs; section chunks only add their heading line, their bodies being paragraphs
already). Patterns are the de-identification ingest computed once (`assistant.index.annotate`):
names and figures are slots there and sentences that are mostly names or figures are left out,
so the model never reads the raw text. As a second guard, a continuation resting on a single
document is offered only when made of common words (`assistant.completion.phrase_model`). The
register's texts come with their names slotted by the same entity rules
(`assistant.completion.register`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.completion.register import RegisterDocument
from assistant.genre.numbering import format_number
from assistant.index.chunks import Chunk

DOCUMENT_WEIGHT = 1.0
REGISTER_WEIGHT = 1.0


def chunk_documents(chunks: Iterable[Chunk]) -> list[str]:
    """One text per indexed document, in document id order (chunk order does not matter)."""
    lines: dict[str, list[tuple[str, str]]] = {}
    for chunk in chunks:
        if chunk.kind == "section":
            line = format_number(chunk.level, chunk.ordinal) + chunk.pattern_title
        else:
            line = chunk.pattern
        lines.setdefault(chunk.document, []).append((chunk.id, line))
    return ["\n".join(line for _, line in sorted(lines[doc])) for doc in sorted(lines)]


def training_texts(
    chunks: Iterable[Chunk], register: Sequence[RegisterDocument]
) -> list[tuple[str, float]]:
    """Every training text with its weight: indexed documents, then the register's."""
    texts = [(text, DOCUMENT_WEIGHT) for text in chunk_documents(chunks)]
    return texts + [(document.pattern, REGISTER_WEIGHT) for document in register]
