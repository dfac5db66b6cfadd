"""A project's style configuration, as Vale has ``.vale.ini``: which rules, how severe, whose words.

``.assistant-style.yaml``, found in the checked file's folder or the nearest folder above it
(for text without a file, above the working directory), or named by ``ASSISTANT_STYLE_CONFIG``
(which then wins)::

    rules:                       # per rule id: off, on, error, warning, info,
      spaced-name: off           #   or {enabled: false} / {severity: warning}
      confused-words: error
    rule_folders: [style-rules]  # folders of the unit's own rule files (same format as the
                                 #   built-in ones), relative to this file
    vocabulary:
      accept: [CnPack 开发组]     # the unit's names and terms: never flagged by any rule
      reject:                    # words always flagged (rule rejected-word)
        - {word: 抓手, use: 工作载体, why: 本单位公文不用“抓手”}

The file and every rule file it adds are validated when loaded: an unknown key, an unknown rule
id, a missing folder or a malformed rule is a `StyleConfigError` naming the file and the field,
so the CLI exits 2 and a server does not start. The CLI, the HTTP API and the language server
all build their checker here (`checker_for`), so they apply the same configuration.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from assistant.errors import AssistantError, StyleConfigError
from assistant.style.catalogue import Rule, RuleError, load_rule_file, load_rules
from assistant.style.diagnostic import Severity
from assistant.style.engine import Checker, default_checker
from assistant.tables import Table, describe, read_yaml

CONFIG_NAME = ".assistant-style.yaml"
ENV_VARIABLE = "ASSISTANT_STYLE_CONFIG"
REJECT_RULE = "rejected-word"
Switch = Literal["off", "on", "error", "warning", "info"]


class RuleSetting(Table):
    """One rule's setting: on or off, and its severity."""

    enabled: bool = True
    severity: Severity | None = None


class RejectedWord(Table):
    """A word the unit never writes, and what to write instead."""

    word: str = Field(min_length=1)
    use: str | None = None
    why: str = ""


class VocabularySetting(Table):
    """The unit's accepted and rejected words."""

    accept: tuple[str, ...] = ()
    reject: tuple[RejectedWord, ...] = ()


class StyleConfig(Table):
    """``.assistant-style.yaml``."""

    rules: dict[str, bool | Switch | RuleSetting] = Field(default_factory=dict)
    rule_folders: tuple[str, ...] = ()
    vocabulary: VocabularySetting = Field(default_factory=VocabularySetting)

    def setting(self, rule_id: str) -> RuleSetting:
        """The setting of one rule (defaults when the file does not name it)."""
        value = self.rules.get(rule_id)
        if value is None or value is True or value == "on":
            return RuleSetting()
        if value is False or value == "off":
            return RuleSetting(enabled=False)
        if isinstance(value, RuleSetting):
            return value
        return RuleSetting(severity=value)


def find_config(start: Path) -> Path | None:
    """The nearest ``.assistant-style.yaml`` in ``start`` (a folder or a file's) or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def config_path(explicit: Path | None, near: Path | None = None) -> Path | None:
    """The configuration to use: ``explicit`` (``ASSISTANT_STYLE_CONFIG``), else found upward."""
    if explicit is not None:
        if not explicit.is_file():
            raise StyleConfigError(f"找不到格式检查配置文件：{explicit}（{ENV_VARIABLE}）")
        return explicit
    return find_config((near if near is not None else Path.cwd()).resolve())


def load_config(path: Path) -> StyleConfig:
    """The configuration file, validated; errors name the file and the field."""
    try:
        raw = read_yaml(path)
        return StyleConfig.model_validate({} if raw is None else raw)
    except ValidationError as error:
        raise StyleConfigError(f"格式检查配置有误：\n{describe(error, str(path))}") from None
    except AssistantError as error:
        raise StyleConfigError(f"格式检查配置有误：{error}") from None


def build_checker(config: StyleConfig, path: Path) -> Checker:
    """The checker a configuration asks for: built-in and added rules, settings, vocabulary."""
    rules = list(load_rules()) + _added_rules(config, path)
    known = {rule.id for rule in rules}
    unknown = sorted(set(config.rules) - known)
    if unknown:
        raise StyleConfigError(
            f"格式检查配置有误：{path}: rules.{unknown[0]}: 没有这条规则"
            f"（可用的规则见 assistant/style/rules/README.md）"
        )
    chosen: list[Rule] = []
    for rule in rules:
        setting = config.setting(rule.id)
        if not setting.enabled:
            continue
        if setting.severity is not None:
            rule = replace(rule, severity=setting.severity)
        if rule.id == REJECT_RULE and config.vocabulary.reject:
            entries = [_reject_entry(word) for word in config.vocabulary.reject]
            rule = replace(rule, options={**rule.options, "entries": entries})
        chosen.append(rule)
    try:
        return Checker(chosen, accept=config.vocabulary.accept)
    except (RuleError, AssistantError) as error:
        raise StyleConfigError(f"格式检查规则有误（{path} 加入的规则）：{error}") from None


def _reject_entry(word: RejectedWord) -> dict[str, str]:
    """A rejected word as an entry of the rejected-word vocabulary, its reason spelled out."""
    reasons = [word.why] if word.why else []
    if word.use:
        reasons.append(f"应改为“{word.use}”")
    entry = {"word": word.word, "why": "，".join(reasons) or "请换一种说法"}
    if word.use:
        entry["use"] = word.use
    return entry


def _added_rules(config: StyleConfig, path: Path) -> list[Rule]:
    """The rules of the configuration's ``rule_folders``; their ids must be new."""
    built_in = {rule.id for rule in load_rules()}
    added: list[Rule] = []
    for index, name in enumerate(config.rule_folders):
        folder = (path.parent / name).resolve()
        if not folder.is_dir():
            raise StyleConfigError(
                f"格式检查配置有误：{path}: rule_folders.{index}: 文件夹 {folder} 不存在"
            )
        for rule_file in sorted(folder.glob("*.yaml")):
            try:
                rule = load_rule_file(rule_file)
            except (RuleError, AssistantError, OSError, ValueError) as error:
                problem = str(error).removeprefix(f"{rule_file.name}: ")
                raise StyleConfigError(f"格式检查规则文件有误：{rule_file}: {problem}") from None
            if rule.id in built_in or rule.id in {r.id for r in added}:
                raise StyleConfigError(
                    f"格式检查规则文件有误：{rule_file}: id: 规则“{rule.id}”已存在，请换一个编号"
                )
            added.append(rule)
    return added


@lru_cache(maxsize=32)
def _checker_of(path: Path, modified: int) -> Checker:
    return build_checker(load_config(path), path)


def checker_at(path: Path | None) -> Checker:
    """The checker for a configuration file (the built-in one without a file).

    Built once per version of the file: an edited file is read again.
    """
    if path is None:
        return default_checker()
    try:
        modified = path.stat().st_mtime_ns
    except OSError as error:
        raise StyleConfigError(f"无法读取格式检查配置 {path}：{error.strerror}") from None
    return _checker_of(path, modified)


def checker_for(explicit: Path | None, near: Path | None = None) -> Checker:
    """The checker for text near ``near`` (a file or folder; None: the working directory)."""
    return checker_at(config_path(explicit, near))
