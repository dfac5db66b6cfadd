"""The ``length`` kind: sentences longer than a limit."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from assistant.literals import code_points, is_any_of
from assistant.style.catalogue import Rule
from assistant.style.checks.base import Finding, Options

LENGTH_OPTIONS = frozenset({"max_chars", "boundaries"})


class LengthCheck:
    """Flags each sentence (text between ``boundaries``) longer than ``max_chars``."""

    fix_safe = False

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, LENGTH_OPTIONS)
        self.rule = rule
        self.max_chars = options.integer("max_chars", 120)
        boundaries = options.string("boundaries", "。！？!?；;\n") or "\n"
        if "\n" not in boundaries:
            boundaries += "\n"
        self.sentence = re.compile(f"[^{re.escape(boundaries)}]+")
        self._boundaries = boundaries

    def find(self, text: str) -> Iterator[Finding]:
        """Every overlong sentence, leading and trailing blanks excluded."""
        limit = self.max_chars
        for start, end in self.long_runs(text):
            sentence = text[start:end]
            stripped = sentence.strip()
            if len(stripped) <= limit:
                continue
            start += len(sentence) - len(sentence.lstrip())
            yield start, start + len(stripped), None, str(len(stripped))

    def long_runs(self, text: str) -> list[tuple[int, int]]:
        """The spans of the runs of ``sentence`` longer than the limit, in order.

        Found from where the boundaries are (a comparison of code points), not by cutting the
        text into every sentence.
        """
        if len(text) <= self.max_chars:
            return []
        cuts = np.flatnonzero(is_any_of(code_points(text), self._boundaries))
        starts = np.concatenate(([0], cuts + 1))
        ends = np.concatenate((cuts, [len(text)]))
        long = np.flatnonzero(ends - starts > self.max_chars)
        return list(zip(starts[long].tolist(), ends[long].tolist(), strict=True))
