"""The style checker: a rule engine whose rules are data."""
