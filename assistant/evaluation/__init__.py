"""The evaluation suite behind ``assistant eval``.

Structure invariants, retrieval, style-check and autocomplete quality, measured on the cases in
``eval/cases/`` against ``eval/thresholds.yaml``.
"""
