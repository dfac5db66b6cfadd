"""GB/T 9704 layout checks: each layout rule compares the document with the profile.

A finding is a diagnostic in the SPEC's shape (``line`` the paragraph, ``column``/``offset``
within the document's text; page-level findings on line 0) plus the remedy that fixes it. The
diagnostic's own ``fix`` stays null: a layout fix is formatting, not a replacement text.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.style.diagnostic import Diagnostic, make_excerpt
from assistant.word.elements import Segment
from assistant.word.model import PageSetup, WordDocument, WordParagraph
from assistant.word.profile import (
    ELEMENT_NAMES,
    ElementStyle,
    LayoutRule,
    Profile,
    load_layout_rules,
)
from assistant.word.remedies import (
    PageNumberRemedy,
    PageRemedy,
    ParagraphRemedy,
    Remedy,
    RunRemedy,
)
from assistant.word.styles import RunFormat
from assistant.word.units import TWIPS_PER_POINT, size_name, twips_to_mm

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
DEFAULT_SIZE_PT = 10.0  # Word's size when nothing sets one
UNSET_FONT = "未设置（默认字体）"
ALIGNMENT_NAMES = {"left": "左对齐", "center": "居中", "right": "右对齐", "both": "两端对齐"}
ALIGNMENT_ALIASES = {"start": "left", "end": "right", "distribute": "both", "justify": "both"}
GRID_TYPES = frozenset({"lines", "linesAndChars", "snapToChars"})


@dataclass(frozen=True)
class LayoutFinding:
    """A layout diagnostic and the formatting that fixes it (None: nothing to set)."""

    diagnostic: Diagnostic
    remedy: Remedy | None


@dataclass(frozen=True)
class _Problem:
    segment: Segment | None  # None: the whole page (line 0)
    actual: str
    expected: str
    remedy: Remedy | None


def _alignment(value: str | None) -> str:
    value = value or "left"
    return ALIGNMENT_ALIASES.get(value, value)


@dataclass(frozen=True)
class _Stats:
    """Characters of a segment by East Asian font and bold (Han only) and by size (all)."""

    fonts: Counter[str]
    bold: Counter[bool]
    sizes: Counter[float]


class _StatsCache(threading.local):
    """Per-thread segment statistics of the check in progress (checks run in worker threads)."""

    def __init__(self) -> None:
        self.stats: dict[tuple[int, int, int], _Stats] = {}


_CACHE = _StatsCache()


def _stats(segment: Segment) -> _Stats:
    """The segment's character counts, computed once per check."""
    paragraph = segment.paragraph
    key = (paragraph.number, segment.start, segment.end)
    found = _CACHE.stats.get(key)
    if found is not None:
        return found
    fonts: Counter[str] = Counter()
    bold: Counter[bool] = Counter()
    sizes: Counter[float] = Counter()
    for run in paragraph.runs_in(segment.start, segment.end):
        chars = paragraph.text[max(run.start, segment.start) : min(run.end, segment.end)]
        han = len(HAN.findall(chars))
        if han:
            fonts[run.format.east_asia or UNSET_FONT] += han
            bold[bool(run.format.bold)] += han
        visible = len(chars.strip())
        if visible:
            sizes[_size(run.format)] += visible
    found = _CACHE.stats[key] = _Stats(fonts, bold, sizes)
    return found


def _size(run_format: RunFormat) -> float:
    return run_format.size_pt if run_format.size_pt is not None else DEFAULT_SIZE_PT


def _dominant_size(paragraph: WordParagraph) -> float:
    sizes = _stats(Segment("body", paragraph, 0, len(paragraph.text))).sizes
    return sizes.most_common(1)[0][0] if sizes else DEFAULT_SIZE_PT


# ---- per-segment checks --------------------------------------------------------------------


def _font(segment: Segment, style: ElementStyle, profile: Profile) -> _Problem | None:
    if style.font is None:
        return None
    fonts = _stats(segment).fonts
    wrong = [(n, f) for f, n in fonts.items() if not style.accepts(f) and not style.falls_back(f)]
    if not wrong:
        return None
    actual = max(wrong)[1]
    remedy = RunRemedy(segment.paragraph, segment.start, segment.end, font=style.font)
    return _Problem(segment, actual, f"“{style.font}”", remedy)


def _font_fallback(segment: Segment, style: ElementStyle, profile: Profile) -> _Problem | None:
    if style.font is None:
        return None
    substitutes = [(n, f) for f, n in _stats(segment).fonts.items() if style.falls_back(f)]
    if not substitutes:
        return None
    remedy = RunRemedy(segment.paragraph, segment.start, segment.end, font=style.font)
    return _Problem(segment, max(substitutes)[1], f"“{style.font}”", remedy)


def _size_check(segment: Segment, style: ElementStyle, profile: Profile) -> _Problem | None:
    if style.size_pt is None:
        return None
    tolerance = profile.size_tolerance_pt
    sizes = _stats(segment).sizes
    wrong = [(n, s) for s, n in sizes.items() if abs(s - style.size_pt) > tolerance]
    if not wrong:
        return None
    remedy = RunRemedy(segment.paragraph, segment.start, segment.end, size_pt=style.size_pt)
    return _Problem(segment, size_name(max(wrong)[1]), size_name(style.size_pt), remedy)


def _bold(segment: Segment, style: ElementStyle, profile: Profile) -> _Problem | None:
    if style.bold is None:
        return None
    if not _stats(segment).bold.get(not style.bold):
        return None
    remedy = RunRemedy(segment.paragraph, segment.start, segment.end, bold=style.bold)
    actual, expected = ("加粗", "不加粗") if not style.bold else ("不加粗", "加粗")
    return _Problem(segment, actual, expected, remedy)


def _alignment_check(segment: Segment, style: ElementStyle, profile: Profile) -> _Problem | None:
    if style.alignment is None:
        return None
    actual = _alignment(segment.paragraph.format.alignment)
    if actual == style.alignment:
        return None
    remedy = ParagraphRemedy(
        segment.paragraph, alignment=style.alignment, right_indent_chars=style.right_indent_chars
    )
    return _Problem(
        segment, ALIGNMENT_NAMES.get(actual, actual), ALIGNMENT_NAMES[style.alignment], remedy
    )


def _indent_chars(paragraph: WordParagraph) -> float:
    fmt = paragraph.format
    if fmt.first_line_chars is not None:
        chars = fmt.first_line_chars / 100
    elif fmt.first_line_twips is not None:
        chars = fmt.first_line_twips / (_dominant_size(paragraph) * TWIPS_PER_POINT)
    elif fmt.hanging_twips is not None:
        chars = -fmt.hanging_twips / (_dominant_size(paragraph) * TWIPS_PER_POINT)
    else:
        chars = 0.0
    lead = paragraph.text[: len(paragraph.text) - len(paragraph.text.lstrip())]
    return chars + lead.count("\u3000") + lead.count(" ") / 2 + lead.count("\t") * 2


def _indent(segment: Segment, style: ElementStyle, profile: Profile) -> _Problem | None:
    expected = style.first_line_indent_chars
    if expected is None:
        return None
    actual = _indent_chars(segment.paragraph)
    if abs(actual - expected) <= profile.indent_tolerance_chars:
        return None
    remedy = ParagraphRemedy(segment.paragraph, first_line_chars=expected)
    return _Problem(segment, f"{actual:.3g} 字", f"{expected:g} 字", remedy)


def _line_spacing(
    segment: Segment, style: ElementStyle, profile: Profile, page: PageSetup | None
) -> _Problem | None:
    spacing = profile.line_spacing
    fmt = segment.paragraph.format
    rule, line = fmt.line_rule or "auto", fmt.line
    if rule in ("exact", "atLeast") and line is not None:
        points = line / TWIPS_PER_POINT
        if spacing.min_pt <= points <= spacing.max_pt:
            return None
        actual = f"{'固定值' if rule == 'exact' else '最小值'} {points:g} 磅"
    else:
        multiple = (line or 240) / 240
        pitch = page.grid_pitch / TWIPS_PER_POINT if page and page.grid_pitch else None
        on_grid = (
            page is not None
            and page.grid_type in GRID_TYPES
            and pitch is not None
            and spacing.min_pt <= pitch <= spacing.max_pt
            and fmt.snap_to_grid is not False
        )
        if on_grid and abs(multiple - 1) < 0.01:
            return None
        actual = f"{multiple:g} 倍"
    remedy = ParagraphRemedy(segment.paragraph, line_exact_pt=spacing.exact_pt)
    return _Problem(segment, actual, f"固定值 {spacing.exact_pt:g} 磅", remedy)


SegmentCheck = Callable[[Segment, ElementStyle, Profile], "_Problem | None"]
SEGMENT_CHECKS: dict[str, SegmentCheck] = {
    "font": _font,
    "font-fallback": _font_fallback,
    "size": _size_check,
    "bold": _bold,
    "alignment": _alignment_check,
    "first-line-indent": _indent,
}
PARAGRAPH_CHECKS = frozenset({"alignment", "first-line-indent", "line-spacing"})


# ---- page checks -----------------------------------------------------------------------------


def _mm(twips: int | None) -> float:
    return twips_to_mm(abs(twips)) if twips is not None else 0.0


def _page_size(document: WordDocument, profile: Profile) -> Iterator[_Problem]:
    page = profile.page
    for setup in document.pages:
        width, height = _mm(setup.width), _mm(setup.height)
        if (
            abs(width - page.width_mm) <= page.tolerance_mm
            and abs(height - page.height_mm) <= page.tolerance_mm
        ):
            continue
        remedy = PageRemedy(setup, width_mm=page.width_mm, height_mm=page.height_mm)
        yield _Problem(
            None, f"{width:.0f} 毫米 × {height:.0f} 毫米", "A4 210 毫米 × 297 毫米", remedy
        )


def _margins(document: WordDocument, profile: Profile) -> Iterator[_Problem]:
    margins = profile.margins
    sides = (
        ("上", "top", margins.top_mm),
        ("下", "bottom", margins.bottom_mm),
        ("左", "left", margins.left_mm),
        ("右", "right", margins.right_mm),
    )
    wanted = (margins.top_mm, margins.bottom_mm, margins.left_mm, margins.right_mm)
    for setup in document.pages:
        actual, expected = [], []
        for name, attribute, value in sides:
            found = _mm(getattr(setup, attribute))
            if abs(found - value) > margins.tolerance_mm:
                actual.append(f"{name} {found:.1f} 毫米")
                expected.append(f"{name} {value:g} 毫米")
        if actual:
            remedy = PageRemedy(setup, margins_mm=wanted)
            yield _Problem(None, "、".join(actual), "、".join(expected), remedy)


def _page_number_problems(document: WordDocument, profile: Profile) -> list[str]:
    style = profile.page_number
    numbers = document.page_numbers
    if not numbers:
        return ["缺失"]
    problems: list[str] = []
    for number in numbers:
        shown = f"{number.before.strip()}1{number.after.strip()}"
        wanted = f"{style.before.strip()}1{style.after.strip()}"
        if shown != wanted:
            problems.append(f"格式为“{number.before}1{number.after}”")
        size = _size(number.format)
        if abs(size - style.size_pt) > profile.size_tolerance_pt:
            problems.append(f"字号为{size_name(size)}")
        font = number.format.ascii or number.format.east_asia
        if font is not None and not style.accepts(font):
            problems.append(f"字体为“{font}”")
    if style.outside:
        by_kind = {number.kind: number for number in numbers}
        odd, even = by_kind.get("default"), by_kind.get("even")
        if not document.even_and_odd_footers or even is None:
            problems.append("未设置奇偶页不同，无法分别位于外侧")
        else:
            if odd is not None and _alignment(odd.alignment) != "right":
                problems.append("单页页码不在右侧")
            if _alignment(even.alignment) != "left":
                problems.append("双页页码不在左侧")
    return list(dict.fromkeys(problems))


def _page_number(document: WordDocument, profile: Profile) -> Iterator[_Problem]:
    problems = _page_number_problems(document, profile)
    if problems:
        style = profile.page_number
        expected = f"“{style.before}1{style.after}”，{style.font}{size_name(style.size_pt)}" + (
            "，单页居右、双页居左" if style.outside else ""
        )
        yield _Problem(None, "；".join(problems), expected, PageNumberRemedy())


PageCheck = Callable[[WordDocument, Profile], Iterator[_Problem]]
PAGE_CHECKS: dict[str, PageCheck] = {
    "page-size": _page_size,
    "margins": _margins,
    "page-number": _page_number,
}


# ---- running the rules -----------------------------------------------------------------------


def _problems(
    rule: LayoutRule, document: WordDocument, segments: list[Segment], profile: Profile
) -> Iterator[_Problem]:
    if rule.check in PAGE_CHECKS:
        yield from PAGE_CHECKS[rule.check](document, profile)
        return
    page = document.pages[-1] if document.pages else None
    styles = {name: profile.element(name) for name in rule.elements}
    done: set[int] = set()
    for segment in segments:
        if segment.element not in rule.elements:
            continue
        if rule.check in PARAGRAPH_CHECKS:
            if segment.paragraph.number in done:
                continue
            done.add(segment.paragraph.number)
        style = styles[segment.element]
        if rule.check == "line-spacing":
            problem = _line_spacing(segment, style, profile, page)
        else:
            problem = SEGMENT_CHECKS[rule.check](segment, style, profile)
        if problem is not None:
            yield problem


def _diagnostic(rule: LayoutRule, problem: _Problem) -> Diagnostic:
    segment = problem.segment
    element = ELEMENT_NAMES.get(segment.element, "") if segment else ""
    message = rule.message.format(element=element, actual=problem.actual, expected=problem.expected)
    if segment is None:
        return Diagnostic(rule.id, rule.severity, message, 0, 0, 0, 0, "", None)
    paragraph = segment.paragraph
    return Diagnostic(
        rule.id,
        rule.severity,
        message,
        paragraph.number,
        segment.start + 1,
        paragraph.offset + segment.start,
        segment.end - segment.start,
        make_excerpt(segment.text),
        None,
    )


def check_layout(
    document: WordDocument, segments: list[Segment], profile: Profile
) -> list[LayoutFinding]:
    """Every layout finding of the built-in layout rules."""
    _CACHE.stats.clear()
    findings: list[LayoutFinding] = []
    for rule in load_layout_rules():
        for problem in _problems(rule, document, segments, profile):
            findings.append(LayoutFinding(_diagnostic(rule, problem), problem.remedy))
    _CACHE.stats.clear()
    return findings
