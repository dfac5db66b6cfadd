"""Draft outlines: the chain, its request, phrasing, the outline model and its Markdown."""
