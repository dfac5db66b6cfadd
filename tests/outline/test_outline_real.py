"""Outlines with the real model and index, for every seed office type and unseen ones."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.corpus.store import load_corpus
from assistant.index.ingest import embeddings_for, ingest
from assistant.outline.request import OutlineRequest
from assistant.runtime import Runtime
from tests.conftest import REPO, settings_with_model
from tests.outline.test_outline import assert_well_formed

pytestmark = pytest.mark.integration

SEED_OFFICES = {
    "县科技局": "科技局",
    "乡政府": "乡镇",
    "园区管委会": "园区",
    "农机局": "农机局",
    "驻村工作组": "工作组",
}


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory, corpus_vectors: Path) -> Iterator[Runtime]:
    settings = settings_with_model(tmp_path_factory.mktemp("outline-real"), corpus_vectors)
    ingest(settings, load_corpus(REPO / "corpus"), embeddings=embeddings_for(settings))
    runtime = Runtime.open(settings)
    yield runtime
    runtime.close()


@pytest.mark.parametrize("office", list(SEED_OFFICES))
@pytest.mark.parametrize("period", ["上半年", "年度"])
def test_seed_office_outline_is_well_formed_and_mostly_own_office(
    runtime: Runtime, office: str, period: str
) -> None:
    outline = runtime.outline(OutlineRequest(office, period))
    assert_well_formed(outline)
    assert outline.matched_office_type == SEED_OFFICES[office]
    sections = [s for part in outline.sections for s in [part, *part.children]]
    heading_sources = [outline.sources[s.sources[0]].office_type for s in sections]
    assert heading_sources.count(SEED_OFFICES[office]) > len(heading_sources) / 2


@pytest.mark.parametrize(
    ("office", "kind", "title"),
    [
        ("教育局", "教育局", "XX县教育局"),
        ("街道办", "街道", "XX街道办"),
        ("卫健委", "卫健局", "XX县卫健委"),
    ],
)
def test_an_office_the_corpus_lacks_gets_its_profile(
    runtime: Runtime, office: str, kind: str, title: str
) -> None:
    outline = runtime.outline(OutlineRequest(office, "上半年"))
    assert_well_formed(outline)
    assert outline.office_type == office and outline.matched_office_type == kind
    assert outline.title.startswith(title)
    assert outline.sections[0].basis == "profile"
    for section in outline.sections:
        for part in [section, *section.children]:
            kinds = {outline.sources[key].kind for key in part.sources}
            if "corpus" in kinds:
                assert part.basis == "common_work"


def test_an_office_matching_no_kind_gets_the_genre_and_the_nearest_kinds(runtime: Runtime) -> None:
    outline = runtime.outline(OutlineRequest("县气象局", "上半年"))
    assert_well_formed(outline)
    assert outline.matched_office_type == ""
    assert outline.coverage is not None and "相近的单位类型有" in outline.coverage.note


def test_outline_cli_on_a_data_dir_without_index_builds_it_first(
    tmp_path: Path, corpus_vectors: Path
) -> None:
    settings = settings_with_model(tmp_path, corpus_vectors)
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    command = [
        sys.executable,
        "-m",
        "assistant",
        "outline",
        "--office",
        "县农机局",
        "--period",
        "上半年",
    ]
    result = subprocess.run(
        [*command, "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["matched_office_type"] == "农机局"
    assert "建立索引" in result.stderr
    markdown = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert markdown.stdout.startswith(f"# {data['title']}")
