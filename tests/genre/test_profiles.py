import shutil
from pathlib import Path

import pytest
import yaml

from assistant.corpus.metadata import office_types
from assistant.errors import DataFileError
from assistant.genre.profiles import (
    OFFICES_DIR,
    load_profiles,
    match_profile,
    office_profiles,
    profile_for_corpus_type,
)

# The kinds of unit the issue names, as a writer would type them.
KINDS_ASKED_FOR = [
    "县委办",
    "县政府办",
    "县委组织部",
    "县委宣传部",
    "县委统战部",
    "县委政法委",
    "县纪委监委",
    "县发改局",
    "县教育局",
    "县科技局",
    "县工信局",
    "县公安局",
    "县民政局",
    "县司法局",
    "县财政局",
    "县人社局",
    "县自然资源局",
    "县生态环境局",
    "县住建局",
    "县交通运输局",
    "县水利局",
    "县农业农村局",
    "县商务局",
    "县文旅局",
    "县卫健局",
    "县退役军人事务局",
    "县应急管理局",
    "县审计局",
    "县市场监管局",
    "县统计局",
    "县医保局",
    "县林业局",
    "县城管局",
    "县信访局",
    "县国资局",
    "县农机局",
    "某乡",
    "某镇",
    "某街道",
    "某社区",
    "某村",
    "某工业园区",
    "某开发区",
    "某中学",
    "某小学",
    "县人民医院",
    "驻村工作队",
    "县总工会",
    "团县委",
    "县妇联",
    "县科协",
    "县残联",
]


def test_at_least_forty_kinds_of_unit_have_a_profile() -> None:
    assert len(office_profiles()) >= 40


@pytest.mark.parametrize("asked", KINDS_ASKED_FOR)
def test_every_kind_the_issue_names_is_recognised(asked: str) -> None:
    assert match_profile(asked) is not None, asked


@pytest.mark.parametrize(
    ("asked", "key"),
    [
        ("县人力资源和社会保障局", "human-resources-social-security"),
        ("XX县人社局", "human-resources-social-security"),
        ("县财政局", "finance"),
        ("市场监督管理局", "market-regulation"),
        ("街道办事处", "subdistrict"),
        ("县委办公室", "party-committee-office"),
        ("田庙乡", "township"),
        ("和田县农机局", "agricultural-machinery"),
        ("市科技局驻于赵社区工作组", "village-work-team"),
        ("乡镇卫生院", "hospital"),
        ("县农业农村局", "agriculture-rural"),
    ],
)
def test_full_official_names_and_abbreviations_find_the_same_profile(asked: str, key: str) -> None:
    found = match_profile(asked)
    assert found is not None and found.key == key


def test_text_that_names_no_unit_matches_no_profile() -> None:
    assert match_profile("abc") is None
    assert match_profile("农村") is None


@pytest.mark.parametrize("key", sorted(office_profiles()))
def test_every_profile_is_complete(key: str) -> None:
    profile = office_profiles()[key]
    assert profile.name and profile.levels and profile.self_references
    assert 5 <= len(profile.lines_of_work) <= 10
    assert all(line.heading and line.phrasing for line in profile.lines_of_work)
    assert len({line.heading for line in profile.lines_of_work}) == len(profile.lines_of_work)
    assert 3 <= len(profile.problems) <= 6 and 3 <= len(profile.next_steps) <= 6
    assert len(profile.markers) >= 3
    assert match_profile(profile.name) is profile


def test_level_forms_are_names_of_the_profile() -> None:
    finance = office_profiles()["finance"]
    assert {"县财政局", "市财政局", "区财政局"} <= set(finance.names())
    organisation = office_profiles()["organization-department"]
    assert "县委组织部" in organisation.names()


def test_every_corpus_office_type_has_its_profile() -> None:
    for office_type in office_types():
        profile = profile_for_corpus_type(office_type)
        assert profile is not None, office_type
    assert profile_for_corpus_type("不存在") is None


def copy_offices(tmp_path: Path) -> Path:
    folder = tmp_path / "offices"
    shutil.copytree(OFFICES_DIR, folder)
    return folder


def edit(path: Path, change: dict[str, object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_profile_with_digits_in_its_phrasing_names_file_and_field(tmp_path: Path) -> None:
    folder = copy_offices(tmp_path)
    data = yaml.safe_load((folder / "finance.yaml").read_text(encoding="utf-8"))
    data["lines_of_work"][1]["phrasing"][0] = "全年支出12亿元。"
    (folder / "finance.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"offices/finance\.yaml: lines_of_work\.1\.phrasing\.0: "
    ):
        load_profiles(folder)


def test_a_profile_without_problems_names_file_and_field(tmp_path: Path) -> None:
    folder = copy_offices(tmp_path)
    edit(folder / "audit.yaml", {"problems": []})
    with pytest.raises(DataFileError, match=r"offices/audit\.yaml: problems: "):
        load_profiles(folder)


def test_a_profile_with_too_few_lines_of_work_is_refused(tmp_path: Path) -> None:
    folder = copy_offices(tmp_path)
    data = yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))
    edit(folder / "audit.yaml", {"lines_of_work": data["lines_of_work"][:2]})
    with pytest.raises(DataFileError, match=r"offices/audit\.yaml: lines_of_work: "):
        load_profiles(folder)


def test_an_unknown_level_is_refused(tmp_path: Path) -> None:
    folder = copy_offices(tmp_path)
    edit(folder / "audit.yaml", {"levels": ["省"]})
    with pytest.raises(DataFileError, match=r"offices/audit\.yaml: levels\.0: "):
        load_profiles(folder)


def test_a_name_shared_by_two_profiles_is_refused(tmp_path: Path) -> None:
    folder = copy_offices(tmp_path)
    edit(folder / "audit.yaml", {"aliases": ["财政部门"]})
    with pytest.raises(
        DataFileError, match=r"offices/finance\.yaml.*财政部门|财政部门.*offices/finance\.yaml"
    ):
        load_profiles(folder)
