"""A synthetic corpus of any size, recombined from real chunks, for benchmarks.

``synthetic_chunks(chunks, n, seed=0)`` returns ``n`` chunks shaped like the real ones: each
synthetic document follows a real document's structure (its sections, levels and roles, in
order) under a new id and a randomly chosen office type, with level-1 numbers shifted a little;
heading titles are drawn from real titles of the same role and level; every paragraph is made of
real sentences of the same role, some of them spliced from the clauses of two sentences so that
texts (and sentences) differ across the corpus; a section chunk's text is its title and its own
paragraphs, as the real chunker makes it. Titles and sentences are the real chunks' patterns
(names and figures as slots), so a synthetic chunk's text is also its pattern; its common-work
flags are its template chunk's. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence

from assistant.index.chunks import HEADING_SEPARATOR, MAX_CHUNK_CHARS, Chunk, chunk_id

SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
CLAUSE = re.compile(r"(?<=[,，;；])")


def _sentence_pools(chunks: Sequence[Chunk]) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks:
        if chunk.kind == "paragraph":
            pools[chunk.role] += [s for s in SENTENCE.findall(chunk.pattern) if len(s) >= 6]
    return pools


def _title_pools(chunks: Sequence[Chunk]) -> dict[tuple[str, int], list[str]]:
    pools: dict[tuple[str, int], set[str]] = defaultdict(set)
    for chunk in chunks:
        if chunk.kind == "section":
            pools[(chunk.role, chunk.level)].add(chunk.pattern_title)
    return {key: sorted(titles) for key, titles in pools.items()}


def _sentence(rng: random.Random, pool: list[str], splice: float) -> str:
    first = rng.choice(pool)
    if rng.random() >= splice:
        return first
    second = rng.choice(pool)
    head, tail = CLAUSE.split(first), CLAUSE.split(second)
    if len(head) < 2 or len(tail) < 2:
        return first
    return "".join(head[: rng.randint(1, len(head) - 1)] + tail[rng.randint(1, len(tail) - 1) :])


def _paragraph(rng: random.Random, pool: list[str], like: str, splice: float) -> str:
    count = max(1, min(8, len(SENTENCE.findall(like))))
    return "".join(_sentence(rng, pool, splice) for _ in range(count))[:MAX_CHUNK_CHARS]


def _documents(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    grouped: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        grouped[chunk.document].append(chunk)
    return [grouped[document] for document in sorted(grouped)]


def synthetic_chunks(
    chunks: Sequence[Chunk], n: int, seed: int = 0, *, splice: float = 0.25
) -> list[Chunk]:
    """``n`` chunks recombined from ``chunks`` (see the module doc)."""
    rng = random.Random(seed)
    documents = _documents(chunks)
    sentences = _sentence_pools(chunks)
    titles = _title_pools(chunks)
    offices = sorted({chunk.office_type for chunk in chunks})
    out: list[Chunk] = []
    number = 0
    while len(out) < n and documents:
        template = documents[number % len(documents)]
        out += _document(
            rng, template, f"syn-{number:06d}", rng.choice(offices), sentences, titles, splice
        )
        number += 1
    return out[:n]


def _document(
    rng: random.Random,
    template: list[Chunk],
    document: str,
    office: str,
    sentences: dict[str, list[str]],
    titles: dict[tuple[str, int], list[str]],
    splice: float,
) -> list[Chunk]:
    """One synthetic document following ``template``'s structure."""
    shift = rng.choice((0, 0, 1))
    renamed: dict[tuple[str, ...], str] = {}
    for chunk in template:
        if chunk.kind == "section":
            pool = titles.get((chunk.role, chunk.level)) or [chunk.pattern_title]
            renamed[chunk.path] = rng.choice(pool)
    paragraphs: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for chunk in template:
        if chunk.kind == "paragraph":
            pool = sentences.get(chunk.role) or [chunk.pattern]
            paragraphs[chunk.path].append(_paragraph(rng, pool, chunk.text, splice))
    out = []
    seen: set[str] = set()
    used: dict[tuple[str, ...], int] = defaultdict(int)
    for chunk in template:
        path = tuple(renamed.get(chunk.path[: i + 1], part) for i, part in enumerate(chunk.path))
        heading = HEADING_SEPARATOR.join(path)
        if chunk.kind == "section":
            body = "\n".join(paragraphs[chunk.path])
            text = f"{renamed[chunk.path]}\n{body}".strip()[:MAX_CHUNK_CHARS]
        else:
            text = paragraphs[chunk.path][used[chunk.path]]
            used[chunk.path] += 1
        ordinal = chunk.ordinal + shift if chunk.level == 1 else chunk.ordinal
        identifier = chunk_id(document, chunk.kind, heading, text)
        if identifier in seen:
            continue
        seen.add(identifier)
        out.append(
            Chunk(
                id=identifier,
                document=document,
                title=chunk.title,
                office_type=office,
                period=chunk.period,
                topic=chunk.topic,
                role=chunk.role,
                heading=heading,
                path=path,
                level=chunk.level,
                ordinal=ordinal,
                kind=chunk.kind,
                text=text,
                pattern=text,
                work=chunk.work,
                common=chunk.common,
            )
        )
    return out
