"""Edits that inject a defect into a text, and where each defect then sits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace ``original[start:end]`` by ``replacement``.

    The defect then sits at ``defect``, offsets relative to where the replacement starts.
    """

    start: int
    end: int
    replacement: str
    kind: str
    rule: str
    defect: tuple[int, int]


@dataclass(frozen=True)
class Injection:
    """An injected defect: its kind, the rule expected to report it, its span and text."""

    kind: str
    rule: str
    start: int
    end: int
    text: str


def apply_edits(original: str, edits: Sequence[Edit]) -> tuple[str, list[Injection]]:
    """The edited text and each edit's defect span in it (edits must not overlap)."""
    pieces: list[str] = []
    injections: list[Injection] = []
    position, shift = 0, 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        pieces += [original[position : edit.start], edit.replacement]
        new_start = edit.start + shift
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
        injections.append(
            Injection(
                edit.kind, edit.rule, new_start + edit.defect[0], new_start + edit.defect[1], ""
            )
        )
    pieces.append(original[position:])
    text = "".join(pieces)
    return text, [
        Injection(i.kind, i.rule, i.start, i.end, text[i.start : i.end]) for i in injections
    ]
