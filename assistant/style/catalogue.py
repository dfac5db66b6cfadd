"""The rule catalogue: one YAML file per rule in ``assistant/style/rules/``, loaded and checked.

Every file holds one mapping with the common keys ``id`` (stable kebab-case, equal to the file
name), ``kind``, ``severity``, ``message`` (Chinese; a ``str.format`` template over ``{text}``,
the flagged text, ``{fix}`` and ``{detail}``) and ``description``. Other keys are options of the
kind, validated by its check (``assistant.style.checks``):

- ``pattern``: ``pattern`` (regex; ``{ordinal}``, ``{numeral}``, ``{cn_digit}`` stand for the
  numbering module's numerals), ``group`` (a number, or ``last``), ``fix`` (template:
  ``{text}``, ``{1}``...), ``swap`` (substring table applied to the flagged text), ``fix_safe``,
  ``requires`` (literals of which one must occur for the regex to run), ``prefilter`` (a cheap
  regex that must match for it to run), ``exceptions`` (words in which a match is no problem).
- ``substitution``: a ``pattern`` whose fix comes from its ``swap`` table.
- ``vocabulary``: words that are wrong or against 公文 usage, each with the word to use
  (``vocabulary``: a file of ``rules/vocabularies/``; ``entries``: the same inline), ``fix_safe``.
- ``repetition``: doubled characters; ``allow`` (words), ``skip_chars``, ``lexicon``,
  ``word_min_freq``, ``fix``, ``fix_safe``.
- ``length``: sentences over ``max_chars`` between ``boundaries``.
- ``formula``: political formulas out of date for the draft's year (its title's, else the
  current year), from the genre's formula table; ``series`` (the series checked),
  ``grace_years``.
- ``marked-list``: a 顿号 between marked items (``marks``: pairs such as ``“”``, ``《》``),
  ``exceptions``, ``fix_safe``.
- ``duplicate``: a sentence of at least ``min_chars`` repeating an earlier one; ``fix_safe``.
- ``quotes``: straight marks (``straight``) paired with curly ones (``opening``, ``closing``)
  as a reader pairs them; ``content_han``, ``fix_safe``.
- ``defect``: a heading-parser defect kind (``defect``), with ``fix``/``swap`` and ``scope``.
- ``structure``: ``check: missing-role`` with ``role``, ``min_parts``, ``phrases``, ``scope``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from assistant.style.diagnostic import SEVERITIES, Severity

RULES_DIR = Path(__file__).resolve().parent / "rules"
KINDS = (
    "pattern",
    "substitution",
    "vocabulary",
    "repetition",
    "length",
    "formula",
    "quotes",
    "marked-list",
    "duplicate",
    "defect",
    "structure",
)
COMMON_KEYS = frozenset({"id", "kind", "severity", "message", "description"})
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleError(ValueError):
    """A rule file is malformed (a programming error in the catalogue, not user input)."""


@dataclass(frozen=True)
class Rule:
    """One rule as written in its YAML file."""

    id: str
    kind: str
    severity: Severity
    message: str
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None  # the rule file, for messages and for files it names


def parse_rule(data: object, source: str, path: Path | None = None) -> Rule:
    """Validate the common keys of one rule mapping."""
    if not isinstance(data, dict):
        raise RuleError(f"{source}: a rule file must hold one mapping")
    raw = cast(dict[str, Any], data)
    for key in ("id", "kind", "severity", "message"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise RuleError(f"{source}: missing or empty {key!r}")
    rule_id, kind, severity = raw["id"], raw["kind"], raw["severity"]
    if not _ID.fullmatch(rule_id):
        raise RuleError(f"{source}: id {rule_id!r} is not kebab-case")
    if kind not in KINDS:
        raise RuleError(f"{source}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if severity not in SEVERITIES:
        raise RuleError(f"{source}: unknown severity {severity!r}")
    options = {key: value for key, value in raw.items() if key not in COMMON_KEYS}
    return Rule(
        id=rule_id,
        kind=kind,
        severity=cast(Severity, severity),
        message=raw["message"].strip(),
        description=str(raw.get("description", "")).strip(),
        options=options,
        source=path,
    )


def load_rule_file(path: Path) -> Rule:
    """Read and validate one rule file; its id must equal the file name."""
    rule = parse_rule(yaml.safe_load(path.read_text(encoding="utf-8")), path.name, path)
    if rule.id != path.stem:
        raise RuleError(f"{path.name}: id {rule.id!r} differs from the file name")
    return rule


@cache
def load_rules(directory: Path = RULES_DIR) -> tuple[Rule, ...]:
    """Every rule in ``directory``, sorted by id."""
    rules = tuple(load_rule_file(path) for path in sorted(directory.glob("*.yaml")))
    if not rules:
        raise RuleError(f"no rule files in {directory}")
    return rules
