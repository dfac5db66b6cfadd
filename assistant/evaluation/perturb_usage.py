"""Injected defects for the usage rules: words, numbers, marks, repetitions and years.

Each function takes a clean text and returns candidate `Edit`s, each naming the rule that should
report it; `assistant.evaluation.perturb` picks a few per text with its seeded RNG. The edits
copy what writers do:

- a 公文 word written the everyday way or misspelled: the vocabulary of confused-words and of
  misspelled-words read backwards (其他 -> 其它, 作出部署 -> 做出部署, 部署 -> 布署), kept only
  where the rule's own vocabulary would flag the result;
- two short coordinate items put in quotation marks and joined by 、 (“稳就业”、“稳金融”);
- a percentage turned into a range with a half-width hyphen (5% -> 5%-6%) or with the first
  % left out (5% -> 5～6%);
- a year written in Chinese digits with an Arabic 0 (2024年 -> 二0二四年), a round figure with
  a Chinese unit (3000 -> 3千);
- a sentence pasted twice;
- a law's full name without 书名号 (宪法 -> 中华人民共和国宪法);
- the closing mark of a quotation typed straight (“双减" );
- under a heading naming a year (一、2024年工作回顾), the paragraph's opening 过去一年 or 今年
  written as the year before (2023年).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from assistant.evaluation.edits import Edit
from assistant.genre.numbering import DIGITS
from assistant.style.catalogue import load_rules
from assistant.style.checks.vocabulary import VocabularyCheck

HAN = r"\u4e00-\u9fff"
CONTEXT = 12  # characters around a vocabulary edit the rule is run on to confirm it

_PAIR = re.compile(rf"(?<=[，。；：\n])([{HAN}]{{2,6}})、([{HAN}]{{2,6}})(?=[，。；])")
_PERCENT = re.compile(rf"(?<=[{HAN}])(\d+(?:\.\d)?)%(?![～~\-－—–\d])")
_YEAR = re.compile(rf"(?<=[{HAN}，])(20\d\d)年")
_ROUND = re.compile(rf"(?<![0-9.,，])([1-9])(000|00)(?=[{HAN}])(?![年多余])")
_SENTENCE = re.compile(rf"(?<=[。\n])[{HAN}][^。！？\n“”]{{20,80}}。")
_LAW = re.compile(r"(?<![《国])宪法")
_QUOTED = re.compile(rf"(?<=[{HAN}])“[{HAN}]{{2,10}}”")
_LEAD = re.compile(r"过去一年|今年")
_HEADING_YEAR = re.compile(r"(?m)^[一二三四五六七八九十]+、[^\n]*?(20\d\d)年[^\n]*\n+")


@functools.cache
def _vocabulary(rule_id: str) -> VocabularyCheck:
    rule = next(rule for rule in load_rules() if rule.id == rule_id)
    return VocabularyCheck(rule)


def vocabulary_edits(rule_id: str) -> Callable[[str], list[Edit]]:
    """Edits writing each vocabulary entry's ``use`` as its ``word``, where the rule flags it."""

    def edits(text: str) -> list[Edit]:
        check = _vocabulary(rule_id)
        found = []
        for entry in check.entries:
            if not entry.use:
                continue
            start = text.find(entry.use)
            while start != -1:
                end = start + len(entry.use)
                left = max(0, start - CONTEXT)
                window = text[left:start] + entry.word + text[end : end + CONTEXT]
                at = start - left
                if (at, at + len(entry.word)) in {(s, e) for s, e, _, _ in check.find(window)}:
                    defect = (0, len(entry.word))
                    found.append(Edit(start, end, entry.word, rule_id, rule_id, defect))
                start = text.find(entry.use, end)
        return found

    return edits


def marked_list_edits(text: str) -> list[Edit]:
    """Two short list items put in quotation marks: ``稳就业、稳金融`` -> ``“稳就业”、“稳金融”``."""
    rule = "marked-list-dunhao"
    edits = []
    for match in _PAIR.finditer(text):
        first, second = match.groups()
        at = len(first) + 2  # the 、 after the first item's closing mark
        replacement = f"“{first}”、“{second}”"
        edits.append(Edit(match.start(), match.end(), replacement, rule, rule, (at, at + 1)))
    return edits


def _next(number: str) -> str:
    """The number one above ``number``, written with as many decimals."""
    if "." in number:
        whole, decimals = number.split(".")
        return f"{int(whole) + 1}.{decimals}"
    return str(int(number) + 1)


def range_mark_edits(text: str) -> list[Edit]:
    """A percentage turned into a range joined by a hyphen: ``5%`` -> ``5%-6%``."""
    rule = "range-mark"
    edits = []
    for match in _PERCENT.finditer(text):
        number = match.group(1)
        at = len(number) + 1
        edits.append(
            Edit(
                match.start(), match.end(), f"{number}%-{_next(number)}%", rule, rule, (at, at + 1)
            )
        )
    return edits


def range_unit_edits(text: str) -> list[Edit]:
    """A percentage turned into a range whose first number lacks the %: ``5%`` -> ``5～6%``."""
    rule = "range-unit"
    return [
        Edit(
            m.start(),
            m.end(),
            f"{m.group(1)}～{_next(m.group(1))}%",
            rule,
            rule,
            (0, len(m.group(1))),
        )
        for m in _PERCENT.finditer(text)
    ]


def mixed_numeral_edits(text: str) -> list[Edit]:
    """A year in Chinese digits with an Arabic 0: ``2024年`` -> ``二0二四年``."""
    rule = "mixed-numerals"
    edits = []
    for match in _YEAR.finditer(text):
        year = "".join("0" if d == "0" else DIGITS[int(d) - 1] for d in match.group(1))
        edits.append(Edit(match.start(1), match.end(1), year, rule, rule, (0, 4)))
    return edits


def number_unit_edits(text: str) -> list[Edit]:
    """A round figure written with a Chinese unit: ``3000`` -> ``3千``, ``500`` -> ``5百``."""
    rule = "mixed-number-unit"
    unit = {"000": "千", "00": "百"}
    return [
        Edit(m.start(), m.end(), m.group(1) + unit[m.group(2)], rule, rule, (0, 2))
        for m in _ROUND.finditer(text)
    ]


def duplicate_edits(text: str) -> list[Edit]:
    """A sentence pasted a second time right after itself."""
    rule = "duplicate-sentence"
    edits = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group()
        if text.count(sentence) == 1:  # the edit spans the original, so nothing else alters it
            defect = (len(sentence), 2 * len(sentence))
            edits.append(Edit(match.start(), match.end(), sentence * 2, rule, rule, defect))
    return edits


def law_name_edits(text: str) -> list[Edit]:
    """A law named in full without 书名号: ``宪法`` -> ``中华人民共和国宪法``."""
    rule = "title-marks"
    full = "中华人民共和国宪法"
    return [Edit(m.start(), m.end(), full, rule, rule, (0, len(full))) for m in _LAW.finditer(text)]


def straight_quote_edits(text: str) -> list[Edit]:
    """The closing mark of a quotation typed straight: ``“双减”`` -> ``“双减"``."""
    rule = "straight-double-quotes"
    return [Edit(m.end() - 1, m.end(), '"', rule, rule, (0, 1)) for m in _QUOTED.finditer(text)]


def year_mismatch_edits(text: str) -> list[Edit]:
    """Under a heading naming a year, the paragraph's opening 过去一年/今年 as the year before."""
    rule = "year-mismatch"
    edits = []
    for match in _HEADING_YEAR.finditer(text):
        lead = _LEAD.match(text, match.end())
        if lead is not None:
            year = f"{int(match.group(1)) - 1}年"
            edits.append(Edit(lead.start(), lead.end(), year, rule, rule, (0, len(year))))
    return edits


USAGE_KINDS: tuple[Callable[[str], list[Edit]], ...] = (
    vocabulary_edits("confused-words"),
    vocabulary_edits("misspelled-words"),
    marked_list_edits,
    range_mark_edits,
    range_unit_edits,
    mixed_numeral_edits,
    number_unit_edits,
    duplicate_edits,
    law_name_edits,
    straight_quote_edits,
)
