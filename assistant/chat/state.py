"""The conversation is the state: the current outline travels in the assistant's own replies.

OpenAI-style clients resend the whole message list with every request, so the chat keeps no
session. Every reply that shows an outline ends with a marker line carrying what is needed to
rebuild it exactly: the request, the outline as shown, the edits made since it was built from
the request, the words excluded, the part last worked on, and the key of the state it came
from (undo walks back along those keys through the earlier replies).

The marker is a Markdown link reference definition, ``[//]: # (ws-state:<payload>)``: CommonMark
renders an unused definition as nothing, in every renderer that follows the spec (also those
that escape raw HTML, where an HTML comment would show), and clients keep it because it is part
of the message text. The payload is the state's JSON, zlib-compressed and base64url-encoded.
A client that shows replies as plain text must hide lines matching `MARKER_LINE`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import zlib
from dataclasses import dataclass, replace
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from assistant.chat.edits import Edit, Exclusion, PartKey
from assistant.chat.facts import ChatRequest
from assistant.chat.reading import AskKind
from assistant.outline.model import Outline

VERSION = 1
MARKER_PREFIX = "ws-state:"
MARKER_LINE = re.compile(r"^\[//\]: # \(ws-state:([A-Za-z0-9_-]+)\)[ \t]*$", re.MULTILINE)
MAX_PAYLOAD_CHARS = 400_000
MAX_STATE_BYTES = 4_000_000


@dataclass(frozen=True)
class State:
    """Everything the chat knows about the current outline."""

    request: ChatRequest
    outline: Outline
    log: tuple[Annotated[Edit, Field(discriminator="op")], ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    focus: PartKey | None = None  # the part the last edit worked on (再展开一点)
    parent: str | None = None  # key of the state this one was made from
    waiting: AskKind | None = None  # an edit that asked which part (the next message may name it)
    version: int = VERSION

    @property
    def key(self) -> str:
        """A short digest identifying this state's outline and history (not what it waits for)."""
        return hashlib.sha256(_json(replace(self, waiting=None))).hexdigest()[:16]

    def child(self, **changes: Any) -> State:
        """A state made from this one (its parent is this one)."""
        return replace(self, parent=self.key, waiting=None, **changes)


_ADAPTER: TypeAdapter[State] = TypeAdapter(State)


def _json(state: State) -> bytes:
    data = _ADAPTER.dump_python(state, mode="json")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def encode(state: State) -> str:
    """The marker line for a state."""
    packed = base64.urlsafe_b64encode(zlib.compress(_json(state), 9)).rstrip(b"=").decode()
    return f"[//]: # ({MARKER_PREFIX}{packed})"


def decode(payload: str) -> State | None:
    """The state of a marker's payload; None when it is damaged, oversized or of an old shape."""
    if len(payload) > MAX_PAYLOAD_CHARS:
        return None
    try:
        packed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_STATE_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            return None
        state = _ADAPTER.validate_json(raw)
    except (binascii.Error, ValueError, zlib.error, ValidationError):
        return None
    return state if state.version == VERSION else None


def read_marker(text: str) -> State | None:
    """The state carried by a reply (its last marker), if any."""
    found = MARKER_LINE.findall(text)
    return decode(found[-1]) if found else None


def without_marker(text: str) -> str:
    """A reply's text with its marker lines removed (what the writer reads)."""
    return MARKER_LINE.sub("", text).rstrip()
