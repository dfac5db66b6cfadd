"""Disk faults of the data directory (read-only, no permission, full) as messages saying what to do.

The same fault reaches us in several costumes: an ``OSError`` with its errno from our own files,
a ``sqlite3.OperationalError`` from the embedding cache, an error with SQLite's words in it from
Chroma. `disk_error` recognises all of them; messages name the setting, never a path, because
they are also sent to HTTP clients.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from assistant.errors import DataDirError

READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
LOW_SPACE_BYTES = 16 * 1024 * 1024  # below this, an unexplained storage failure is a full disk
READ_ONLY_WORDS = ("readonly database", "read-only file system", "permission denied")
FULL_WORDS = ("database or disk is full", "no space left on device", "disk quota exceeded")


def _kind(error: BaseException) -> str | None:
    if isinstance(error, OSError) and error.errno is not None:
        if error.errno in READ_ONLY_ERRNOS:
            return "read-only"
        if error.errno in FULL_ERRNOS:
            return "full"
    if isinstance(error, OSError | sqlite3.Error) or type(error).__module__.startswith("chromadb"):
        text = str(error).lower()
        if any(words in text for words in FULL_WORDS):
            return "full"
        if any(words in text for words in READ_ONLY_WORDS):
            return "read-only"
    return None


def low_on_space(folder: Path) -> bool:
    """Whether the disk holding ``folder`` is (nearly) full."""
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def disk_error(
    error: BaseException, action: str, folder: Path | None = None
) -> DataDirError | None:
    """The user's message for a disk fault met while doing ``action``; None for other errors.

    Some libraries describe a full disk only by what it broke (Chroma: "Failed to apply logs
    to the metadata segment"); given the ``folder`` written to, a nearly full disk under it
    counts as the cause.
    """
    kind = _kind(error) or ("full" if folder is not None and low_on_space(folder) else None)
    if kind == "full":
        return DataDirError(
            f"磁盘空间不足，无法{action}。请清理数据目录（ASSISTANT_DATA_DIR）所在的磁盘后重试；"
            "已有的索引没有受到影响。"
        )
    if kind == "read-only":
        return DataDirError(
            f"数据目录（ASSISTANT_DATA_DIR）不可写（只读或没有权限），无法{action}。"
            "请检查该目录的权限和所在磁盘，或把 ASSISTANT_DATA_DIR 指向可写的目录。"
        )
    return None


def is_disk_fault(error: BaseException) -> bool:
    """Whether an error is a read-only, permission or full-disk fault."""
    return _kind(error) is not None


def environment_message(error: BaseException) -> str:
    """A message for an operating-system or SQLite failure the code did not expect."""
    known = disk_error(error, "完成这项操作")
    if known is not None:
        return str(known)
    reason = getattr(error, "strerror", None) or type(error).__name__
    return f"读写文件时出错（{reason}）。请检查磁盘、权限和 ASSISTANT_DATA_DIR 后重试。"
