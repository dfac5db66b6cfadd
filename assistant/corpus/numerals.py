"""Chinese numerals as heading numbers use them (一 to 九十九)."""

from __future__ import annotations

DIGITS = "一二三四五六七八九"
NUMERAL_CHARS = DIGITS + "十"


def numeral_value(numeral: str) -> int | None:
    """Value of a Chinese numeral from 一 to 九十九, or None when it is not one."""
    value = {ch: i + 1 for i, ch in enumerate(DIGITS)}
    if len(numeral) == 1:
        return 10 if numeral == "十" else value.get(numeral)
    tens, ten, ones = numeral.partition("十")
    if not ten or (tens and tens not in value) or (ones and ones not in value):
        return None
    return (value[tens] if tens else 1) * 10 + (value[ones] if ones else 0)


def numeral_text(number: int) -> str:
    """A number from 1 to 99 written as a Chinese numeral."""
    if not 1 <= number <= 99:
        raise ValueError(f"heading numbers run from 1 to 99, not {number}")
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return head + (DIGITS[ones - 1] if ones else "")
