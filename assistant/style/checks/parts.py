"""The tree kinds: parser defects, and whole-document checks (a missing problems part).

``defect`` reports what the heading parser recorded; ``structure`` checks the document's parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.corpus.tree import DocumentTree
from assistant.genre.table import Role
from assistant.style.catalogue import Rule, RuleError
from assistant.style.checks.base import FIX_OPTIONS, Finding, Fixer, Options

DEFECT_OPTIONS = FIX_OPTIONS | {"defect", "fix_safe", "scope"}
STRUCTURE_OPTIONS = frozenset({"check", "role", "min_parts", "phrases", "scope"})
STRUCTURE_CHECKS = ("missing-role", "year-mismatch")
SCOPES = ("text", "document")
_SENTENCE_END = frozenset("。！？!?")
_GLUED = re.compile(r"[ \t\u3000]*[^\s\u3000，,、；;：:。.！!？?）)”’》]")


def structure_scope(rule: Rule) -> str:
    """The ``scope`` option of a structure rule, checked."""
    scope = rule.options.get("scope", "text")
    if scope not in SCOPES:
        raise RuleError(f"{rule.id}: unknown scope {scope!r}")
    return str(scope)


def _scope(rule: Rule, options: Options) -> str:
    """``text``: run on the whole text; ``document``: on each summary of a compilation."""
    scope = options.string("scope", "text") or "text"
    if scope not in SCOPES:
        raise RuleError(f"{rule.id}: unknown scope {scope!r}")
    return scope


class DefectCheck:
    """Reports every parser defect of one kind, with a fix built from the flagged text.

    The ``fix`` template may use ``{break}``: a line break when the flagged text is glued to
    text that follows it on its line with no punctuation between (a title cut from its body by
    the parser), else nothing: a heading ending in 。 may keep its body on its line.
    """

    needs_sections = False

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, DEFECT_OPTIONS)
        self.rule = rule
        self.defect = options.required_string("defect")
        self.scope = _scope(rule, options)
        self.fixer = Fixer(options, frozenset({"break"}))
        self.fix_safe = options.boolean("fix_safe", True)

    def find_in_tree(self, tree: DocumentTree) -> Iterator[Finding]:
        """One finding per recorded defect of this rule's kind."""
        for defect in tree.defects:
            if defect.kind != self.defect:
                continue
            start = defect.position.offset
            end = start + max(defect.length, 1)
            text = tree.text
            flagged = text[start:end]
            glued = text[end - 1] not in _SENTENCE_END and _GLUED.match(text, end) is not None
            fields = {"break": "\n" if glued else ""}
            yield start, end, self.fixer.build(flagged, (), fields), defect.detail


class MissingRoleCheck:
    """Flags a whole summary (at least ``min_parts`` level-1 parts) with no part of ``role``.

    A part counts when any section at any level has the role, or when one of ``phrases``
    (regular expressions) occurs in the text.
    """

    fix_safe = False
    needs_sections = True

    def __init__(self, rule: Rule) -> None:
        options = Options(rule, STRUCTURE_OPTIONS)
        self.rule = rule
        self.scope = _scope(rule, options)
        check = options.required_string("check")
        if check not in STRUCTURE_CHECKS:
            raise RuleError(f"{rule.id}: unknown structure check {check!r}")
        role = options.required_string("role")
        try:
            self.role = Role(role)
        except ValueError:
            raise RuleError(f"{rule.id}: unknown role {role!r}") from None
        self.min_parts = options.integer("min_parts", 2)
        phrases = options.strings("phrases")
        # one pattern each: re scans fast for a phrase's leading literal, not for an alternation
        self.phrases = tuple(re.compile(phrase) for phrase in phrases)

    def find_in_tree(self, tree: DocumentTree) -> Iterator[Finding]:
        """At most one finding, spanning the document's first line."""
        if sum(1 for section in tree.sections if section.level == 1) < self.min_parts:
            return
        if any(section.role == self.role for section in tree.walk()):
            return
        if any(phrase.search(tree.text) for phrase in self.phrases):
            return
        text = tree.text
        start = len(text) - len(text.lstrip())
        end = text.find("\n", start)
        end = len(text.rstrip()) if end == -1 else len(text[:end].rstrip())
        yield start, max(end, start + 1), None, ""
