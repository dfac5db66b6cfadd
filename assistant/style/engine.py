"""Running the rule catalogue over a text: findings in, sorted diagnostics out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Annotated

from pydantic import Field

from assistant.contract import WIRE
from assistant.limits import ensure_text_fits
from assistant.style.catalogue import Rule, RuleError, load_rules
from assistant.style.checks import (
    TREE_KINDS,
    Exempt,
    Finding,
    TextCheck,
    TreeCheck,
    build_text_check,
    build_tree_check,
)
from assistant.style.diagnostic import Diagnostic
from assistant.style.documents import Part, parse_text
from assistant.style.findings import diagnostics_of
from assistant.style.markdown import Stripped, looks_like_markdown, strip_markdown
from assistant.style.positions import LineIndex

MESSAGE_FIELDS = {"text": "", "fix": "", "detail": ""}
MAX_PER_RULE = 100  # diagnostics listed per rule in JSON; a 200 KB draft once answered 15 MB


@dataclass(frozen=True)
class CheckSummary:
    """Counts for the whole draft."""

    errors: Annotated[int, Field(ge=0, description="错误级问题数", examples=[1])]
    warnings: Annotated[int, Field(ge=0, description="警告级问题数", examples=[0])]
    chars: Annotated[int, Field(ge=0, description="草稿的字符数", examples=[25])]


@dataclass(frozen=True)
class CheckResult:
    """Diagnostics in document order, and their counts (the JSON of ``POST /v1/check``)."""

    __pydantic_config__ = WIRE

    diagnostics: tuple[Diagnostic, ...]
    summary: CheckSummary
    omitted: Annotated[
        dict[str, int],
        Field(
            description="每条规则最多列出 100 处问题；超出时给出各规则未列出的处数"
            "（summary 仍统计全部）；没有省略时不出现",
            examples=[{"half-width-punctuation": 412}],
            exclude_if=lambda omitted: not omitted,  # absent unless something was left out
        ),
    ] = field(default_factory=dict)

    @classmethod
    def of(cls, diagnostics: tuple[Diagnostic, ...], chars: int) -> CheckResult:
        """The result for these diagnostics of a text of ``chars`` characters."""
        errors = sum(1 for d in diagnostics if d.severity == "error")
        warnings = sum(1 for d in diagnostics if d.severity == "warning")
        return cls(diagnostics, CheckSummary(errors, warnings, chars))

    def limited(self, max_per_rule: int = MAX_PER_RULE) -> CheckResult:
        """The result as JSON answers carry it, bounded in size.

        At most ``max_per_rule`` diagnostics of each rule (the first in the text); the rest
        are counted per rule in ``omitted``.
        """
        listed: list[Diagnostic] = []
        seen: dict[str, int] = {}
        for diagnostic in self.diagnostics:
            seen[diagnostic.rule] = seen.get(diagnostic.rule, 0) + 1
            if seen[diagnostic.rule] <= max_per_rule:
                listed.append(diagnostic)
        omitted = {
            rule: count - max_per_rule for rule, count in seen.items() if count > max_per_rule
        }
        return replace(self, diagnostics=tuple(listed), omitted=omitted)


class Checker:
    """A compiled rule catalogue; build once, call ``check`` many times."""

    def __init__(self, rules: Sequence[Rule], accept: Iterable[str] = ()) -> None:
        """Compile ``rules``; nothing inside an occurrence of an ``accept`` word is reported."""
        self.accept = Exempt(accept)
        self.text_checks: list[TextCheck] = []
        self.tree_checks: list[TreeCheck] = []
        for rule in rules:
            try:
                rule.message.format(**MESSAGE_FIELDS)
            except (KeyError, IndexError, ValueError) as error:
                raise RuleError(f"{rule.id}: bad message template: {error!r}") from None
            if rule.kind in TREE_KINDS:
                self.tree_checks.append(build_tree_check(rule))
            else:
                self.text_checks.append(build_text_check(rule))

    def check(self, text: str, *, markdown: bool | None = None) -> CheckResult:
        """Every diagnostic for ``text``; Markdown (detected when None) is read without markup."""
        if markdown is None:
            markdown = looks_like_markdown(text)
        if not markdown:
            return self._check_plain(text)
        stripped = strip_markdown(text)
        plain = self._check_plain(stripped.text)
        return CheckResult.of(_on_source(text, stripped, plain.diagnostics), len(text))

    def _check_plain(self, text: str) -> CheckResult:
        groups: list[tuple[Rule, bool, Iterable[Finding]]] = [
            (check.rule, check.fix_safe, check.find(text)) for check in self.text_checks
        ]
        if self.tree_checks:
            parsed = parse_text(text)
            for tree_check in self.tree_checks:
                if tree_check.scope == "document":
                    parts = parsed.documents
                elif tree_check.needs_sections:
                    parts = (Part(0, parsed.whole),)
                else:
                    parts = (Part(0, parsed.whole_defects),)
                findings = [
                    _shifted(finding, part.offset)
                    for part in parts
                    for finding in tree_check.find_in_tree(part.tree)
                ]
                groups.append((tree_check.rule, tree_check.fix_safe, findings))
        accepted = self.accept.present(text) if self.accept else ()
        if accepted:
            covers = self.accept.covers
            groups = [
                (rule, safe, [f for f in found if not covers(accepted, text, f[0], f[1])])
                for rule, safe, found in groups
            ]
        return CheckResult.of(diagnostics_of(text, groups), len(text))


def _on_source(
    source: str, stripped: Stripped, diagnostics: tuple[Diagnostic, ...]
) -> tuple[Diagnostic, ...]:
    """Diagnostics of the stripped text, placed on the Markdown source."""
    locate = LineIndex(source).locate
    placed = []
    for diagnostic in diagnostics:
        start, end = stripped.source_span(diagnostic.offset, diagnostic.end)
        line, column = locate(start)
        placed.append(
            Diagnostic(
                diagnostic.rule,
                diagnostic.severity,
                diagnostic.message,
                line,
                column,
                start,
                end - start,
                diagnostic.excerpt,
                diagnostic.fix,
            )
        )
    return tuple(placed)


def _shifted(finding: Finding, offset: int) -> Finding:
    if not offset:
        return finding
    start, end, replacement, detail = finding
    return start + offset, end + offset, replacement, detail


@cache
def default_checker() -> Checker:
    """The checker for the built-in rule catalogue."""
    return Checker(load_rules())


def warm_up() -> None:
    """Compile the catalogue and load the word list now rather than on the first request."""
    default_checker().check("正在在加快建设。")


def check_text(
    text: str, *, markdown: bool | None = None, max_chars: int | None = None
) -> CheckResult:
    """Check ``text`` against the built-in rules (Markdown detected unless told).

    Above ``max_chars`` characters it is a `TooLargeError`.
    """
    if max_chars is not None:
        ensure_text_fits(len(text), max_chars)
    return default_checker().check(text, markdown=markdown)
