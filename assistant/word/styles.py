"""Effective formatting: what Word shows for a run or paragraph, through the style chain.

A run's East Asian font, size and bold come from its own ``w:rPr``, then its character style
and the styles it is based on, then the paragraph's style chain (the default paragraph style
when none is named), then the document defaults. Theme fonts (``w:eastAsiaTheme``) resolve
through the theme's East Asian or Simplified Chinese (``Hans``) typeface. Paragraph settings
(alignment, first-line indent, line spacing) follow the same order without character styles.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

from lxml import etree

from assistant.word.ooxml import A_NS, PPR, RPR, child, get_attr, int_attr, on_off, w

THEME_FONTS = {
    "minorEastAsia": ("minorFont", "ea"),
    "majorEastAsia": ("majorFont", "ea"),
}


@dataclass(frozen=True, slots=True)
class RunFormat:
    """A run's character formatting; None means not set at this layer."""

    east_asia: str | None = None
    ascii: str | None = None
    half_points: int | None = None
    bold: bool | None = None

    @property
    def size_pt(self) -> float | None:
        """The font size in points."""
        return None if self.half_points is None else self.half_points / 2

    def under(self, base: RunFormat) -> RunFormat:
        """Layered over ``base``: each property set here wins."""
        return _overlay(self, base)


@dataclass(frozen=True, slots=True)
class ParagraphFormat:
    """A paragraph's settings; None means not set at this layer."""

    alignment: str | None = None
    first_line_twips: int | None = None
    first_line_chars: int | None = None  # hundredths of a character
    hanging_twips: int | None = None
    line: int | None = None  # twips for exact/atLeast, 240ths for auto
    line_rule: str | None = None  # "auto", "exact", "atLeast"
    snap_to_grid: bool | None = None

    def under(self, base: ParagraphFormat) -> ParagraphFormat:
        """Layered over ``base``: each setting made here wins."""
        return _overlay(self, base)


Layer = TypeVar("Layer", RunFormat, ParagraphFormat)


def _overlay(top: Layer, base: Layer) -> Layer:
    values = []
    for item in fields(top):
        value = getattr(top, item.name)
        values.append(getattr(base, item.name) if value is None else value)
    return type(top)(*values)


EMPTY_RUN = RunFormat()
EMPTY_PARAGRAPH = ParagraphFormat()


def theme_fonts(theme_xml: bytes | None) -> dict[str, str]:
    """``minorEastAsia``/``majorEastAsia`` -> typeface, from a theme part."""
    if not theme_xml:
        return {}
    try:
        root = etree.fromstring(theme_xml, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, str] = {}
    for key, (group, slot) in THEME_FONTS.items():
        for font in root.iter(f"{{{A_NS}}}{group}"):
            face = font.find(f"{{{A_NS}}}{slot}")
            typeface = face.get("typeface") if face is not None else None
            if not typeface:
                hans = font.find(f"{{{A_NS}}}font[@script='Hans']")
                typeface = hans.get("typeface") if hans is not None else None
            if typeface:
                found[key] = typeface
            break
    return found


def read_run_format(r_pr: Any, themes: dict[str, str]) -> RunFormat:
    """The properties one ``w:rPr`` sets."""
    if r_pr is None:
        return EMPTY_RUN
    fonts = child(r_pr, "rFonts")
    east_asia = get_attr(fonts, "eastAsia")
    if east_asia is None:
        theme = get_attr(fonts, "eastAsiaTheme")
        east_asia = themes.get(theme) if theme else None
    return RunFormat(
        east_asia=east_asia,
        ascii=get_attr(fonts, "ascii"),
        half_points=int_attr(child(r_pr, "sz"), "val"),
        bold=on_off(child(r_pr, "b")),
    )


def read_paragraph_format(p_pr: Any) -> ParagraphFormat:
    """The properties one ``w:pPr`` sets."""
    if p_pr is None:
        return EMPTY_PARAGRAPH
    indent = child(p_pr, "ind")
    spacing = child(p_pr, "spacing")
    line = int_attr(spacing, "line")
    line_rule = get_attr(spacing, "lineRule")
    if line is not None and line_rule is None:
        line_rule = "auto"
    return ParagraphFormat(
        alignment=get_attr(child(p_pr, "jc"), "val"),
        first_line_twips=int_attr(indent, "firstLine"),
        first_line_chars=int_attr(indent, "firstLineChars"),
        hanging_twips=int_attr(indent, "hanging"),
        line=line,
        line_rule=line_rule,
        snap_to_grid=on_off(child(p_pr, "snapToGrid")),
    )


Shape = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def _shape(properties: Any) -> Shape:
    """A properties element as a hashable value: its children's tags and attributes."""
    return tuple((node.tag, tuple(node.items())) for node in properties)


class StyleSheet:
    """The styles part of one document, with resolved formats cached per style pair."""

    def __init__(self, styles_root: Any, themes: dict[str, str]) -> None:
        self.themes = themes
        self._styles: dict[str, Any] = {}
        self.default_paragraph_style: str | None = None
        if styles_root is not None:
            for style in styles_root.iterfind(w("style")):
                style_id = get_attr(style, "styleId")
                if style_id is None:
                    continue
                self._styles[style_id] = style
                is_default = get_attr(style, "default") in ("1", "true", "on")
                if is_default and get_attr(style, "type") == "paragraph":
                    self.default_paragraph_style = style_id
        defaults = styles_root.find(w("docDefaults")) if styles_root is not None else None
        r_default = defaults.find(f"{w('rPrDefault')}/{RPR}") if defaults is not None else None
        p_default = defaults.find(f"{w('pPrDefault')}/{PPR}") if defaults is not None else None
        self.default_run = read_run_format(r_default, themes)
        self.default_paragraph = read_paragraph_format(p_default)
        self._run_base: dict[tuple[str | None, str | None], RunFormat] = {}
        self._paragraph_base: dict[str | None, ParagraphFormat] = {}
        self._runs: dict[tuple[str | None, Shape], RunFormat] = {}
        self._paragraphs: dict[Shape, tuple[str | None, ParagraphFormat]] = {}

    def name_of(self, style_id: str | None) -> str:
        """The style's display name ("" when unknown)."""
        style = self._styles.get(style_id or self.default_paragraph_style or "")
        name = get_attr(child(style, "name"), "val") if style is not None else None
        return name or ""

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        styles: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            styles.append(style)
            style_id = get_attr(child(style, "basedOn"), "val")
        return styles

    def run_base(self, paragraph_style: str | None, run_style: str | None) -> RunFormat:
        """Formatting of a run with no direct properties in this paragraph style."""
        key = (paragraph_style, run_style)
        cached = self._run_base.get(key)
        if cached is not None:
            return cached
        result = EMPTY_RUN
        for style in self.chain(run_style):
            result = result.under(read_run_format(child(style, "rPr"), self.themes))
        for style in self.chain(paragraph_style or self.default_paragraph_style):
            result = result.under(read_run_format(child(style, "rPr"), self.themes))
        result = result.under(self.default_run)
        self._run_base[key] = result
        return result

    def paragraph_base(self, paragraph_style: str | None) -> ParagraphFormat:
        """Settings of a paragraph with no direct properties in this style."""
        cached = self._paragraph_base.get(paragraph_style)
        if cached is not None:
            return cached
        result = EMPTY_PARAGRAPH
        for style in self.chain(paragraph_style or self.default_paragraph_style):
            result = result.under(read_paragraph_format(child(style, "pPr")))
        result = result.under(self.default_paragraph)
        self._paragraph_base[paragraph_style] = result
        return result

    def run_format(self, r_pr: Any, paragraph_style: str | None) -> RunFormat:
        """The effective formatting of a run with properties ``r_pr``.

        Runs of a document share a handful of property sets: the result is cached by the
        properties' elements and attributes.
        """
        if r_pr is None:
            return self.run_base(paragraph_style, None)
        key = (paragraph_style, _shape(r_pr))
        cached = self._runs.get(key)
        if cached is None:
            run_style = get_attr(child(r_pr, "rStyle"), "val")
            base = self.run_base(paragraph_style, run_style)
            cached = self._runs[key] = read_run_format(r_pr, self.themes).under(base)
        return cached

    def paragraph_format(self, p_pr: Any) -> tuple[str | None, ParagraphFormat]:
        """The paragraph's style id and effective settings (cached like run formats)."""
        if p_pr is None:
            return None, self.paragraph_base(None)
        key = _shape(p_pr)
        cached = self._paragraphs.get(key)
        if cached is None:
            style_id = get_attr(child(p_pr, "pStyle"), "val")
            settings = read_paragraph_format(p_pr).under(self.paragraph_base(style_id))
            cached = self._paragraphs[key] = (style_id, settings)
        return cached
