"""The register corpus: official texts shipped with the package that autocomplete learns from.

``data/register/`` holds the State Council government work reports (official documents, free to
reuse) as plain text, ``sources.yaml`` (where each was taken from, its title and year) and
``names.json``: the names found in each text (persons, places, organisations, works, by
`assistant.corpus.entities.find_names`), so that loading the register de-identifies it without
running the tagger. Names inside a political formula of the formula table
(``以习近平同志为核心的党中央``, ``习近平新时代中国特色社会主义思想``) are the genre's own words and
stay. Names are found sentence by sentence, without ingest's spreading of a document's names to
all its sentences (`assistant.corpus.entities.document_names`): in these reports that slots the
register's own words (新时代, 生态环境, 碳达峰, 改善民生 in 017). ``names.json`` records a hash
of each text; a text changed since is a `DataFileError` until the file is regenerated::

    python -m assistant.completion.register
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.corpus.entities import find_names, with_slots
from assistant.corpus.name_rules import NamedSpan
from assistant.errors import DataFileError
from assistant.genre.formulas import formula_spans
from assistant.tables import describe, load_table

REGISTER_DIR = Path(__file__).parent / "data" / "register"
SOURCES_FILE = REGISTER_DIR / "sources.yaml"
NAMES_FILE = REGISTER_DIR / "names.json"
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")


class RegisterSource(BaseModel):
    """One text of the register and where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[0-9a-z-]+$")
    title: str = Field(min_length=1)
    year: int = Field(ge=1949)
    source: str = Field(min_length=1)


class RegisterSources(BaseModel):
    """``data/register/sources.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: tuple[RegisterSource, ...] = Field(min_length=1)


class TextNames(BaseModel):
    """The names of one text: its hash and ``(start, end, slot)`` spans."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    sha256: str = Field(min_length=64, max_length=64)
    spans: tuple[tuple[int, int, str], ...]


class RegisterNames(BaseModel):
    """``data/register/names.json``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: tuple[TextNames, ...]


@dataclass(frozen=True)
class RegisterDocument:
    """A register text and its pattern (names as slots; figures are slotted by the model)."""

    id: str
    title: str
    year: int
    text: str
    pattern: str


def text_hash(text: str) -> str:
    """The hash ``names.json`` records for a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def register_names(text: str) -> list[NamedSpan]:
    """The names of a text, sentence by sentence, those inside a political formula left out."""
    spans: list[NamedSpan] = []
    for match in _SENTENCE.finditer(text):
        sentence, offset = match.group(), match.start()
        kept = formula_spans(sentence)
        for span in find_names(sentence):
            if not any(span.start < end and start < span.end for start, end in kept):
                spans.append(NamedSpan(span.start + offset, span.end + offset, span.slot))
    return spans


def _sources() -> RegisterSources:
    return load_table(SOURCES_FILE, RegisterSources, label="register/sources.yaml")


def _names() -> dict[str, TextNames]:
    try:
        raw = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
        names = RegisterNames.model_validate(raw)
    except OSError as error:
        raise DataFileError(f"{NAMES_FILE}: cannot be read ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise DataFileError(f"register/names.json: not valid JSON ({error})") from error
    except ValidationError as error:
        raise DataFileError(describe(error, "register/names.json")) from error
    return {entry.id: entry for entry in names.documents}


@functools.cache
def _all_documents() -> tuple[RegisterDocument, ...]:
    names = _names()
    documents = []
    for source in _sources().documents:
        path = REGISTER_DIR / f"{source.id}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise DataFileError(f"{path}: cannot be read ({error.strerror})") from error
        entry = names.get(source.id)
        if entry is None or entry.sha256 != text_hash(text):
            raise DataFileError(
                f"register/names.json: the names of {source.id}.txt are missing or out of date; "
                "regenerate them with `python -m assistant.completion.register`"
            )
        spans = [NamedSpan(start, end, slot) for start, end, slot in entry.spans]
        pattern = with_slots(text, spans)
        documents.append(RegisterDocument(source.id, source.title, source.year, text, pattern))
    return tuple(documents)


def register_documents(exclude: Collection[str] = ()) -> tuple[RegisterDocument, ...]:
    """The register's texts (those whose id is in ``exclude`` left out), loaded once."""
    return tuple(doc for doc in _all_documents() if doc.id not in exclude)


def write_names() -> RegisterNames:
    """Find the names of every register text and write ``names.json``."""
    entries = []
    for source in _sources().documents:
        text = (REGISTER_DIR / f"{source.id}.txt").read_text(encoding="utf-8")
        spans = tuple((s.start, s.end, s.slot) for s in register_names(text))
        entries.append(TextNames(id=source.id, sha256=text_hash(text), spans=spans))
    names = RegisterNames(documents=tuple(entries))
    payload = json.dumps(names.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
    NAMES_FILE.write_text(payload + "\n", encoding="utf-8")
    return names


if __name__ == "__main__":
    written = write_names()
    print(f"{NAMES_FILE}: {sum(len(d.spans) for d in written.documents)} names")
