"""Parallel structures: after ``一是……。`` offer the ``二是`` the corpus would write next.

Every ``X是`` item of the corpus is kept with its head (its first clause) and the heads of the
items before it in the same text (so ``一是加强调研服务。`` leads to ``二是加强项目推进服务。``).
For the writer's last item the candidates are, best first: the item that followed the same head
in the corpus; items of the next number that open with the same two characters (the parallel
verb: 加强…/加强…, 加大…/加大…); the most frequent items of the next number for the part's role
and overall. Items of another number may be renumbered when the next number has too few.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.completion.draft import Cursor, EnumerationItem
from assistant.completion.occurrences import Occurrences
from assistant.completion.sentences import cut_continuation, strip_boundary
from assistant.completion.suggestion import Suggestion
from assistant.genre.numbering import enumeration_marker
from assistant.genre.table import Role
from assistant.ranking import ranking_table

Item = tuple[int, str]  # (ordinal, head with its final mark)
TOP_PER_LIST = 48
MAX_HEAD = 30
VERB_CHARS = 2


class EnumerationTable:
    """Distinct enumeration items, with what preceded them, indexed for the next item."""

    def __init__(self, items: dict[Item, Occurrences], previous: dict[Item, set[str]]) -> None:
        self.items = items
        self.previous = previous
        self._by_previous: dict[str, list[Item]] = {}
        self._lists: dict[tuple[str | int, ...], list[Item]] = {}
        for item in sorted(items):
            ordinal, head = item
            for before in previous.get(item, ()):
                self._by_previous.setdefault(before, []).append(item)
            keys: list[tuple[str | int, ...]] = [(ordinal,), ("any",), (ordinal, head[:VERB_CHARS])]
            keys += [(ordinal, role) for role in items[item].roles]
            for key in keys:
                self._lists.setdefault(key, []).append(item)
        for listed in self._lists.values():
            listed.sort(key=lambda i: (-self.items[i].count, i))
            del listed[TOP_PER_LIST:]

    def _pool(self, last: EnumerationItem, role: Role | None) -> set[Item]:
        wanted = last.ordinal + 1
        pool = set(self._by_previous.get(last.head, ()))
        keys: list[tuple[str | int, ...]] = [(wanted, last.head[:VERB_CHARS]), (wanted,)]
        if role is not None:
            keys.append((wanted, role))
        for key in keys:
            pool.update(self._lists.get(key, ()))
        if len(pool) < TOP_PER_LIST // 4:
            pool.update(item for item in self._lists.get(("any",), ()) if item[0] > 1)
        return pool

    def _score(
        self, item: Item, last: EnumerationItem, role: Role | None, offices: Sequence[str]
    ) -> float:
        ordinal, head = item
        stats, knobs = self.items[item], ranking_table().completion.enumerations
        if last.head in self.previous.get(item, ()):
            base = knobs.same_sequence
        elif head[:VERB_CHARS] == last.head[:VERB_CHARS]:
            base = knobs.same_verb
        else:
            base = knobs.other
        if ordinal != last.ordinal + 1:
            base *= knobs.renumbered
        frequency = 0.85 + 0.15 * stats.frequency()
        return base * frequency * stats.office_factor(offices) * stats.role_factor(role)

    def next_items(self, cursor: Cursor, offices: Sequence[str], limit: int) -> list[Suggestion]:
        """Continuations that start (or finish typing) the next item of the enumeration."""
        last = cursor.enumeration
        if last is None:
            return []
        marker = enumeration_marker(last.ordinal + 1)
        best: dict[str, Suggestion] = {}
        for item in self._pool(last, cursor.role):
            head = cut_continuation(item[1], MAX_HEAD)
            if head is None or strip_boundary(head) == last.head:
                continue
            full = marker + head
            if not full.startswith(cursor.item) or len(full) <= len(cursor.item):
                continue
            text = full[len(cursor.item) :]
            score = round(self._score(item, last, cursor.role, offices), 4)
            if text not in best or score > best[text].score:
                best[text] = Suggestion(text, self.items[item].source(offices), score)
        return sorted(best.values(), key=lambda s: (-s.score, s.text, s.source))[:limit]
