"""Turning an edit request into edits of the current outline, or a short answer why not.

Each handler reads the parts the writer named (`assistant.chat.refs`), keeps the genre's
structure (achievements, problems and plans present and in that order: a required part is not
deleted when it is the only one, a move stops where the order allows), finds new content
(`assistant.chat.content`, `assistant.chat.expand`) and returns the edits with a note for the
writer. Nothing here changes the outline: the dialogue applies the edits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.chat.content import (
    ContentSource,
    data_phrases,
    data_sources,
    items_role,
    phrasing_in,
    profile_items,
)
from assistant.chat.edits import (
    AddChildren,
    AddPart,
    AddPhrasing,
    Delete,
    DeleteOpening,
    Edit,
    Exclusion,
    Move,
    PartKey,
    Path,
    Rename,
    Retitle,
    Trim,
    key_of,
    occurrences,
    section_at,
    siblings_of,
)
from assistant.chat.expand import Expander
from assistant.chat.facts import office_profile
from assistant.chat.reading import Ask, Place
from assistant.chat.refs import Ref, Unresolved, parts_list, resolve, role_name
from assistant.chat.replies import say
from assistant.chat.state import State
from assistant.corpus.roles import keyword_role
from assistant.genre.numbering import numeral_text, strip_number
from assistant.genre.phrasing import DIGIT, slot
from assistant.genre.table import Role, genre_table
from assistant.outline.model import Outline, OutlineSection

ROLE_ORDER = list(Role)
KEEP_FOR = ("只留", "只保留", "保留", "只要", "只列", "只写", "留")


@dataclass
class Outcome:
    """What an edit request comes to: edits and notes, or only a note (nothing changes)."""

    kind: str
    notes: list[str]
    edits: list[Edit] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    focus: PartKey | None = None

    @property
    def changes(self) -> bool:
        """Whether the outline changes."""
        return bool(self.edits or self.exclusions)


def refusal(kind: str, note: str) -> Outcome:
    """An answer that leaves the outline as it is."""
    return Outcome(kind, [note])


def _unresolved(problem: Unresolved) -> Outcome:
    return refusal(
        "missing" if problem.reply.startswith("missing") else "ask",
        say(problem.reply, **problem.fields),
    )


def _rank(role: Role) -> int:
    return ROLE_ORDER.index(role)


def _ordinal(path: Path) -> str:
    return numeral_text(path[0] + 1)


class Editor:
    """Edit requests -> edits, with the content sources they need."""

    def __init__(self, content: ContentSource) -> None:
        self.content = content
        self.expander = Expander(content)

    # ---- finding the parts a request names -------------------------------------------------

    def _paths(
        self, state: State, refs: Sequence[Ref], action: str, *, single: bool
    ) -> list[Path] | Outcome:
        outline = state.outline
        if not refs:
            if state.focus is not None:
                refs = [Ref("这部分", 0, 0, focus=True)]
            else:
                return refusal("ask", say("ask_which", action=action, parts=parts_list(outline)))
        found = resolve(outline, refs[0], state.focus)
        if isinstance(found, Unresolved):
            return _unresolved(found)
        if single and len(found) > 1:
            parts = "；".join(
                f"第{_ordinal(p)}部分“{section_at(outline, p).heading}”" for p in found
            )
            return refusal("ask", say("ambiguous", word=refs[0].said, parts=parts))
        return found

    # ---- edits ---------------------------------------------------------------------------

    def delete(self, state: State, ask: Ask) -> Outcome:
        """``删掉第四部分``, ``不要开头``."""
        outline = state.outline
        if ask.ref is not None and ask.ref.opening:
            if not outline.opening.phrasing:
                return refusal("unchanged", say("no_opening"))
            return Outcome("delete", [say("deleted_opening")], [DeleteOpening()])
        found = self._paths(state, ask.refs, "删除", single=True)
        if isinstance(found, Outcome):
            return found
        path = found[0]
        section = section_at(outline, path)
        if len(path) == 1 and genre_table().part(section.role).required:
            same = [s for s in outline.sections if s.role == section.role]
            if len(same) == 1:
                name = role_name(section.role)
                return refusal("refused", say("keep_required", heading=section.heading, role=name))
        if len(path) == 1:
            note = say("deleted", ordinal=_ordinal(path), heading=section.heading)
        else:
            note = say("deleted_child", parent=_ordinal(path), heading=section.heading)
        return Outcome("delete", [note], [Delete(key_of(outline, path))])

    def rename(self, state: State, ask: Ask) -> Outcome:
        """``第二部分标题改成……``."""
        heading = strip_number(ask.value).strip()
        if not heading:
            return refusal("ask", say("rename_what"))
        if DIGIT.search(heading):
            return refusal("refused", say("heading_figures", heading=heading))
        found = self._paths(state, ask.refs, "改名", single=True)
        if isinstance(found, Outcome):
            return found
        path = found[0]
        old = section_at(state.outline, path).heading
        edit = Rename(key_of(state.outline, path), heading)
        focus = PartKey(edit.target.role, heading, edit.target.parent)
        if len(path) == 1:
            note = say("renamed", ordinal=_ordinal(path), heading=heading)
        else:
            note = say("renamed_child", old=old, heading=heading)
        return Outcome("rename", [note], [edit], focus=focus)

    def retitle(self, state: State, ask: Ask) -> Outcome:
        """``标题改成……``."""
        title = ask.value.strip()
        if not title:
            return refusal("ask", say("rename_what"))
        return Outcome("retitle", [say("retitled", title=title)], [Retitle(title)])

    def move(self, state: State, ask: Ask) -> Outcome:
        """``把问题部分放到最后``, ``把第三部分挪到第一部分前面``."""
        outline = state.outline
        found = self._paths(state, ask.refs, "移动", single=True)
        if isinstance(found, Outcome):
            return found
        path = found[0]
        if ask.place is None:
            return refusal("ask", say("move_where"))
        siblings = siblings_of(outline, path)
        others = [s for i, s in enumerate(siblings) if i != path[-1]]
        wanted = self._position(outline, path, ask.place, others)
        if isinstance(wanted, Outcome):
            return wanted
        section = section_at(outline, path)
        notes: list[str] = []
        position = wanted
        if len(path) == 1:
            low = sum(_rank(s.role) < _rank(section.role) for s in others)
            high = sum(_rank(s.role) <= _rank(section.role) for s in others)
            position = min(max(wanted, low), high)
            if position != wanted:
                notes.append(self._clamp_note(section, others, position, wanted > high))
        if position == path[-1]:
            return refusal(
                "unchanged", "\n\n".join([*notes, say("unmoved", heading=section.heading)])
            )
        after = None
        if position > 0:
            after_section = others[position - 1]
            after = PartKey(after_section.role, after_section.heading, key_of(outline, path).parent)
        where = self._where(ask.place, others, position)
        notes.insert(0, say("moved", heading=section.heading, where=where))
        return Outcome(
            "move", notes, [Move(key_of(outline, path), after)], focus=key_of(outline, path)
        )

    def _position(
        self, outline: Outline, path: Path, place: Place, others: list[OutlineSection]
    ) -> int | Outcome:
        if place.where == "first":
            return 0
        if place.where == "last":
            return len(others)
        if place.where in ("up", "down"):
            step = -1 if place.where == "up" else 1
            return min(max(path[-1] + step, 0), len(others))
        assert place.ref is not None
        found = resolve(outline, place.ref)
        if isinstance(found, Unresolved):
            return _unresolved(found)
        anchor = section_at(outline, found[0])
        index = next(i for i, s in enumerate(others) if s is anchor) if anchor in others else None
        if index is None:
            return refusal("unchanged", say("unmoved", heading=anchor.heading))
        return index + 1 if place.where == "after" else index

    def _clamp_note(
        self, section: OutlineSection, others: list[OutlineSection], position: int, later: bool
    ) -> str:
        if later:
            limit = say("move_clamped_before", heading=others[position].heading)
        else:
            limit = say("move_clamped_after", heading=others[position - 1].heading)
        return say(
            "move_clamped",
            role=role_name(section.role),
            limit=limit,
            edge="后" if later else "前",
            ordinal=numeral_text(position + 1),
        )

    def _where(self, place: Place, others: list[OutlineSection], position: int) -> str:
        if position >= len(others):
            return say("moved_where_last")
        if position == 0:
            return say("moved_where_first")
        return say("moved_where_after", heading=others[position - 1].heading)

    def swap(self, state: State, ask: Ask) -> Outcome:
        """``把第二部分和第三部分对调``: two parts of the same kind change places."""
        outline = state.outline
        paths: list[Path] = []
        for ref in ask.refs[:2]:
            found = self._paths(state, [ref], "调换", single=True)
            if isinstance(found, Outcome):
                return found
            paths.append(found[0])
        first, second = sorted(paths)
        if first == second or len(first) != len(second) or first[:-1] != second[:-1]:
            return refusal("ask", say("move_where"))
        a, b = section_at(outline, first), section_at(outline, second)
        if len(first) == 1 and a.role != b.role:
            note = self._clamp_note(a, [b], 0, True)
            return refusal("refused", note)
        key_a, key_b = key_of(outline, first), key_of(outline, second)
        edits: list[Edit] = [Move(key_a, key_b)]
        if second[-1] - first[-1] > 1:
            before_a = key_of(outline, (*first[:-1], first[-1] - 1)) if first[-1] > 0 else None
            edits.append(Move(key_b, before_a))
        where = say("moved_where_after", heading=b.heading)
        return Outcome("swap", [say("moved", heading=a.heading, where=where)], edits)

    def add(self, state: State, ask: Ask) -> Outcome:
        """``加一部分党建工作``, ``在问题后面加一部分整改措施``."""
        outline = state.outline
        if not ask.words:
            return refusal("ask", say("add_what"))
        words = ask.words[0]
        if ask.place is not None and ask.place.where == "inside":
            return self._add_inside(state, ask.place, words)
        placed = self._add_place(state, ask.place, words)
        if isinstance(placed, Outcome):
            return placed
        after, role = placed
        profile = office_profile(state.request)
        found = self.content.named_part(words, role, profile, outline)
        if found is None:
            return refusal("unchanged", say("added_nothing", words=words))
        part = found.sections[0]
        if after is None:
            where = say("added_where_first")
        else:
            index = next(i for i, s in enumerate(outline.sections) if s.heading == after.heading)
            where = say("added_where_after", ordinal=numeral_text(index + 1), heading=after.heading)
        detail = say("added_children", count=len(part.children)) if part.children else ""
        note = say("added", where=where, heading=part.heading, detail=detail)
        focus = PartKey(role, part.heading)
        return Outcome("add", [note], [AddPart(part, found.sources, after)], focus=focus)

    def _add_inside(self, state: State, place: Place, words: str) -> Outcome:
        """``第一部分下面加一个小标题：……``: a sub-part at the end of a part."""
        assert place.ref is not None
        found = self._paths(state, [place.ref], "加入", single=True)
        if isinstance(found, Outcome):
            return found
        path = found[0][:1]
        parent = section_at(state.outline, path)
        profile = office_profile(state.request)
        content = self.content.named_part(words, parent.role, profile, state.outline)
        if content is None:
            return refusal("unchanged", say("added_nothing", words=words))
        made = content.sections[0]
        phrasing = made.phrasing or [c.phrasing[0] for c in made.children if c.phrasing]
        child = OutlineSection(
            "",
            parent.level + 1,
            parent.role,
            made.heading,
            phrasing[:3],
            made.sources,
            basis=made.basis,
        )
        key = key_of(state.outline, path)
        where = say("added_under", ordinal=_ordinal(path), heading=parent.heading)
        note = say("added", where=where, heading=child.heading, detail="")
        edit = AddChildren(key, (child,), content.sources)
        return Outcome(
            "add", [note], [edit], focus=PartKey(parent.role, child.heading, parent.heading)
        )

    def _add_place(
        self, state: State, place: Place | None, words: str
    ) -> tuple[PartKey | None, Role] | Outcome:
        """After which part a new part goes, and the role it takes there."""
        sections = state.outline.sections
        if place is None or (place.where == "last" and not sections):
            achievements = [i for i, s in enumerate(sections) if s.role is Role.ACHIEVEMENTS]
            index = achievements[-1] if achievements else -1
        elif place.where == "first":
            index = -1
        elif place.where == "last":
            index = len(sections) - 1
        else:
            assert place.ref is not None
            found = resolve(state.outline, place.ref, state.focus)
            if isinstance(found, Unresolved):
                return _unresolved(found)
            anchor = found[-1][0] if place.where == "after" else found[0][0]
            index = anchor if place.where == "after" else anchor - 1
        before = sections[index].role if index >= 0 else None
        following = sections[index + 1].role if index + 1 < len(sections) else None
        low = _rank(before) if before else 0
        high = _rank(following) if following else len(ROLE_ORDER) - 1
        fallback = before or following or Role.ACHIEVEMENTS
        named = [keyword_role(words), items_role(words, fallback)]  # 整改措施: measures or plans
        fitting = [role for role in named if role is not None and low <= _rank(role) <= high]
        role = fitting[0] if fitting else fallback
        after = key_of(state.outline, (index,)) if index >= 0 else None
        return after, role

    def expand(self, state: State, ask: Ask) -> Outcome:
        """``把第二部分展开一点``, ``再展开一点``."""
        outline = state.outline
        found = self._paths(state, ask.refs, "展开", single=False)
        if isinstance(found, Outcome):
            return found
        types = outline.matched_office_type.split("、")
        profile = office_profile(state.request)
        notes: list[str] = []
        edits: list[Edit] = []
        for path in found:
            added = self.expander.expand(outline, path, office_types=types, profile=profile)
            section = section_at(outline, path)
            count = sum(len(edit.phrasing) for edit in added)
            ordinal = _ordinal(path)
            if count:
                notes.append(say("expanded", ordinal=ordinal, heading=section.heading, count=count))
            else:
                notes.append(say("expanded_none", ordinal=ordinal, heading=section.heading))
            edits += added
        return Outcome("expand", notes, edits, focus=key_of(outline, found[-1]))

    def shorten(self, state: State, ask: Ask) -> Outcome:
        """``精简一点``: each part keeps its first half of the patterns, sub-parts one each."""
        outline = state.outline
        if ask.refs:
            found = self._paths(state, ask.refs, "精简", single=False)
            if isinstance(found, Outcome):
                return found
            what = "、".join(
                say("shortened_part", ordinal=_ordinal(p), heading=section_at(outline, p).heading)
                for p in found
            )
        else:
            found = [(index,) for index in range(len(outline.sections))]
            what = say("shortened_all")
        edits: list[Edit] = []
        for path in found:
            section = section_at(outline, path)
            keep = math.ceil(len(section.phrasing) / 2)
            children = math.ceil(len(section.children) / 2) if len(section.children) > 2 else None
            if (
                keep < len(section.phrasing)
                or children is not None
                or any(len(child.phrasing) > 1 for child in section.children)
            ):
                edits.append(Trim(key_of(outline, path), keep, 1, children))
        if not edits:
            return refusal("unchanged", say("already_short", what=what))
        focus = key_of(outline, found[-1]) if ask.refs else state.focus
        return Outcome("shorten", [say("shortened", what=what)], edits, focus=focus)

    def more(self, state: State, ask: Ask) -> Outcome:
        """``成绩再多列几条``: more sub-parts, parts or patterns of the kind named."""
        outline = state.outline
        found = self._paths(state, ask.refs, "多列", single=False)
        if isinstance(found, Outcome):
            return found
        count = ask.count or 3
        path = found[-1]
        section = section_at(outline, path)
        profile = office_profile(state.request)
        used_types = outline.matched_office_type.split("、")
        items = profile_items(profile, section.role, outline, count) if profile else None
        edits: list[Edit] = []
        added = 0
        key = key_of(outline, path)
        if items is not None and items.sections:
            if len(found) > 1 and len(path) == 1:
                after = key
                for child in items.sections:
                    part = OutlineSection(
                        "",
                        1,
                        child.role,
                        child.heading,
                        child.phrasing,
                        child.sources,
                        basis=child.basis,
                    )
                    edits.append(AddPart(part, items.sources, after))
                    after = PartKey(child.role, child.heading)
            else:
                edits.append(AddChildren(key, tuple(items.sections), items.sources))
            added = len(items.sections)
        else:
            if items is None or not items.phrasing:
                items = self.content.same_role(
                    section.role,
                    count,
                    phrasing_in(outline),
                    outline=outline,
                    office_types=used_types,
                )
            if not items.phrasing:
                data = data_sources(outline, section, profile)
                items = data_phrases(data, section.role, count, phrasing_in(outline), outline)
            if items.phrasing:
                edits.append(
                    AddPhrasing(key, tuple(items.phrasing), tuple(items.cites), items.sources)
                )
                added = len(items.phrasing)
        if not edits:
            return refusal("unchanged", say("more_none", heading=section.heading))
        return Outcome(
            "more", [say("more_items", heading=section.heading, count=added)], edits, focus=key
        )

    def fewer(self, state: State, ask: Ask) -> Outcome:
        """``问题只留两条``, ``下一步少列几条``."""
        outline = state.outline
        found = self._paths(state, ask.refs, "减少", single=False)
        if isinstance(found, Outcome):
            return found
        path = found[-1]
        section = section_at(outline, path)
        keeping = any(word in ask.text for word in KEEP_FOR)
        key = key_of(outline, path)
        if len(found) > 1 and len(path) == 1:
            have = len(found)
            keep = max(1, ask.count if keeping and ask.count else have - (ask.count or 2))
            if keep >= have:
                return refusal("unchanged", say("fewer_none", heading=section.heading, count=have))
            edits: list[Edit] = [Delete(key_of(outline, p)) for p in found[keep:]]
            return Outcome(
                "fewer", [say("fewer_items", heading=section.heading, count=keep)], edits
            )
        items = section.children or section.phrasing
        have = len(items)
        keep = max(1, ask.count if keeping and ask.count else have - (ask.count or 2))
        if keep >= have:
            return refusal("unchanged", say("fewer_none", heading=section.heading, count=have))
        if section.children:
            edit = Trim(
                key, len(section.phrasing), max(len(c.phrasing) for c in section.children), keep
            )
        else:
            edit = Trim(key, keep, 0)
        return Outcome(
            "fewer", [say("fewer_items", heading=section.heading, count=keep)], [edit], focus=key
        )

    def exclude(self, state: State, ask: Ask) -> Outcome:
        """``不要出现灞河这些地名``: the words become slots, now and after later edits."""
        if not ask.words:
            return refusal("ask", say("exclude_what"))
        name = slot(ask.slot)
        exclusions = [Exclusion(word, name) for word in ask.words]
        count = sum(occurrences(state.outline, word) for word in ask.words)
        words = "、".join(ask.words)
        if not count:
            return Outcome("exclude", [say("excluded_none", words=words)], exclusions=exclusions)
        note = say("excluded", words=words, slot=name, count=count)
        return Outcome("exclude", [note], exclusions=exclusions)
