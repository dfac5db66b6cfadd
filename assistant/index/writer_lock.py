"""One writer per data directory, so two ingests cannot each commit a catalog missing the other's.

An ingest holds an exclusive lock from reading the catalog to committing it.

The lock is ``flock`` on ``index/ingest.lock`` (released by the kernel when the process ends,
even on ``kill -9``). A second writer waits for the first and says so; readers (search, outline,
a running server) never take it: they read the catalog, which is replaced atomically.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.index.disk import disk_error

LOCK_FILE = "ingest.lock"
Notify = Callable[[str], None]


def _holder(handle: int) -> str:
    try:
        os.lseek(handle, 0, os.SEEK_SET)
        text = os.read(handle, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f"（进程 {text}）" if text.isdigit() else ""


@contextmanager
def writer_lock(index_dir: Path, notify: Notify | None = None) -> Iterator[None]:
    """Hold the data directory's writer lock; wait (telling ``notify``) while another holds it."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise (disk_error(error, "建立索引") or error) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if notify is not None:
                notify(
                    f"另一个导入正在写入这个数据目录{_holder(handle)}，等待它完成后继续……"
                    "（按 Ctrl+C 可取消）"
                )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            os.ftruncate(handle, 0)
            os.write(handle, str(os.getpid()).encode())
        except OSError:
            pass  # the pid is only for the waiting message
        yield
    finally:
        os.close(handle)  # closing releases the lock
