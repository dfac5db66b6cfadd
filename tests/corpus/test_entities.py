from pathlib import Path

import pytest
import yaml

from assistant.corpus.entities import (
    DATA_FILE,
    EntityRules,
    find_names,
    is_generic,
    jieba_tags,
    to_pattern,
)
from assistant.errors import DataFileError
from assistant.tables import load_table

# Sentences of the corpus whose names leaked into outlines (issue 12), and the names.
ISSUE_EXAMPLES = [
    ("依托中粮灞河项目，加快推进灞河左岸河堤治理。", ["中粮", "灞河"]),
    ("二是会同席王街道加快西康线至西蓝高速区域土地收储。", ["席王街道", "西康线"]),
    ("确立了广安万千、金易管业、华润蓝剑3家技术创新试点企业。", ["广安", "金易管业", "华润"]),
    ("川粮集团龙女米业设立了专门的产品开发部。", ["龙女米业"]),
    ("如安泰丝业的双宫丝感知器系统装置，是该公司自主开发。", ["安泰丝业"]),
    ("聘请川农大著名教授陈代文为首席专家。", ["陈代文", "川农大"]),
    ("从多个方面推进于赵社区的合村并建工作。", ["于赵社区", "赵社区"]),
    ("将新社区打造成德城区环保减排的亮点工程。", ["德城区"]),
    ("《风采武胜》宣传册包装项目1项。", ["风采武胜"]),
]


@pytest.mark.parametrize(("sentence", "names"), ISSUE_EXAMPLES)
def test_the_names_the_issue_found_leaking_become_slots(sentence: str, names: list[str]) -> None:
    pattern = to_pattern(sentence).text
    assert "〔" in pattern
    for name in names:
        assert name not in pattern, (name, pattern)


@pytest.mark.parametrize(
    "sentence",
    [
        "我局在县委、县政府的领导下，认真落实各项工作任务。",
        "乡党委、政府高度重视，科技局牵头，市科技局具体指导。",
        "各乡镇、各部门要压实安全生产责任。",
        "组织干部学习《中华人民共和国专利法》和《科普法》。",
    ],
)
def test_generic_bodies_and_national_laws_stay(sentence: str) -> None:
    assert to_pattern(sentence).text == sentence
    assert find_names(sentence) == []


def test_figures_become_number_slots_and_names_their_kind() -> None:
    pattern = to_pattern("重庆海丰建设集团董事长肖华安先生计划投资3000万元，建设用地60亩。")
    assert (
        pattern.text == "〔单位名称〕董事长〔姓名〕先生计划投资〔数字〕万元，建设用地〔数字〕亩。"
    )


def test_a_sentence_mostly_names_and_figures_is_not_offered() -> None:
    mostly_names = to_pattern("唐超凡指导飞龙镇卢山村三社建桑园10亩。")
    assert mostly_names.specific_share > 0.3 and not mostly_names.offerable
    generic = to_pattern("严格落实安全生产责任制，全年开展安全检查12次。")
    assert generic.offerable and 0 < generic.specific_share < 0.3


def test_the_pattern_is_the_same_every_time() -> None:
    sentence = "市委副书记彭德秋带头向飞龙镇捐赠科普读物500余册。"
    assert {to_pattern(sentence).text for _ in range(3)} == {to_pattern(sentence).text}
    assert "彭德秋" not in to_pattern(sentence).text


def test_jieba_can_stand_in_for_the_tagger() -> None:
    pattern = to_pattern("聘请川农大著名教授陈代文为首席专家。", jieba_tags).text
    assert "陈代文" not in pattern and "〔姓名〕" in pattern


@pytest.mark.parametrize(
    "span", ["县委县政府", "市科技局", "省科技厅", "乡党委", "县人社局", "我局"]
)
def test_generic_bodies_are_recognised(span: str) -> None:
    assert is_generic(span)


@pytest.mark.parametrize("span", ["和田县农牧机械管理局", "华东理工大学", "灞河", "武胜县"])
def test_named_bodies_are_not_generic(span: str) -> None:
    assert not is_generic(span)


def test_a_broken_rules_file_names_file_and_field(tmp_path: Path) -> None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    data["work_brackets"] = ["《"]
    path = tmp_path / "entities.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"entities\.yaml: work_brackets\.1: Field required"):
        load_table(path, EntityRules, label="entities.yaml")
