"""Every office profile and every topic module gets an outline that fits it (generated from data).

For each profile: the SPEC's invariants hold; the achievement sub-parts are the office's own lines
of work (or, for a kind the corpus has, parts of its own summaries); a part that stands on
another office's summary is common work; no heading is another kind of unit's line of work. For
each topic: a 专项 outline whose parts are the topic's (its module's sub-parts or corpus sections
on it), with the topic's problems and next steps.
"""

import datetime

import pytest

from assistant.genre.profiles import OfficeProfile, office_profiles
from assistant.genre.topic_modules import TopicModule, topic_modules
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline, OutlineSection
from assistant.outline.request import OutlineRequest, profile_of_type
from tests.outline.test_outline import assert_well_formed, make_builder

PROFILES = sorted(office_profiles())
TOPICS = sorted(topic_modules())
TOPIC_OFFICES = ["县财政局", "某中学", "县科技局"]


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> OutlineBuilder:
    return make_builder(tmp_path_factory.mktemp("every"), datetime.date(2026, 8, 10))


def walk(sections: list[OutlineSection]) -> list[OutlineSection]:
    return [s for section in sections for s in [section, *walk(section.children)]]


def own_headings(profile: OfficeProfile) -> set[str]:
    return {line.heading for line in profile.lines_of_work}


def shared_headings() -> set[str]:
    """Headings any unit may carry: the topic modules' and common-work headings."""
    modules = topic_modules().values()
    found = {part.heading for module in modules for part in module.parts}
    return found | {module.common_heading for module in modules if module.common_heading}


def foreign_headings(profile: OfficeProfile) -> set[str]:
    """Other kinds of unit's lines of work that are not also this one's or common."""
    others = {
        line.heading
        for key, other in office_profiles().items()
        if key != profile.key
        for line in other.lines_of_work
    }
    return others - own_headings(profile) - shared_headings()


def corpus_kinds(outline: Outline, section: OutlineSection) -> set[str | None]:
    refs = [outline.sources[key] for key in section.sources]
    return {profile_of_type(ref.office_type) for ref in refs if ref.kind == "corpus"}


@pytest.mark.parametrize("key", PROFILES)
def test_every_profile_gets_an_outline_of_its_own_work(builder: OutlineBuilder, key: str) -> None:
    profile = office_profiles()[key]
    outline = builder.build(OutlineRequest(profile.official_names[0], "年度"))
    assert_well_formed(outline)
    assert outline.matched_office_type == (profile.corpus_type or profile.name)
    assert outline.coverage is not None and outline.coverage.profile == key
    first = outline.sections[0]
    assert first.role == "achievements"
    if outline.coverage.office_summaries == 0:
        assert first.basis == "profile"
        assert [child.heading for child in first.children] == [
            line.heading for line in profile.lines_of_work[: len(first.children)]
        ]
        assert len(first.children) >= 5
    else:
        assert first.basis == "same_type" and corpus_kinds(outline, first) == {key}
    for section in walk(outline.sections):
        kinds = corpus_kinds(outline, section)
        if kinds - {key}:
            assert section.basis == "common_work", section.heading
        assert section.heading not in foreign_headings(profile), section.heading
    plans = outline.sections[-1]
    assert plans.role == "plans" and plans.heading == "2027年工作思路"


@pytest.mark.parametrize("key", PROFILES)
def test_every_profile_in_a_quarter_speaks_of_the_quarter(
    builder: OutlineBuilder, key: str
) -> None:
    profile = office_profiles()[key]
    outline = builder.build(OutlineRequest(profile.official_names[0], "二季度"))
    assert_well_formed(outline)
    assert outline.title.endswith("2026年第二季度工作总结")
    assert outline.sections[-1].heading == "三季度重点工作"


def module_headings(module: TopicModule) -> set[str]:
    return {part.heading for part in module.parts}


@pytest.mark.parametrize("office", TOPIC_OFFICES)
@pytest.mark.parametrize("key", TOPICS)
def test_every_topic_makes_a_special_summary(
    builder: OutlineBuilder, key: str, office: str
) -> None:
    module = topic_modules()[key]
    outline = builder.build(OutlineRequest(office, None, module.name))
    assert_well_formed(outline)
    assert module.name in outline.title
    assert outline.coverage is not None
    if module.corpus_topic == "科技工作" and office == "县科技局":
        assert outline.period == "年度"  # science work is a 科技局's own general work
        return
    assert outline.period == "专项"
    assert outline.coverage.topic == key
    achievements = [s for s in outline.sections if s.role == "achievements"]
    from_module = [s for s in achievements if s.basis == "topic_module"]
    if from_module:
        assert {s.heading for s in from_module} <= module_headings(module)
        assert {s.basis for s in achievements} <= {"topic_module", "same_type", "common_work"}
    else:  # the office's own summaries on the topic lead
        assert outline.coverage.office_summaries > 0
        assert all(s.basis == "same_type" for s in achievements)
    problems = next(s for s in outline.sections if s.role == "problems")
    if problems.basis == "topic_module":
        assert any(item in phrase for item in module.problems for phrase in problems.phrasing)
    plans = outline.sections[-1]
    assert plans.role == "plans" and plans.heading == "下一步工作打算"
