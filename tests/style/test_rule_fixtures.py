"""Every rule against its fixture file: texts that must trigger it (at the given spans) and
texts that must not. A fixture may carry ``config``: the .assistant-style.yaml content its texts
are checked with (rules that act on a project's configuration, such as rejected-word)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.style.catalogue import load_rules
from assistant.style.engine import check_text
from assistant.style.project import StyleConfig, build_checker

FIXTURES = Path(__file__).parent / "fixtures"
RULE_IDS = [rule.id for rule in load_rules()]


def _load(rule_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / f"{rule_id}.yaml").read_text("utf-8"))
    return data


def _cases(section: str) -> list[Any]:
    cases = []
    for rule_id in RULE_IDS:
        if not (FIXTURES / f"{rule_id}.yaml").exists():
            continue
        for index, case in enumerate(_load(rule_id).get(section) or []):
            cases.append(pytest.param(rule_id, case, id=f"{rule_id}-{index}"))
    return cases


def _hits(rule_id: str, text: str) -> list[Any]:
    config = _load(rule_id).get("config")
    if config is None:
        found = check_text(text).diagnostics
    else:
        checker = build_checker(StyleConfig.model_validate(config), FIXTURES / f"{rule_id}.yaml")
        found = checker.check(text).diagnostics
    return [d for d in found if d.rule == rule_id]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_fixtures_that_trigger_and_pass(rule_id: str) -> None:
    path = FIXTURES / f"{rule_id}.yaml"
    assert path.exists(), f"missing fixture file {path.name}"
    data = _load(rule_id)
    assert data["rule"] == rule_id
    assert data.get("trigger"), "no text that must trigger"
    assert data.get("pass"), "no text that must pass"


@pytest.mark.parametrize(("rule_id", "case"), _cases("trigger"))
def test_fixture_text_triggers_rule_at_expected_spans(rule_id: str, case: dict[str, Any]) -> None:
    text: str = case["text"]
    hits = _hits(rule_id, text)
    assert [(d.offset, d.length) for d in hits] == [
        (e["offset"], e["length"]) for e in case["expect"]
    ]
    for diagnostic, expected in zip(hits, case["expect"], strict=True):
        assert diagnostic.excerpt == text[diagnostic.offset : diagnostic.end] or (
            diagnostic.excerpt.endswith("……")
        )
        if "fix" in expected:
            replacement = diagnostic.fix.replacement if diagnostic.fix else None
            assert replacement == expected["fix"]


@pytest.mark.parametrize(("rule_id", "case"), _cases("pass"))
def test_fixture_text_does_not_trigger_rule(rule_id: str, case: str) -> None:
    assert _hits(rule_id, case) == []
