"""The style checker: a rule engine whose rules are data (``rules/*.yaml``)."""

from assistant.style.diagnostic import Diagnostic, Fix
from assistant.style.engine import Checker, CheckResult, check_text
from assistant.style.fixes import apply_fixes, fix_text

__all__ = ["CheckResult", "Checker", "Diagnostic", "Fix", "apply_fixes", "check_text", "fix_text"]
