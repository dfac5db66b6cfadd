"""How a writer names a part of the outline, and which part that is.

A part is named by its number (``第二部分``, ``三、``, ``第二部分第三小点``, ``（二）``), by what
it does (``问题部分``, ``下一步打算``: the genre table's words for each role), by what it is
about (``党建那部分``, ``“加强队伍建设”``), as the opening (``开头``), or as the part just worked
on (``这部分``). `find_refs` reads every reference of a message in order; `resolve` finds the
part in an outline or says, in the writer's terms, why it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.chat.edits import EditMissing, PartKey, Path, find, section_at, walk_paths
from assistant.chat.intent import intent_table
from assistant.genre.numbering import numeral_text, ordinal_value
from assistant.genre.table import Role, genre_table
from assistant.outline.model import Outline


@dataclass(frozen=True)
class Ref:
    """A part as the writer named it; ``start``/``end`` locate the words in the message."""

    said: str
    start: int
    end: int
    ordinal: int | None = None  # 1-based level-1 number
    child: int | None = None  # 1-based number under it
    role: Role | None = None
    opening: bool = False
    closing: bool = False
    focus: bool = False
    last: bool = False  # the last part, whatever its number
    about: str = ""  # words of a heading
    written: bool = False  # a heading number as written (二、, （三）), not words about a part


@dataclass(frozen=True)
class Unresolved:
    """Why a reference names no part: a reply name and its fields."""

    reply: str
    fields: dict[str, object]


def _spans_free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _numbered(text: str, taken: list[tuple[int, int]]) -> list[Ref]:
    words = intent_table().refs
    found: list[Ref] = []
    for match in words.pattern("part").finditer(text):
        ordinal = ordinal_value(match.group(1))
        if not ordinal:
            continue
        end, child = match.end(), None
        after = words.pattern("child").match(text, match.end())
        if after:
            child = ordinal_value(after.group(1) or after.group(2))
            end = after.end() if child else end
        found.append(Ref(text[match.start() : end], match.start(), end, ordinal, child))
        taken.append((match.start(), end))
    for match in words.pattern("number").finditer(text):
        if not _spans_free(taken, match.start(), match.end()):
            continue
        start, end = match.start(), match.end()
        if match.group(1):
            ref = Ref(match.group(), start, end, ordinal_value(match.group(1)), written=True)
        else:
            ref = Ref(match.group(), start, end, child=ordinal_value(match.group(2)), written=True)
        found.append(ref)
        taken.append((match.start(), match.end()))
    return found


def _named(text: str, taken: list[tuple[int, int]]) -> list[Ref]:
    words = intent_table().refs
    found: list[Ref] = []
    kinds: list[tuple[str, dict[str, object]]] = [(w, {"opening": True}) for w in words.opening]
    kinds += [(w, {"closing": True}) for w in words.closing]
    kinds += [(w, {"focus": True}) for w in words.focus]
    kinds += [(w, {"last": True}) for w in words.last]
    for part in genre_table().parts:
        kinds += [(w, {"role": part.role}) for w in part.aliases]
    for word, fields in sorted(kinds, key=lambda item: len(item[0]), reverse=True):
        for match in re.finditer(re.escape(word), text):
            if _spans_free(taken, match.start(), match.end()):
                found.append(Ref(word, match.start(), match.end(), **fields))  # type: ignore[arg-type]
                taken.append((match.start(), match.end()))
    return found


def _about(text: str, taken: list[tuple[int, int]]) -> list[Ref]:
    words = intent_table().refs
    found: list[Ref] = []
    for name in ("quoted", "about"):
        for match in words.pattern(name).finditer(text):
            said = match.group(1)
            start, end = match.start(1), match.end(1)
            if said in words.about_ignore or not _spans_free(taken, start, end):
                continue
            found.append(Ref(said, start, end, about=said))
            taken.append((start, end))
    return found


def find_refs(text: str) -> list[Ref]:
    """Every part a message names, in the order they are written."""
    taken: list[tuple[int, int]] = []
    found = _numbered(text, taken) + _named(text, taken) + _about(text, taken)
    return sorted(found, key=lambda ref: ref.start)


def parts_list(outline: Outline) -> str:
    """The outline's level-1 parts, for a reply: ``一、……；二、……``."""
    return "；".join(f"{s.number}{s.heading}" for s in outline.sections) or "（没有部分）"


def _which(outline: Outline) -> dict[str, object]:
    return {"action": "修改", "parts": parts_list(outline)}


def _path(*indices: int) -> Path:
    return tuple(indices)


def _role_name(role: Role) -> str:
    return genre_table().part(role).name


def resolve(outline: Outline, ref: Ref, focus: PartKey | None = None) -> list[Path] | Unresolved:
    """The paths of the parts a reference names (several for a role shared by several parts)."""
    count = len(outline.sections)
    if ref.focus:
        if focus is None:
            return Unresolved("ask_which", _which(outline))
        try:
            return [find(outline, focus)]
        except EditMissing:
            return Unresolved("ask_which", _which(outline))
    if ref.last:
        return [_path(count - 1)] if count else Unresolved("ask_which", _which(outline))
    if ref.ordinal is not None:
        if not 1 <= ref.ordinal <= count:
            return Unresolved(
                "missing_part",
                {"count": count, "parts": parts_list(outline), "word": _said(ref)},
            )
        if ref.child is None:
            return [_path(ref.ordinal - 1)]
        parent = outline.sections[ref.ordinal - 1]
        if not 1 <= ref.child <= len(parent.children):
            children = _children_note(len(parent.children)) if parent.children else _no_children()
            return Unresolved(
                "missing_child",
                {
                    "ordinal": numeral_text(ref.ordinal),
                    "heading": parent.heading,
                    "children": children,
                    "word": _said(ref),
                },
            )
        return [_path(ref.ordinal - 1, ref.child - 1)]
    if ref.child is not None:
        paths: list[Path] = [
            p for p in walk_paths(outline.sections) if len(p) == 2 and p[1] == ref.child - 1
        ]
        if len(paths) == 1:
            return paths
        return Unresolved("ask_which", _which(outline))
    if ref.role is not None:
        paths = [_path(i) for i, s in enumerate(outline.sections) if s.role == ref.role]
        if paths:
            return paths
        return Unresolved("missing_role", {"word": ref.said, "parts": parts_list(outline)})
    if ref.about:
        return _about_paths(outline, ref)
    return Unresolved("ask_which", _which(outline))


def _about_paths(outline: Outline, ref: Ref) -> list[Path] | Unresolved:
    top = [_path(i) for i, s in enumerate(outline.sections) if ref.about in s.heading]
    if top:
        return top
    deeper = [
        p for p in walk_paths(outline.sections) if ref.about in section_at(outline, p).heading
    ]
    if deeper:
        return deeper
    return Unresolved("missing_role", {"word": ref.about, "parts": parts_list(outline)})


def _said(ref: Ref) -> str:
    if ref.ordinal is not None and ref.child is not None:
        return f"第{numeral_text(ref.ordinal)}部分的第{numeral_text(ref.child)}个小标题"
    if ref.ordinal is not None:
        return f"第{numeral_text(ref.ordinal)}部分" if ref.ordinal <= 99 else ref.said
    return ref.said


def _children_note(count: int) -> str:
    from assistant.chat.replies import say

    return say("some_children", count=count)


def _no_children() -> str:
    from assistant.chat.replies import say

    return say("no_children")


def describe(outline: Outline, path: Path) -> tuple[str, str]:
    """The part's number as the writer says it (``二``) and its heading."""
    section = section_at(outline, path)
    return numeral_text(path[0] + 1), section.heading


def role_name(role: Role) -> str:
    """How a writer calls a role's part (``存在问题``)."""
    return _role_name(role)
