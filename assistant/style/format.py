"""Human-readable output: one ``path:line:col severity rule message`` line per diagnostic."""

from __future__ import annotations

from assistant.style.engine import CheckResult


def format_result(result: CheckResult, path: str) -> str:
    """All diagnostics, one per line, then a one-line summary."""
    lines = [
        f"{path}:{d.line}:{d.column} {d.severity} {d.rule} {d.message}" for d in result.diagnostics
    ]
    infos = len(result.diagnostics) - result.errors - result.warnings
    if result.diagnostics:
        lines.append(
            f"共 {len(result.diagnostics)} 处：错误 {result.errors}，"
            f"警告 {result.warnings}，提示 {infos}（{result.chars} 字）"
        )
    else:
        lines.append(f"未发现问题（{result.chars} 字）")
    return "\n".join(lines)
