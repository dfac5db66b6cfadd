"""Checking a .docx: the text rules on the text as read, and the layout rules on its format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.corpus.heading_parser import parse_document
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import CheckResult, check_text
from assistant.word.elements import classify
from assistant.word.layout import LayoutFinding, check_layout
from assistant.word.model import WordDocument
from assistant.word.profile import load_profile
from assistant.word.reader import read_docx_bytes


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
        return CheckResult(tuple(merged), self.text.chars)

    def to_dict(self) -> dict[str, Any]:
        """The body of ``POST /v1/check/docx``: ``/v1/check``'s JSON plus ``document``."""
        body = self.result.to_dict()
        body["document"] = {
            "paragraphs": len(self.document.paragraphs),
            "pending_changes": self.document.pending_changes,
        }
        return body


def _order(diagnostic: Diagnostic) -> tuple[int, int, int, str]:
    return (diagnostic.line, diagnostic.offset, diagnostic.length, diagnostic.rule)


def check_document(document: WordDocument, profile_path: Path | None = None) -> DocxCheck:
    """Check a document already read."""
    profile = load_profile(profile_path)
    segments = classify(document, parse_document(document.text))
    layout = tuple(check_layout(document, segments, profile))
    return DocxCheck(document, check_text(document.text, markdown=False), layout)


def check_docx(data: bytes, name: str = "文档", profile_path: Path | None = None) -> DocxCheck:
    """Read and check an uploaded .docx."""
    return check_document(read_docx_bytes(data, name), profile_path)
