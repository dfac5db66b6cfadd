"""A draft pasted into the chat (``帮我检查一下：……``): its problems in plain Chinese, then fixed.

The draft goes through the same style checker as ``assistant check``; the reply lists each
diagnostic with its line, the words concerned, the checker's message and its suggested fix, and
ends with the text after every safe fix (the rest is left for the writer).
"""

from __future__ import annotations

from assistant.chat.replies import say
from assistant.style.engine import check_text
from assistant.style.fixes import fix_text

MAX_LISTED = 30


def check_reply(text: str) -> str:
    """The reply to a pasted draft."""
    if not text.strip():
        return say("check_need_text")
    result = check_text(text)
    chars = len(text)
    if not result.diagnostics:
        return say("check_clean", chars=chars)
    lines = [
        say(
            "check_found",
            chars=chars,
            count=len(result.diagnostics),
            errors=result.summary.errors,
            warnings=result.summary.warnings,
        ),
        "",
    ]
    for index, diagnostic in enumerate(result.diagnostics[:MAX_LISTED], start=1):
        fix = say("check_fix", replacement=diagnostic.fix.replacement) if diagnostic.fix else ""
        excerpt = text[diagnostic.offset : diagnostic.end] or diagnostic.excerpt
        lines.append(
            say(
                "check_line",
                index=index,
                line=diagnostic.line,
                column=diagnostic.column,
                excerpt=excerpt.strip() or diagnostic.excerpt,
                message=diagnostic.message,
                fix=fix,
            )
        )
    hidden = len(result.diagnostics) - MAX_LISTED
    if hidden > 0:
        lines.append(say("check_more", count=hidden))
    fixed = fix_text(text, lambda draft: check_text(draft).diagnostics)
    if fixed != text:
        lines += ["", say("check_fixed"), "", "```text", fixed.strip(), "```"]
    return "\n".join(lines)
