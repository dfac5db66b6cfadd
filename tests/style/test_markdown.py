"""Markdown drafts: headings behind ``##``, bullets and emphasis are read through, positions
stay on the Markdown source."""

from __future__ import annotations

from assistant.style.engine import check_text
from assistant.style.fixes import fix_text
from assistant.style.markdown import HINT, looks_like_markdown, strip_markdown
from tests.conftest import REPO

DRAFT = (
    "# 平安县科技局2026年上半年工作总结\n"
    "\n"
    "今年以来，我局扎实推进各项工作。现总结如下：\n"
    "\n"
    "## 一、主要成绩\n"
    "\n"
    "- 完成项目**12个**,成效明显。\n"
    "\n"
    "## 三、存在问题\n"
    "\n"
    "### (一)投入不足\n"
    "\n"
    "### （三）人才短缺\n"
    "\n"
    "## 四下一步打算\n"
)


def _found(text: str) -> set[tuple[str, int, int, str]]:
    return {
        (d.rule, d.line, d.column, text[d.offset : d.end]) for d in check_text(text).diagnostics
    }


def test_structure_defects_behind_heading_markers_are_seen() -> None:
    found = _found(DRAFT)
    assert ("heading-number-gap", 9, 4, "三、") in found
    assert ("heading-half-width-parens", 11, 5, "(一)") in found
    assert ("heading-number-gap", 13, 5, "（三）") in found
    assert ("heading-missing-dunhao", 15, 4, "四") in found
    assert ("half-width-punctuation", 7, 14, ",") in found


def test_without_markup_the_same_text_gives_the_same_rules() -> None:
    plain = strip_markdown(DRAFT).text
    assert "#" not in plain and "**" not in plain and "- " not in plain
    assert len(plain.split("\n")) == len(DRAFT.split("\n"))
    assert {d.rule for d in check_text(plain).diagnostics} == {
        d.rule for d in check_text(DRAFT).diagnostics
    }


def test_fixes_apply_to_the_markdown_source() -> None:
    fixed = fix_text(DRAFT, lambda text: check_text(text).diagnostics)
    assert "## 四、下一步打算" in fixed
    assert "**12个**，成效明显" in fixed
    assert "### （一）投入不足" in fixed


def test_plain_text_is_not_taken_for_markdown() -> None:
    assert not looks_like_markdown("一、主要成绩\n1.技术合同登记量明显增长\n（一）加强领导\n")
    assert looks_like_markdown("## 一、主要成绩\n")
    text = "一、主要成绩\n完成项目12个,成效明显。\n"
    assert check_text(text, markdown=True).diagnostics == check_text(text).diagnostics


def test_code_blocks_and_links_are_not_checked() -> None:
    text = "## 一、说明\n\n```\na,b\n```\n\n详见[文件](http://example.com/a,b)。\n"
    assert check_text(text).diagnostics == ()


def test_detection_equals_the_hint_pattern_searched_whole() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO.glob("corpus/**/*.txt"))]
    texts += ["## 一、", "a **b**", "x__y", "[a](b)", "  > 引用", "```", "   - 项", "    # 否", ""]
    for text in texts:
        assert looks_like_markdown(text) == (HINT.search("\n" + text) is not None)
