"""Checking a .docx: the text rules on the text as read, and the layout rules on its format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from assistant.corpus.heading_parser import parse_document
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import Checker, CheckResult, CheckSummary, default_checker
from assistant.word.elements import classify
from assistant.word.layout import LayoutFinding, check_layout
from assistant.word.model import WordDocument
from assistant.word.profile import load_profile
from assistant.word.reader import read_docx_bytes


@dataclass(frozen=True)
class DocumentInfo:
    """What the writer should know about the document as read."""

    paragraphs: Annotated[
        int, Field(ge=0, description="段落数（含表格和文本框中的段落）", examples=[42])
    ]
    pending_changes: Annotated[
        bool,
        Field(
            description="文档是否含有未处理的修订（已按接受全部修订后的文字检查）",
            examples=[False],
        ),
    ]


@dataclass(frozen=True)
class DocxReport:
    """``/v1/check``'s JSON with the GB/T 9704 layout diagnostics, plus ``document``.

    A layout diagnostic's ``line`` is the paragraph number, 0 for the whole page (margins,
    page numbers); its ``column`` is then 0 too.
    """

    diagnostics: tuple[Diagnostic, ...]
    summary: CheckSummary
    document: DocumentInfo


@dataclass(frozen=True)
class DocxCheck:
    """Text and layout diagnostics of one document, and what the writer should know of it."""

    document: WordDocument
    text: CheckResult
    layout: tuple[LayoutFinding, ...]

    @property
    def result(self) -> CheckResult:
        """All diagnostics in one result: page-level first, then in document order."""
        merged = [*self.text.diagnostics, *(f.diagnostic for f in self.layout)]
        merged.sort(key=_order)
        return CheckResult.of(tuple(merged), self.text.summary.chars)

    def report(self) -> DocxReport:
        """The body of ``POST /v1/check/docx`` (and of ``assistant check x.docx --json``)."""
        result = self.result
        info = DocumentInfo(len(self.document.paragraphs), self.document.pending_changes)
        return DocxReport(result.diagnostics, result.summary, info)


def _order(diagnostic: Diagnostic) -> tuple[int, int, int, str]:
    return (diagnostic.line, diagnostic.offset, diagnostic.length, diagnostic.rule)


def check_document(
    document: WordDocument, profile_path: Path | None = None, checker: Checker | None = None
) -> DocxCheck:
    """Check a document already read (text rules of ``checker``, the built-in ones by default)."""
    profile = load_profile(profile_path)
    segments = classify(document, parse_document(document.text))
    layout = tuple(check_layout(document, segments, profile))
    text = (checker or default_checker()).check(document.text, markdown=False)
    return DocxCheck(document, text, layout)


def check_docx(
    data: bytes,
    name: str = "文档",
    profile_path: Path | None = None,
    checker: Checker | None = None,
) -> DocxCheck:
    """Read and check an uploaded .docx."""
    return check_document(read_docx_bytes(data, name), profile_path, checker)
