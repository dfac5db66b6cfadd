"""Cutting a parsed summary into indexable chunks at section and paragraph granularity."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from assistant.corpus.store import SourceDocument
from assistant.corpus.tree import DocumentTree, Paragraph, Section
from assistant.genre.table import Role

MIN_PARAGRAPH_CHARS = 12
MAX_CHUNK_CHARS = 600
HEADING_SEPARATOR = " > "


@dataclass(frozen=True)
class Chunk:
    """A piece of a summary with the metadata retrieval ranks and filters on."""

    id: str
    document: str
    title: str
    office_type: str
    period: str
    topic: str
    role: Role
    heading: str  # heading path for display, e.g. "主要工作措施 > 围绕产业转型升级"
    path: tuple[str, ...]  # the same path as titles, top-level part first; () outside parts
    level: int  # 0 for opening and closing, else the section's level
    ordinal: int  # the section's number (三、 -> 3); 0 for opening and closing
    kind: str  # "section" or "paragraph" (opening and closing are paragraphs)
    text: str
    # Computed once at ingest (`assistant.index.annotate`): the text as a reusable pattern
    # (names and figures as slots, sentences that are mostly names or figures left out; a
    # section keeps its title line), the document title likewise (what citations show), the
    # topic module the text is about ("" for none) and whether that is common work any
    # office's outline may use.
    pattern: str = ""
    title_pattern: str = ""
    work: str = ""
    common: bool = False

    def metadata(self) -> dict[str, Any]:
        """Metadata stored beside the vector (everything but id, text, path and patterns)."""
        data = asdict(self)
        del data["id"], data["text"], data["path"], data["pattern"], data["title_pattern"]
        data["role"] = self.role.value
        return data

    @property
    def pattern_title(self) -> str:
        """A section's title as a pattern (its pattern's first line); "" for a paragraph."""
        return self.pattern.split("\n", 1)[0] if self.kind == "section" else ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        """A chunk from its stored form."""
        fields = {key: data[key] for key in cls.__dataclass_fields__}
        return cls(**{**fields, "role": Role(data["role"]), "path": tuple(data["path"])})


def chunk_id(document: str, kind: str, heading: str, text: str) -> str:
    """Content-hash id: the same text at the same place always gets the same id."""
    raw = "\x00".join((document, kind, heading, text)).encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def _make(
    document: SourceDocument,
    *,
    role: Role,
    path: tuple[str, ...],
    level: int,
    ordinal: int = 0,
    kind: str,
    text: str,
) -> Chunk:
    text = text[:MAX_CHUNK_CHARS]
    heading = HEADING_SEPARATOR.join(path)
    return Chunk(
        id=chunk_id(document.id, kind, heading, text),
        document=document.id,
        title=document.title,
        office_type=document.office_type,
        period=document.period,
        topic=document.topic,
        role=role,
        heading=heading,
        path=path,
        level=level,
        ordinal=ordinal,
        kind=kind,
        text=text,
    )


def _paragraph_chunks(
    document: SourceDocument,
    paragraphs: list[Paragraph],
    role: Role,
    path: tuple[str, ...],
    level: int,
    ordinal: int = 0,
) -> list[Chunk]:
    return [
        _make(
            document,
            role=role,
            path=path,
            level=level,
            ordinal=ordinal,
            kind="paragraph",
            text=p.text,
        )
        for p in paragraphs
        if len(p.text) >= MIN_PARAGRAPH_CHARS
    ]


def _section_chunks(
    document: SourceDocument, section: Section, parents: tuple[str, ...]
) -> list[Chunk]:
    path = (*parents, section.heading.title)
    body = section.body
    text = f"{section.heading.title}\n{body}".strip()
    ordinal = section.heading.ordinal
    chunks = [
        _make(
            document,
            role=section.role,
            path=path,
            level=section.level,
            ordinal=ordinal,
            kind="section",
            text=text,
        )
    ]
    chunks += _paragraph_chunks(
        document, section.paragraphs, section.role, path, section.level, ordinal
    )
    for child in section.children:
        chunks += _section_chunks(document, child, path)
    return chunks


def chunk_document(document: SourceDocument, tree: DocumentTree) -> list[Chunk]:
    """Opening, every section (with its paragraphs) and closing of a parsed summary."""
    chunks = _paragraph_chunks(document, tree.opening, Role.OPENING, (), 0)
    for section in tree.sections:
        chunks += _section_chunks(document, section, ())
    chunks += _paragraph_chunks(document, tree.closing, Role.CLOSING, (), 0)
    unique = {chunk.id: chunk for chunk in chunks}
    return list(unique.values())
