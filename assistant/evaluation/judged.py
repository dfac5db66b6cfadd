"""Diagnostics on real writing, each with a reader's verdict: correct, debatable or false.

The verdicts are data (``eval/external-judgements.yaml``); `judge` lists every error and
warning the checker raises on the CnPack team's summaries (corpus-external 001-016) with the
verdict of the first judgement matching it (unjudged ones count as clear false alarms), and the
rates issue 16 bounds. ``eval/external_false_alarms.py`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.config import REPO_ROOT
from assistant.style.diagnostic import Diagnostic
from assistant.style.engine import Checker

EXTERNAL = REPO_ROOT.parent / "shared" / "corpus-external"
JUDGEMENTS = REPO_ROOT / "eval" / "external-judgements.yaml"
TEAM_REPORTS = [f"{number:03d}.txt" for number in range(1, 17)]
STATE_COUNCIL = [f"{number:03d}.txt" for number in range(17, 30)]
CONTEXT = 8
VERDICTS = ("correct", "debatable", "false")


@dataclass(frozen=True)
class Judgement:
    """A verdict for the diagnostics it matches."""

    rule: str
    verdict: str
    why: str
    file: str | None = None
    excerpt: str | None = None
    context: str | None = None

    def matches(self, file: str, diagnostic: Diagnostic, around: str) -> bool:
        """Whether this judgement is about ``diagnostic``."""
        return (
            self.rule == diagnostic.rule
            and self.file in (None, file)
            and self.excerpt in (None, diagnostic.excerpt)
            and (self.context is None or self.context in around)
        )


def load_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    """The judgements file, checked."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["judgements"]
    judgements = [Judgement(**entry) for entry in entries]
    for judgement in judgements:
        if judgement.verdict not in VERDICTS:
            raise ValueError(f"{path}: verdict {judgement.verdict!r} is not one of {VERDICTS}")
    return judgements


def judge(checker: Checker, judgements: list[Judgement]) -> dict[str, Any]:
    """Every diagnostic on 001-016 with its verdict, and the rates."""
    chars = 0
    rows = []
    for name in TEAM_REPORTS:
        text = (EXTERNAL / name).read_text(encoding="utf-8")
        chars += len(text)
        for diagnostic in checker.check(text).diagnostics:
            if diagnostic.severity == "info":
                continue
            start = max(0, diagnostic.offset - CONTEXT)
            around = text[start : diagnostic.end + CONTEXT]
            match = next((j for j in judgements if j.matches(name, diagnostic, around)), None)
            rows.append(
                {
                    "file": name,
                    "line": diagnostic.line,
                    "severity": diagnostic.severity,
                    "rule": diagnostic.rule,
                    "excerpt": diagnostic.excerpt,
                    "context": around.replace("\n", "⏎"),
                    "verdict": match.verdict if match else "unjudged",
                    "why": match.why if match else "",
                }
            )
    count = {v: sum(1 for r in rows if r["verdict"] == v) for v in (*VERDICTS, "unjudged")}
    clear = count["false"] + count["unjudged"]
    errors = sum(1 for r in rows if r["severity"] == "error")
    per_10k = 10_000 / chars
    return {
        "chars": chars,
        "diagnostics": rows,
        "verdicts": count,
        "errors_per_10k": round(errors * per_10k, 2),
        "clear_false_alarms_per_10k": round(clear * per_10k, 2),
        "with_debatable_per_10k": round((clear + count["debatable"]) * per_10k, 2),
    }


def state_council_errors(checker: Checker) -> list[str]:
    """The error-level diagnostics on the State Council reports 017-029."""
    found = []
    for name in STATE_COUNCIL:
        text = (EXTERNAL / name).read_text(encoding="utf-8")
        found += [
            f"{name}:{d.line} {d.rule} {d.excerpt!r}"
            for d in checker.check(text).diagnostics
            if d.severity == "error"
        ]
    return found
