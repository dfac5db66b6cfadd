"""The check kinds a rule can pick; each turns one rule's options into findings."""

from __future__ import annotations

from assistant.style.catalogue import Rule
from assistant.style.checks.base import Exempt, Finding, TextCheck, TreeCheck
from assistant.style.checks.duplicate import DuplicateCheck
from assistant.style.checks.formulas import FormulaCheck
from assistant.style.checks.length import LengthCheck
from assistant.style.checks.marked_list import MarkedListCheck
from assistant.style.checks.parts import DefectCheck, MissingRoleCheck, structure_scope
from assistant.style.checks.pattern import PatternCheck
from assistant.style.checks.quotes import QuotesCheck
from assistant.style.checks.repetition import RepetitionCheck
from assistant.style.checks.vocabulary import VocabularyCheck
from assistant.style.checks.years import YearMismatchCheck

__all__ = [
    "TREE_KINDS",
    "Exempt",
    "Finding",
    "TextCheck",
    "TreeCheck",
    "build_text_check",
    "build_tree_check",
]

TREE_KINDS = frozenset({"defect", "structure"})


def build_text_check(rule: Rule) -> TextCheck:
    """The check that runs a text-level ``rule`` (pattern, formula, quotes ...)."""
    if rule.kind in ("pattern", "substitution"):
        return PatternCheck(rule)
    if rule.kind == "formula":
        return FormulaCheck(rule)
    if rule.kind == "quotes":
        return QuotesCheck(rule)
    if rule.kind == "vocabulary":
        return VocabularyCheck(rule)
    if rule.kind == "marked-list":
        return MarkedListCheck(rule)
    if rule.kind == "duplicate":
        return DuplicateCheck(rule)
    if rule.kind == "repetition":
        return RepetitionCheck(rule)
    return LengthCheck(rule)


def build_tree_check(rule: Rule) -> TreeCheck:
    """The check that runs a tree-level ``rule`` (defect, structure)."""
    if rule.kind == "defect":
        return DefectCheck(rule)
    if rule.options.get("check") == "year-mismatch":
        return YearMismatchCheck(rule, structure_scope(rule))
    return MissingRoleCheck(rule)
