"""Outlines and draft text as GB/T 9704 Word documents.

An outline gives its title, the opening's phrasing, each part's heading at its level with its
phrasing as body paragraphs, and its sources as a comment on the heading (the writer deletes
them once used). Draft text (the chat's first draft, text from the web page; Markdown allowed)
is read with the project's heading parser: its title line, headings at their levels (a
heading's rest of line stays body text), the closing signature and date, the rest body.
"""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.heading_parser import parse_document
from assistant.outline.model import Outline, OutlineSection
from assistant.style.markdown import looks_like_markdown, strip_markdown
from assistant.word.builder import Block, build_document
from assistant.word.elements import DATE_LINE, SIGNATURE_MAX_CHARS
from assistant.word.profile import load_profile

SOURCES_NOTE = "参考来源（用后可删除此批注）："


def _note(outline: Outline, keys: list[str]) -> str | None:
    lines = []
    for key in keys:
        ref = outline.sources.get(key)
        if ref is not None:
            lines.append(f"{key}《{ref.title}》（{ref.office_type}）：{ref.excerpt}……")
    return SOURCES_NOTE + "\n" + "\n".join(lines) if lines else None


def _section_blocks(outline: Outline, section: OutlineSection) -> list[Block]:
    level = min(section.level, 4)
    blocks = [
        Block(
            f"heading-{level}",
            f"{section.number}{section.heading}",
            0,
            _note(outline, section.sources),
        )
    ]
    blocks += [Block("body", phrase) for phrase in section.phrasing]
    for child in section.children:
        blocks += _section_blocks(outline, child)
    return blocks


def outline_blocks(outline: Outline) -> list[Block]:
    """The outline as paragraphs to write."""
    blocks = [Block("title", outline.title)]
    phrasing = outline.opening.phrasing
    for index, phrase in enumerate(phrasing):
        note = _note(outline, outline.opening.sources) if index == 0 else None
        blocks.append(Block("body", phrase, 0, note))
    for section in outline.sections:
        blocks += _section_blocks(outline, section)
    return blocks


def draft_blocks(text: str, title: str | None = None) -> list[Block]:
    """Draft text as paragraphs to write (``title`` first unless the text starts with it)."""
    if looks_like_markdown(text):
        text = strip_markdown(text).text
    tree = parse_document(text)
    lines = text.split("\n")
    headings = {}
    for section in tree.walk():
        start = section.heading.position.column - 1
        line = lines[section.heading.position.line - 1]
        if not line[:start].strip():
            end = section.heading.title_end - section.heading.position.offset + start
            headings[section.heading.position.line] = (section.level, start, end)
    filled = [(number, line.strip()) for number, line in enumerate(lines, start=1) if line.strip()]
    blocks: list[Block] = []
    if title and (not filled or filled[0][1] != title.strip()):
        blocks.append(Block("title", title.strip()))
    elif tree.title is not None and filled:
        blocks.append(Block("title", filled.pop(0)[1]))
    closing: dict[int, str] = {}
    if filled and DATE_LINE.fullmatch(filled[-1][1]):
        closing[filled[-1][0]] = "date"
        if (
            len(filled) > 1
            and len(filled[-2][1]) <= SIGNATURE_MAX_CHARS
            and filled[-2][0] not in headings
        ) and not set("。！？；").intersection(filled[-2][1]):
            closing[filled[-2][0]] = "signature"
    for number, line in filled:
        if number in closing:
            blocks.append(Block(closing[number], line))
        elif number in headings:
            level, start, end = headings[number]
            raw = lines[number - 1]
            lead = len(raw) - len(raw.lstrip())
            text_end = max(0, min(end, len(raw)) - lead)
            blocks.append(
                Block(f"heading-{min(level, 4)}", line, text_end if text_end < len(line) else 0)
            )
        else:
            blocks.append(Block("body", line))
    return blocks


def outline_docx(outline: Outline, profile_path: Path | None = None) -> bytes:
    """The outline as a formatted .docx."""
    return build_document(outline_blocks(outline), load_profile(profile_path))


def draft_docx(text: str, title: str | None = None, profile_path: Path | None = None) -> bytes:
    """Draft text as a formatted .docx."""
    return build_document(draft_blocks(text, title), load_profile(profile_path))
