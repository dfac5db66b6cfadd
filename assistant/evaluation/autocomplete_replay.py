"""Keystrokes saved: replay a held-out text as a writer types it, accepting exact suggestions.

The writer types the text character by character. At each request point the engine is asked for
suggestions for the text typed so far (the editor's inline ghost text shows the top one). When
the top suggestion is exactly what the text says next, the writer accepts it with one key
(Tab) and the cursor jumps past it; otherwise they type the next character themselves. Scores:

- savings: keys saved / characters of the text (a suggestion of n characters saves n - 1 keys);
- accept rate: accepted / offered (an offer is a request that got a suggestion);
- offers per 100 characters: how often the writer is shown something;
- leaks: suggestions (any rank) holding a labelled corpus entity (``eval/entities.yaml``) the
  draft typed so far does not hold, beginning a word (the suggestion read after the last
  characters typed, cut by jieba: ``隆`` + ``重庆祝`` is 隆重庆祝, not 重庆);
- figures: suggestions holding a digit (the rest of a heading number such as ``（1）`` is not
  one, nor a year the draft itself names or the year after one: the plans heading of a 2025
  summary is ``2026年工作思路``, worked out from the draft, not copied from another document).

Request points (``policy``): ``every`` asks at every position, as an editor's inline completion
does on each keystroke (the figure the goals are set on); ``sparse`` asks only after a clause
mark ``，。；：、``, at a line start, and after every ``SPARSE_EVERY`` characters typed since the
last request, as the issue's first trial of the old engine did.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.corpus.jieba_dictionary import ready_jieba
from assistant.genre.numbering import parse_number
from assistant.genre.periods import YEAR_DIGITS

Policy = Literal["every", "sparse"]
Suggest = Callable[[str], Sequence[str]]  # the draft before the cursor -> texts, best first

SPARSE_EVERY = 6
SPARSE_MARKS = "，。；：、\n"
DIGIT = re.compile(r"[0-9０-９]")
NAME_CONTEXT = 8  # characters before the cursor read with a suggestion for the leak check
EXAMPLES = 8


@dataclass
class Tally:
    """Counts of one replay (or a sum of replays)."""

    chars: int = 0
    keys: int = 0
    requests: int = 0
    offers: int = 0
    accepted: int = 0
    saved: int = 0
    leaks: list[str] = field(default_factory=list)  # "entity: suggestion"
    figures: list[str] = field(default_factory=list)
    accepted_examples: list[str] = field(default_factory=list)
    rejected_examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Add another replay's counts (examples kept up to ``EXAMPLES``)."""
        for name in ("chars", "keys", "requests", "offers", "accepted", "saved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.leaks += other.leaks
        self.figures += other.figures
        self.accepted_examples += other.accepted_examples[: EXAMPLES - len(self.accepted_examples)]
        self.rejected_examples += other.rejected_examples[: EXAMPLES - len(self.rejected_examples)]

    @property
    def savings(self) -> float:
        """Keys saved per character of the text."""
        return self.saved / self.chars if self.chars else 0.0

    @property
    def accept_rate(self) -> float:
        """Accepted offers per offer."""
        return self.accepted / self.offers if self.offers else 0.0

    @property
    def offers_per_100(self) -> float:
        """Offers per 100 characters of the text."""
        return 100 * self.offers / self.chars if self.chars else 0.0

    def summary(self) -> dict[str, Any]:
        """The JSON report of the tally."""
        return {
            "chars": self.chars,
            "keys": self.keys,
            "requests": self.requests,
            "offers": self.offers,
            "accepted": self.accepted,
            "saved": self.saved,
            "savings": round(self.savings, 4),
            "accept_rate": round(self.accept_rate, 4),
            "offers_per_100": round(self.offers_per_100, 2),
            "leaks": len(self.leaks),
            "figures": len(self.figures),
            "leak_examples": self.leaks[:EXAMPLES],
            "figure_examples": self.figures[:EXAMPLES],
            "accepted_examples": self.accepted_examples,
            "rejected_examples": self.rejected_examples,
        }


def request_points(text: str, policy: Policy) -> Callable[[int, int], bool]:
    """Whether to ask at a position, given the position of the last request."""
    if policy == "every":
        return lambda position, last: True

    def sparse(position: int, last: int) -> bool:
        at_mark = position == 0 or text[position - 1] in SPARSE_MARKS
        return at_mark or position - last >= SPARSE_EVERY

    return sparse


def replay(
    text: str,
    suggest: Suggest,
    policy: Policy = "every",
    entities: Sequence[str] = (),
    spans: Sequence[tuple[int, int]] = (),
) -> Tally:
    """Type ``text`` (only ``spans`` of it when given) with ``suggest`` at hand.

    Text outside the spans counts as typed already: it is part of every draft sent, but its
    characters are not replayed or counted. See the module doc for the rules.
    """
    tally = Tally()
    for start, end in spans or [(0, len(text))]:
        _replay_span(text, start, end, suggest, policy, entities, tally)
    return tally


def _replay_span(
    text: str,
    start: int,
    end: int,
    suggest: Suggest,
    policy: Policy,
    entities: Sequence[str],
    tally: Tally,
) -> None:
    wanted = request_points(text, policy)
    tally.chars += end - start
    position, last = start, start - SPARSE_EVERY
    while position < end:
        found: list[str] = []
        if wanted(position, last):
            found = list(suggest(text[:position]))
            tally.requests += 1
            last = position
        if found:
            tally.offers += 1
            _check(found, text[:position], entities, tally)
            top = found[0]
            if top and position + len(top) <= end and text.startswith(top, position):
                tally.accepted += 1
                tally.saved += len(top) - 1
                tally.keys += 1
                if len(tally.accepted_examples) < EXAMPLES and len(top) >= 4:
                    tally.accepted_examples.append(f"{_tail(text, position)}|{top}")
                position += len(top)
                continue
            if len(tally.rejected_examples) < EXAMPLES:
                truth = text[position : position + len(top)]
                tally.rejected_examples.append(f"{_tail(text, position)}|{top} (is: {truth})")
        tally.keys += 1
        position += 1


def _tail(text: str, position: int) -> str:
    return text[max(0, position - 10) : position].replace("\n", "⏎")


def _names(tail: str, suggestion: str, entity: str) -> bool:
    """Whether the suggestion holds ``entity`` beginning a word (read after ``tail``).

    Words are jieba's: ``隆`` + ``重庆祝`` is the word 隆重庆祝, which holds the letters of 重庆
    but not the name; ``重庆市`` begins with it.
    """
    text = tail + suggestion
    bounds, position = {0}, 0
    for word in ready_jieba().cut(text):
        position += len(word)
        bounds.add(position)
    start = text.find(entity)
    while start >= 0:
        if start >= len(tail) and start in bounds:
            return True
        start = text.find(entity, start + 1)
    return False


def _without_own_years(suggestion: str, typed: str) -> str:
    """The suggestion without the years the draft names or the years after them."""
    own = {int(year) + after for year in YEAR_DIGITS.findall(typed) for after in (0, 1)}
    return YEAR_DIGITS.sub(lambda m: "" if int(m.group(1)) in own else m.group(), suggestion)


def _check(found: Sequence[str], typed: str, entities: Sequence[str], tally: Tally) -> None:
    tail = typed[-NAME_CONTEXT:]
    for suggestion in found:
        for entity in entities:
            named = entity in suggestion and entity not in typed
            if named and _names(tail, suggestion, entity):
                tally.leaks.append(f"{entity}: {suggestion}")
        line = typed[typed.rfind("\n") + 1 :].strip()
        number = DIGIT.search(suggestion) and parse_number(line + suggestion) is None
        if number and DIGIT.search(_without_own_years(suggestion, typed)):
            tally.figures.append(suggestion)
