"""Tracked changes and comments at exact characters of the text as read.

The writer keeps, for each paragraph, its runs with the characters they hold; it splits a run
where an edit starts or ends (``w:t`` text divided, ``w:rPr`` copied), so that a replacement
deletes exactly its characters (the runs wrapped in ``w:del``, their ``w:t`` turned into
``w:delText``) and inserts its text in a new run with the same formatting in ``w:ins``, and a
comment is anchored on exactly its characters. Only the differing middle of a replacement is
tracked (``一`` -> ``一、`` inserts ``、``). Every revision has the author and a timestamp.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from lxml import etree

from assistant.word.model import WordDocument, WordParagraph
from assistant.word.ooxml import (
    DEL,
    DEL_INSTR_TEXT,
    DEL_TEXT,
    INS,
    INSTR_TEXT,
    RPR,
    XML_SPACE,
    T,
    make,
    run_child_text,
    w,
)

AUTHOR = "写作助手"
INITIALS = "助手"


@dataclass
class LiveRun:
    """A run element and the original characters it holds (``start == end``: our insertion)."""

    start: int
    end: int
    element: Any
    editable: bool


def timestamp(when: datetime | None = None) -> str:
    """A revision date as Word writes it (UTC, whole seconds)."""
    moment = (when or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _split_run(run: Any, at: int) -> Any:
    """Split ``run`` after ``at`` of its characters; the new right half is returned."""
    right = make("r")
    properties = run.find(RPR)
    if properties is not None:
        right.append(copy.deepcopy(properties))
    seen = 0
    moving = False
    for node in list(run):
        if node.tag == RPR:
            continue
        if moving:
            right.append(node)
            continue
        length = len(run_child_text(node))
        if seen + length <= at:
            seen += length
            if seen == at and length:
                moving = True
            continue
        # the split falls inside this w:t
        cut = at - seen
        text = node.text or ""
        tail = make("t", right)
        tail.text = text[cut:]
        tail.set(XML_SPACE, "preserve")
        node.text = text[:cut]
        node.set(XML_SPACE, "preserve")
        moving = True
    run.addnext(right)
    return right


class RevisionWriter:
    """Writes tracked changes and comments into one document's main part."""

    def __init__(self, document: WordDocument, when: datetime | None = None) -> None:
        self.document = document
        self.date = timestamp(when)
        body = document.document.element
        ids = [int(v) for v in body.xpath("//@w:id") if v.isdigit()]
        self._next_id = max(ids, default=0) + 1
        self._runs: dict[int, list[LiveRun]] = {}
        self.changes = 0
        self.comments = 0

    # ---- runs ----------------------------------------------------------------------------

    def live_runs(self, paragraph: WordParagraph) -> list[LiveRun]:
        """The paragraph's runs as they are now (split and wrapped ones included)."""
        runs = self._runs.get(paragraph.number)
        if runs is None:
            runs = [LiveRun(r.start, r.end, r.element, r.editable) for r in paragraph.runs]
            self._runs[paragraph.number] = runs
        return runs

    def _boundary(self, paragraph: WordParagraph, position: int) -> None:
        runs = self.live_runs(paragraph)
        for index, run in enumerate(runs):
            if run.start < position < run.end:
                right = _split_run(run.element, position - run.start)
                runs.insert(index + 1, LiveRun(position, run.end, right, run.editable))
                run.end = position
                return

    def runs_between(self, paragraph: WordParagraph, start: int, end: int) -> list[LiveRun]:
        """Runs holding exactly characters ``start``..``end`` (split as needed), in order."""
        self._boundary(paragraph, start)
        self._boundary(paragraph, end)
        return [
            run
            for run in self.live_runs(paragraph)
            if (start <= run.start and run.end <= end and run.start < run.end)
            or (run.start == run.end and start <= run.start <= end)
        ]

    def editable(self, paragraph: WordParagraph, start: int, end: int) -> bool:
        """Whether characters ``start``..``end`` may be changed (no field, no other revision).

        For an insertion (``start == end``) the runs meeting at that point are asked.
        """
        if "\n" in paragraph.text[start:end]:
            return False
        runs = [r for r in self.live_runs(paragraph) if r.start < r.end]
        if start == end:
            touching = [r for r in runs if r.start <= start <= r.end]
        else:
            touching = [r for r in runs if r.start < end and r.end > start]
        return bool(touching) and all(run.editable for run in touching)

    # ---- revisions -----------------------------------------------------------------------

    def revision(self, tag: str) -> Any:
        """A new revision element (``w:ins``, ``w:rPrChange``...) with id, author and date."""
        element = make(etree.QName(tag).localname)
        element.set(w("id"), str(self._next_id))
        element.set(w("author"), AUTHOR)
        element.set(w("date"), self.date)
        self._next_id += 1
        return element

    def _delete(self, runs: list[LiveRun]) -> None:
        """Wrap the runs in ``w:del``, one wrapper per stretch of sibling runs."""
        wrapper = None
        previous = None
        for run in runs:
            element = run.element
            if wrapper is None or element.getprevious() is not previous:
                wrapper = self.revision(DEL)
                element.addprevious(wrapper)
            wrapper.append(element)
            previous = element
            for node in element:
                if node.tag == T:
                    node.tag = DEL_TEXT
                    node.set(XML_SPACE, "preserve")
                elif node.tag == INSTR_TEXT:
                    node.tag = DEL_INSTR_TEXT

    def _insert(
        self, text: str, template: Any, paragraph: WordParagraph, at: int, *, before: bool
    ) -> None:
        """A ``w:ins`` run with ``template``'s formatting, after (or before) ``template``."""
        insertion = self.revision(INS)
        run = make("r", insertion)
        properties = template.find(RPR)
        if properties is not None:
            run.append(copy.deepcopy(properties))
        node = make("t", run)
        node.text = text
        node.set(XML_SPACE, "preserve")
        anchor = template.getparent() if template.getparent().tag == DEL else template
        if before:
            anchor.addprevious(insertion)
        else:
            anchor.addnext(insertion)
        runs = self.live_runs(paragraph)
        position = next((i for i, r in enumerate(runs) if r.start >= at), len(runs))
        runs.insert(position, LiveRun(at, at, run, False))

    def replace(self, paragraph: WordParagraph, start: int, end: int, replacement: str) -> bool:
        """Track replacing characters ``start``..``end``; False when that cannot be done."""
        original = paragraph.text[start:end]
        shortest = min(len(original), len(replacement))
        prefix = 0
        while prefix < shortest and original[prefix] == replacement[prefix]:
            prefix += 1
        suffix = 0
        while suffix < shortest - prefix and original[-1 - suffix] == replacement[-1 - suffix]:
            suffix += 1
        start, end = start + prefix, end - suffix
        inserted = replacement[prefix : len(replacement) - suffix]
        if (start == end and not inserted) or not self.editable(paragraph, start, end):
            return False
        if start < end:
            runs = [r for r in self.runs_between(paragraph, start, end) if r.start < r.end]
            self._delete(runs)
            if inserted:
                self._insert(inserted, runs[-1].element, paragraph, end, before=False)
        else:
            self._boundary(paragraph, start)
            runs = [r for r in self.live_runs(paragraph) if r.start < r.end]
            before = [r for r in runs if r.end == start]
            after = [r for r in runs if r.start == start]
            if before:
                self._insert(inserted, before[-1].element, paragraph, start, before=False)
            else:
                self._insert(inserted, after[0].element, paragraph, start, before=True)
        self.changes += 1
        return True

    def comment(self, paragraph: WordParagraph, start: int, end: int, text: str) -> bool:
        """Anchor a comment on characters ``start``..``end`` (the whole paragraph if empty)."""
        from docx.text.run import Run

        if end <= start:
            start, end = 0, len(paragraph.text)
        runs = [r for r in self.runs_between(paragraph, start, end) if r.start < r.end]
        if not runs:
            return False
        self.document.document.add_comment(
            [Run(runs[0].element, cast(Any, None)), Run(runs[-1].element, cast(Any, None))],
            text=text,
            author=AUTHOR,
            initials=INITIALS,
        )
        self.comments += 1
        return True
