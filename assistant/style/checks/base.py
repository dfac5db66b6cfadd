"""What every check shares: findings, option parsing and fix building."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from assistant.genre.numbering import PATTERN_FIELDS
from assistant.literals import lines_with
from assistant.style.catalogue import Rule, RuleError

if TYPE_CHECKING:
    from assistant.corpus.tree import DocumentTree


# A raw hit of one check: (start, end, replacement or None, detail for the message). A plain
# tuple: checks make thousands on a defect-heavy draft, and a named tuple costs several times more.
Finding = tuple[int, int, "str | None", str]


class TextCheck(Protocol):
    """A check that reads the raw text."""

    rule: Rule
    fix_safe: bool

    def find(self, text: str) -> Iterator[Finding]:
        """Every hit in ``text``, in any order."""
        ...


class TreeCheck(Protocol):
    """A check that reads the parsed heading tree."""

    rule: Rule
    fix_safe: bool
    scope: str  # "text" (the whole text) or "document" (each summary of a compilation)
    needs_sections: bool  # False when only the tree's defects are read

    def find_in_tree(self, tree: DocumentTree) -> Iterator[Finding]:
        """Every hit in the tree, in any order."""
        ...


class Options:
    """Typed access to a rule's kind-specific options, failing with the rule id."""

    def __init__(self, rule: Rule, allowed: frozenset[str]) -> None:
        unknown = set(rule.options) - allowed
        if unknown:
            raise RuleError(f"{rule.id}: unknown option(s) {', '.join(sorted(unknown))}")
        self._rule = rule

    def _get(self, key: str, kind: type, default: Any) -> Any:
        value = self._rule.options.get(key, default)
        if value is not None and not isinstance(value, kind):
            raise RuleError(f"{self._rule.id}: option {key!r} must be a {kind.__name__}")
        return value

    def string(self, key: str, default: str | None = None) -> str | None:
        """A string option."""
        value: str | None = self._get(key, str, default)
        return value

    def required_string(self, key: str) -> str:
        """A string option that must be present."""
        value = self.string(key)
        if not value:
            raise RuleError(f"{self._rule.id}: option {key!r} is required")
        return value

    def integer(self, key: str, default: int) -> int:
        """An integer option."""
        value: int = self._get(key, int, default)
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """A boolean option."""
        value: bool = self._get(key, bool, default)
        return value

    def strings(self, key: str) -> list[str]:
        """A list-of-strings option (empty when absent)."""
        value: list[Any] = self._get(key, list, [])
        if not all(isinstance(item, str) for item in value):
            raise RuleError(f"{self._rule.id}: option {key!r} must be a list of strings")
        return [str(item) for item in value]

    def mapping(self, key: str) -> dict[str, str]:
        """A string-to-string mapping option (empty when absent)."""
        value: Mapping[Any, Any] = self._get(key, dict, {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise RuleError(f"{self._rule.id}: option {key!r} must map strings to strings")
        return {str(k): str(v) for k, v in value.items()}

    def check_template(self, key: str, template: str, fields: frozenset[str]) -> None:
        """Fail now if a ``str.format`` template names a field the kind does not offer."""
        try:
            template.format(*[""] * 10, text="", **dict.fromkeys(fields, ""))
        except (KeyError, IndexError, ValueError) as error:
            raise RuleError(f"{self._rule.id}: bad {key!r} template: {error!r}") from None

    def regex(self, key: str) -> re.Pattern[str]:
        """A required regular expression option, compiled.

        The numbering module's pieces may be named in it: ``{ordinal}`` (a heading ordinal: a
        Chinese numeral or a number), ``{numeral}`` (one character of a Chinese numeral) and
        ``{cn_digit}`` (a digit of a number written digit by digit, 〇 included), so rules never
        spell out the numerals themselves.
        """
        source = self.required_string(key)
        for name, piece in PATTERN_FIELDS.items():
            source = source.replace(f"{{{name}}}", piece)
        try:
            return re.compile(source)
        except re.error as error:
            raise RuleError(f"{self._rule.id}: bad {key!r}: {error}") from None


FIX_OPTIONS = frozenset({"fix", "swap"})


class AnyLiteral:
    """Whether any of some literal strings occurs in a text.

    A single character is looked up with ``in``; a longer literal with a compiled pattern, which
    ``re`` scans for several times faster than ``in`` scans for Chinese text.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        literals = tuple(literals)
        self.literals = literals
        self.chars = tuple(literal for literal in literals if len(literal) == 1)
        self.longer = tuple(re.compile(re.escape(lit)) for lit in literals if len(lit) != 1)

    def __bool__(self) -> bool:
        return bool(self.chars or self.longer)

    def occurs_in(self, text: str) -> bool:
        """Whether one of the literals occurs in ``text``."""
        return any(char in text for char in self.chars) or any(
            pattern.search(text) is not None for pattern in self.longer
        )

    def lines(self, text: str) -> list[tuple[int, int]]:
        """The spans of the lines holding one of the literals, in order, each once."""
        if len(self.literals) == 1:
            return lines_with(text, self.literals[0])
        return sorted({span for literal in self.literals for span in lines_with(text, literal)})


class Exempt:
    """Words in which a flagged span is no problem (``X射线`` for a placeholder ``X``).

    A span is exempt when an occurrence of one of the words covers it entirely.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({word for word in words if word}, key=len, reverse=True))
        # a scan per first character tells the common case, no word at all (``in`` is slow for
        # Chinese words; re scans fast for words opening alike, slowly for X光|x光)
        by_first: dict[str, list[str]] = {}
        for word in self.words:
            by_first.setdefault(word[0], []).append(word)
        self._scans = tuple(
            re.compile("|".join(map(re.escape, alike))) for alike in by_first.values()
        )

    def __bool__(self) -> bool:
        return bool(self.words)

    def present(self, text: str) -> tuple[str, ...]:
        """The words that occur in ``text`` at all (test only these, span by span)."""
        if not any(scan.search(text) is not None for scan in self._scans):
            return ()
        return tuple(word for word in self.words if word in text)

    @staticmethod
    def covers(words: tuple[str, ...], text: str, start: int, end: int) -> bool:
        """Whether one of ``words`` occurs in ``text`` around ``[start, end)``."""
        for word in words:
            size = len(word)
            if size < end - start:
                continue
            found = text.find(word, max(0, end - size), start + size)
            if found != -1 and found <= start:
                return True
        return False


class Fixer:
    """Builds a replacement from the flagged text: a ``fix`` template and/or a ``swap`` table.

    ``fix`` is a ``str.format`` template: ``{text}`` is the flagged text and ``{0}``, ``{1}``...
    are the regex groups; ``swap`` maps substrings of the flagged text to their replacements.
    """

    def __init__(self, options: Options, fields: frozenset[str] = frozenset()) -> None:
        self.template = options.string("fix")
        if self.template is not None:
            options.check_template("fix", self.template, fields)
        self.uses_groups = self.template is not None and bool(re.search(r"\{[0-9]", self.template))
        swap = options.mapping("swap")
        self._table: dict[int, str] | None = None
        self._swap_re: re.Pattern[str] | None = None
        self._swap = swap
        if swap and all(len(key) == 1 for key in swap):
            self._table = {ord(key): value for key, value in swap.items()}
        elif swap:
            keys = sorted(swap, key=len, reverse=True)
            self._swap_re = re.compile("|".join(re.escape(key) for key in keys))

    @property
    def enabled(self) -> bool:
        """Whether this rule offers a fix at all."""
        return self.template is not None or bool(self._swap)

    def build(
        self, text: str, groups: tuple[str, ...] = (), fields: Mapping[str, str] | None = None
    ) -> str | None:
        """The replacement for ``text``, or None when the rule has no fix.

        ``fields`` are further named values a kind offers its templates (``{break}``).
        """
        if not self.enabled:
            return None
        result = text
        if self.template is not None:
            result = self.template.format(text, *groups, text=text, **(fields or {}))
        if self._table is not None:
            result = result.translate(self._table)
        elif self._swap_re is not None:
            swap = self._swap
            result = self._swap_re.sub(lambda match: swap[match.group()], result)
        return result
