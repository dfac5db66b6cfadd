"""Word in, Word out: the side-by-side measure on fixtures built by code.

- Layout: 4 documents, each with the ten planted layout-defect kinds (title font, size and
  bold, level-1 and level-2 heading fonts, body font and size, line spacing, margins, page
  numbers) in a different variant: a kind is caught when its rule reports on that document.
- Text: 4 drafts as .docx (the fixtures' sample with its planted defects, and three State
  Council reports, cut to about 4,000 characters, with defects injected by the evaluation's
  seeded perturbation): a defect is caught when its rule reports overlapping characters.
- False alarms: errors on the correct sample and on the three clean reports laid out to GB/T
  9704, per 10,000 characters.

With ``--gongwen PATH`` (the ``gongwen`` command of gongwen-skill 2.15.0 installed in a
throwaway venv: ``python -m venv /tmp/gw && /tmp/gw/bin/pip install gongwen-skill==2.15.0``)
its ``check --json`` runs on the same files and its findings are mapped to the same kinds by
their names.

    python eval/word_side_by_side.py [--gongwen /tmp/gw/bin/gongwen]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from assistant.evaluation.docx_fixtures import (
    LAYOUT_DEFECTS,
    SAMPLE,
    TEXT_DEFECTS,
    build_docx,
    planted_text,
    spoiled,
)
from assistant.evaluation.perturb import perturb
from assistant.word.check import check_docx

REPO = Path(__file__).resolve().parent.parent
EXTERNAL = REPO.parent / "shared" / "corpus-external"
REPORTS = ("017.txt", "020.txt", "024.txt")
CUT_CHARS = 4000
SEED = 20261201

# gongwen-skill finding names -> our defect kinds
GONGWEN_KINDS: dict[str, Callable[[str], bool]] = {
    "title-font": lambda n: "大标题字体" in n,
    "title-size": lambda n: "大标题字号" in n,
    "title-bold": lambda n: "标题" in n and "加粗" in n and "首句" not in n,
    "heading-1-font": lambda n: "一级标题字体" in n,
    "heading-2-font": lambda n: "二级标题字体" in n,
    "body-font": lambda n: "正文字体" in n,
    "body-size": lambda n: "正文字号" in n,
    "line-spacing": lambda n: "正文行距" in n,
    "margins": lambda n: "边距" in n,
    "page-number": lambda n: "页码" in n,
}
HEADING_ELEMENTS = (
    (re.compile(r"[一二三四五六七八九十]+、"), "heading-1"),
    (re.compile(r"（[一二三四五六七八九十]+）"), "heading-2"),
    (re.compile(r"\d+[.．]"), "heading-3"),
)


def _elements(text: str) -> list[tuple[str, str]]:
    lines = []
    for number, line in enumerate(text.split("\n")):
        element = "title" if number == 0 else "body"
        for pattern, heading in HEADING_ELEMENTS:
            if pattern.match(line):
                element = heading
        lines.append((element, line))
    return lines


def _report_text(name: str) -> str:
    raw = (EXTERNAL / name).read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    kept, size = [], 0
    for line in lines:
        if size > CUT_CHARS:
            break
        kept.append(line)
        size += len(line) + 1
    return "政府工作报告\n" + "\n".join(kept)


def text_cases() -> list[tuple[str, bytes, list[tuple[str, int, int]]]]:
    """(name, .docx, [(rule, start, end)]) for the four drafts with planted text defects."""
    cases = []
    sample = planted_text()
    text = "\n".join(line for _, line in sample)
    offsets = [0]
    for _, line in sample:
        offsets.append(offsets[-1] + len(line) + 1)
    planted = []
    for line, _written, spoiled_text, rule in TEXT_DEFECTS:
        start = offsets[line - 1] + sample[line - 1][1].index(spoiled_text)
        planted.append((rule, start, start + len(spoiled_text)))
    cases.append(("sample", build_docx(sample), planted))
    for name in REPORTS:
        result = perturb(name, _report_text(name), SEED)
        injections = [(i.rule, i.start, i.end) for i in result.injections]
        cases.append((name, build_docx(_elements(result.text)), injections))
    assert text.count("\n") == len(SAMPLE) - 1
    return cases


def clean_cases() -> list[tuple[str, bytes, int]]:
    """(name, .docx, characters) of correct documents."""
    cases = [("sample", build_docx(), sum(len(t) + 1 for _, t in SAMPLE))]
    for name in REPORTS:
        text = _report_text(name)
        cases.append((name, build_docx(_elements(text)), len(text)))
    return cases


def layout_cases() -> list[tuple[str, bytes]]:
    return [
        (f"layout-{variant}", build_docx(layout=spoiled(list(LAYOUT_DEFECTS), variant)))
        for variant in range(4)
    ]


def _gongwen(command: str, data: bytes) -> list[dict[str, str]] | None:
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(data)
        handle.flush()
        run = subprocess.run(
            [command, "check", "--json", handle.name], capture_output=True, text=True, timeout=300
        )
    try:
        found: list[dict[str, str]] = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"gongwen check failed: {run.stderr[-500:]}", file=sys.stderr)
        return None
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gongwen", help="path of gongwen-skill's `gongwen` command")
    args = parser.parse_args()

    layout_ours = layout_theirs = 0
    layout_total = 0
    missed: list[str] = []
    for name, data in layout_cases():
        rules = {d.rule for d in check_docx(data).result.diagnostics}
        theirs = _gongwen(args.gongwen, data) if args.gongwen else None
        names = [finding["name"] for finding in theirs or []]
        for kind, (rule, _) in LAYOUT_DEFECTS.items():
            layout_total += 1
            if rule in rules:
                layout_ours += 1
            else:
                missed.append(f"{name}:{kind}")
            if theirs is not None and any(GONGWEN_KINDS[kind](n) for n in names):
                layout_theirs += 1
    text_ours = text_total = 0
    text_theirs = 0
    for name, data, planted in text_cases():
        diagnostics = check_docx(data).result.diagnostics
        theirs = _gongwen(args.gongwen, data) if args.gongwen else None
        for rule, start, end in planted:
            text_total += 1
            if any(
                d.rule == rule and d.offset < end and start < d.offset + d.length
                for d in diagnostics
            ):
                text_ours += 1
            else:
                missed.append(f"{name}:{rule}@{start}")
        if theirs is not None:
            text_theirs += sum(
                1
                for f in theirs
                if f.get("check_type") not in ("format", None) and "标点" in f.get("name", "")
            )
    errors = chars = diagnostics_total = 0
    theirs_alarms: int | None = 0 if args.gongwen else None
    for _name, data, size in clean_cases():
        result = check_docx(data).result
        errors += result.summary.errors
        diagnostics_total += len(result.diagnostics)
        chars += size
        if args.gongwen:
            theirs = _gongwen(args.gongwen, data) or []
            assert theirs_alarms is not None
            theirs_alarms += len(theirs)
    print("| | ours | gongwen-skill 2.15.0 |")
    print("|---|---|---|")
    gw = (lambda v: str(v)) if args.gongwen else (lambda v: "not run")
    print(
        f"| layout defects caught | {layout_ours}/{layout_total} | {gw(f'{layout_theirs}/{layout_total}')} |"
    )
    print(
        f"| text defects caught | {text_ours}/{text_total} | {gw(f'{text_theirs}/{text_total}')} |"
    )
    per_10k = errors / chars * 10_000
    theirs_rate = (
        f"{theirs_alarms} findings, {theirs_alarms / chars * 10_000:.1f} per 10k chars"
        if theirs_alarms is not None
        else "not run"
    )
    print(
        f"| errors on correct documents ({chars} chars) | {errors} ({per_10k:.1f} per 10k; {diagnostics_total} diagnostics of any level) | {theirs_rate} |"
    )
    if missed:
        print("\nmissed:", ", ".join(missed))


if __name__ == "__main__":
    main()
