import shutil
from pathlib import Path

import pytest
import yaml

from assistant.errors import DataFileError
from assistant.genre.table import genre_table
from assistant.genre.topic_modules import TOPICS_DIR, load_topic_modules, match_topic, topic_modules

TOPICS_ASKED_FOR = [
    "党建",
    "党风廉政建设",
    "安全生产",
    "乡村振兴",
    "普法",
    "法治建设",
    "招商引资",
    "优化营商环境",
    "平安建设",
    "信访维稳",
    "意识形态",
    "政务公开",
    "生态环境保护",
    "巩固脱贫成果",
    "文明创建",
    "民生实事",
    "作风建设",
]


def test_at_least_fifteen_topics_have_a_module() -> None:
    assert len(topic_modules()) >= 15


@pytest.mark.parametrize("asked", TOPICS_ASKED_FOR)
def test_every_topic_the_issue_names_is_recognised(asked: str) -> None:
    assert match_topic(asked) is not None, asked


def test_the_longest_name_wins() -> None:
    found = match_topic("巩固拓展脱贫攻坚成果同乡村振兴有效衔接")
    assert found is not None and found.key == "poverty-consolidation"
    assert match_topic("季度工作") is None


@pytest.mark.parametrize("key", sorted(topic_modules()))
def test_every_topic_is_complete(key: str) -> None:
    topic = topic_modules()[key]
    assert topic.name and topic.title
    assert 4 <= len(topic.parts) <= 10
    assert all(part.heading and part.phrasing for part in topic.parts)
    assert len({part.heading for part in topic.parts}) == len(topic.parts)
    assert 3 <= len(topic.problems) <= 6 and 3 <= len(topic.next_steps) <= 6
    assert match_topic(topic.name) is topic


def test_the_corpus_topics_have_their_modules() -> None:
    corpus_topics = {topic.name for topic in genre_table().topics if topic.evidence}
    linked = {t.corpus_topic for t in topic_modules().values() if t.corpus_topic}
    assert corpus_topics <= linked


def test_a_topic_with_a_bad_sub_part_names_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "topics"
    shutil.copytree(TOPICS_DIR, folder)
    path = folder / "work-safety.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["parts"][2]["heading"] = ""
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"topics/work-safety\.yaml: parts\.2\.heading: "):
        load_topic_modules(folder)


def test_an_alias_shared_by_two_topics_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "topics"
    shutil.copytree(TOPICS_DIR, folder)
    path = folder / "secrecy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["aliases"] = ["普法"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match="普法"):
        load_topic_modules(folder)
