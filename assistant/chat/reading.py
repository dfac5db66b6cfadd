"""What a writer wants from one message: an outline, an edit of it, a first draft, a check ...

`read_ask` normalises the message (NFKC, the usual slips of ``data/intent.yaml``'s ``typos``)
and tries, in order: a pasted draft to check, undo, a first draft, a question about a writing
rule, a request only a language model can do, then the edits of the outline (exclude words,
more or fewer items, move, rename, add, delete, shorten, expand), then the request facts
(a new outline, or a change of office, period, year or topic), then courtesy. The word lists
are data; the facts come from `assistant.chat.facts.read_facts`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from assistant.chat.explain import find_subject
from assistant.chat.facts import Facts, read_facts
from assistant.chat.intent import intent_table
from assistant.chat.refs import Ref, find_refs
from assistant.genre.numbering import LINE_NUMBERS

EditKind = Literal[
    "add",
    "delete",
    "move",
    "swap",
    "rename",
    "retitle",
    "expand",
    "shorten",
    "more",
    "fewer",
    "exclude",
]
AskKind = (
    EditKind
    | Literal["outline", "change", "undo", "draft", "check", "explain", "model_only"]
    | Literal["courtesy", "off_topic"]
)
EDIT_KINDS: tuple[EditKind, ...] = get_args(EditKind)
Where = Literal["first", "last", "after", "before", "up", "down", "inside"]


@dataclass(frozen=True)
class Place:
    """Where a part goes: first, last, or after/before a named part."""

    where: Where
    ref: Ref | None = None


@dataclass(frozen=True)
class Ask:
    """One message, read."""

    kind: AskKind
    text: str  # the message as read (normalised)
    facts: Facts = field(default_factory=Facts)
    refs: tuple[Ref, ...] = ()
    place: Place | None = None
    words: tuple[str, ...] = ()  # excluded words; for add: what to add
    value: str = ""  # a new heading or title; a pasted draft; a rule subject
    slot: str = ""  # exclusions: the slot name replacing the words
    count: int | None = None  # more or fewer items
    said: str = ""  # the message as the writer wrote it

    @property
    def ref(self) -> Ref | None:
        """The first part the message names, if any."""
        return self.refs[0] if self.refs else None


def normalise(text: str) -> str:
    """NFKC, trimmed, the usual slips corrected."""
    text = unicodedata.normalize("NFKC", text).strip()
    for typo, meant in intent_table().typos.items():
        text = text.replace(typo, meant)
    return text


def _has(text: str, words: tuple[str, ...]) -> str | None:
    """The longest of the words the text contains, if any."""
    found = [word for word in words if word in text]
    return max(found, key=len) if found else None


def _pasted(raw: str, text: str) -> str | None:
    """A draft pasted after a check request (``帮我检查一下：……``), or pasted alone."""
    asks = intent_table().asks
    head = re.split(r"[:：\n]", text, maxsplit=1)
    if len(head) == 2 and _has(head[0], asks.check):
        body = re.split(r"[:：\n]", raw.strip(), maxsplit=1)[1].strip()
        return body if len(body) >= asks.check_min_chars else ""
    if len(raw) >= asks.paste_min_chars and len(LINE_NUMBERS.findall(raw)) >= 2:
        return raw.strip()
    return None


def _count(text: str, name: str) -> int | None:
    asks = intent_table().asks
    match = asks.count_pattern(name).search(text)
    if match is None:
        return None
    for word, value in sorted(asks.counts.items(), key=lambda item: len(item[0]), reverse=True):
        if word in match.group():
            return value
    digits = re.search(r"\d+", match.group())
    return int(digits.group()) if digits else asks.more_default


def _strip_fillers(text: str, fillers: tuple[str, ...], *, head: bool) -> str:
    changed = True
    while changed and text:
        changed = False
        for filler in sorted(fillers, key=len, reverse=True):
            if head and text.startswith(filler):
                text, changed = text[len(filler) :], True
            elif not head and text.endswith(filler):
                text, changed = text[: -len(filler)], True
    return text


TRAILING = "。.！!？?，,、；;~～ 吧呢啊呀哦嘛了"
QUOTES = "“”\"'‘’「」『』《》"


def _clean_value(text: str) -> str:
    return text.strip().strip(QUOTES).rstrip(TRAILING).strip().strip(QUOTES).strip()


def _place(text: str, refs: list[Ref], after_verb: int) -> Place | None:
    """Where the message puts a part: first, last, or after/before a named part."""
    asks = intent_table().asks
    for ref in refs:
        rest = text[ref.end : ref.end + 4].lstrip("的")
        if _startswith(rest, asks.after):
            return Place("after", ref)
        if _startswith(rest, asks.before):
            return Place("before", ref)
    tail = text[after_verb:]
    if _has(tail, asks.last) or _has(text, asks.last):
        return Place("last")
    if _has(tail, asks.first):
        return Place("first")
    return None


def _inside(text: str, refs: list[Ref], verb: str) -> Place | None:
    """``第一部分下面加一个……``: the part right before ``下面``/``里`` and the add verb."""
    asks = intent_table().asks
    for ref in refs:
        between = text[ref.end : text.index(verb)].lstrip("的").replace("再", "")
        if between in asks.inside:
            return Place("inside", ref)
    return None


def _startswith(text: str, words: tuple[str, ...]) -> bool:
    return any(text.startswith(word) for word in words)


def _exclusion(text: str, raw: str, verb: str) -> tuple[tuple[str, ...], str]:
    """The excluded words after the verb and the slot for their kind."""
    asks = intent_table().asks
    rest = text[text.index(verb) + len(verb) :]
    quoted = re.findall(r"[“\"‘「]([^”\"’」]+)[”\"’」]", rest)
    kind_word = _has(rest, tuple(asks.exclude_kinds))
    slot = asks.exclude_kinds[kind_word] if kind_word else asks.exclude_default_slot
    if quoted:
        return tuple(quoted), slot
    cut = len(rest)
    for marker in (*asks.exclude_fillers, *asks.exclude_kinds):
        position = rest.find(marker)
        if position >= 0:
            cut = min(cut, position)
    words = [
        w for piece in re.split(r"[、，,/\s]+", _clean_value(rest[:cut])) for w in _split(piece)
    ]
    return tuple(w for w in words if len(w) >= 2), slot


def _split(piece: str) -> list[str]:
    """``灞河和浐河`` -> two names; ``和田`` stays one (a part would be a single character)."""
    parts = re.split(r"[和及与跟]|还有", piece)
    return parts if all(len(part) >= 2 for part in parts) else [piece]


def _added(text: str, verb: str) -> str:
    """What an add request adds: the words after the verb, without fillers, place or tails."""
    asks = intent_table().asks
    rest = text[text.index(verb) + len(verb) :]
    if re.search(r"[:：]", rest):
        rest = re.split(r"[:：]", rest, maxsplit=1)[1]  # 加一个小标题：农机安全监管
    rest = re.split(r"[，。,；;！!？?]", rest, maxsplit=1)[0]
    rest = _strip_fillers(rest.strip(), asks.add_fillers, head=True)
    for word in (*asks.move, "放", "在"):
        position = rest.find(word)
        if position > 0:
            rest = rest[:position]
    return _strip_fillers(_clean_value(rest), asks.add_tails, head=False)


def _renamed(raw_text: str, verb: str) -> str:
    """The new heading or title after a rename verb."""
    return _clean_value(raw_text[raw_text.index(verb) + len(verb) :])


def read_ask(raw: str) -> Ask:
    """What one message asks for (``said`` keeps it as written)."""
    return replace(_read(raw), said=raw.strip())


def _read(raw: str) -> Ask:
    """What one message asks for, read from its normalised text."""
    text = normalise(raw)
    asks = intent_table().asks
    pasted = _pasted(raw, text)
    if pasted is not None:
        return Ask("check", text, value=pasted)
    refs = find_refs(text)
    facts = read_facts(text)
    short = len(text) <= 20
    if short and _has(text, asks.undo):
        return Ask("undo", text)
    draft = _has(text, asks.draft) is not None
    edit_verb = _has(text, (*asks.add, *asks.move, *asks.rename, *asks.expand, *asks.shorten))
    subject = find_subject(text)
    named = [ref for ref in refs if not ref.written]
    if subject and _has(text, asks.question) and not (edit_verb or draft or named):
        return Ask("explain", text, value=subject)
    if _has(text, asks.model_only) and not draft:
        return Ask("model_only", text, facts=facts)
    if draft:
        return Ask("draft", text, facts=facts)
    verb = _has(text, asks.exclude)
    if verb:
        words, slot = _exclusion(text, raw, verb)
        return Ask("exclude", text, refs=tuple(refs), words=words, slot=slot)
    for name in ("more", "fewer"):
        count = _count(text, name)
        if count is not None:
            return Ask(name, text, refs=tuple(refs), count=count)
    if _has(text, asks.swap) and len(refs) >= 2:
        return Ask("swap", text, refs=tuple(refs[:2]))
    verb = _has(text, asks.move) or _has(text, (*asks.up, *asks.down))
    if verb and refs:
        place = _place(text, refs[1:], text.index(verb) + len(verb)) or _place_after_verb(
            text, verb
        )
        return Ask("move", text, refs=tuple(refs[:1]), place=place)
    verb = _has(text, asks.rename)
    if verb and (refs or _has(text[: text.index(verb) + len(verb)], asks.title_words)):
        value = _renamed(text, verb)
        target = [ref for ref in refs if ref.end <= text.index(verb)]
        if target:
            return Ask("rename", text, refs=tuple(target[:1]), value=value)
        before = text[: text.index(verb)]
        if _has(before + verb, asks.title_words) and not read_facts(before).any:
            return Ask("retitle", text, value=value)
    verb = _has(text, asks.add)
    added = _added(text, verb) if verb else ""
    if verb and len(added) >= 2 and added not in asks.counts:
        earlier = [ref for ref in refs if ref.start < text.index(verb)]
        place = _inside(text, earlier, verb) or _place(text, earlier, 0)
        place = place or _place_after_verb(text, verb)
        return Ask("add", text, refs=tuple(refs), place=place, words=(added,))
    verb = _has(text, asks.delete)
    if verb and (refs or short):
        return Ask("delete", text, refs=tuple(refs))
    if _has(text, asks.shorten):
        return Ask("shorten", text, refs=tuple(refs))
    if _has(text, asks.expand):
        return Ask("expand", text, refs=tuple(refs))
    if facts.any:
        asks_summary = _has(text, intent_table().request_words) is not None
        fresh = facts.office is not None and asks_summary
        return Ask("outline" if fresh else "change", text, facts=facts, refs=tuple(refs))
    if _has(text.lower(), intent_table().courtesy):
        return Ask("courtesy", text, refs=tuple(refs))
    if _has(text, intent_table().request_words):
        return Ask("outline", text, facts=facts, refs=tuple(refs))
    return Ask("off_topic", text, refs=tuple(refs))


def _place_after_verb(text: str, verb: str) -> Place | None:
    tail = text[text.index(verb) + len(verb) :]
    asks = intent_table().asks
    if _has(verb, asks.up):
        return Place("up")
    if _has(verb, asks.down):
        return Place("down")
    if _has(tail, asks.last):
        return Place("last")
    if _has(tail, asks.first):
        return Place("first")
    return None
