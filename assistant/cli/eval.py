"""``assistant eval [--json FILE] [--report DIR]``: the evaluation suite of ``eval/``."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import Any

from assistant.config import REPO_ROOT, Settings
from assistant.errors import DataDirError

DEFAULT_REPORT_DIR = REPO_ROOT / "eval" / "out"


def register(subparsers: Any) -> None:
    """Add the subcommand."""
    parser = subparsers.add_parser(
        "eval",
        help="运行评测：提纲结构、检索、格式检查和续写质量",
        description="运行 eval/ 中的评测用例，打印报告；有指标低于阈值时退出码为 1。",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="另外把 JSON 结果写入此文件")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="DIR",
        default=DEFAULT_REPORT_DIR,
        help="报告目录（report.md、report.json、图表），默认 eval/out/",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the suite, print and write the report; 1 when a threshold fails."""
    from assistant.evaluation.cases import EVAL_DIR
    from assistant.evaluation.report import write_report
    from assistant.evaluation.runner import run_evaluation

    if not (EVAL_DIR / "cases").is_dir():
        raise DataDirError(
            f"找不到评测用例目录 {EVAL_DIR / 'cases'}：评测用例不随安装包发布，"
            "请在仓库检出中运行 assistant eval。"
        )
    if importlib.util.find_spec("matplotlib") is None:
        raise DataDirError("评测报告的图表需要 matplotlib：请安装评测依赖 pip install '.[eval]'。")
    evaluation = run_evaluation(settings)
    print(write_report(evaluation.results, args.report, args.json))
    failed = [v.threshold.metric for v in evaluation.verdicts if not v.passed]
    if failed:
        print(f"评测未通过：{len(failed)} 项指标未达到阈值（{'、'.join(failed)}）。")
        return 1
    return 0
