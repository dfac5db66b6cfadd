"""Human-readable output: one ``path:line:col severity rule message`` line per diagnostic."""

from __future__ import annotations

from assistant.style.engine import CheckResult


def format_result(result: CheckResult, path: str) -> str:
    """All diagnostics, one per line, then a one-line summary."""
    lines = [
        f"{path}:{d.line}:{d.column} {d.severity} {d.rule} {d.message}" for d in result.diagnostics
    ]
    summary = result.summary
    infos = len(result.diagnostics) - summary.errors - summary.warnings
    if result.diagnostics:
        lines.append(
            f"共 {len(result.diagnostics)} 处：错误 {summary.errors}，"
            f"警告 {summary.warnings}，提示 {infos}（{summary.chars} 字）"
        )
    else:
        lines.append(f"未发现问题（{summary.chars} 字）")
    return "\n".join(lines)
