"""Build the XLM-R tokenizer of the e5 model from the vocabulary and normaliser in the file.

The file keeps the sentencepiece normaliser as a per-codepoint table; :func:`build_charsmap`
turns it back into a sentencepiece "precompiled charsmap" (a darts-clone double-array trie), so
the tokenizer applies exactly the table the model shipped with.
"""

from __future__ import annotations

import struct
from collections import deque
from collections.abc import Mapping
from typing import Any, cast

from assistant.errors import DataDirError
from assistant.index.e5_file import E5File

MODEL_MAX_LENGTH = 512


def build_charsmap(table: Mapping[int, str]) -> bytes:
    """Encode a per-codepoint normalisation table as a sentencepiece precompiled charsmap.

    The format is the one ``tokenizers.normalizers.Precompiled`` reads: a uint32 byte size of a
    darts-clone double-array trie over the UTF-8 keys, the trie units, then the NUL-terminated
    replacement strings the trie's values point into.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    for replacement in sorted(set(table.values())):
        where[replacement] = len(blob)
        blob += replacement.encode("utf-8") + b"\0"
    keys = [(chr(cp).encode("utf-8"), where[out]) for cp, out in sorted(table.items())]
    if any(0 in key for key, _ in keys):
        raise ValueError("NUL cannot be a normalisation key")
    units = _DoubleArray(keys).units
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


class _DoubleArray:
    """A minimal darts-clone double-array builder (keys without NUL bytes, values < 2**31)."""

    def __init__(self, keys: list[tuple[bytes, int]]) -> None:
        self.children: list[dict[int, int]] = [{}]
        self.values: list[int | None] = [None]
        for key, value in keys:
            self._insert(key, value)
        self.units: list[int] = [0] * 256
        self.used = bytearray(256)
        self.used[0] = 1
        self.bases: set[int] = set()
        self._place()
        last = max(i for i, flag in enumerate(self.used) if flag)
        self.units = self.units[: last + 1]

    def _insert(self, key: bytes, value: int) -> None:
        node = 0
        for byte in key:
            child = self.children[node].get(byte)
            if child is None:
                child = len(self.children)
                self.children.append({})
                self.values.append(None)
                self.children[node][byte] = child
            node = child
        self.values[node] = value

    def _find_base(self, labels: list[int], start: int) -> int:
        """Find the first unused base whose slots for ``labels`` are free (slot 0 is the root)."""
        used, size = self.used, len(self.used)
        pos = start
        while True:
            if pos >= size or not used[pos]:
                base = pos ^ labels[0]
                if base not in self.bases and all(
                    (slot := base ^ c) != 0 and (slot >= size or not used[slot]) for c in labels
                ):
                    return base
            pos += 1

    def _place(self) -> None:
        queue: deque[tuple[int, int]] = deque([(0, 0)])  # (node, unit position)
        first_free = 1
        while queue:
            node, pos = queue.popleft()
            labels = sorted(self.children[node])
            value = self.values[node]
            if value is not None:
                labels.insert(0, 0)  # the leaf hangs off label 0
            if not labels:
                continue
            while first_free < len(self.used) and self.used[first_free]:
                first_free += 1
            base = self._find_base(labels, first_free)
            self.bases.add(base)
            top = max(base ^ c for c in labels) + 1
            if top > len(self.used):
                grow = top - len(self.used) + 256
                self.used.extend(bytearray(grow))
                self.units.extend([0] * grow)
            offset = pos ^ base
            if offset >= 1 << 21:
                raise ValueError("double array too large")
            self.units[pos] |= offset << 10
            for label in labels:
                slot = base ^ label
                self.used[slot] = 1
                if label == 0:
                    self.units[slot] = cast(int, value) | (1 << 31)
                    self.units[pos] |= 1 << 8
                else:
                    self.units[slot] |= label
                    queue.append((self.children[node][label], slot))


def build_tokenizer(e5: E5File) -> Any:
    """Build the XLM-R tokenizer: the file's Unigram pieces, scores and ids, its normaliser.

    ``XLMRobertaTokenizer`` (``XLMRobertaTokenizerFast`` is the same class in transformers 5)
    rebuilds its backend from the vocabulary and the precompiled charsmap when loading, with
    ``WhitespaceSplit`` + ``Metaspace(prepend_scheme="always")`` pre-tokenisation; that is how
    sentencepiece treats whitespace (runs collapse, ends are trimmed) and it survives a reload.
    """
    from transformers import XLMRobertaTokenizer

    expected = {"<s>": e5.bos_id, "<pad>": e5.pad_id, "</s>": e5.eos_id, "<unk>": e5.unk_id}
    actual = {piece: i for i, piece in enumerate(e5.pieces[:4])}
    if actual != expected or e5.unk_id != 3:
        raise DataDirError(f"模型词表的特殊符号编号不符合 XLM-R 约定：{actual}")
    mask = "<mask>" if e5.pieces[-1] == "<mask>" else None
    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=True)]
    kwargs: dict[str, Any] = {"mask_token": mask} if mask else {}
    return XLMRobertaTokenizer(
        vocab=vocab,
        _spm_precompiled_charsmap=cast(Any, build_charsmap(e5.normalization)),  # bytes, in fact
        model_max_length=MODEL_MAX_LENGTH,
        **kwargs,
    )
