"""The project style configuration: found upward or named by ASSISTANT_STYLE_CONFIG, rules on
and off, severities, the unit's own rule folders, accepted and rejected words; a malformed file
fails at load naming the file and the field, and the CLI exits 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import assistant.cli
from assistant.cli import main
from assistant.errors import StyleConfigError
from assistant.style.project import CONFIG_NAME, checker_for, config_path, find_config

DRAFT = "其它工作由 铁男 兄负责，以项目为抓手推进。\n"
OWN_RULE = """\
id: no-tbd
kind: pattern
severity: error
message: 待定内容“{text}”请补全。
pattern: 待定
"""


@pytest.fixture(autouse=True)
def only_check_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assistant.cli, "COMMAND_MODULES", ("check", "lsp"))
    monkeypatch.delenv("ASSISTANT_STYLE_CONFIG", raising=False)


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / CONFIG_NAME).write_text(config, encoding="utf-8")
    folder = tmp_path / "drafts" / "2026"
    folder.mkdir(parents=True)
    return folder


def _rules(folder: Path, text: str = DRAFT) -> dict[str, str]:
    found = checker_for(None, folder).check(text).diagnostics
    return {d.rule: d.severity for d in found}


def test_without_a_configuration_the_built_in_rules_apply(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    assert _rules(tmp_path) == {"confused-words": "warning", "spaced-name": "warning"}


def test_the_nearest_configuration_above_the_file_applies(tmp_path: Path) -> None:
    folder = _project(tmp_path, "rules:\n  spaced-name: off\n  confused-words: error\n")
    assert find_config(folder) == tmp_path / CONFIG_NAME
    assert _rules(folder) == {"confused-words": "error"}


def test_severity_as_a_mapping_and_enabled_false(tmp_path: Path) -> None:
    config = "rules:\n  spaced-name: {severity: info}\n  confused-words: {enabled: false}\n"
    assert _rules(_project(tmp_path, config)) == {"spaced-name": "info"}


def test_the_environment_variable_wins_over_a_file_found_upward(tmp_path: Path) -> None:
    folder = _project(tmp_path, "rules:\n  spaced-name: off\n")
    other = tmp_path / "other.yaml"
    other.write_text("rules:\n  confused-words: off\n", encoding="utf-8")
    assert config_path(other, folder) == other
    assert {d.rule for d in checker_for(other, folder).check(DRAFT).diagnostics} == {"spaced-name"}


def test_accepted_words_are_never_flagged_and_rejected_words_always(tmp_path: Path) -> None:
    config = (
        "vocabulary:\n  accept: [其它工作, 铁男 兄]\n  reject:\n    - {word: 抓手, use: 载体}\n"
    )
    found = checker_for(None, _project(tmp_path, config)).check(DRAFT).diagnostics
    assert [(d.rule, d.excerpt, d.fix.replacement if d.fix else None) for d in found] == [
        ("spaced-name", " ", ""),  # the space before 铁男 is outside the accepted 铁男 兄
        ("rejected-word", "抓手", "载体"),
    ]


def test_rule_folders_add_the_units_own_rules(tmp_path: Path) -> None:
    folder = _project(tmp_path, "rule_folders: [house-rules]\n")
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "house-rules" / "no-tbd.yaml").write_text(OWN_RULE, encoding="utf-8")
    assert _rules(folder, "开工时间待定。") == {"no-tbd": "error"}


@pytest.mark.parametrize(
    ("config", "rule_file", "words"),
    [
        ("rulez: {}\n", None, [CONFIG_NAME, "rulez", "Extra inputs are not permitted"]),
        ("rules:\n  stray-spac: off\n", None, [CONFIG_NAME, "rules.stray-spac", "没有这条规则"]),
        ("rules:\n  stray-space: fatal\n", None, [CONFIG_NAME, "rules.stray-space"]),
        ("vocabulary:\n  reject: [抓手]\n", None, [CONFIG_NAME, "vocabulary.reject.0"]),
        ("rule_folders: [missing]\n", None, [CONFIG_NAME, "rule_folders.0", "不存在"]),
        ("rules: [\n", None, [CONFIG_NAME, "not valid YAML"]),
        ("rule_folders: [r]\n", "id: no-tbd\nkind: grammar\n", ["no-tbd.yaml", "severity"]),
        ("rule_folders: [r]\n", OWN_RULE.replace("pattern\n", "grammar\n"), ["unknown kind"]),
        ("rule_folders: [r]\n", OWN_RULE.replace("待定", "("), ["no-tbd", "bad 'pattern'"]),
        ("rule_folders: [r]\n", OWN_RULE + "colour: red\n", ["no-tbd", "colour"]),
        ("rule_folders: [r]\n", OWN_RULE.replace("no-tbd", "stray-space"), ["已存在"]),
    ],
)
def test_a_malformed_configuration_or_rule_fails_naming_file_and_field(
    tmp_path: Path, config: str, rule_file: str | None, words: list[str]
) -> None:
    folder = _project(tmp_path, config)
    if rule_file is not None:
        (tmp_path / "r").mkdir()
        name = "stray-space.yaml" if "id: stray-space" in rule_file else "no-tbd.yaml"
        (tmp_path / "r" / name).write_text(rule_file, encoding="utf-8")
    with pytest.raises(StyleConfigError) as raised:
        checker_for(None, folder)
    message = str(raised.value)
    assert all(word in message for word in words), message


def test_an_edited_configuration_is_read_again(tmp_path: Path) -> None:
    folder = _project(tmp_path, "rules:\n  spaced-name: off\n")
    assert "spaced-name" not in _rules(folder)
    (tmp_path / CONFIG_NAME).write_text("rules:\n  confused-words: off\n", encoding="utf-8")

    os.utime(tmp_path / CONFIG_NAME, ns=(1, 10**18))  # a new modification time
    assert _rules(folder) == {"spaced-name": "warning"}


def test_cli_check_applies_the_configuration_of_the_files_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _project(tmp_path, "rules:\n  spaced-name: off\n  confused-words: error\n")
    draft = folder / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(draft), "--json"]) == 1
    rules = [d["rule"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert rules == ["confused-words"]


def test_cli_fix_uses_the_configuration_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _project(tmp_path, "vocabulary:\n  reject:\n    - {word: 抓手, use: 载体}\n")
    draft = folder / "draft.txt"
    draft.write_text("以项目为抓手。\n", encoding="utf-8")
    assert main(["check", str(draft), "--fix"]) == 0
    assert capsys.readouterr().out == "以项目为载体。\n"


def test_cli_exits_2_naming_the_file_and_field_of_a_malformed_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _project(tmp_path, "rules:\n  stray-spac: off\n")
    draft = folder / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / CONFIG_NAME) in err and "rules.stray-spac" in err
    assert "Traceback" not in err


def test_a_missing_configuration_named_by_the_environment_is_a_settings_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_STYLE_CONFIG", str(tmp_path / "nope.yaml"))
    assert main(["check", str(tmp_path)]) == 2
    assert "ASSISTANT_STYLE_CONFIG" in capsys.readouterr().err


def test_the_language_server_does_not_start_with_a_malformed_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: {nope: off}\n", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_STYLE_CONFIG", str(bad))
    assert main(["lsp"]) == 2
    assert "rules.nope" in capsys.readouterr().err
