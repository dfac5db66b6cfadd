"""The committed state of the index: which documents and chunks it holds, and where.

The catalog is one JSON file replaced atomically at the end of an ingest. Vectors added to Chroma
by an ingest that did not finish are not in the catalog, so the previous index stays usable; the
next ingest finds them in Chroma (same content-hash ids) and only commits them. Each save
increases ``generation``, which a running server watches to pick up a new index.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from assistant.errors import DataDirError, OutdatedIndexError
from assistant.index.chunks import Chunk
from assistant.index.disk import disk_error

CATALOG_FILE = "catalog.json"
FORMAT_VERSION = 3  # 2: heading paths as lists; 3: patterns and common work computed at ingest


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
    generation: int = 0
    annotation: str = ""  # the fingerprint of what annotated the chunks (`index.annotate`)
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
        """Write atomically as the next generation: a reader sees the old catalog or the new one."""
        data = {
            "version": FORMAT_VERSION,
            "generation": self.generation + 1,
            "model": self.model,
            "collection": self.collection,
            "annotation": self.annotation,
            "documents": [vars(record) for record in self.documents.values()],
            "chunks": [
                {**vars(chunk), "tokens": self.tokens[cid]} for cid, chunk in self.chunks.items()
            ],
        }
        temporary = folder / f".{CATALOG_FILE}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, folder / CATALOG_FILE)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise (disk_error(error, "保存索引目录") or error) from None
        self.generation += 1

    @classmethod
    def load(cls, folder: Path) -> Catalog | None:
        """The saved catalog, or None when there is none yet."""
        path = folder / CATALOG_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as error:
            raise (disk_error(error, "读取索引目录") or _corrupt(error)) from None
        except UnicodeDecodeError as error:
            raise _corrupt(error) from None
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise TypeError(f"a JSON {type(data).__name__}, not an object")
            version = data.get("version")
            if isinstance(version, int) and 0 < version < FORMAT_VERSION:
                titles = [str(record.get("title", "")) for record in data.get("documents", [])]
                raise OutdatedIndexError(
                    f"索引目录 {folder} 由旧版本建立（格式 {version}，当前为 {FORMAT_VERSION}）。"
                    "请运行 `assistant ingest` 重建。",
                    titles,
                )
            if version != FORMAT_VERSION:
                raise ValueError(f"version {version}")
            catalog = cls(
                model=str(data["model"]),
                collection=str(data["collection"]),
                generation=int(data.get("generation", 0)),
                annotation=str(data.get("annotation", "")),
            )
            for record in data["documents"]:
                catalog.documents[record["id"]] = DocumentRecord(**record)
            for item in data["chunks"]:
                chunk = Chunk.from_dict(item)
                catalog.chunks[chunk.id] = chunk
                catalog.tokens[chunk.id] = list(item["tokens"])
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise _corrupt(error) from None
        return catalog


def _corrupt(error: Exception) -> DataDirError:
    return DataDirError(
        f"数据目录中的索引目录已损坏（{type(error).__name__}: {error}）。"
        "请运行 `assistant ingest --rebuild` 重建。"
    )
