"""The evaluation cases, read from ``eval/cases/*.yaml``.

- ``outlines.yaml``: outline requests (office, period, topic) with what the outline must show.
- ``chat.yaml``: conversations, turn by turn: what the writer says and the effect expected.
- ``autocomplete.yaml``: drafts up to the cursor with the kind of continuation expected.
- ``style-seed.yaml``: the seed compilation's known defects, each located by its context.
- ``style-drafts.yaml``: hand-written drafts with every defect they contain annotated.
- ``style-perturbations.yaml``: the clean texts defects are injected into, and the RNG seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.config import REPO_ROOT
from assistant.errors import DataDirError

EVAL_DIR = REPO_ROOT / "eval"
COMPLETION_KINDS = ("heading", "mid-sentence", "enumeration", "none")


class CaseError(DataDirError):
    """An evaluation file is missing or malformed (a problem of the suite, not of the product)."""


@dataclass(frozen=True)
class Expectations:
    """What an outline (or a chat reply's outline) must show beyond the invariants."""

    matched: str | None = None  # matched_office_type equals this kind of unit
    unseen: bool = False  # the corpus has no summary of the office's kind (coverage says 0)
    no_match: bool = False  # the office matches no kind of unit: a genre-only outline, said so
    period: str | None = None
    title_contains: tuple[str, ...] = ()
    topic_source: str | None = None  # the first part's source summary has this topic
    topic_module: str | None = None  # the outline is a 专项 outline from this topic module
    first_basis: str | None = None  # what the first part stands on (profile, same_type ...)
    plans_heading: str | None = None


@dataclass(frozen=True)
class TurnExpect:
    """What one chat turn must do to the outline (parts are 1-based level-1 numbers).

    Before/after fields compare the outline with the one before the turn.
    """

    outline: Expectations = field(default_factory=Expectations)  # matched, period, title ...
    kind: tuple[str, ...] = ()  # what the turn did (outline, change, add, delete ... draft)
    title_lacks: tuple[str, ...] = ()
    parts: int | None = None  # level-1 parts after the turn
    parts_delta: int | None = None
    has_heading: tuple[str, ...] = ()  # some level-1 heading contains each
    lacks_heading: tuple[str, ...] = ()  # no heading at any level contains any
    heading: dict[int, str] = field(default_factory=dict)  # part n's heading contains
    role: dict[int, str] = field(default_factory=dict)  # part n's role
    gone: int | None = None  # the heading part n had before is gone
    moved: tuple[int, int] | None = None  # the part that was n is now m
    more_phrasing: int | None = None  # part n offers more patterns than before
    fewer_phrasing: int | None = None
    more_items: str | None = None  # more items (parts, sub-parts, patterns) of this role
    fewer_items: str | None = None
    absent: tuple[str, ...] = ()  # words in no title, heading or pattern
    unchanged: bool = False  # the outline is exactly as before
    restored: int | None = None  # the outline is the one after turn n (1-based)
    reply_contains: tuple[str, ...] = ()
    reply_lacks: tuple[str, ...] = ()
    max_reply_chars: int | None = None
    draft: bool = False  # the reply is a first draft of the outline
    no_outline: bool = False  # there is still no outline


@dataclass(frozen=True)
class ChatTurn:
    """What the writer says in one turn, and what it must do."""

    say: str
    expect: TurnExpect


@dataclass(frozen=True)
class OutlineCase:
    """One outline request."""

    name: str
    office: str
    period: str | None
    topic: str | None
    expect: Expectations
    known_issue: str | None = None  # a known product issue: reported, not scored


@dataclass(frozen=True)
class ChatCase:
    """One conversation, turn by turn."""

    name: str
    turns: tuple[ChatTurn, ...]
    known_issue: str | None = None

    @property
    def messages(self) -> tuple[str, ...]:
        """What the writer says, in order."""
        return tuple(turn.say for turn in self.turns)


@dataclass(frozen=True)
class CompletionCase:
    """A draft up to the cursor and the kind of continuation it should get."""

    name: str
    text: str
    kind: str
    office: str | None = None


@dataclass(frozen=True)
class DefectNote:
    """A defect located by search: ``defect`` inside the first ``context`` in the text."""

    context: str
    defect: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """A hand-written draft and every defect in it (none for a clean draft)."""

    name: str
    text: str
    defects: tuple[DefectNote, ...] = ()


@dataclass(frozen=True)
class SeedDefects:
    """The seed compilation and its known defects."""

    source: Path
    defects: tuple[DefectNote, ...]


@dataclass(frozen=True)
class PerturbationSet:
    """Clean texts to inject defects into, and the defects they have of their own."""

    folder: Path
    files: tuple[str, ...]
    seed: int
    per_kind: int
    known_defects: dict[str, tuple[DefectNote, ...]] = field(default_factory=dict)  # by file


@dataclass
class Cases:
    """Every case of the suite."""

    outlines: list[OutlineCase] = field(default_factory=list)
    chats: list[ChatCase] = field(default_factory=list)
    completions: list[CompletionCase] = field(default_factory=list)
    seed: SeedDefects | None = None
    drafts: list[Draft] = field(default_factory=list)
    perturbations: PerturbationSet | None = None


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CaseError(f"评测文件 {path} 无法读取：{error}") from None


def _expectations(data: dict[str, Any] | None) -> Expectations:
    data = dict(data or {})
    contains = data.pop("title_contains", ())
    try:
        return Expectations(title_contains=_strings(contains), **data)
    except TypeError as error:
        raise CaseError(f"评测用例的预期写法有误 {data}：{error}") from None


OUTLINE_KEYS = {f for f in Expectations.__dataclass_fields__}
TUPLE_KEYS = {
    "kind",
    "title_lacks",
    "has_heading",
    "lacks_heading",
    "absent",
    "reply_contains",
    "reply_lacks",
}


def _strings(value: Any) -> tuple[str, ...]:
    """A word or a list of words (numbers read as their text)."""
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else (str(value),)


def _turn_expect(data: dict[str, Any] | None) -> TurnExpect:
    data = dict(data or {})
    outline = _expectations({k: data.pop(k) for k in list(data) if k in OUTLINE_KEYS})
    for key in TUPLE_KEYS & set(data):
        data[key] = _strings(data[key])
    for key in ("heading", "role"):
        if key in data:
            data[key] = {int(k): str(v) for k, v in data[key].items()}
    if "moved" in data:
        data["moved"] = (int(data["moved"][0]), int(data["moved"][1]))
    try:
        return TurnExpect(outline=outline, **data)
    except TypeError as error:
        raise CaseError(f"对话用例的预期写法有误 {data}：{error}") from None


def _chat_case(entry: dict[str, Any]) -> ChatCase:
    turns = tuple(
        ChatTurn(str(turn["say"]), _turn_expect(turn.get("expect"))) for turn in entry["turns"]
    )
    return ChatCase(str(entry["name"]), turns, entry.get("known_issue"))


def _notes(entries: list[dict[str, Any]]) -> tuple[DefectNote, ...]:
    return tuple(
        DefectNote(str(e["context"]), str(e.get("defect", e["context"])), tuple(e["rules"]))
        for e in entries
    )


def load_cases(folder: Path = EVAL_DIR / "cases") -> Cases:
    """Read every case file of the folder."""
    if not folder.is_dir():
        raise CaseError(f"找不到评测用例目录 {folder}。")
    cases = Cases()
    try:
        for entry in _read(folder / "outlines.yaml") or []:
            cases.outlines.append(
                OutlineCase(
                    name=str(entry.get("name") or entry["office"]),
                    office=str(entry["office"]),
                    period=entry.get("period"),
                    topic=entry.get("topic"),
                    expect=_expectations(entry.get("expect")),
                    known_issue=entry.get("known_issue"),
                )
            )
        for entry in _read(folder / "chat.yaml") or []:
            cases.chats.append(_chat_case(entry))
        for entry in _read(folder / "autocomplete.yaml") or []:
            if entry["kind"] not in COMPLETION_KINDS:
                raise CaseError(f"未知的续写类型 {entry['kind']!r}。")
            cases.completions.append(
                CompletionCase(
                    str(entry.get("name") or entry["text"]),
                    str(entry["text"]),
                    str(entry["kind"]),
                    entry.get("office"),
                )
            )
        seed = _read(folder / "style-seed.yaml")
        cases.seed = SeedDefects(REPO_ROOT / seed["source"], _notes(seed["defects"]))
        for entry in _read(folder / "style-drafts.yaml") or []:
            cases.drafts.append(
                Draft(str(entry["name"]), str(entry["text"]), _notes(entry.get("defects") or []))
            )
        spec = _read(folder / "style-perturbations.yaml")
        cases.perturbations = PerturbationSet(
            REPO_ROOT / spec["source"],
            tuple(str(name) for name in spec["files"]),
            int(spec["seed"]),
            int(spec["per_kind"]),
            {str(name): _notes(notes) for name, notes in (spec.get("known_defects") or {}).items()},
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CaseError(f"评测用例目录 {folder} 中有格式错误的用例：{error!r}") from None
    return cases
