"""The mypyc build of the checker's hot modules, and dropping it when its sources have changed.

``scripts/compile_native.py`` compiles the modules pyproject.toml lists into C extensions beside
their sources, which Python then imports instead of the ``.py`` files, and records each source's
hash and each built file in ``compiled.json``. Importing ``assistant`` calls `drop_stale_build`
first: when a recorded source has changed since (an edit, a pull), the whole build is deleted
before any of its modules is imported, so the sources run as written. Without a build (no C
compiler, an installed wheel) everything runs as plain Python, with the same results.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
STAMP = PACKAGE_DIR / "compiled.json"


def source_record(path: Path) -> dict[str, Any]:
    """What the stamp keeps of a source: its SHA-256, and its size and time for a quick look."""
    status = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"sha256": digest, "size": status.st_size, "mtime_ns": status.st_mtime_ns}


def unchanged(path: Path, record: dict[str, Any]) -> bool:
    """Whether ``path`` still holds the source the stamp recorded (same size and time, or hash)."""
    try:
        status = path.stat()
    except OSError:
        return False
    if status.st_size == record.get("size") and status.st_mtime_ns == record.get("mtime_ns"):
        return True
    return hashlib.sha256(path.read_bytes()).hexdigest() == record.get("sha256")


def read_stamp(stamp: Path = STAMP) -> dict[str, Any] | None:
    """The recorded build, or None when there is none (an unreadable stamp reads as empty)."""
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def remove_build(stamp: Path = STAMP) -> None:
    """Delete the built files the stamp lists, then the stamp."""
    root = stamp.parent.parent
    for name in (read_stamp(stamp) or {}).get("artifacts", []):
        (root / name).unlink(missing_ok=True)
    stamp.unlink(missing_ok=True)


def is_current(recorded: dict[str, Any], root: Path) -> bool:
    """Whether every source the stamp records is unchanged and every built file is there."""
    sources = recorded.get("sources")
    artifacts = recorded.get("artifacts")
    if not isinstance(sources, dict) or not sources or not isinstance(artifacts, list):
        return False
    return all(unchanged(root / name, record) for name, record in sources.items()) and all(
        (root / name).exists() for name in artifacts
    )


def drop_stale_build(stamp: Path = STAMP) -> bool:
    """Delete a build whose sources have changed since it was made; True when one was deleted."""
    recorded = read_stamp(stamp)
    if recorded is None or is_current(recorded, stamp.parent.parent):
        return False
    try:
        remove_build(stamp)
    except OSError as error:  # a checkout the user cannot write to
        print(
            f"已编译的检查模块与源码不一致，但无法删除（{error}）；"
            "请运行 .venv/bin/python scripts/compile_native.py --clean。",
            file=sys.stderr,
        )
        return False
    print(
        "已编译的检查模块与源码不一致，已删除，改用纯 Python 运行（结果相同，速度较慢）；"
        "运行 bash scripts/setup.sh 可重新编译。",
        file=sys.stderr,
    )
    return True


def compiled_modules() -> list[str]:
    """The modules running compiled in this process (empty without a build)."""
    recorded = read_stamp() or {}
    return [
        name
        for name in recorded.get("modules", [])
        if (module := sys.modules.get(name)) is not None
        and not str(getattr(module, "__file__", "")).endswith(".py")
    ]
