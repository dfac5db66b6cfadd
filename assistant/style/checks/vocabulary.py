"""The ``vocabulary`` kind: words to replace, each with the word to use and why.

A vocabulary is a list of entries: ``word`` (the form to flag, a literal), ``use`` (the form to
write; the fix, when given), ``why`` (a short reason for the message), and optional context:
``followed_by`` (a regular expression that must follow: 做出 only before 决定/贡献...),
``not_followed_by`` and ``not_preceded_by`` (regular expressions that must not follow or
precede: 按装 not in 按装修). The entries come from a file of ``rules/vocabularies/`` (or next
to a user's rule file) named by the ``vocabulary`` option, or inline as ``entries``. The words
are compiled into one regular expression of literals, so the regex engine scans for their first
characters only; each occurrence is then tested against its entries' contexts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import Field, ValidationError

from assistant.errors import DataFileError
from assistant.literals import trie_pattern
from assistant.style.catalogue import RULES_DIR, Rule, RuleError
from assistant.style.checks.base import Finding, Options
from assistant.tables import Table, describe, load_table

VOCABULARY_OPTIONS = frozenset({"vocabulary", "entries", "fix_safe"})
VOCABULARIES_DIR = RULES_DIR / "vocabularies"


class VocabularyEntry(Table):
    """One word of a vocabulary."""

    word: str = Field(min_length=1)
    use: str | None = None
    why: str = ""
    followed_by: str | None = None
    not_followed_by: str | None = None
    not_preceded_by: str | None = None


class Vocabulary(Table):
    """A vocabulary file: its entries."""

    entries: tuple[VocabularyEntry, ...] = Field(min_length=1)


def vocabulary_path(rule: Rule, name: str) -> Path:
    """The file a rule's ``vocabulary`` option names: beside a user's rule, else built in."""
    if rule.source is not None and rule.source.parent != RULES_DIR:
        return rule.source.parent / f"{name}.yaml"
    return VOCABULARIES_DIR / f"{name}.yaml"


class VocabularyCheck:
    """Flags every word of the vocabulary, in its context, with the word to use."""

    def __init__(self, rule: Rule, extra: Iterable[VocabularyEntry] = ()) -> None:
        options = Options(rule, VOCABULARY_OPTIONS)
        self.rule = rule
        self.fix_safe = options.boolean("fix_safe", True)
        self.entries = (*_entries(rule, options), *extra)
        self._by_word: dict[str, list[tuple[VocabularyEntry, _Context]]] = {}
        for entry in self.entries:
            context = _Context(
                _compile(rule, entry.followed_by),
                _compile(rule, entry.not_followed_by),
                _compile(rule, f"(?:{entry.not_preceded_by})$") if entry.not_preceded_by else None,
            )
            self._by_word.setdefault(entry.word, []).append((entry, context))
        # literals only, as a trie (国(?:藉)|一(?:如继往|股作气)...): the regex engine scans for
        # the first characters and tries only the words that start with the one it stopped at
        self._regex = re.compile(trie_pattern(list(self._by_word))) if self._by_word else None

    def find(self, text: str) -> Iterator[Finding]:
        """Every occurrence of a word in its context."""
        if self._regex is None:
            return
        by_word = self._by_word
        for match in self._regex.finditer(text):
            start, end = match.span()
            for entry, context in by_word[match.group()]:
                if context.holds(text, start, end):
                    yield start, end, entry.use, entry.why
                    break


class _Context:
    """An entry's context patterns, compiled."""

    __slots__ = ("followed", "not_followed", "not_preceded")

    def __init__(
        self,
        followed: re.Pattern[str] | None,
        not_followed: re.Pattern[str] | None,
        not_preceded: re.Pattern[str] | None,
    ) -> None:
        self.followed, self.not_followed, self.not_preceded = followed, not_followed, not_preceded

    def holds(self, text: str, start: int, end: int) -> bool:
        """Whether the word at ``[start, end)`` stands in this context."""
        if self.followed is not None and self.followed.match(text, end) is None:
            return False
        if self.not_followed is not None and self.not_followed.match(text, end) is not None:
            return False
        before = self.not_preceded
        return before is None or before.search(text, max(0, start - 8), start) is None


def _entries(rule: Rule, options: Options) -> Iterator[VocabularyEntry]:
    name = options.string("vocabulary")
    if name is not None:
        yield from load_table(vocabulary_path(rule, name), Vocabulary).entries
    for index, raw in enumerate(rule.options.get("entries") or []):
        try:
            yield VocabularyEntry.model_validate(raw)
        except ValidationError as error:
            raise DataFileError(describe(error, f"{rule.id}: entries.{index}")) from None


def _compile(rule: Rule, source: str | None) -> re.Pattern[str] | None:
    if source is None:
        return None
    try:
        return re.compile(source)
    except re.error as error:
        raise RuleError(f"{rule.id}: bad context pattern in the vocabulary: {error}") from None
