"""The committed state of the index: which documents and chunks it holds, and where.

The catalog is one JSON file replaced atomically at the end of an ingest. Vectors added to Chroma
by an ingest that did not finish are not in the catalog, so the previous index stays usable; the
next ingest finds them in Chroma (same content-hash ids) and only commits them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from assistant.errors import DataDirError
from assistant.index.chunks import Chunk

CATALOG_FILE = "catalog.json"
FORMAT_VERSION = 2  # 2: chunks carry their heading path as a list


@dataclass(frozen=True)
class DocumentRecord:
    """An indexed document; ``assistant corpus --json`` lists the fields not excluded."""

    id: str
    title: str
    office_type: str
    level: Annotated[str, Field(exclude=True)]
    period: str
    topic: Annotated[str, Field(exclude=True)]
    chars: int
    content_hash: Annotated[str, Field(exclude=True)]


@dataclass
class Catalog:
    """Documents, chunks (with their BM25 tokens) and the Chroma collection holding vectors."""

    model: str
    collection: str
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    chunks: dict[str, Chunk] = field(default_factory=dict)
    tokens: dict[str, list[str]] = field(default_factory=dict)

    def chunk_ids_of(self, document: str) -> list[str]:
        """Ids of a document's chunks."""
        return [cid for cid, chunk in self.chunks.items() if chunk.document == document]

    def replace_document(
        self, record: DocumentRecord, chunks: list[Chunk], tokens: dict[str, list[str]]
    ) -> list[str]:
        """Put a document's new chunks in place of its old ones; return ids no longer used."""
        old = set(self.chunk_ids_of(record.id))
        for cid in old:
            del self.chunks[cid]
            self.tokens.pop(cid, None)
        self.documents[record.id] = record
        for chunk in chunks:
            self.chunks[chunk.id] = chunk
            self.tokens[chunk.id] = tokens[chunk.id]
        return sorted(old - {chunk.id for chunk in chunks})

    def save(self, folder: Path) -> None:
        """Write atomically: a reader sees the old catalog or the new one, never a mix."""
        folder.mkdir(parents=True, exist_ok=True)
        data = {
            "version": FORMAT_VERSION,
            "model": self.model,
            "collection": self.collection,
            "documents": [vars(record) for record in self.documents.values()],
            "chunks": [
                {**vars(chunk), "tokens": self.tokens[cid]} for cid, chunk in self.chunks.items()
            ],
        }
        temporary = folder / f".{CATALOG_FILE}.tmp"
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, folder / CATALOG_FILE)

    @classmethod
    def load(cls, folder: Path) -> Catalog | None:
        """The saved catalog, or None when there is none yet."""
        path = folder / CATALOG_FILE
        if not path.exists():
            return None
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != FORMAT_VERSION:
                raise ValueError(f"version {data.get('version')}")
            catalog = cls(model=data["model"], collection=data["collection"])
            for record in data["documents"]:
                catalog.documents[record["id"]] = DocumentRecord(**record)
            for item in data["chunks"]:
                chunk = Chunk.from_dict(item)
                catalog.chunks[chunk.id] = chunk
                catalog.tokens[chunk.id] = list(item["tokens"])
        except (ValueError, KeyError, TypeError) as error:
            raise DataDirError(
                f"索引目录 {folder} 已损坏（{error}）。请运行 `assistant ingest --rebuild` 重建。"
            ) from None
        return catalog
