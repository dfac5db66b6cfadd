"""What the phrase model learns from: the chunks' ingest patterns, never their raw text."""

import dataclasses

from assistant.completion.completer import Completer
from assistant.completion.register import RegisterDocument
from assistant.completion.training import REGISTER_WEIGHT, chunk_documents, training_texts
from assistant.genre.table import Role
from assistant.index.chunks import Chunk

NAME = "坤宇重工"
OPENING = f"今年以来，我局全力支持{NAME}扩大生产规模，推动企业转型升级。"
OPENING_PATTERN = "今年以来，我局全力支持〔单位名称〕扩大生产规模，推动企业转型升级。"


def chunk(document: str, number: int, kind: str = "paragraph", **fields: object) -> Chunk:
    """A chunk of ``document`` whose raw text names a company its pattern has as a slot."""
    base = Chunk(
        id=f"{document}-{number:03d}",
        document=document,
        title="平安县科技局2025年度工作总结",
        office_type="科技局",
        period="年度",
        topic="",
        role=Role.OPENING,
        heading="",
        path=(),
        level=0,
        ordinal=0,
        kind=kind,
        text=OPENING,
        pattern=OPENING_PATTERN,
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def section(document: str, number: int) -> Chunk:
    title = f"大力培植{NAME}等高新企业"
    return chunk(
        document,
        number,
        kind="section",
        role=Role.ACHIEVEMENTS,
        path=(title,),
        level=1,
        ordinal=3,
        text=f"{title}\n{OPENING}",
        pattern=f"大力培植〔单位名称〕等高新企业\n{OPENING_PATTERN}",
    )


def test_documents_are_read_from_patterns_with_numbered_headings() -> None:
    chunks = [section("seed-02", 2), chunk("seed-02", 1), chunk("seed-01", 1)]
    texts = chunk_documents(chunks)
    assert texts == [
        OPENING_PATTERN,
        f"{OPENING_PATTERN}\n三、大力培植〔单位名称〕等高新企业",
    ]
    assert not any(NAME in text for text in texts)


def test_register_texts_follow_the_documents_with_their_weight() -> None:
    report = RegisterDocument("r0", "t", 2025, "正文。", "正文。")
    found = training_texts([chunk("seed-01", 1)], [report])
    assert found[-1] == ("正文。", REGISTER_WEIGHT) and len(found) == 2


def test_a_name_two_documents_share_in_raw_text_is_never_offered() -> None:
    """Two documents agree on the name, so only the de-identified pattern keeps it out."""
    chunks = [chunk(f"seed-0{n}", 1) for n in range(1, 4)]
    completer = Completer.from_chunks(chunks, register=[])
    assert completer.complete("今年以来，我局全力支持") == []  # a slot comes next
    offered = [s.text for s in completer.complete("我局全力支持华为公司扩大")]
    assert offered[:1] and offered[0].startswith("生产")
    leaked = Completer.from_chunks(
        [dataclasses.replace(c, pattern=c.text) for c in chunks], register=[]
    )
    leaks = [s.text for s in leaked.complete("今年以来，我局全力支持")]
    assert leaks[:1] and leaks[0].startswith(NAME)
