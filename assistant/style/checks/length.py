"""The ``length`` kind: sentences longer than a limit."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
        self._sentence = re.compile(f"[^{re.escape(boundaries)}]+")

    def find(self, text: str) -> Iterator[Finding]:
        """Every overlong sentence, leading and trailing blanks excluded."""
        limit = self.max_chars
        position = 0
        for sentence in self._sentence.findall(text):  # strings, in order: cheaper than matches
            if len(sentence) <= limit:
                continue
            start = text.find(sentence, position)  # a longer run holds no boundary, so it is here
            position = start + len(sentence)
            stripped = sentence.strip()
            if len(stripped) <= limit:
                continue
            start += len(sentence) - len(sentence.lstrip())
            yield start, start + len(stripped), None, str(len(stripped))
