"""The office type completion prefers: the workspace setting, else the draft's title or opening."""

import pytest

from assistant.lsp.office import document_office_types, has_office_setting, office_setting


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("平安县农机局2024年上半年工作总结\n今年以来……", ("农机局",)),
        ("2024年上半年工作总结\n今年以来，我镇党委坚持……全镇上下……", ("乡镇",)),
        ("驻村工作总结\n我组进驻以来……", ("工作组",)),
        ("2024年上半年工作总结\n今年以来，各项工作稳步推进。", ()),
        ("", ()),
    ],
)
def test_document_office_types_from_title_or_opening(text: str, types: tuple[str, ...]) -> None:
    assert document_office_types(text) == types


@pytest.mark.parametrize(
    ("settings", "office"),
    [
        ({"assistant": {"officeType": "县农机局"}}, "县农机局"),
        ({"assistant.officeType": "镇政府"}, "镇政府"),
        ({"officeType": " 园区 "}, "园区"),
        ({"assistant": {"officeType": ""}}, None),
        ({"other": 1}, None),
        (None, None),
        ("农机局", None),
    ],
)
def test_office_setting_shapes(settings: object, office: str | None) -> None:
    assert office_setting(settings) == office


def test_a_blank_setting_still_counts_as_mentioned_so_it_clears_the_office() -> None:
    assert has_office_setting({"assistant": {"officeType": ""}})
    assert not has_office_setting({"assistant": {"other": 1}})
    assert not has_office_setting(None)
