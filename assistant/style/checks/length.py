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
        for match in self._sentence.finditer(text):
            start, end = match.span()
            if end - start <= limit:
                continue
            sentence = match.group()
            stripped = sentence.strip()
            if len(stripped) <= limit:
                continue
            start += len(sentence) - len(sentence.lstrip())
            yield start, start + len(stripped), None, str(len(stripped))
