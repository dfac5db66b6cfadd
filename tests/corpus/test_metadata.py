import pytest
import yaml

from assistant.corpus.metadata import describe
from assistant.corpus.splitter import split_compilation
from tests.conftest import REPO, SEED


@pytest.mark.integration
def test_inferred_metadata_of_the_seed_matches_the_reviewed_manifest() -> None:
    manifest = yaml.safe_load((REPO / "corpus" / "manifest.yaml").read_text(encoding="utf-8"))
    documents = split_compilation(SEED.read_text(encoding="utf-8"))
    inferred = [describe(document.text) for document in documents]
    assert [m.office_type for m in inferred] == [entry["office_type"] for entry in manifest]
    assert [m.period for m in inferred] == [entry["period"] for entry in manifest]
    assert [m.level for m in inferred][:2] == ["县", "市"]


def test_titles_read_like_real_titles() -> None:
    meta = describe(
        "今年上半年，我局认真落实农机购置补贴政策，全县农机化水平稳步提高。\n一、主要成绩\n"
    )
    assert meta.office_type == "农机局"
    assert meta.title == "XX县农机局上半年工作总结"


def test_topic_named_in_the_opening_is_kept() -> None:
    meta = describe(
        "半年来，我局认真开展普法宣传教育工作，全县科技系统法制宣传取得实效。\n一、加强领导\n"
    )
    assert meta.topic == "普法"
    assert meta.title.endswith("普法工作总结")
