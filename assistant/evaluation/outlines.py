"""Running the outline and chat cases.

Each output is checked against the invariants and the case's expectations, timed, and kept in
a canonical form for the second-run comparison.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.contract import to_jsonable
from assistant.evaluation.cases import Cases, Expectations, OutlineCase
from assistant.evaluation.invariants import check_outline, walk
from assistant.index.catalog import DocumentRecord
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.render import outline_markdown
from assistant.outline.request import OutlineRequest, profile_of_type
from assistant.runtime import Runtime

if TYPE_CHECKING:
    from assistant.evaluation.conversations import ChatRunner


@dataclass
class Produced:
    """One output of the product for a case: an outline, or a chat reply."""

    kind: str  # "outline" or "chat"
    name: str
    outline: Outline | None
    text: str  # the Markdown a writer sees
    canonical: str  # what must be identical on a second run
    seconds: float  # first request (cold caches)
    problems: dict[str, list[str]] = field(default_factory=dict)  # invariant -> problems
    unmet: list[str] = field(default_factory=list)  # expectations not met
    known_issue: str | None = None  # the case documents a known issue: reported, not scored
    warm_seconds: float | None = None  # the same request again in the same process
    turn_kind: str | None = None  # chat turns: what the turn did (outline, delete, draft ...)

    @property
    def key(self) -> str:
        """Unique name of the case's output."""
        return f"{self.kind}:{self.name}"


def canonical_outline(outline: Outline) -> str:
    """The outline's JSON and Markdown, as one comparable string."""
    data = json.dumps(to_jsonable(outline), ensure_ascii=False, sort_keys=True)
    return data + "\n" + outline_markdown(outline)


def phrasing_count(outline: Outline, position: int) -> int:
    """Phrasing patterns offered in a level-1 part (0-based) and its children."""
    if position >= len(outline.sections):
        return 0
    return sum(len(s.phrasing) for s in walk([outline.sections[position]]))


def check_expectations(
    outline: Outline, expect: Expectations, documents: dict[str, DocumentRecord]
) -> list[str]:
    """The expectations an outline does not meet."""
    unmet: list[str] = []
    coverage = outline.coverage
    if expect.matched and outline.matched_office_type != expect.matched:
        unmet.append(f"matched {outline.matched_office_type}, expected {expect.matched}")
    if expect.unseen and (coverage is None or coverage.office_summaries != 0):
        unmet.append("the corpus's summaries of the kind should be 0")
    if expect.no_match and (outline.matched_office_type or coverage is None or coverage.profile):
        unmet.append(f"matched {outline.matched_office_type!r}, expected no kind of unit")
    if expect.no_match and any(ref.kind == "corpus" for ref in outline.sources.values()):
        unmet.append("an office matching no kind of unit got corpus material")
    if expect.period and outline.period != expect.period:
        unmet.append(f"period {outline.period}, expected {expect.period}")
    unmet += [f"title lacks {w}" for w in expect.title_contains if w not in outline.title]
    if expect.topic_source and outline.sections and outline.sections[0].sources:
        ref = outline.sources.get(outline.sections[0].sources[0])
        record = documents.get(ref.document) if ref else None
        if record is None or record.topic != expect.topic_source:
            unmet.append(f"first part not from a {expect.topic_source} summary")
    if expect.topic_module and (coverage is None or coverage.topic != expect.topic_module):
        unmet.append(f"not a 专项 outline from topic module {expect.topic_module}")
    if expect.first_basis and outline.sections and outline.sections[0].basis != expect.first_basis:
        unmet.append(f"first part stands on {outline.sections[0].basis}, not {expect.first_basis}")
    plans = [s for s in outline.sections if s.role == "plans"]
    if expect.plans_heading and (not plans or plans[-1].heading != expect.plans_heading):
        unmet.append(f"plans heading is not {expect.plans_heading}")
    return unmet


def run_outline_case(runtime: Runtime, case: OutlineCase) -> Produced:
    """Build, time and check one outline."""
    documents = runtime.index.catalog.documents
    start = time.perf_counter()
    outline = runtime.outline(OutlineRequest(case.office, case.period, case.topic))
    seconds = time.perf_counter() - start
    text = outline_markdown(outline)
    return Produced(
        "outline",
        case.name,
        outline,
        text,
        canonical_outline(outline),
        seconds,
        check_outline(outline, text, documents.keys()),
        check_expectations(outline, case.expect, documents),
        case.known_issue,
    )


def chat_runner(runtime: Runtime, settings: Settings) -> tuple[ChatRunner | None, str]:
    """The chat runner, or None and why when the chat service cannot be used."""
    from assistant.evaluation.conversations import ChatRunner

    try:
        return ChatRunner(runtime, settings), ""
    except (ImportError, AttributeError, TypeError) as error:
        return None, f"chat service unavailable: {error!r}"


def run_cases(runtime: Runtime, settings: Settings, cases: Cases) -> tuple[list[Produced], str]:
    """Every outline and chat case's output, and why chat cases did not run (if so)."""
    produced = [run_outline_case(runtime, case) for case in cases.outlines]
    runner, why = chat_runner(runtime, settings)
    if runner is not None:
        produced += [turn for case in cases.chats for turn in runner.run(case)]
    return produced, why


def fits(outline: Outline, section: OutlineSection, kind: str | None) -> bool:
    """Whether a section stands on what fits the asked kind of unit.

    Its heading source is a summary of that kind, or another office's common work (basis
    ``common_work``), or that kind's office profile, a topic module or the genre: never
    another office's line of work.
    """
    ref = outline.sources.get(section.sources[0]) if section.sources else None
    if ref is None:
        return False
    if ref.kind == "corpus":
        return section.basis == "common_work" or profile_of_type(ref.office_type) == kind
    if ref.kind == "profile":
        return ref.document == f"profile:{kind}"
    return True


def source_relevance(
    produced: Sequence[Produced], cases: Collection[OutlineCase]
) -> dict[str, Any]:
    """Share of sections standing on what fits the asked kind (`fits`), over named kinds."""
    wanted = {case.name: case.expect.matched for case in cases if case.expect.matched}
    rows: list[dict[str, Any]] = []
    for item in produced:
        matched = wanted.get(item.name)
        if item.kind != "outline" or item.outline is None or matched is None:
            continue
        kind = profile_of_type(matched)
        sections = list(walk(item.outline.sections))
        rows.append(
            {
                "case": item.name,
                "office_type": matched,
                "sections": len(sections),
                "own_type": sum(fits(item.outline, s, kind) for s in sections),
            }
        )
    total = sum(row["sections"] for row in rows)
    own = sum(row["own_type"] for row in rows)
    return {"cases": rows, "share": own / total if total else None}
