"""Outlines, phrasing suggestions and autocomplete."""
