"""The rule loader rejects malformed rule files with the rule's name in the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.style.catalogue import Rule, RuleError, load_rule_file, parse_rule
from assistant.style.engine import Checker

GOOD = {
    "id": "sample-rule",
    "kind": "pattern",
    "severity": "error",
    "message": "示例“{text}”。",
    "pattern": "xx",
}


def test_a_valid_rule_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "sample-rule.yaml"
    path.write_text("id: sample-rule\nkind: pattern\nseverity: info\nmessage: 示例\npattern: a\n")
    rule = load_rule_file(path)
    assert (rule.id, rule.kind, rule.severity, rule.options) == (
        "sample-rule",
        "pattern",
        "info",
        {"pattern": "a"},
    )


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"id": "Not_Kebab"}, "kebab"),
        ({"kind": "grammar"}, "unknown kind"),
        ({"severity": "fatal"}, "unknown severity"),
        ({"message": ""}, "message"),
    ],
)
def test_bad_common_keys_are_rejected(change: dict[str, str], complaint: str) -> None:
    with pytest.raises(RuleError, match=complaint):
        parse_rule({**GOOD, **change}, "sample-rule.yaml")


def test_file_name_must_match_the_id(tmp_path: Path) -> None:
    path = tmp_path / "other-name.yaml"
    path.write_text("id: sample-rule\nkind: pattern\nseverity: info\nmessage: 示例\npattern: a\n")
    with pytest.raises(RuleError, match="file name"):
        load_rule_file(path)


@pytest.mark.parametrize(
    "options",
    [
        {"pattern": "("},  # not a regex
        {"pattern": "a", "colour": "red"},  # unknown option
        {"pattern": "a", "group": 2},  # no such group
    ],
)
def test_bad_kind_options_are_rejected(options: dict[str, object]) -> None:
    rule = Rule("sample-rule", "pattern", "error", "示例", options=options)
    with pytest.raises(RuleError, match="sample-rule"):
        Checker([rule])


def test_a_message_with_an_unknown_placeholder_is_rejected() -> None:
    rule = Rule("sample-rule", "pattern", "error", "示例{nope}", options={"pattern": "a"})
    with pytest.raises(RuleError, match="message"):
        Checker([rule])


def test_a_substitution_needs_a_swap_table() -> None:
    rule = Rule("sample-rule", "substitution", "error", "示例", options={"pattern": "a"})
    with pytest.raises(RuleError, match="swap"):
        Checker([rule])


def test_a_custom_catalogue_runs_only_its_rules() -> None:
    rule = Rule("no-tbd", "pattern", "warning", "待定：“{text}”", options={"pattern": "TBD"})
    result = Checker([rule]).check("内容TBD，其他,")
    assert [(d.rule, d.offset, d.message) for d in result.diagnostics] == [
        ("no-tbd", 2, "待定：“TBD”")
    ]
