"""What ``assistant ingest PATH ...`` reads: user files under ids unique by path, file by file.

A user file's document id is its name (for people) plus a hash of its full path: two files with
the same name in different folders (``a/report.txt``, ``b/report.txt``), names that differ only
in what `safe_id` folds (``x y.txt``, ``x-y.txt``), or a file named like a built-in document
(``seed-01.txt``) can never take each other's place. Re-ingesting the same file updates its
document. A folder with a ``manifest.yaml`` is a reviewed corpus and keeps its own ids.

A file that cannot be read is reported and skipped; the rest of the folder is still indexed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.reader import read_document_file
from assistant.corpus.store import (
    MANIFEST,
    SourceDocument,
    documents_from_text,
    iter_source_files,
    load_corpus,
    safe_id,
)
from assistant.errors import AssistantError

PATH_HASH_CHARS = 8


def file_document_id(path: Path) -> str:
    """``<name>-<hash of the absolute path>``: readable, and unique per file."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{safe_id(path.stem)}-{digest[:PATH_HASH_CHARS]}"


@dataclass(frozen=True)
class FileProblem:
    """A file (or folder) that could not be used, and why (Chinese, for the writer)."""

    path: Path
    message: str


@dataclass
class SourceFiles:
    """The documents read from the given paths, and the paths that failed."""

    documents: list[SourceDocument] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


def read_sources(paths: Iterable[Path]) -> SourceFiles:
    """Read every supported file named or found in the paths, each on its own."""
    found = SourceFiles()
    for path in paths:
        if not path.exists():
            found.problems.append(FileProblem(path, f"找不到文件或文件夹：{path}"))
            continue
        if path.is_dir() and (path / MANIFEST).exists():
            try:
                found.documents.extend(load_corpus(path))
            except AssistantError as error:
                found.problems.append(FileProblem(path, str(error)))
            continue
        files = iter_source_files([path])
        if path.is_dir() and not files:
            found.problems.append(FileProblem(path, f"{path} 中没有 .txt、.md 或 .docx 文件。"))
        for file in files:
            try:
                text = read_document_file(file)
                found.documents.extend(documents_from_text(text, file_document_id(file)))
            except AssistantError as error:
                found.problems.append(FileProblem(file, str(error)))
            except OSError as error:
                reason = error.strerror or type(error).__name__
                found.problems.append(FileProblem(file, f"无法读取 {file}：{reason}"))
    return found
