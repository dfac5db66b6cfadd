"""The layout profile (what GB/T 9704 asks for, in numbers) and the layout rules, as data.

Both live beside the text rules: ``assistant/style/rules/layout/*.yaml`` (one rule a file: id,
check, elements, severity, message) and ``.../layout/profiles/gbt-9704-2012.yaml`` (the values).
A user profile is merged over the built-in one key by key, so a house style lists only what it
changes. Everything is validated when loaded; a bad file is an InputError naming the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.errors import InputError
from assistant.style.catalogue import RULES_DIR
from assistant.style.diagnostic import Severity

LAYOUT_DIR = RULES_DIR / "layout"
BUILTIN_PROFILE = LAYOUT_DIR / "profiles" / "gbt-9704-2012.yaml"

ElementName = Literal[
    "title", "heading-1", "heading-2", "heading-3", "heading-4", "body", "signature", "date"
]
CheckName = Literal[
    "page-size",
    "margins",
    "font",
    "font-fallback",
    "size",
    "bold",
    "alignment",
    "first-line-indent",
    "line-spacing",
    "page-number",
]
ELEMENT_NAMES: dict[str, str] = {
    "title": "标题",
    "heading-1": "一级标题",
    "heading-2": "二级标题",
    "heading-3": "三级标题",
    "heading-4": "四级标题",
    "body": "正文",
    "signature": "署名",
    "date": "成文日期",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageSize(_Strict):
    """Paper size in millimetres."""

    width_mm: float
    height_mm: float
    tolerance_mm: float


class Margins(_Strict):
    """Page margins in millimetres."""

    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    tolerance_mm: float


class LineSpacing(_Strict):
    """Fixed line spacing: the value to set and the range accepted."""

    exact_pt: float
    min_pt: float
    max_pt: float
    lines_per_page: int
    chars_per_line: int


class ElementStyle(_Strict):
    """How one kind of paragraph looks; None means not checked."""

    font: str | None = None
    equivalents: tuple[str, ...] = ()
    fallbacks: tuple[str, ...] = ()
    size_pt: float | None = None
    bold: bool | None = None
    alignment: Literal["left", "center", "right", "both"] | None = None
    first_line_indent_chars: float | None = None
    right_indent_chars: float | None = None

    def accepts(self, font: str) -> bool:
        """Whether ``font`` is the required face or another name of it."""
        return _font_key(font) in {_font_key(f) for f in (self.font or "", *self.equivalents)}

    def falls_back(self, font: str) -> bool:
        """Whether ``font`` is a usual substitute (accepted as info)."""
        return _font_key(font) in {_font_key(f) for f in self.fallbacks}


class PageNumberStyle(_Strict):
    """The page number in the footer."""

    font: str
    equivalents: tuple[str, ...] = ()
    size_pt: float
    before: str
    after: str
    outside: bool
    edge_indent_chars: float

    def accepts(self, font: str) -> bool:
        """Whether ``font`` is the page number's face."""
        return _font_key(font) in {_font_key(f) for f in (self.font, *self.equivalents)}


class Profile(_Strict):
    """Every value the layout rules compare against."""

    name: str
    page: PageSize
    margins: Margins
    line_spacing: LineSpacing
    size_tolerance_pt: float
    indent_tolerance_chars: float
    elements: dict[ElementName, ElementStyle]
    page_number: PageNumberStyle

    def element(self, name: str) -> ElementStyle:
        """The style of one element (an empty style when the profile has none)."""
        for key, style in self.elements.items():
            if key == name:
                return style
        return ElementStyle()


class LayoutRule(_Strict):
    """One layout rule file."""

    id: str
    check: CheckName
    severity: Severity
    message: str
    description: str = ""
    elements: tuple[ElementName, ...] = ()

    @model_validator(mode="after")
    def _message_fields(self) -> LayoutRule:
        try:
            self.message.format(element="", actual="", expected="")
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"bad message template: {error!r}") from None
        return self


def _font_key(font: str) -> str:
    return font.strip().casefold().replace(" ", "")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"无法读取版式配置 {path}：{error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise InputError(f"版式配置 {path.name} 不是有效的 YAML：{error}") from None
    if not isinstance(data, dict):
        raise InputError(f"版式配置 {path.name} 应为一个映射（键: 值）。")
    return data


def _validation_message(error: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(part) for part in item['loc'])}：{item['msg']}" for item in error.errors()
    ]
    return "；".join(problems[:5])


@cache
def load_profile(path: Path | None = None) -> Profile:
    """The built-in profile, with the file at ``path`` merged over it."""
    data = _read_yaml(BUILTIN_PROFILE)
    if path is not None:
        data = _merge(data, _read_yaml(path))
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        source = path.name if path is not None else BUILTIN_PROFILE.name
        raise InputError(f"版式配置 {source} 有误：{_validation_message(error)}") from None


@cache
def load_layout_rules(directory: Path = LAYOUT_DIR) -> tuple[LayoutRule, ...]:
    """Every layout rule file, sorted by id; the id must equal the file name."""
    rules = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            rule = LayoutRule.model_validate(_read_yaml(path))
        except ValidationError as error:
            raise ValueError(f"{path.name}: {_validation_message(error)}") from None
        if rule.id != path.stem:
            raise ValueError(f"{path.name}: id {rule.id!r} differs from the file name")
        rules.append(rule)
    return tuple(rules)
