"""Which office type a draft is written for: the workspace setting, else the draft's opening.

The setting (``assistant.officeType``, from ``initializationOptions`` or
``workspace/didChangeConfiguration``) wins: it is the writer's explicit choice. Without it, an
office alias in the title line (``平安县农机局2024年上半年工作总结``) decides, then the evidence
phrases of the opening (``我镇``, ``驻村``...); an opening with no evidence gives no office type
rather than the tables' default.
"""

from __future__ import annotations

from typing import Any

from assistant.corpus.metadata import OPENING_CHARS, infer_office_type
from assistant.corpus.office_types import office_table
from assistant.index.office_match import alias_match

SECTION = "assistant"
KEY = "officeType"


def office_setting(settings: Any) -> str | None:
    """The office type in client settings, if any.

    Accepts ``{"assistant": {"officeType": X}}``, ``{"assistant.officeType": X}`` and a bare
    ``{"officeType": X}`` (what a pulled ``assistant`` section looks like). Blank means unset.
    """
    if not isinstance(settings, dict):
        return None
    section = settings.get(SECTION)
    for source in (section, settings):
        if isinstance(source, dict) and isinstance(source.get(KEY), str):
            return str(source[KEY]).strip() or None
    value = settings.get(f"{SECTION}.{KEY}")
    return (value.strip() or None) if isinstance(value, str) else None


def has_office_setting(settings: Any) -> bool:
    """Whether client settings mention the office type at all (even to clear it)."""
    if not isinstance(settings, dict):
        return False
    section = settings.get(SECTION)
    return (
        KEY in settings
        or f"{SECTION}.{KEY}" in settings
        or (isinstance(section, dict) and KEY in section)
    )


def document_office_types(text: str) -> tuple[str, ...]:
    """The corpus office type a draft's title or opening names, or none."""
    opening = text[:OPENING_CHARS]
    title = next((line for line in opening.splitlines() if line.strip()), "")
    named = alias_match(title)
    if named:
        return (named,)
    inferred = infer_office_type(opening)
    evidence = office_table().office(inferred).evidence
    return (inferred,) if any(phrase in opening for phrase in evidence) else ()
