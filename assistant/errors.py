"""Errors the assistant reports to its users.

Domain code raises these; only the edges (CLI, HTTP, LSP) turn them into exit codes, status
codes and messages. Each error knows the HTTP status it maps to; the CLI exits 2 for all of them.

    AssistantError                 base; message is Chinese, for the writer
    ├── InputError (400)           bad text or file: empty, binary, invalid UTF-8, unsupported type
    │   └── TooLargeError (413)    text or body above the configured limit
    ├── NotFoundError (404)        an id or file that does not exist
    ├── DataDirError (503)         missing or corrupt data directory / index / model
    ├── DataFileError (500)        a data file of the package (genre table, rules ...) is malformed
    ├── SettingsError (500)        an ASSISTANT_* setting has a value outside its type or bounds
    ├── StyleConfigError (400)     a project's .assistant-style.yaml or a rule file it adds is bad
    └── UpstreamError (502)        an outside service (LLM endpoint, Chroma server) failed
        └── UpstreamTimeoutError (503)  it did not answer within its deadline
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error shown to a user; ``str(error)`` is the message."""

    status_code = 400


class InputError(AssistantError):
    """The input cannot be used as given."""

    status_code = 400


class TooLargeError(InputError):
    """The input is larger than the configured limit."""

    status_code = 413


class NotFoundError(AssistantError):
    """A requested file or id does not exist."""

    status_code = 404


class DataDirError(AssistantError):
    """The data directory, index or model is missing or unusable."""

    status_code = 503


class OutdatedIndexError(DataDirError):
    """The index was written by an older version; ``assistant ingest`` rebuilds it."""

    def __init__(self, message: str, titles: list[str]) -> None:
        super().__init__(message)
        self.titles = titles  # the documents the old index held


class DataFileError(AssistantError):
    """A data file shipped with the package is malformed (found when the process starts)."""

    status_code = 500


class SettingsError(AssistantError):
    """A setting cannot be used; reported before anything starts."""

    status_code = 500


class StyleConfigError(AssistantError):
    """A style configuration (``.assistant-style.yaml``) or a rule file it adds is malformed."""

    status_code = 400


class UpstreamError(AssistantError):
    """An outside service the assistant depends on failed."""

    status_code = 502


class UpstreamTimeoutError(UpstreamError):
    """An outside service did not answer within its deadline."""

    status_code = 503
