"""WordprocessingML names and small element helpers shared by the reader and the writers."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NAMESPACES = {"w": W_NS, "mc": MC_NS, "a": A_NS}

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, surrogates)."""
    return XML_INVALID.sub("", text)


@cache
def w(tag: str) -> str:
    """The Clark name of a ``w:`` element or attribute: ``w("p")`` -> ``{...main}p``."""
    return f"{{{W_NS}}}{tag}"


def make(tag: str, parent: Any = None) -> Any:
    """A new ``w:`` element (python-docx's class for it), appended to ``parent`` if given."""
    from docx.oxml.parser import OxmlElement

    element = OxmlElement(f"w:{tag}")
    if parent is not None:
        parent.append(element)
    return element


def get_attr(element: Any, name: str) -> str | None:
    """A ``w:`` attribute of ``element`` (None when the element or attribute is missing)."""
    if element is None:
        return None
    value: str | None = element.get(w(name))
    return value


def child(element: Any, tag: str) -> Any:
    """The first ``w:`` child named ``tag``, or None."""
    if element is None:
        return None
    return element.find(w(tag))


def on_off(element: Any) -> bool | None:
    """An on/off property (``<w:b/>``, ``<w:b w:val="0"/>``); None when absent."""
    if element is None:
        return None
    value = get_attr(element, "val")
    return value not in ("0", "false", "off")


def int_attr(element: Any, name: str) -> int | None:
    """An integer ``w:`` attribute, None when absent or not a number."""
    value = get_attr(element, name)
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


P = w("p")
R = w("r")
T = w("t")
TAB = w("tab")
BR = w("br")
CR = w("cr")
INS = w("ins")
DEL = w("del")
MOVE_FROM = w("moveFrom")
MOVE_TO = w("moveTo")
DEL_TEXT = w("delText")
INSTR_TEXT = w("instrText")
DEL_INSTR_TEXT = w("delInstrText")
TBL = w("tbl")
TXBX_CONTENT = w("txbxContent")
SDT = w("sdt")
RPR = w("rPr")
PPR = w("pPr")
SECT_PR = w("sectPr")
FALLBACK = f"{{{MC_NS}}}Fallback"
XML_SPACE = f"{{{XML_NS}}}space"
PTAB = w("ptab")
NO_BREAK_HYPHEN = w("noBreakHyphen")


def run_child_text(node: Any) -> str:
    """The characters one child of a ``w:r`` contributes to the text as read."""
    tag = node.tag
    if tag == T:
        return node.text or ""
    if tag in (TAB, PTAB):
        return "\t"
    if tag == NO_BREAK_HYPHEN:
        return "-"
    return ""
