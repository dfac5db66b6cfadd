"""Compile the style checker's hot modules with mypyc, in place; nothing to do when up to date.

The modules are those pyproject.toml lists under ``[tool.assistant.compiled]``: the heading
parser, the compilation splitter and the check kinds that run on every line or finding. Each
becomes a C extension beside its source, which Python imports instead of the ``.py``; the
sources' hashes and the built files go to ``assistant/compiled.json`` (see
`assistant.compiled`: a build older than its sources is dropped on import). Without a C compiler
the modules stay plain Python, with the same results, and this says so.

    .venv/bin/python scripts/compile_native.py [--clean]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import sysconfig
import tomllib
from pathlib import Path

import mypy.version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import compiled  # noqa: E402  (the checkout's package, not an installed one)

BUILD_DIR = ROOT / "build" / "native"
# One library for all the modules, so that they call each other natively. It sits inside the
# package (an editable install finds nothing beside it); mypyc may then derive a wrong
# ``__file__`` for a module, so they locate their data with `assistant.resources.package_file`.
GROUP = "assistant.compiled_native"


def listed_modules() -> list[str]:
    """The dotted names of the modules to compile, from pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    modules: list[str] = config["tool"]["assistant"]["compiled"]["modules"]
    return modules


def _source(module: str) -> str:
    return module.replace(".", "/") + ".py"


def _artifacts(modules: list[str]) -> list[str]:
    """Each module's extension, and the library holding all their code."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return [name.replace(".", "/") + suffix for name in [*modules, GROUP + "__mypyc"]]


def _toolchain() -> str:
    return f"python {platform.python_version()}, mypy {mypy.version.__version__}"


def remove(modules: list[str]) -> None:
    """Delete the recorded build and anything a build of ``modules`` leaves: plain Python."""
    compiled.remove_build()
    for name in _artifacts(modules):
        (ROOT / name).unlink(missing_ok=True)


def up_to_date(modules: list[str]) -> bool:
    """Whether the recorded build is of these modules, by this toolchain, from these sources."""
    recorded = compiled.read_stamp()
    return (
        recorded is not None
        and recorded.get("modules") == modules
        and recorded.get("toolchain") == _toolchain()
        and compiled.is_current(recorded, ROOT)
    )


def build(modules: list[str]) -> None:
    """Compile ``modules`` in place and record the build (raises when compiling fails)."""
    from mypyc.build import mypycify
    from setuptools import setup

    os.environ["MYPY_CACHE_DIR"] = str(BUILD_DIR / "mypy-cache")  # not the type check's cache
    sources = [_source(module) for module in modules]
    extensions = mypycify(sources, opt_level="3", group_name=GROUP, target_dir=str(BUILD_DIR / "c"))
    setup(
        name="assistant-compiled",
        ext_modules=extensions,
        script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(BUILD_DIR / "o")],
    )
    record = {
        "modules": modules,
        "toolchain": _toolchain(),
        "sources": {name: compiled.source_record(ROOT / name) for name in sources},
        "artifacts": _artifacts(modules),
    }
    compiled.STAMP.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build when out of date; ``--clean`` removes the build instead."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clean", action="store_true", help="remove the build: plain Python")
    args = parser.parse_args(argv)
    modules = listed_modules()
    if args.clean:
        remove(modules)
        print("compiled modules removed: the checker runs as plain Python")
        return 0
    if up_to_date(modules):
        print(f"compiled modules up to date ({len(modules)})")
        return 0
    remove(modules)
    os.chdir(ROOT)  # mypyc names the modules by their paths
    try:
        build(modules)
    except (Exception, SystemExit) as error:  # no compiler, a mypyc failure: stay plain Python
        remove(modules)
        print(f"warning: compiling failed ({error}); the checker runs as plain Python, slower")
        return 1
    print(f"compiled {len(modules)} modules with mypyc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
