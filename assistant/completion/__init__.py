"""Autocomplete: continuations of the heading or sentence being typed."""
