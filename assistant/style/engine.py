"""Running the rule catalogue over a text: findings in, sorted diagnostics out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Annotated

from pydantic import Field

from assistant.limits import ensure_text_fits
from assistant.style.catalogue import Rule, RuleError, load_rules
from assistant.style.checks import (
    TREE_KINDS,
    Finding,
    TextCheck,
    TreeCheck,
    build_text_check,
    build_tree_check,
)
from assistant.style.diagnostic import Diagnostic, Fix, make_excerpt
from assistant.style.documents import Part, parse_text
from assistant.style.markdown import Stripped, looks_like_markdown, strip_markdown
from assistant.style.positions import LineIndex

MESSAGE_FIELDS = {"text": "", "fix": "", "detail": ""}


@dataclass(frozen=True)
class CheckSummary:
    """Counts for the whole draft."""

    errors: Annotated[int, Field(ge=0, description="错误级问题数", examples=[1])]
    warnings: Annotated[int, Field(ge=0, description="警告级问题数", examples=[0])]
    chars: Annotated[int, Field(ge=0, description="草稿的字符数", examples=[25])]


@dataclass(frozen=True)
class CheckResult:
    """Diagnostics in document order, and their counts (the JSON of ``POST /v1/check``)."""

    diagnostics: tuple[Diagnostic, ...]
    summary: CheckSummary

    @classmethod
    def of(cls, diagnostics: tuple[Diagnostic, ...], chars: int) -> CheckResult:
        """The result for these diagnostics of a text of ``chars`` characters."""
        errors = sum(1 for d in diagnostics if d.severity == "error")
        warnings = sum(1 for d in diagnostics if d.severity == "warning")
        return cls(diagnostics, CheckSummary(errors, warnings, chars))


class Checker:
    """A compiled rule catalogue; build once, call ``check`` many times."""

    def __init__(self, rules: Sequence[Rule]) -> None:
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
        hits: list[tuple[Rule, bool, Finding]] = []
        for check in self.text_checks:
            hits.extend((check.rule, check.fix_safe, f) for f in check.find(text))
        if self.tree_checks:
            parsed = parse_text(text)
            for tree_check in self.tree_checks:
                parts = (
                    parsed.documents if tree_check.scope == "document" else (Part(0, parsed.whole),)
                )
                for part in parts:
                    hits.extend(
                        (tree_check.rule, tree_check.fix_safe, _shifted(f, part.offset))
                        for f in tree_check.find_in_tree(part.tree)
                    )
        return CheckResult.of(_diagnostics(text, hits), len(text))


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
    return finding._replace(start=finding.start + offset, end=finding.end + offset)


def _diagnostics(text: str, hits: list[tuple[Rule, bool, Finding]]) -> tuple[Diagnostic, ...]:
    """Diagnostics for raw hits; messages are built once per distinct flagged text."""
    locate = LineIndex(text).locate
    built: dict[tuple[str, str, str | None, str], tuple[str, str, Fix | None]] = {}
    diagnostics: list[Diagnostic] = []
    for rule, safe, (start, end, replacement, detail) in hits:
        flagged = text[start:end]
        key = (rule.id, flagged, replacement, detail)
        parts = built.get(key)
        if parts is None:
            excerpt = make_excerpt(flagged)
            message = rule.message.format(text=excerpt, fix=replacement or "", detail=detail)
            fix = None if replacement is None else Fix(replacement, safe)
            parts = built[key] = (message, excerpt, fix)
        line, column = locate(start)
        diagnostics.append(
            Diagnostic(
                rule.id,
                rule.severity,
                parts[0],
                line,
                column,
                start,
                end - start,
                parts[1],
                parts[2],
            )
        )
    diagnostics.sort(key=_ORDER)
    return tuple(diagnostics)


_ORDER = attrgetter("offset", "length", "rule")


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
