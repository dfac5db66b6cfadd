"""Outlines as Markdown a writer can paste into a draft."""

from __future__ import annotations

from assistant.outline.model import Outline, OutlineSection


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


def outline_markdown(outline: Outline) -> str:
    """Title, opening, numbered parts with phrasing and citations, then the sources."""
    lines = [f"# {outline.title}", ""]
    if outline.matched_office_type != outline.office_type:
        lines += [
            f"> 参考单位类型：{outline.matched_office_type}（按“{outline.office_type}”匹配）",
            "",
        ]
    lines += [f"**开头** {_cite(outline.opening.sources)}", ""]
    lines += [f"- {phrase}" for phrase in outline.opening.phrasing] + [""]
    for section in outline.sections:
        lines += _section_lines(section)
    lines += ["---", "", "**来源**", ""]
    for key, ref in outline.sources.items():
        lines.append(f"{key}. {ref.title}（{ref.office_type}，{ref.document}）：{ref.excerpt}……")
    lines.append("")
    lines.append("提示：〔数字〕〔地名〕等为待填写内容，请换成本单位的实际情况。")
    return "\n".join(lines)
