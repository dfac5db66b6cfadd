"""The rules README lists every rule with its current severity (so the policy it states is the
one the catalogue follows)."""

from __future__ import annotations

import re

from assistant.style.catalogue import RULES_DIR, load_rules

ROW = re.compile(r"^\| ([a-z0-9-]+) \| (error|warning|info) \|", re.MULTILINE)


def test_the_readme_lists_every_rule_with_its_severity() -> None:
    listed = dict(ROW.findall((RULES_DIR / "README.md").read_text(encoding="utf-8")))
    assert listed == {rule.id: rule.severity for rule in load_rules()}


def test_spacing_is_never_an_error() -> None:
    spacing = [rule for rule in load_rules() if "space" in rule.id or "spaced" in rule.id]
    assert spacing and all(rule.severity != "error" for rule in spacing)
