"""The mypyc build of the checker's hot modules: in use after setup, dropped when stale, and
finding exactly what the plain Python sources find."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from assistant import compiled
from assistant.style.engine import default_checker
from tests.conftest import EXTERNAL, REPO, SEED


def _fake_build(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A package with one source, its built file and a stamp recording both."""
    package = tmp_path / "pkg"
    package.mkdir(parents=True)
    source = package / "mod.py"
    source.write_text("VALUE = 1\n", encoding="utf-8")
    built = package / "mod.cpython-311-x86_64-linux-gnu.so"
    built.write_bytes(b"\0")
    stamp = package / "compiled.json"
    record = {
        "modules": ["pkg.mod"],
        "sources": {"pkg/mod.py": compiled.source_record(source)},
        "artifacts": ["pkg/mod.cpython-311-x86_64-linux-gnu.so"],
    }
    stamp.write_text(json.dumps(record), encoding="utf-8")
    return source, built, stamp


def test_a_build_of_the_current_sources_is_kept(tmp_path: Path) -> None:
    source, built, stamp = _fake_build(tmp_path)
    assert not compiled.drop_stale_build(stamp)
    os.utime(source, ns=(1, 1))  # touched (a checkout), same text: the hash decides
    assert not compiled.drop_stale_build(stamp)
    assert built.exists() and stamp.exists()


def test_a_build_older_than_its_sources_is_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, built, stamp = _fake_build(tmp_path)
    source.write_text("VALUE = 2\n", encoding="utf-8")
    assert compiled.drop_stale_build(stamp)
    assert not built.exists() and not stamp.exists()
    assert "纯 Python" in capsys.readouterr().err
    assert not compiled.drop_stale_build(stamp)  # nothing left to drop


def test_a_build_missing_a_file_or_with_a_broken_stamp_is_deleted(tmp_path: Path) -> None:
    _, built, stamp = _fake_build(tmp_path)
    built.unlink()
    assert compiled.drop_stale_build(stamp) and not stamp.exists()
    _, built, stamp = _fake_build(tmp_path / "again")
    stamp.write_text("{not json", encoding="utf-8")
    assert compiled.drop_stale_build(stamp) and not stamp.exists()


def test_the_checkout_runs_every_listed_module_compiled() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = config["tool"]["assistant"]["compiled"]["modules"]
    assert compiled.STAMP.exists(), "no mypyc build: run .venv/bin/python scripts/compile_native.py"
    for name in listed:
        importlib.import_module(name)
    assert compiled.compiled_modules() == listed


@pytest.mark.integration
def test_compiled_and_plain_python_give_the_same_diagnostics(tmp_path: Path) -> None:
    plain = tmp_path / "assistant"
    shutil.copytree(
        REPO / "assistant",
        plain,
        symlinks=True,
        ignore=shutil.ignore_patterns("*.so", "compiled.json", "__pycache__"),
    )
    paths = [SEED, *sorted(EXTERNAL.glob("*.txt"))]
    script = (
        "import json, sys\n"
        "import assistant.corpus.heading_parser as parser\n"
        "assert parser.__file__.endswith('.py'), parser.__file__\n"
        "from assistant.style.engine import default_checker\n"
        "checker = default_checker()\n"
        "results = [checker.check(open(p, encoding='utf-8').read()) for p in sys.argv[1:]]\n"
        "print(json.dumps([[repr(d) for d in r.diagnostics] for r in results]))\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, paths)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,  # not the checkout, whose compiled package would come first
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    checker = default_checker()
    mine = [
        [repr(d) for d in checker.check(p.read_text(encoding="utf-8")).diagnostics] for p in paths
    ]
    assert sum(map(len, mine)) > 1000  # the seed alone has hundreds
    assert json.loads(done.stdout) == mine


def test_a_stale_build_that_cannot_be_deleted_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _, stamp = _fake_build(tmp_path)
    source.write_text("VALUE = 2\n", encoding="utf-8")

    def refuse(_stamp: Path = compiled.STAMP) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(compiled, "remove_build", refuse)
    assert not compiled.drop_stale_build(stamp)
    assert "--clean" in capsys.readouterr().err
