"""Units of Word and of Chinese typesetting: twips, millimetres, points and 号 sizes."""

from __future__ import annotations

TWIPS_PER_POINT = 20
POINTS_PER_MM = 72 / 25.4

# 号 sizes of Chinese typesetting, in points
CHINESE_SIZES: dict[float, str] = {
    42: "初号",
    36: "小初",
    26: "一号",
    24: "小一",
    22: "二号",
    18: "小二",
    16: "三号",
    15: "小三",
    14: "四号",
    12: "小四",
    10.5: "五号",
    9: "小五",
    7.5: "六号",
}


def twips_to_mm(twips: int) -> float:
    """Twentieths of a point -> millimetres."""
    return twips / TWIPS_PER_POINT / POINTS_PER_MM


def mm_to_twips(mm: float) -> int:
    """Millimetres -> twentieths of a point, rounded."""
    return round(mm * POINTS_PER_MM * TWIPS_PER_POINT)


def size_name(points: float) -> str:
    """``16`` -> ``三号（16 磅）``; a size with no 号 name is given in points only."""
    name = CHINESE_SIZES.get(points)
    shown = f"{points:g} 磅"
    return f"{name}（{shown}）" if name else shown
