"""The fixed document: text fixes as tracked changes, the rest as comments, layout as formatting.

Every text diagnostic with a fix becomes a tracked replacement at its characters (the writer
accepts or rejects each in Word or WPS); one that has none, or overlaps a change already made,
or falls in a field or another reviewer's insertion, becomes a comment on its characters. Each
layout diagnostic's remedy sets the formatting; the original file is never written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assistant.style.diagnostic import Diagnostic
from assistant.word.check import DocxCheck, check_docx
from assistant.word.formatting import Formatter
from assistant.word.model import WordDocument
from assistant.word.profile import load_profile
from assistant.word.revisions import RevisionWriter

FIXED_SUFFIX = "-修订"


@dataclass(frozen=True)
class FixedDocx:
    """The fixed document's bytes and what was done to it."""

    data: bytes
    check: DocxCheck
    changes: int
    comments: int
    formatting: int
    unfixed_errors: int  # error-level diagnostics left as comments

    def summary(self) -> str:
        """One line for the writer."""
        return f"{self.changes} 处修订、{self.comments} 条批注、{self.formatting} 项格式调整" + (
            "（文档原有未处理的修订，已按接受后的文字检查）"
            if self.check.document.pending_changes
            else ""
        )


def _comment_text(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.message}（{diagnostic.rule}）"


def _locate(document: WordDocument, diagnostic: Diagnostic) -> tuple[int, int, int]:
    paragraph = document.paragraph(diagnostic.line)
    start = diagnostic.offset - paragraph.offset
    end = min(start + diagnostic.length, len(paragraph.text))
    return diagnostic.line, start, end


def fix_document(
    check: DocxCheck, profile_path: Path | None = None, when: datetime | None = None
) -> FixedDocx:
    """Write every fix of ``check`` into its document and return the new file's bytes."""
    document = check.document
    writer = RevisionWriter(document, when)
    changed: list[tuple[int, int]] = []
    comments: list[Diagnostic] = []
    text_diagnostics = sorted(check.text.diagnostics, key=lambda d: d.offset, reverse=True)
    for diagnostic in text_diagnostics:
        line, start, end = _locate(document, diagnostic)
        paragraph = document.paragraph(line)
        overlaps = any(s < diagnostic.end and diagnostic.offset < e for s, e in changed)
        fix = diagnostic.fix
        if (
            fix is not None
            and not overlaps
            and writer.replace(paragraph, start, end, fix.replacement)
        ):
            changed.append((diagnostic.offset, diagnostic.end))
            continue
        comments.append(diagnostic)
    unfixed_errors = 0
    for diagnostic in comments:
        line, start, end = _locate(document, diagnostic)
        writer.comment(document.paragraph(line), start, end, _comment_text(diagnostic))
        unfixed_errors += diagnostic.severity == "error"
    formatter = Formatter(writer, load_profile(profile_path))
    for finding in check.layout:
        if finding.remedy is not None:
            formatter.apply(finding.remedy)
    buffer = io.BytesIO()
    document.document.save(buffer)
    return FixedDocx(
        buffer.getvalue(), check, writer.changes, writer.comments, formatter.applied, unfixed_errors
    )


def fix_docx(data: bytes, name: str = "文档", profile_path: Path | None = None) -> FixedDocx:
    """Check an uploaded .docx and return it fixed."""
    return fix_document(check_docx(data, name, profile_path), profile_path)


def fixed_name(name: str) -> str:
    """``总结.docx`` -> ``总结-修订.docx``."""
    stem = Path(name).stem or "文档"
    return f"{stem}{FIXED_SUFFIX}.docx"
