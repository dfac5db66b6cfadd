from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.corpus import splitter
from assistant.corpus.splitter import (
    document_first_lines,
    is_noise,
    level1_number,
    split_compilation,
)
from assistant.corpus.store import documents_from_files
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.ingest import ingest
from tests.conftest import EXTERNAL, REPO, SEED, FakeEncoder
from tests.genre.test_numbering import NUMERAL_WORDS

SEED_OPENINGS = [
    "今年以来,我局以党的十八大精神为指导",
    "今年以来,我们围绕市委、市政府总体工作要求",
    "20xx年田庙乡科技工作在县科技局的关心和指导下",
    "xxxx年,灞桥科技工业园区紧扣建设宜居灞桥",
    "全面贯彻落实党的十六大、十六届三中、四中全会",
    "上半年,根据市、区推进农村改革发展的部署要求",
    "一、强力项目推进,突出科技招商",
    "认真贯彻农村工作会议精神,以增加农民收入",
]


@pytest.mark.integration
def test_seed_compilation_splits_into_exactly_eight_summaries() -> None:
    documents = split_compilation(SEED.read_text(encoding="utf-8"))
    assert len(documents) == 8
    for document, opening in zip(documents, SEED_OPENINGS, strict=True):
        assert document.text.startswith(opening)


@pytest.mark.integration
def test_web_page_noise_does_not_become_part_of_any_document() -> None:
    documents = split_compilation(SEED.read_text(encoding="utf-8"))
    joined = "".join(d.text for d in documents)
    assert "小编" not in joined
    assert "| |" not in joined
    assert "希望能帮助到你" not in joined


@pytest.mark.integration
def test_closing_paragraph_stays_with_its_document_and_opening_moves_to_the_next() -> None:
    documents = split_compilation(SEED.read_text(encoding="utf-8"))
    assert documents[2].text.rstrip().endswith("不断开创我乡科技工作的新局面。")
    assert documents[3].text.startswith("xxxx年,灞桥科技工业园区")


@pytest.mark.integration
def test_document_without_opening_starts_at_its_restarted_numbering() -> None:
    documents = split_compilation(SEED.read_text(encoding="utf-8"))
    assert documents[5].text.rstrip().endswith("环保减排的亮点工程。")
    assert documents[6].first_line == 97


@pytest.mark.integration
def test_heading_without_dunhao_after_an_opening_still_starts_a_document() -> None:
    documents = split_compilation(SEED.read_text(encoding="utf-8"))
    assert "\n一加强队伍建设" in documents[7].text


@pytest.mark.integration
@pytest.mark.parametrize("path", sorted(EXTERNAL.glob("*.txt")), ids=lambda p: p.name)
def test_external_single_documents_stay_whole(path: Path) -> None:
    assert len(split_compilation(path.read_text(encoding="utf-8"))) == 1


@pytest.mark.integration
def test_plan_list_restarting_at_one_stays_in_the_same_summary() -> None:
    text = (EXTERNAL / "007.txt").read_text(encoding="utf-8")
    (document,) = split_compilation(text)
    assert "展望2005" in document.text and "补充和完善各类文档" in document.text


def test_titled_summaries_in_a_compilation_are_split_at_their_titles() -> None:
    compilation = (
        "甲县科技局2025年工作总结\n今年以来，我局认真落实各项工作。\n一、主要成绩\n项目推进顺利。\n"
        "乙镇2025年工作总结\n一、主要工作\n环境整治有力。\n二、存在问题\n资金不足。\n"
    )
    documents = split_compilation(compilation)
    assert [d.text.split("\n")[0] for d in documents] == [
        "甲县科技局2025年工作总结",
        "乙镇2025年工作总结",
    ]


@pytest.mark.integration
def test_short_broken_lines_of_a_phrase_are_not_taken_for_a_restart() -> None:
    text = (EXTERNAL / "024.txt").read_text(encoding="utf-8")
    assert "\n一带一路\n" in text
    assert len(split_compilation(text)) == 1


@pytest.mark.parametrize(
    ("line", "expected", "ordinal"),
    [
        ("一、加强领导", 1, 1),
        ("十二、其他", 1, 12),
        ("一加强队伍建设", 1, 1),
        ("二加强机关效能建设", 2, 2),
        ("二加强机关效能建设", 3, None),
    ],
)
def test_level1_numbers_with_and_without_dunhao(
    line: str, expected: int, ordinal: int | None
) -> None:
    number = level1_number(line, expected)
    assert (number.ordinal if number else None) == ordinal


@pytest.mark.parametrize(
    "line", ["一是加强领导", "一年来，我们取得了成绩。", "一些问题仍然存在", "十分重视"]
)
def test_level1_number_ignores_ordinary_sentences(line: str) -> None:
    assert level1_number(line, 1) is None


OPENING = "今年以来，我局在县委、县政府的正确领导下，认真贯彻落实上级各项决策部署，扎实推进各项工作，取得了明显成效，现将有关情况总结如下。"


def summary_with(line: str) -> str:
    """One summary whose paragraph after the opening, and one inside its parts, is ``line``."""
    return (
        f"甲县科技局2024年工作总结\n{OPENING}\n{line}\n一、主要工作\n（一）加强科技创新。"
        f"全年新增高新技术企业3家。\n二、存在问题\n{line}\n资金投入不足。\n三、下一步打算\n继续加大投入。\n"
    )


@pytest.mark.parametrize("line", NUMERAL_WORDS)
def test_a_word_opening_with_a_numeral_does_not_split_a_summary(line: str) -> None:
    (document,) = split_compilation(summary_with(line))
    assert document.text.startswith("甲县科技局") and document.text.count(line) == 2


@pytest.mark.parametrize("line", NUMERAL_WORDS[:3])
def test_ingesting_a_summary_with_a_numeral_word_indexes_one_document(
    line: str, tmp_path: Path, fake_settings: Settings
) -> None:
    source = tmp_path / "summary.txt"
    source.write_text(summary_with(line), encoding="utf-8")
    documents = documents_from_files([source])
    assert [d.id for d in documents] == ["summary"]
    embeddings = CachedEmbeddings(FakeEncoder())
    report = ingest(fake_settings, documents, embeddings=embeddings)
    assert report.total_documents == 1


def test_assistant_split_writes_one_document_for_a_summary_with_a_numeral_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "summary.txt"
    source.write_text(summary_with("一把手亲自抓落实"), encoding="utf-8")
    assert main(["split", str(source), "--out", str(tmp_path / "corpus")]) == 0
    assert "已拆分出 1 篇文档" in capsys.readouterr().out
    assert [p.name for p in (tmp_path / "corpus" / "documents").iterdir()] == ["summary.txt"]


def test_two_summaries_still_split_at_the_restart_after_an_opening() -> None:
    first = summary_with("一把手亲自抓落实")
    second = f"{OPENING}\n一加强队伍建设\n队伍素质明显提高。\n二加强机关效能建设\n效能明显提升。\n"
    documents = split_compilation(first + second)
    assert len(documents) == 2 and documents[1].text.startswith(OPENING)


def test_noise_lines() -> None:
    assert is_noise("小编精心推荐")
    assert is_noise("| |")
    assert not is_noise("一、主要工作成效")


def test_lines_cleaned_alike_with_or_without_the_invisible_look(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    compilation = "\n".join(texts)
    hidden = compilation.replace("一、", "\u200b一、").replace("工作总结", "工作\ufeff总结")
    cases = [*texts, compilation, hidden, " \u3000\u2060 \n一、x\n"]
    quick = [(document_first_lines(text), split_compilation(text)) for text in cases]
    # a character every case holds: the look finds one, and every line is searched
    monkeypatch.setattr(splitter, "INVISIBLE_CHARS", splitter.INVISIBLE_CHARS + "\n")
    assert [(document_first_lines(text), split_compilation(text)) for text in cases] == quick
    assert all(splitter.INVISIBLE.fullmatch(char) for char in "\u200b\u200f\u2060\ufeff")
