"""Heading suggestions: titles parts at a position typically have, and partial-title completion.

Every distinct normalised heading title of the corpus keeps its occurrences (office types, roles,
levels and numbers). For a heading just started (``三、``) the candidates are the most frequent
titles of each role the new part may take, at that level and in general, overall and for each
preferred office type (short lists precomputed at load); each is scored by the weight of its
role at the cursor, level agreement, distance of its numbers from the typed one (the "ordinal
region"), office type and frequency. The best title of every plausible role is kept, so after
achievements parts a problems heading is offered beside another achievements heading. A title
partly typed (``三、存在``) is completed from the titles' suffix index instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.completion.draft import Cursor
from assistant.completion.occurrences import Occurrences
from assistant.completion.prefix_index import PhraseIndex
from assistant.completion.sentences import cut_continuation, has_content
from assistant.completion.suggestion import Suggestion
from assistant.genre.table import Role
from assistant.ranking import ranking_table

TOP_PER_LIST = 48  # titles kept per (role[, level][, office]) list
MAX_TITLE_REST = 30
SCAN_CAP = 160
MIN_UNANCHORED = 4


class HeadingTable:
    """Distinct heading titles with where they occur, searchable for the cursor's heading."""

    def __init__(self, titles: dict[str, Occurrences]) -> None:
        self.index = PhraseIndex(titles)
        self._lists: dict[tuple[str | int, ...], list[int]] = {}
        for position, stats in enumerate(self.index.stats):
            for role in stats.roles:
                keys: list[tuple[str | int, ...]] = [(role,)]
                keys += [(role, level) for level in stats.levels]
                keys += [(role, office) for office in stats.offices]
                keys += [(role, lv, of) for lv in stats.levels for of in stats.offices]
                for key in keys:
                    self._lists.setdefault(key, []).append(position)
        for key, positions in self._lists.items():
            self._keep_top(positions, Role(str(key[0])))

    def _keep_top(self, positions: list[int], role: Role) -> None:
        """Keep the titles most often used with the role (ties: text order)."""
        stats = self.index.stats
        positions.sort(key=lambda p: (-stats[p].roles[role], p))
        del positions[TOP_PER_LIST:]

    def _pool(self, cursor: Cursor, offices: Sequence[str]) -> set[int]:
        pool: set[int] = set()
        for role in cursor.role_weights:
            keys: list[tuple[str | int, ...]] = [(role,), (role, cursor.level)]
            keys += [(role, office) for office in offices]
            keys += [(role, cursor.level, office) for office in offices]
            for key in keys:
                pool.update(self._lists.get(key, ()))
        return pool

    def _fit(self, stats: Occurrences, cursor: Cursor, offices: Sequence[str]) -> float:
        """How well a title fits the heading at the cursor, 0..1 (0: no plausible role)."""
        weights, knobs = cursor.role_weights, ranking_table().completion.headings
        role_part = max((w * stats.role_share(r) for r, w in weights.items()), default=0.0)
        level = 1.0 if cursor.level in stats.levels else knobs.other_level
        distance = stats.ordinal_distance(cursor.level, cursor.ordinal)
        ordinal = 1.0 / (1.0 + knobs.ordinal_slope * distance)
        frequency = 0.8 + 0.2 * stats.frequency()
        return role_part * level * ordinal * stats.office_factor(offices) * frequency

    def _main_role(self, stats: Occurrences, weights: dict[Role, float]) -> Role:
        return max(weights, key=lambda r: (weights[r] * stats.role_share(r), r))

    def start(self, cursor: Cursor, offices: Sequence[str], limit: int) -> list[Suggestion]:
        """Titles for a heading whose number was just typed."""
        scored: list[tuple[float, str, str, Role]] = []
        for position in self._pool(cursor, offices):
            title, stats = self.index.units[position], self.index.stats[position]
            if title in cursor.used_titles:
                continue
            score = round(self._fit(stats, cursor, offices), 4)
            if score > 0:
                role = self._main_role(stats, cursor.role_weights)
                scored.append((score, title, stats.source(offices), role))
        scored.sort(key=lambda item: (-item[0], item[1], item[2]))
        chosen: list[tuple[float, str, str, Role]] = []
        diverse = ranking_table().completion.headings.diverse_role_weight
        plausible = [r for r, w in cursor.role_weights.items() if w >= diverse]
        for role in sorted(plausible, key=lambda r: (-cursor.role_weights[r], r)):
            best = next((item for item in scored if item[3] == role), None)
            if best is not None and len(chosen) < limit:
                chosen.append(best)
        chosen += [item for item in scored if item not in chosen][: limit - len(chosen)]
        chosen.sort(key=lambda item: (-item[0], item[1], item[2]))
        return [Suggestion(title, source, score) for score, title, source, _ in chosen]

    def finish(self, cursor: Cursor, offices: Sequence[str], limit: int) -> list[Suggestion]:
        """The rest of a title partly typed after its number."""
        typed = cursor.title
        if len(typed) < 2:
            return []
        hits = [h for h in self.index.anchored(typed, typed, SCAN_CAP) if h.start == len(typed)]
        hits += self.index.anywhere(typed, min(len(typed), MIN_UNANCHORED), SCAN_CAP, limit * 4)
        best: dict[str, Suggestion] = {}
        for hit in hits:
            stats = self.index.stats[hit.unit]
            rest = self.index.rest(hit)
            text = rest if len(rest) <= MAX_TITLE_REST else cut_continuation(rest, MAX_TITLE_REST)
            if not text or not has_content(text):
                continue
            match = 1.0 if hit.anchored else 0.6 * min(hit.matched, 8) / 8
            fit = 0.4 + 0.6 * self._fit(stats, cursor, offices)
            score = round(match * fit, 4)
            if text not in best or score > best[text].score:
                best[text] = Suggestion(text, stats.source(offices), score)
        return sorted(best.values(), key=lambda c: (-c.score, c.text, c.source))[:limit]
