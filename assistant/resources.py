"""Data shipped inside the package, so a wheel works on its own: the built-in corpus, the prompts.

In the repository they live at the top level (``corpus/``, ``prompts/``, as the SPEC names
them); ``assistant/builtin_corpus`` and ``assistant/prompts`` are symlinks to them, which the
build follows, so the wheel carries the files and an editable install reads the originals.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _shipped(name: str) -> Path:
    return Path(str(resources.files("assistant") / name))


def package_file(package: str, *parts: str) -> Path:
    """A data file inside ``package`` (``package_file("assistant.corpus", "data", "x.yaml")``).

    Found through the import system rather than ``__file__``, which a module compiled by
    ``scripts/compile_native.py`` may not have right.
    """
    return Path(str(resources.files(package).joinpath(*parts)))


def builtin_corpus_dir() -> Path:
    """The built-in corpus (``manifest.yaml`` and ``documents/``)."""
    return _shipped("builtin_corpus")


def prompt_dir() -> Path:
    """The prompt templates of the optional chat model."""
    return _shipped("prompts")
