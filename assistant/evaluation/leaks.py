"""Other units' names in what a writer is offered: outlines and autocomplete suggestions.

The named entities of the built-in corpus are labelled by hand in ``eval/entities.yaml``. An
outline leaks when its JSON or Markdown contains one; a suggestion leaks when its text holds one
the draft typed so far does not (a name the writer already typed is theirs, and offering it again
is what autocomplete does with the draft's own names).
Outlines are asked for every office profile (in several periods) and every topic module (for
several offices); suggestions for prefixes a writer could type: each corpus paragraph up to
every labelled name in it (the cursor just before the name) and up to every clause boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.completion.completer import Completer
from assistant.contract import dump_json
from assistant.corpus.text import full_width
from assistant.genre.profiles import office_profiles
from assistant.genre.topic_modules import topic_modules
from assistant.outline.model import Outline
from assistant.outline.render import outline_markdown
from assistant.outline.request import OutlineRequest

PROFILE_PERIODS = ("上半年", "年度", "一季度")
TOPIC_OFFICES = ("县科技局", "县财政局", "乡镇", "某中学")
CLAUSE_END = re.compile(r"[，；。：！？]")
SUGGESTIONS = 5
LEAD_IN = 3  # characters before a name at which a prefix also stops


@dataclass(frozen=True)
class Entity:
    """A labelled name and the document it occurs in."""

    text: str
    kind: str
    document: str


@dataclass
class LeakReport:
    """What was checked and every leak found (name -> where)."""

    outlines: int = 0
    prefixes: int = 0
    suggestions: int = 0
    outline_leaks: dict[str, list[str]] = field(default_factory=dict)
    suggestion_leaks: dict[str, list[str]] = field(default_factory=dict)

    @property
    def leaks(self) -> int:
        """How many (name, place) leaks were found."""
        found = [*self.outline_leaks.values(), *self.suggestion_leaks.values()]
        return sum(len(places) for places in found)


def load_entities(path: Path) -> list[Entity]:
    """The hand-labelled entities of ``eval/entities.yaml``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Entity(str(e["text"]), str(e["kind"]), str(e["document"])) for e in data["entities"]]


def name_forms(entities: Iterable[Entity]) -> list[str]:
    """Every entity as written and with full-width punctuation, longest first."""
    forms = {form for e in entities for form in (e.text, full_width(e.text))}
    return sorted(forms, key=len, reverse=True)


def names_in(text: str, names: Sequence[str]) -> list[str]:
    """The names a text contains."""
    return [name for name in names if name in text]


def outline_requests(
    periods: Sequence[str] = PROFILE_PERIODS, offices: Sequence[str] = TOPIC_OFFICES
) -> list[OutlineRequest]:
    """Every office profile in the periods, every topic module for the offices."""
    requests = [
        OutlineRequest(profile.official_names[0], period)
        for profile in office_profiles().values()
        for period in periods
    ]
    requests += [
        OutlineRequest(office, None, module.name)
        for module in topic_modules().values()
        for office in offices
    ]
    return requests


def outline_text(outline: Outline) -> str:
    """Everything an outline shows: its JSON and its Markdown."""
    return dump_json(outline).decode() + "\n" + outline_markdown(outline)


def typed_prefixes(texts: dict[str, str], entities: Sequence[Entity]) -> list[str]:
    """Drafts a writer could have typed: up to each clause boundary and each labelled name.

    Also a few characters short of each name, where a continuation could run on into it.
    """
    prefixes: set[str] = set()
    for entity in entities:
        text = texts.get(entity.document, "")
        start = text.find(entity.text)
        while start > 0:
            prefixes.update(text[:end] for end in range(max(1, start - LEAD_IN), start + 1))
            start = text.find(entity.text, start + 1)
    for text in texts.values():
        prefixes.update(text[: match.end()] for match in CLAUSE_END.finditer(text))
    return sorted(prefixes)


def check_leaks(
    build: Callable[[OutlineRequest], Outline],
    completer: Completer,
    texts: dict[str, str],
    entities: Sequence[Entity],
    requests: Sequence[OutlineRequest] | None = None,
) -> LeakReport:
    """Outlines (for ``requests``, else `outline_requests`) and suggestions checked."""
    names = name_forms(entities)
    report = LeakReport()
    for request in requests if requests is not None else outline_requests():
        found = names_in(outline_text(build(request)), names)
        report.outlines += 1
        for name in found:
            where = f"{request.office_type}/{request.period or ''}/{request.topic or ''}"
            report.outline_leaks.setdefault(name, []).append(where)
    for prefix in typed_prefixes(texts, entities):
        report.prefixes += 1
        for suggestion in completer.complete(prefix, limit=SUGGESTIONS):
            report.suggestions += 1
            for name in names_in(suggestion.text, names):
                if name in prefix:
                    continue  # the writer's own name, typed earlier in the draft
                report.suggestion_leaks.setdefault(name, []).append(suggestion.text)
    return report
