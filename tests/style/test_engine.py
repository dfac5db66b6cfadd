"""The engine's contract: the SPEC's JSON shape, positions in characters, sorted output."""

from __future__ import annotations

import json
import re

from assistant.contract import dump_json
from assistant.style.catalogue import load_rules
from assistant.style.engine import CheckSummary, check_text
from assistant.style.format import format_result

DIAGNOSTIC_KEYS = ["rule", "severity", "message", "line", "column", "offset", "length"]
DIAGNOSTIC_KEYS += ["excerpt", "fix"]
DRAFT = "县科技局工作总结\n一、主要成绩\n完成xx个项目,成效明显.\n（三）存在问题\n"


def test_json_has_exactly_the_spec_shape() -> None:
    data = json.loads(dump_json(check_text(DRAFT)))
    assert list(data) == ["diagnostics", "summary"]
    assert list(data["summary"]) == ["errors", "warnings", "chars"]
    assert data["diagnostics"]
    for diagnostic in data["diagnostics"]:
        assert list(diagnostic) == DIAGNOSTIC_KEYS
        assert diagnostic["severity"] in ("error", "warning", "info")
        assert diagnostic["fix"] is None or list(diagnostic["fix"]) == ["replacement"]
        assert re.search(r"[\u4e00-\u9fff]", diagnostic["message"])


def test_json_keeps_chinese_readable() -> None:
    assert "占位符" in dump_json(check_text(DRAFT)).decode("utf-8")


def test_summary_counts_errors_warnings_and_characters() -> None:
    result = check_text(DRAFT)
    severities = [d.severity for d in result.diagnostics]
    assert result.summary == CheckSummary(
        errors=severities.count("error"),
        warnings=severities.count("warning"),
        chars=len(DRAFT),
    )


def test_positions_count_characters_not_bytes() -> None:
    (diagnostic,) = [d for d in check_text(DRAFT).diagnostics if d.rule == "placeholder"]
    assert DRAFT[diagnostic.offset : diagnostic.end] == "xx"
    assert (diagnostic.line, diagnostic.column, diagnostic.offset) == (3, 3, 18)


def test_diagnostics_are_sorted_by_position() -> None:
    offsets = [d.offset for d in check_text(DRAFT).diagnostics]
    assert offsets == sorted(offsets)
    assert [d.rule for d in check_text(DRAFT).diagnostics][:3] == [
        "placeholder",
        "half-width-punctuation",
        "half-width-period",
    ]


def test_clean_text_has_no_diagnostics() -> None:
    result = check_text("今年以来，我局认真落实各项工作任务，取得了较好成效。")
    assert result.diagnostics == ()
    assert result.summary == CheckSummary(errors=0, warnings=0, chars=26)


def test_long_excerpts_are_shortened() -> None:
    sentence = "各单位" + "加强组织领导、" * 20 + "确保完成任务"
    (diagnostic,) = check_text(sentence + "。").diagnostics
    assert diagnostic.rule == "overlong-sentence"
    assert diagnostic.length == len(sentence)
    assert len(diagnostic.excerpt) <= 40 and diagnostic.excerpt.endswith("……")


def test_human_format_is_path_line_column_severity_rule_message() -> None:
    output = format_result(check_text(DRAFT), "draft.txt")
    first = output.splitlines()[0]
    assert first == "draft.txt:3:3 error placeholder 未填写的占位符“xx”，请填入实际内容。"
    assert output.splitlines()[-1].startswith("共 ")


def test_rule_ids_are_unique_kebab_case_with_chinese_messages() -> None:
    rules = load_rules()
    ids = [rule.id for rule in rules]
    assert len(ids) == len(set(ids)) >= 20
    for rule in rules:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id)
        assert re.search(r"[\u4e00-\u9fff]", rule.message)
        assert rule.description


def test_a_lone_surrogate_is_checked_like_any_character() -> None:
    """JSON may carry an unpaired ``\\ud800``; the code-point scans used to fail on it."""
    sentence = "全年新增高新技术企业12家，增长20%。"
    result = check_text(f"一、工作\n正在在加快\ud800建设。{sentence}{sentence}" + "加强领导、" * 40)
    rules = {d.rule for d in result.diagnostics}
    assert {"doubled-char", "duplicate-sentence", "overlong-sentence"} <= rules
