"""Outlines as Markdown a writer can paste into a draft: the outline, then its sources."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.outline.model import Outline, OutlineSection


@dataclass(frozen=True)
class RenderedOutline:
    """The Markdown of an outline in its two blocks."""

    body: str  # title, opening and numbered parts with phrasing and citations
    sources: str  # the rule, the numbered sources and the fill-in hint

    @property
    def text(self) -> str:
        """The whole Markdown."""
        return f"{self.body}\n{self.sources}"


def _cite(sources: list[str]) -> str:
    return "".join(f"[{key}]" for key in sources)


def _section_lines(section: OutlineSection) -> list[str]:
    marks = "#" * (section.level + 1)
    lines = [f"{marks} {section.number}{section.heading} {_cite(section.sources)}", ""]
    lines += [f"- {phrase}" for phrase in section.phrasing]
    if section.phrasing:
        lines.append("")
    for child in section.children:
        lines += _section_lines(child)
    return lines


def render_outline(outline: Outline) -> RenderedOutline:
    """Title, opening, numbered parts with phrasing and citations; and the sources block."""
    lines = [f"# {outline.title}", ""]
    if outline.matched_office_type != outline.office_type:
        lines += [
            f"> 参考单位类型：{outline.matched_office_type}（按“{outline.office_type}”匹配）",
            "",
        ]
    if outline.opening.phrasing:  # a writer may have removed the opening in the chat
        lines += [f"**开头** {_cite(outline.opening.sources)}", ""]
        lines += [f"- {phrase}" for phrase in outline.opening.phrasing] + [""]
    for section in outline.sections:
        lines += _section_lines(section)
    sources = ["---", "", "**来源**", ""]
    for key, ref in outline.sources.items():
        sources.append(f"{key}. {ref.title}（{ref.office_type}，{ref.document}）：{ref.excerpt}……")
    sources.append("")
    sources.append("提示：〔数字〕〔地名〕等为待填写内容，请换成本单位的实际情况。")
    return RenderedOutline("\n".join(lines), "\n".join(sources))


def outline_markdown(outline: Outline) -> str:
    """The whole Markdown of an outline (what ``assistant outline`` prints)."""
    return render_outline(outline).text
