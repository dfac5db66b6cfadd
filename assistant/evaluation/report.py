"""The report: Markdown tables per section, a small PNG chart and the JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.evaluation.retrieval import MODES

MODE_NAMES = {"dense": "dense", "lexical": "BM25", "hybrid": "hybrid"}
CHART_FILE = "eval-chart.png"
REPORT_FILE = "report.md"
JSON_FILE = "report.json"
LATENCIES = ("outline", "chat", "complete", "check")


def fmt(value: Any) -> str:
    """A table cell: numbers to 3 decimals, None as n/a."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _thresholds(results: dict[str, Any]) -> list[str]:
    rows = [
        (t["metric"], t["value"], t["bound"], "pass" if t["passed"] else "**FAIL**")
        for t in results["thresholds"]
    ]
    return ["## Thresholds", "", *md_table(("metric", "value", "bound", "result"), rows)]


def _structure(results: dict[str, Any]) -> list[str]:
    outputs = results["outputs"]
    invariants = outputs["invariants"]
    chat = outputs["chat"]
    lines = [
        "## Structure invariants",
        "",
        f"{invariants['outputs']} outputs: every outline case and every chat turn "
        f"({len(chat['cases'])} conversations, {chat['turns']} turns, "
        f"{chat['replies_with_outline']} with an outline after the turn, checked after every "
        "turn; `deterministic` compares each output with the same case asked again in the same "
        "process and in a fresh process with another hash seed).",
        "",
    ]
    if not chat["ran"]:
        lines += [f"Chat cases did not run: {chat['why_not']}", ""]
    rows = [(name, r["checked"], r["passed"], r["rate"]) for name, r in invariants["rates"].items()]
    lines += md_table(("invariant", "checked", "passed", "pass rate"), rows)
    for failure in invariants["failures"]:
        lines.append(
            f"- {failure['case']} `{failure['invariant']}`: {'; '.join(failure['problems'])}"
        )
    expectations = outputs["expectations"]
    met = [(kind, e["cases"], e["rate"]) for kind, e in expectations.items()]
    lines += [
        "",
        "Case expectations (outline: office type matched, period, title; chat: each turn's "
        "effect on the outline, so the chat rate is the turn success rate):",
        "",
    ]
    lines += md_table(("cases", "count", "met"), met)
    for kind, e in expectations.items():
        lines += [f"- {kind} {name}: {'; '.join(unmet)}" for name, unmet in e["unmet"].items()]
        for name, known in e["known_issues"].items():
            state = "; ".join(known["unmet"]) or "no longer reproduces: remove the mark"
            lines.append(f"- known issue, not scored: {kind} {name} ({known['issue']}): {state}")
    relevance = outputs["source_relevance"]
    lines += [
        "",
        "Fitting sources: share of sections (every level) whose heading stands on what fits "
        "the asked kind of unit: its own summaries, its office profile, other offices' common "
        "work, a topic module or the genre; never another office's line of work.",
        "",
        *md_table(
            ("case", "kind of unit", "sections", "fitting"),
            [
                (r["case"], r["office_type"], r["sections"], r["own_type"])
                for r in relevance["cases"]
            ],
        ),
        f"Overall: {fmt(relevance['share'])}",
        "",
    ]
    return lines


def _fitting(results: dict[str, Any]) -> list[str]:
    """Headings left one out, names in outlines and suggestions, NER scores."""
    data = results["headings"]
    lines = [
        "## Outlines that fit the office",
        "",
        "Leave one summary out: each corpus summary is removed, an outline is asked for its "
        "office type, period and topic, and its headings are compared with the summary's own: "
        "mean best-match cosine (built-in model) and share of real headings matched at "
        f"{data['threshold']}.",
        "",
    ]
    rows = [
        (office, row["documents"], row["similarity"], row["matched"])
        for office, row in data["office_types"].items()
    ]
    rows.append(("all", len(data["documents"]), data["similarity"], data["matched"]))
    lines += md_table(("office type", "summaries", "similarity", "matched"), rows)
    found = results["leaks"]
    lines += [
        f"Labelled names ({found['entities']}) in {found['outlines']} outlines (every office "
        f"profile and topic module) and {found['suggestions']} suggestions for "
        f"{found['prefixes']} typed prefixes: outlines {fmt(found['outline_leaks'] or 'none')}, "
        f"suggestions {fmt(found['suggestion_leaks'] or 'none')}.",
        "",
    ]
    names = results["ner"]
    scored = [
        (name, s["mention_precision"], s["mention_recall"], s["char_precision"], s["char_recall"])
        for name, s in names["candidates"].items()
    ]
    lines += md_table(("de-identification", "mention P", "mention R", "char P", "char R"), scored)
    return lines


def _retrieval(results: dict[str, Any]) -> list[str]:
    data = results["retrieval"]
    eligible = ", ".join(data["eligible_documents"]) or "none"
    lines = [
        "## Retrieval (leave one document out)",
        "",
        "Query: a summary's title and the first 150 characters of its text; the summary is "
        "excluded; a hit is a top chunk of the same office type. An office type with one "
        "summary cannot be hit once it is excluded, so the scores below are over the summaries "
        f"whose office type has another one: {eligible}. chance@1 is the share of the remaining "
        "chunks with the query's office type.",
        "",
    ]
    rows = [
        (MODE_NAMES[m], s["queries"], s["hit@1"], s["hit@3"], s["mrr"], s["chance@1"])
        for m, s in data["modes"].items()
    ]
    lines += md_table(("mode", "queries", "hit@1", "hit@3", "MRR", "chance@1"), rows)
    lines += ["Per office type (hit@1 / hit@3 / MRR):", ""]
    rows = []
    for office, entry in data["office_types"].items():
        cells = [
            f"{fmt(entry[m]['hit@1'])} / {fmt(entry[m]['hit@3'])} / {fmt(entry[m]['mrr'])}"
            for m in MODES
        ]
        rows.append((office, entry["documents"], "yes" if entry["eligible"] else "no", *cells))
    header = ("office type", "summaries", "scored", *(MODE_NAMES[m] for m in MODES))
    lines += md_table(header, rows)
    queries = [
        (q["document"], q["office_type"], MODE_NAMES[q["mode"]], " ".join(q["top"]), q["rr"])
        for q in data["queries"]
    ]
    lines += ["Per query (office types of the top 3 chunks):", ""]
    return lines + md_table(("summary", "office type", "mode", "top 3", "RR"), queries)


def _style_table(data: dict[str, Any]) -> list[str]:
    rows = [
        (rule, c["expected"], c["found"], c["recall"], c["reported"], c["correct"], c["precision"])
        for rule, c in [*data["rules"].items(), ("**all rules**", data["total"])]
    ]
    header = ("rule", "defects", "found", "recall", "diagnostics", "right", "precision")
    return md_table(header, rows)


def _style(results: dict[str, Any]) -> list[str]:
    data = results["style"]
    perturbations, alarms = data["perturbations"], data["false_alarms"]
    lines = [
        "## Style check",
        "",
        "A detection is a diagnostic of the expected rule overlapping the defect; errors and "
        "warnings count, info-level advice does not.",
        "",
        "### Seed compilation: the known defects of writing-rules.md",
        "",
        "Precision is over the diagnostics inside the annotated contexts.",
        "",
        *_style_table(data["seed"]),
        *[f"- missed: {miss}" for miss in data["seed"]["misses"]],
        "",
        f"### Perturbations: {perturbations['injections']} defects injected into "
        f"{perturbations['texts']} clean State Council reports (seeded RNG)",
        "",
        *_style_table(perturbations),
        *[f"- missed: {miss}" for miss in perturbations["misses"]],
        *[f"- wrong: {item}" for item in perturbations["false_detections"]],
        "",
        f"### Hand-written drafts ({data['drafts']['drafts']}, every defect annotated)",
        "",
        *_style_table(data["drafts"]),
        *[f"- {note}" for note in data["drafts"]["notes"]],
        "",
        f"### False alarms on the {alarms['texts']} untouched reports ({alarms['chars']} chars)",
        "",
        f"Errors per 10,000 characters: {fmt(alarms['errors_per_10k'])}; warnings: "
        f"{fmt(alarms['warnings_per_10k'])}.",
        "",
        *[f"- error: {item}" for item in alarms["errors"]],
        *[f"- warning: {item}" for item in alarms["warnings"]],
        *[f"- the report's own defect (annotated): {item}" for item in alarms["known_defects"]],
        "",
    ]
    return lines


def _autocomplete(results: dict[str, Any]) -> list[str]:
    data = results["autocomplete"]
    rows = [
        (
            name,
            data[key]["queries"],
            data[key]["accept@1"],
            data[key]["accept@3"],
            data[key]["coverage"],
            data[key]["accept@3_when_suggested"],
        )
        for key, name in (("held_out", "held out (other summaries only)"), ("seen", "seen"))
    ]
    cases = data["cases"]
    case_rows = [
        (
            r["case"].replace("\n", "⏎"),
            r["kind"],
            (r["suggestions"] or [""])[0],
            r["problem"] or "ok",
        )
        for r in cases["rows"]
    ]
    return [
        "## Autocomplete",
        "",
        "Each body sentence of the corpus cut in half; accepted when a suggestion is a prefix of "
        "the true continuation or shares its first 2+ characters.",
        "",
        *md_table(
            ("setting", "sentences", "accept@1", "accept@3", "coverage", "accept@3 if suggested"),
            rows,
        ),
        f"Case prefixes: kind of continuation as expected for {fmt(cases['kind_match'])}.",
        "",
        *md_table(("case", "expected", "top suggestion", "result"), case_rows),
        *_keystrokes(data["keystrokes"]),
    ]


KEYSTROKE_SETS = {
    "reports": "State Council reports, leave one out",
    "corpus": "corpus summaries, leave one out",
    "drafts": "held-out drafts",
}


def _keystrokes(data: dict[str, Any]) -> list[str]:
    rows = [
        (
            KEYSTROKE_SETS[kind],
            contender,
            row["chars"],
            row["savings"],
            row["accept_rate"],
            row["offers_per_100"],
            row["leaks"],
            row["figures"],
        )
        for kind, by_contender in data["sets"].items()
        for contender, row in by_contender.items()
    ]
    latency = data["latency_ms"]
    lines = [
        "### Keystrokes saved",
        "",
        f"Held-out text typed character by character (requests: {data['policy']} position); "
        "the top suggestion is accepted with one key when it is exactly what comes next. "
        "savings = keys saved / characters; accept = accepted / offered; leaks = suggestions "
        "holding a labelled corpus entity not typed in the draft; figures = suggestions holding "
        "a digit. `probe` is the issue's character n-gram anchor on the same training texts. "
        f"Engine per request: p50 {fmt(latency['p50'])} ms, p95 {fmt(latency['p95'])} ms.",
        "",
        *md_table(
            ("set", "contender", "chars", "savings", "accept", "offers/100", "leaks", "figures"),
            rows,
        ),
    ]
    for kind, by_contender in data["sets"].items():
        engine = by_contender.get("engine", {})
        for example in engine.get("leak_examples", [])[:3]:
            lines.append(f"- leak ({kind}): {example}")
        for example in engine.get("accepted_examples", [])[:3]:
            lines.append(f"- accepted ({kind}): {example}")
    return [*lines, ""]


def _latency(results: dict[str, Any]) -> list[str]:
    first = results["outputs"]["latency_ms"]
    rows = [
        (name, *(s[k] for k in ("n", "p50", "p95", "max")))
        for name, s in latencies(results).items()
    ]
    rows += [
        (f"{name}, first request", *(first[f"{name}_first"][k] for k in ("n", "p50", "p95", "max")))
        for name in ("outline", "chat")
    ]
    by_kind = results["outputs"]["chat"]["latency_ms_by_kind"]
    rows += [
        (f"chat turn: {kind}", *(s[k] for k in ("n", "p50", "p95", "max")))
        for kind, s in by_kind.items()
    ]
    return [
        "## Latency (in-process)",
        "",
        "Outline and chat: each case asked a second time in the same process (the first request "
        "also embeds the query and warms caches; shown apart). Chat: every turn of every "
        "conversation, the whole message list sent each time; by kind: first requests.",
        "",
        *md_table(("operation", "n", "p50 ms", "p95 ms", "max ms"), rows),
    ]


def latencies(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Latency summaries by operation."""
    outputs = results["outputs"]["latency_ms"]
    return {
        "outline": outputs["outline"],
        "chat": outputs["chat"],
        "complete": results["autocomplete"]["latency_ms"],
        "check": results["style"]["latency_ms"],
    }


def markdown_report(results: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    passed = sum(t["passed"] for t in results["thresholds"])
    total = len(results["thresholds"])
    timings = ", ".join(f"{name} {seconds} s" for name, seconds in results["timings_s"].items())
    lines = [
        "# Evaluation report",
        "",
        f"Result: **{'PASS' if results['passed'] else 'FAIL'}** ({passed}/{total} thresholds). "
        f"Time: {timings}.",
        "",
        f"![retrieval and latency]({CHART_FILE})",
        "",
    ]
    sections = (_thresholds, _structure, _fitting, _retrieval, _style, _autocomplete, _latency)
    for section in sections:
        lines += section(results)
    return "\n".join(lines).rstrip() + "\n"


def write_chart(results: dict[str, Any], path: Path) -> None:
    """Retrieval scores per mode and latency per operation, side by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    modes = results["retrieval"]["modes"]
    metrics = ("hit@1", "hit@3", "mrr")
    width = 0.26
    for offset, metric in enumerate(metrics):
        values = [modes[m][metric] or 0.0 for m in MODES]
        left.bar([i + (offset - 1) * width for i in range(len(MODES))], values, width, label=metric)
    chance = modes["hybrid"]["chance@1"]
    if chance is not None:
        left.axhline(chance, color="grey", linestyle="--", linewidth=1, label="chance@1")
    left.set_xticks(range(len(MODES)), [MODE_NAMES[m] for m in MODES])
    left.set_ylim(0, 1.05)
    left.set_title("Retrieval, leave one document out")
    left.legend(fontsize=8)
    summaries = latencies(results)
    names = list(summaries)
    for offset, key in enumerate(("p50", "p95")):
        values = [max(summaries[n][key] or 0.0, 0.001) for n in names]
        right.bar([i + (offset - 0.5) * 0.38 for i in range(len(names))], values, 0.38, label=key)
    right.set_xticks(range(len(names)), names)
    right.set_yscale("log")
    right.set_ylabel("ms")
    right.set_title("Latency (in-process)")
    right.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def write_report(results: dict[str, Any], folder: Path, json_path: Path | None = None) -> str:
    """Write report.md, the chart and report.json into ``folder``; return the Markdown.

    The JSON is also written to ``json_path`` when given.
    """
    folder.mkdir(parents=True, exist_ok=True)
    text = markdown_report(results)
    (folder / REPORT_FILE).write_text(text, encoding="utf-8")
    write_chart(results, folder / CHART_FILE)
    data = json.dumps(results, ensure_ascii=False, indent=2)
    (folder / JSON_FILE).write_text(data, encoding="utf-8")
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(data, encoding="utf-8")
    return text
