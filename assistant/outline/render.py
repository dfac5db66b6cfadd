"""Outlines as Markdown a writer can paste into a draft: the outline, then its sources.

The Markdown says plainly what the outline stands on: a note under the title (how many
summaries of that kind of unit the corpus has, or that the office matched no kind of unit), and
after each part's heading what it is based on (同类单位总结, 单位资料, 专题资料 ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.outline.model import Outline, OutlineSection
from assistant.outline.settings import outline_settings


@dataclass(frozen=True)
class RenderedOutline:
    """The Markdown of an outline in its two blocks."""

    body: str  # title, note, opening and numbered parts with phrasing and citations
    sources: str  # the rule, the numbered sources and the fill-in hint

    @property
    def text(self) -> str:
        """The whole Markdown."""
        return f"{self.body}\n{self.sources}"


def _cite(sources: list[str]) -> str:
    return "".join(f"[{key}]" for key in sources)


def _section_lines(section: OutlineSection) -> list[str]:
    marks = "#" * (section.level + 1)
    basis = outline_settings().basis[section.basis]
    label = f" （依据：{basis}）" if basis and section.level == 1 else ""
    lines = [f"{marks} {section.number}{section.heading} {_cite(section.sources)}{label}", ""]
    lines += [f"- {phrase}" for phrase in section.phrasing]
    if section.phrasing:
        lines.append("")
    for child in section.children:
        lines += _section_lines(child)
    return lines


def render_outline(outline: Outline) -> RenderedOutline:
    """Title, note, opening, numbered parts with phrasing and citations; and the sources."""
    lines = [f"# {outline.title}", ""]
    if outline.coverage is not None and outline.coverage.note:
        lines += [f"> {outline.coverage.note}", ""]
    if outline.matched_office_type and outline.matched_office_type != outline.office_type:
        lines += [
            f"> 单位类型：{outline.matched_office_type}（按“{outline.office_type}”匹配）",
            "",
        ]
    if outline.opening.phrasing:  # a writer may have removed the opening in the chat
        lines += [f"**开头** {_cite(outline.opening.sources)}", ""]
        lines += [f"- {phrase}" for phrase in outline.opening.phrasing] + [""]
    for section in outline.sections:
        lines += _section_lines(section)
    sources = ["---", "", "**来源**", ""]
    for key, ref in outline.sources.items():
        office = ref.office_type or "通用"
        sources.append(f"{key}. {ref.title}（{office}，{ref.document}）：{ref.excerpt}……")
    sources.append("")
    sources.append("提示：〔数字〕〔地名〕等为待填写内容，请换成本单位的实际情况。")
    return RenderedOutline("\n".join(lines), "\n".join(sources))


def outline_markdown(outline: Outline) -> str:
    """The whole Markdown of an outline (what ``assistant outline`` prints)."""
    return render_outline(outline).text
