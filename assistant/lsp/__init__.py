"""The language server editors talk to: autocomplete, style diagnostics, quick fixes, hovers.

One room per concern: `positions` (character offsets <-> LSP code units), `documents` (the open
texts), `checking` and `diagnostics` (when and what the style checker reports), `actions` (quick
fixes and "fix all"), `completion`, `hover`, `office` (the office type completion prefers),
`loader` (the model and index, loaded once in the background), `protocol` (pygls' JSON-RPC
side, hardened), `features` (the LSP methods) and `server` (state, `create_server`, `serve`).
"""
