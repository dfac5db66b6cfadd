"""The fixed .docx: tracked changes at exactly the planted characters, comments for the rest,
layout fixed as tracked formatting; rejecting every change gives the original back."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
import pytest
from lxml import etree

from assistant.evaluation.docx_fixtures import (
    LAYOUT_DEFECTS,
    REVIEWER,
    SAMPLE,
    build_docx,
    existing_comment,
    planted_text,
    reviewer_revisions,
    spoiled,
    table_with_defect,
)
from assistant.word.check import check_docx
from assistant.word.fix import FixedDocx, fix_docx, fixed_name
from assistant.word.revisions import AUTHOR
from tests.word.revision_tools import (
    accept,
    main_part,
    paragraph_texts,
    q,
    reject,
    replace_main_part,
)


@cache
def planted() -> tuple[bytes, FixedDocx]:
    data = build_docx(planted_text())
    return data, fix_docx(data, "草稿.docx")


def _edits(root: etree._Element) -> list[tuple[int, int, str, str]]:
    """Our revisions as (line, position in the original paragraph, deleted, inserted)."""
    found: list[tuple[int, int, str, str]] = []
    for line, paragraph in enumerate(root.iter(q("p")), start=1):
        position = 0
        for node in paragraph.iter(q("t"), q("delText")):
            revision = next(
                (a for a in node.iterancestors() if a.tag in (q("ins"), q("del"))), None
            )
            text = node.text or ""
            if revision is not None and revision.get(q("author")) == AUTHOR:
                deleted = revision.tag == q("del")
                last = found[-1] if found else None
                if (
                    deleted
                    and last
                    and last[0] == line
                    and last[3] == ""
                    and last[1] + len(last[2]) == position
                ):
                    found[-1] = (line, last[1], last[2] + text, "")  # one deletion over split runs
                else:
                    found.append(
                        (line, position, text, "") if deleted else (line, position, "", text)
                    )
            if revision is None or revision.tag == q("del"):
                position += len(text)
    return found


def test_text_fixes_are_tracked_at_the_planted_characters() -> None:
    _, fixed = planted()
    edits = _edits(main_part(fixed.data))
    assert (2, 4, ",", "") in edits and (2, 5, "", "，") in edits
    assert (6, 0, "(二)", "") in edits and (6, 3, "", "（二）") in edits
    assert (7, 1, "、", "") in edits and (7, 2, "", ".") in edits
    assert (13, 1, "", "、") in edits  # 三下一步 -> 三、下一步: only the 、 is inserted
    assert (15, 2, "绕", "") in edits  # 围绕绕: the second 绕 deleted
    assert (17, 15, " ", "") in edits
    assert (19, 5, "0", "") in edits and (19, 8, "0", "") in edits
    assert fixed.changes == 8  # the placeholder has no fix


def test_revisions_carry_author_and_timestamp() -> None:
    _, fixed = planted()
    root = main_part(fixed.data)
    revisions = root.xpath("//w:ins | //w:del", namespaces={"w": root.nsmap["w"]})
    assert revisions
    for revision in revisions:
        assert revision.get(q("author")) == AUTHOR
        assert revision.get(q("date")).endswith("Z") and revision.get(q("date"))[:2] == "20"
    ids = [r.get(q("id")) for r in revisions]
    assert len(ids) == len(set(ids))


def test_unfixable_diagnostic_is_a_comment_on_its_characters() -> None:
    _, fixed = planted()
    document = docx.Document(io.BytesIO(fixed.data))
    comments = list(document.comments)
    assert len(comments) == 1
    comment = comments[0]
    assert comment.author == AUTHOR and "占位符" in comment.text
    root = main_part(fixed.data)
    start = root.xpath("//w:commentRangeStart", namespaces={"w": root.nsmap["w"]})[0]
    anchored = []
    for node in start.itersiblings():
        if node.tag == q("commentRangeEnd"):
            break
        anchored += [t.text for t in node.iter(q("t"))]
    assert "".join(anchored) == "xx"


def test_rejecting_every_change_restores_the_original_text() -> None:
    original, fixed = planted()
    root = main_part(fixed.data)
    reject(root, AUTHOR)
    assert paragraph_texts(root) == [text for _, text in planted_text()]
    assert paragraph_texts(main_part(original)) == [text for _, text in planted_text()]


def test_accepting_every_change_leaves_only_the_comment() -> None:
    _, fixed = planted()
    root = main_part(fixed.data)
    accept(root, AUTHOR)
    expected = [text for _, text in SAMPLE]
    expected[7] = expected[7].replace("1860", "xx")  # the placeholder is commented, not changed
    assert paragraph_texts(root) == expected
    accepted = replace_main_part(fixed.data, root)
    assert [d.rule for d in check_docx(accepted).result.diagnostics] == ["placeholder"]


def test_paragraphs_nothing_touched_are_unchanged() -> None:
    lines = list(SAMPLE)
    lines[1] = (lines[1][0], lines[1][1].replace("今年以来，", "今年以来,"))
    original = build_docx(lines)
    fixed = fix_docx(original)
    before = list(main_part(original).iter(q("p")))
    after = list(main_part(fixed.data).iter(q("p")))
    assert len(before) == len(after)
    changed = [
        i
        for i, (a, b) in enumerate(zip(before, after, strict=True))
        if etree.tostring(a) != etree.tostring(b)
    ]
    assert changed == [1]
    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(fixed.data)) as b:
        assert a.read("word/styles.xml") == b.read("word/styles.xml")


@pytest.mark.parametrize("kind", list(LAYOUT_DEFECTS))
def test_layout_defects_are_fixed_as_tracked_formatting(kind: str) -> None:
    rule = LAYOUT_DEFECTS[kind][0]
    original = build_docx(layout=spoiled([kind], 0))
    fixed = fix_docx(original)
    assert fixed.formatting >= 1
    assert check_docx(fixed.data).result.diagnostics == ()  # read with our changes accepted
    if kind != "page-number":  # footers are rewritten, not tracked
        root = main_part(fixed.data)
        reject(root, AUTHOR)
        rejected = replace_main_part(fixed.data, root)
        assert rule in {d.rule for d in check_docx(rejected).result.diagnostics}


def test_reviewer_changes_and_comments_survive() -> None:
    def extras(document: docx.document.Document) -> None:
        reviewer_revisions(document)
        existing_comment(document)

    lines = planted_text()
    original = build_docx(lines, extras=extras)
    fixed = fix_docx(original)
    root = main_part(fixed.data)
    reviewer = [e for e in root.iter(q("ins"), q("del")) if e.get(q("author")) == REVIEWER]
    assert len(reviewer) == 2
    authors = sorted(c.author for c in docx.Document(io.BytesIO(fixed.data)).comments)
    assert authors == sorted([REVIEWER, AUTHOR])
    assert fixed.check.document.pending_changes


def test_fix_inside_a_table_cell() -> None:
    fixed = fix_docx(build_docx(extras=table_with_defect))
    edits = _edits(main_part(fixed.data))
    assert (6, 3, ",", "") in edits and (6, 4, "", "，") in edits


def test_fixed_name_is_beside_the_original() -> None:
    assert fixed_name("草稿.docx") == "草稿-修订.docx"
    assert fixed_name("/tmp/a/b.DOCX") == "b-修订.docx"
