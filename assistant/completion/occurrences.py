"""Where a distinct piece of corpus text occurs: counts by office type and role, and a source.

The autocomplete indexes deduplicate sentences, headings and enumeration items; each distinct
piece keeps one `Occurrences` so ranking can prefer the writer's office type and the part the
cursor is in, and every suggestion can name a source document deterministically (the smallest
document id, among the preferred office types when there are any).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from assistant.genre.table import Role
from assistant.ranking import ranking_table


def frequency_of(count: int) -> float:
    """0..1, growing with the logarithm of a count (saturating: ranking file)."""
    saturation = ranking_table().completion.occurrences.frequency_saturation
    return min(1.0, math.log1p(count) / math.log1p(saturation))


class Occurrences:
    """Counts of one distinct text by office type and role, with the first source per office."""

    __slots__ = ("count", "levels", "offices", "ordinals", "roles", "sources")

    def __init__(self) -> None:
        self.count = 0
        self.offices: dict[str, int] = {}
        self.roles: dict[Role, int] = {}
        self.sources: dict[str, str] = {}  # office type -> smallest document id
        self.levels: dict[int, int] = {}
        self.ordinals: dict[int, set[int]] = {}  # level -> ordinals seen (headings only)

    def add(self, office: str, role: Role, document: str) -> None:
        """Record one occurrence."""
        self.count += 1
        self.offices[office] = self.offices.get(office, 0) + 1
        self.roles[role] = self.roles.get(role, 0) + 1
        known = self.sources.get(office)
        if known is None or document < known:
            self.sources[office] = document

    def add_position(self, level: int, ordinal: int) -> None:
        """Record the heading level and number of an occurrence (headings only)."""
        self.levels[level] = self.levels.get(level, 0) + 1
        self.ordinals.setdefault(level, set()).add(ordinal)

    def frequency(self) -> float:
        """0..1, growing with the logarithm of the count."""
        return frequency_of(self.count)

    def office_factor(self, offices: Sequence[str]) -> float:
        """1 when no office is preferred or one of them wrote this, else a penalty."""
        if not offices or any(office in self.offices for office in offices):
            return 1.0
        return ranking_table().completion.occurrences.other_office

    def role_share(self, role: Role) -> float:
        """The share of occurrences in parts of this role."""
        return self.roles.get(role, 0) / self.count if self.count else 0.0

    def role_factor(self, role: Role | None) -> float:
        """1 when the text occurs in parts of this role (or no role is known), else a penalty."""
        if role is None or role in self.roles:
            return 1.0
        return ranking_table().completion.occurrences.other_role

    def source(self, offices: Sequence[str]) -> str:
        """The smallest document id among the preferred offices' occurrences, else overall."""
        preferred = [self.sources[office] for office in offices if office in self.sources]
        return min(preferred) if preferred else min(self.sources.values())

    def ordinal_distance(self, level: int, ordinal: int) -> int:
        """How far the closest recorded number at this level (or any level) is from ``ordinal``."""
        seen = self.ordinals.get(level) or {o for found in self.ordinals.values() for o in found}
        return min((abs(o - ordinal) for o in seen), default=ordinal)
