"""Name rules beyond the tagger: what a tagger misses in Chinese offices' summaries.

`assistant.corpus.entities` applies them after the tagger, with the words of its data file:

- head runs: noun words ending in a head (厂, 初中, 小镇, 论坛, 杯 ...) whose run holds a
  tagged name or a rare word (jieba's dictionary counts it rarely or not at all):
  ``街子初中``, ``三兄弟食品厂``, ``滨河商业小镇``, ``人才科技杯``; ``商业小镇`` alone is no name;
- enumerations: the items of a ``、`` list of names (two or more of them named, or one named and
  a count of ``家`` after the list): ``坤宇重工、前元新材料、方正达电子x家``; a named item is a
  name from its first name on (``坤宇|重工``, ``和谐|水富``);
- rare proper nouns: words the tagger calls other proper nouns and the dictionary hardly knows
  (``山桂花蜜``);
- categories: words holding a rare one before ``等`` and a category (``选用丰优香占等优质品种``);
- slogans: a rare word repeated after slogan words (``构建和谐水富、平安水富``);
- numbered events: a quoted term after ``第N届`` (``第十一届“科技之春”``);
- place stems: ``田庙`` in a document naming ``田庙乡``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.corpus.jieba_dictionary import ready_jieba

HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
CLAUSE = re.compile(r"[^，。；：！？（）()\n,;:!?]+")
COUNT_SUFFIX = re.compile(r"(?:等|[\dxX×]+|[一二三四五六七八九十两几]+)(?:家|个|项|名)?.*$|等.*$")
NUMBERED_EVENT = re.compile(r"第[一二三四五六七八九十百\d]+届[“\"]([^”\"]{2,12})[”\"]")
MAX_RUN_TOKENS = 4
CATEGORY_WINDOW = 2  # words between 等 and the category (等优质品种)
MIN_NAME, MAX_NAME = 2, 10


@dataclass(frozen=True)
class NamedSpan:
    """A name in a text: where it is and the slot it becomes."""

    start: int
    end: int
    slot: str

    def overlaps(self, other: NamedSpan) -> bool:
        """Whether two spans share a character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Token:
    """A word of a tagger's output and where it is."""

    start: int
    end: int
    word: str
    tag: str


def positioned(text: str, tagged: Iterable[tuple[str, str]]) -> list[Token]:
    """A tagger's (word, tag) pairs with their positions in ``text``."""
    found, position = [], 0
    for word, tag in tagged:
        start = text.find(word, position)
        if start < 0:
            continue
        position = start + len(word)
        found.append(Token(start, position, word, tag))
    return found


def frequency(word: str) -> int:
    """How often jieba's dictionary counts a word (0 when it does not know it)."""
    frequency_of: int | None = ready_jieba().get_FREQ(word)  # empty before the dictionary loads
    return frequency_of or 0


@dataclass(frozen=True)
class Lexicon:
    """What the rules need from the entity rules' data."""

    heads: Mapping[str, str]  # head word -> slot (〔单位名称〕 ...)
    noun_tags: frozenset[str]
    name_tags: frozenset[str]
    slogans: tuple[str, ...]
    count_words: tuple[str, ...]  # counters after a list that say its items are bodies (家)
    count_slot: str  # the slot of a counted list's items
    rare_tags: frozenset[str]  # tags whose rare words are names (nz: other proper nouns)
    rare_slot: str
    punctuation_tag: str
    and_so_on: str  # 等
    categories: Mapping[str, str]  # category word after 等 -> slot (品种 -> 〔名称〕)
    max_rare_frequency: int
    generic: Callable[[str], bool]  # a span made only of generic pieces (县委县政府)

    def rare(self, word: str) -> bool:
        """A word of two or more characters that the dictionary hardly knows, not generic."""
        return (
            len(word) >= MIN_NAME
            and HAN_ONLY.match(word) is not None
            and frequency(word) < self.max_rare_frequency
            and not self.generic(word)
        )

    def head_of(self, word: str) -> str | None:
        """The longest head a word ends with, if any."""
        found = [head for head in self.heads if word.endswith(head)]
        return max(found, key=len) if found else None


def _noun(token: Token, lexicon: Lexicon) -> bool:
    return token.tag in lexicon.noun_tags and HAN_ONLY.match(token.word) is not None


def head_spans(tokens: Sequence[Token], lexicon: Lexicon) -> list[NamedSpan]:
    """Runs of noun words ending in a head that hold a tagged name or a rare word."""
    spans = []
    for index, token in enumerate(tokens):
        head = lexicon.head_of(token.word)
        if head is None or not _noun(token, lexicon):
            continue
        first = index
        while first > 0 and index - first < MAX_RUN_TOKENS and _noun(tokens[first - 1], lexicon):
            first -= 1
        run = tokens[first : index + 1]
        own = token.word[: -len(head)]
        marked = [t for t in run[:-1] if t.tag in lexicon.name_tags or lexicon.rare(t.word)]
        if own and (
            token.tag in lexicon.name_tags or lexicon.rare(own) or lexicon.rare(token.word)
        ):
            marked.append(token)
        if marked:
            start = marked[0].start
            if MIN_NAME < token.end - start <= MAX_NAME:
                spans.append(NamedSpan(start, token.end, lexicon.heads[head]))
    return spans


def _item_cores(text: str, start: int, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The name part of each item of a 、 list: the first item's end, the last item's start."""
    cores = list(items)
    last_start, last_end = cores[-1]
    trimmed = COUNT_SUFFIX.search(text[last_start:last_end])
    if trimmed and trimmed.start() > 0:
        cores[-1] = (last_start, last_start + trimmed.start())
    first_start, first_end = cores[0]
    second = text[cores[1][0] : cores[1][1]]
    width = len(second) if HAN_ONLY.match(second) else MIN_NAME * 2
    cores[0] = (max(first_start, first_end - width), first_end)
    return cores


def enumeration_spans(
    text: str, spans: Sequence[NamedSpan], lexicon: Lexicon, figure_slot: str
) -> list[NamedSpan]:
    """Every item of a ``、`` list of names, as a name of the list's kind."""
    found: list[NamedSpan] = []
    for clause in CLAUSE.finditer(text):
        if "、" not in clause.group():
            continue
        items, position = [], clause.start()
        for piece in clause.group().split("、"):
            items.append((position, position + len(piece)))
            position += len(piece) + 1
        cores = _item_cores(text, clause.start(), items)
        if cores[0][0] > items[0][0]:
            first = [s for s in spans if s.start < items[0][1] and s.end > items[0][0]]
            if first:
                cores[0] = (min(first[0].start, cores[0][0]), cores[0][1])
        named = [
            span
            for start, end in cores
            for span in spans
            if span.slot != figure_slot and span.start < end and span.end > start
        ]
        counted = any(text[items[-1][0] : items[-1][1]].find(w) > 0 for w in lexicon.count_words)
        named_items = sum(
            any(s.start < end and s.end > start for s in named) for start, end in cores
        )
        if named_items < 2 and not (named_items == 1 and counted):
            continue
        common = Counter(span.slot for span in named).most_common(1)[0][0]
        slot = lexicon.count_slot if counted else common
        for start, end in cores:
            inside = [span.start for span in named if span.start < end and span.end > start]
            start = max(start, min(inside)) if inside else start  # 和谐|水富: a name ends it
            word = re.sub(r"[xX×]+", "", text[start:end])
            if MIN_NAME <= end - start <= MAX_NAME and word and not lexicon.generic(word):
                found.append(NamedSpan(start, end, slot))
    return found


def rare_tagged_spans(tokens: Sequence[Token], lexicon: Lexicon) -> list[NamedSpan]:
    """Other proper nouns (nz) the dictionary hardly knows, opening a clause before a noun.

    (``，山桂花蜜技术开发……``); elsewhere such words are as often compounds the dictionary lacks
    (依法行政, 大学生村官).
    """
    spans = []
    for index, token in enumerate(tokens[:-1]):
        opens = index == 0 or tokens[index - 1].tag == lexicon.punctuation_tag
        if (
            opens
            and token.tag in lexicon.rare_tags
            and tokens[index + 1].tag in lexicon.noun_tags
            and lexicon.rare(token.word)
        ):
            spans.append(NamedSpan(token.start, token.end, lexicon.rare_slot))
    return spans


def category_spans(tokens: Sequence[Token], lexicon: Lexicon) -> list[NamedSpan]:
    """Words with a rare one before ``等`` and a category (选用丰优香占等优质品种) are a name."""
    spans = []
    for index, token in enumerate(tokens):
        if token.word != lexicon.and_so_on:
            continue
        after = [t.word for t in tokens[index + 1 : index + 1 + CATEGORY_WINDOW]]
        slot = next((lexicon.categories[w] for w in after if w in lexicon.categories), None)
        if slot is None:
            continue
        run: list[Token] = []
        for before in reversed(tokens[max(0, index - MAX_RUN_TOKENS) : index]):
            follows = run[0].start if run else token.start
            if not HAN_ONLY.match(before.word) or before.end != follows:
                break
            run.insert(0, before)
        rare = [t for t in run if lexicon.rare(t.word)]
        if rare and MIN_NAME <= token.start - rare[0].start <= MAX_NAME:
            spans.append(NamedSpan(rare[0].start, token.start, slot))
    return spans


def slogan_spans(text: str, lexicon: Lexicon, place_slot: str) -> list[NamedSpan]:
    """A rare word repeated after slogan words (和谐水富、平安水富) is a place."""
    if not lexicon.slogans:
        return []
    words = "|".join(map(re.escape, lexicon.slogans))
    pattern = re.compile(rf"(?:{words})([\u4e00-\u9fff]{{2,3}}?)(?=[、，。；,;])")
    matches = list(pattern.finditer(text))
    counts = Counter(match.group(1) for match in matches)
    return [
        NamedSpan(match.start(1), match.end(1), place_slot)
        for match in matches
        if counts[match.group(1)] >= 2 and lexicon.rare(match.group(1))
    ]


def numbered_event_spans(text: str, name_slot: str) -> list[NamedSpan]:
    """A quoted term after 第N届 (第十一届“科技之春”) names an event."""
    return [
        NamedSpan(match.start(1), match.end(1), name_slot)
        for match in NUMBERED_EVENT.finditer(text)
    ]


def place_stems(
    names: Mapping[str, str], level_suffixes: Iterable[str], place_slot: str, lexicon: Lexicon
) -> dict[str, str]:
    """Places named with their level (田庙乡) also named without it (田庙), when rare."""
    suffixes = tuple(suffix for suffix in level_suffixes if len(suffix) == 1)
    stems = {}
    for name, slot in names.items():
        if slot == place_slot and name.endswith(suffixes) and lexicon.rare(name[:-1]):
            stems[name[:-1]] = slot
    return stems
