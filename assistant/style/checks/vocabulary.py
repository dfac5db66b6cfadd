"""The ``vocabulary`` kind: words to replace, each with the word to use and why.

A vocabulary is a list of entries: ``word`` (the form to flag, a literal), ``use`` (the form to
write; the fix, when given), ``why`` (a short reason for the message), and optional context:
``followed_by`` (a regular expression that must follow: 做出 only before 决定/贡献...),
``not_followed_by`` and ``not_preceded_by`` (regular expressions that must not follow or
precede: 按装 not in 按装修). The entries come from a file of ``rules/vocabularies/`` (or next
to a user's rule file) named by the ``vocabulary`` option, or inline as ``entries``. All entries
are compiled into one regular expression whose branches start with their word, so the regex
engine scans for the first characters of the words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import Field, ValidationError

from assistant.errors import DataFileError
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
        entries = list(_entries(rule, options)) + list(extra)
        self.entries = tuple(entries)
        self._not_before: dict[int, re.Pattern[str]] = {}
        branches = []
        order = sorted(range(len(entries)), key=lambda i: len(entries[i].word), reverse=True)
        for index in order:
            entry = entries[index]
            branch = re.escape(entry.word)
            if entry.followed_by:
                branch += f"(?={entry.followed_by})"
            if entry.not_followed_by:
                branch += f"(?!{entry.not_followed_by})"
            branches.append(f"(?P<w{index}>{branch})")
            if entry.not_preceded_by:
                self._not_before[index] = _compile(rule, f"(?:{entry.not_preceded_by})$")
        self._regex = _compile(rule, "|".join(branches)) if branches else None

    def find(self, text: str) -> Iterator[Finding]:
        """Every occurrence of a word in its context."""
        if self._regex is None:
            return
        entries, not_before = self.entries, self._not_before
        for match in self._regex.finditer(text):
            index = int(str(match.lastgroup)[1:])
            start, end = match.span()
            before = not_before.get(index)
            if before is not None and before.search(text, max(0, start - 8), start):
                continue
            entry = entries[index]
            yield start, end, entry.use, entry.why


def _entries(rule: Rule, options: Options) -> Iterator[VocabularyEntry]:
    name = options.string("vocabulary")
    if name is not None:
        yield from load_table(vocabulary_path(rule, name), Vocabulary).entries
    for index, raw in enumerate(rule.options.get("entries") or []):
        try:
            yield VocabularyEntry.model_validate(raw)
        except ValidationError as error:
            raise DataFileError(describe(error, f"{rule.id}: entries.{index}")) from None


def _compile(rule: Rule, source: str) -> re.Pattern[str]:
    try:
        return re.compile(source)
    except re.error as error:
        raise RuleError(f"{rule.id}: bad context pattern in the vocabulary: {error}") from None
