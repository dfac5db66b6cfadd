"""The register corpus shipped with the package: sources, names found once, patterns."""

import json
from pathlib import Path

import pytest

from assistant.completion import register
from assistant.completion.register import (
    RegisterNames,
    TextNames,
    register_documents,
    text_hash,
)
from assistant.errors import DataFileError


def test_the_register_holds_the_thirteen_reports_with_their_sources() -> None:
    documents = register_documents()
    assert [d.id for d in documents] == [f"{n:03d}" for n in range(17, 30)]
    assert all(d.title.endswith("政府工作报告") and 2011 <= d.year <= 2025 for d in documents)
    assert next(d.id for d in register_documents(exclude={"017"})) == "018"


def test_patterns_slot_names_but_keep_the_formulas() -> None:
    text = "\n".join(d.pattern for d in register_documents())
    assert "香港" not in text and "〔地名〕特别行政区" in text
    assert "以习近平同志为核心的党中央" in text
    assert "习近平新时代中国特色社会主义思想" in text


def test_a_text_changed_since_its_names_were_found_is_a_data_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "sources.yaml").write_text(
        'documents:\n  - {id: "001", title: 报告, year: 2025, source: 测试}\n', encoding="utf-8"
    )
    (folder / "001.txt").write_text("香港同胞。", encoding="utf-8")
    names = RegisterNames(documents=(TextNames(id="001", sha256=text_hash("旧文本"), spans=()),))
    (folder / "names.json").write_text(json.dumps(names.model_dump(mode="json")), encoding="utf-8")
    monkeypatch.setattr(register, "REGISTER_DIR", folder)
    monkeypatch.setattr(register, "SOURCES_FILE", folder / "sources.yaml")
    monkeypatch.setattr(register, "NAMES_FILE", folder / "names.json")
    register._all_documents.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"python -m assistant\.completion\.register"):
            register_documents()
        current = TextNames(id="001", sha256=text_hash("香港同胞。"), spans=((0, 2, "〔地名〕"),))
        names = RegisterNames(documents=(current,))
        (folder / "names.json").write_text(
            json.dumps(names.model_dump(mode="json")), encoding="utf-8"
        )
        register._all_documents.cache_clear()
        assert register_documents()[0].pattern == "〔地名〕同胞。"
    finally:
        register._all_documents.cache_clear()
