"""Hover on a numbered heading: which part of a summary the parser takes it for."""

from __future__ import annotations

from lsprotocol import types

from assistant.corpus.heading_parser import parse_document
from assistant.corpus.tree import Section
from assistant.genre.numbering import numeral_text
from assistant.genre.table import genre_table
from assistant.lsp.utf16 import LineMap


def heading_hover(lines: LineMap, position: types.Position) -> types.Hover | None:
    """The role of the part whose heading is under ``position``, if one is."""
    offset = lines.offset(position)
    for section in parse_document(lines.text).walk():
        heading = section.heading
        if heading.position.offset <= offset <= heading.title_end:
            return types.Hover(
                contents=types.MarkupContent(types.MarkupKind.Markdown, describe(section)),
                range=lines.range(heading.position.offset, heading.title_end),
            )
    return None


def describe(section: Section) -> str:
    """The hover text for a section's heading."""
    heading = section.heading
    return (
        f"**{heading.number}{heading.title}**\n\n"
        f"本部分角色：{genre_table().part(section.role).name}（{section.role.value}）\n\n"
        f"{numeral_text(heading.level)}级标题"
    )
