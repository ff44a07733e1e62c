"""Tiny random-weight translation models of every family vnsumm supports, built at test time.

No real weights can be downloaded in tests, so each family is exercised with its real architecture class
and real tokenizer class, saved with ``save_pretrained`` and loaded back through the same
``from_pretrained`` path the real models use. Tokenizers come from a small sentencepiece model trained on
the sample article plus some English, so both languages tokenize into real pieces. Outputs are random
but deterministic: tests may check structure, determinism and prompt handling, never quality.

Use ``tiny_config`` (a session fixture) to get a models.yaml that points at all of them::

    from tiny_models import tiny_config  # noqa: F401  (in a conftest.py or a test module)
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

SAMPLE_VI = Path(__file__).resolve().parents[1] / "samples" / "hanoi-hagiang-2024-06-11.vi.txt"
ENGLISH = """\
The provincial government said on Tuesday that the new expressway would open to traffic next year.
Prices of rice and pork rose by 5.5 percent in June compared with the same month last year.
More than 3 million visitors came to the northern mountains during the long holiday, officials said.
The bus left Hanoi at 10:41 in the morning and arrived in Ha Giang after about seven hours.
Police arrested two people and seized 18 kilograms of drugs, according to the ministry.
Between 2019 and 2022 the city spent VND 32,439.8 billion on roads, bridges and schools.
Farmers in the Mekong Delta expect a good harvest despite the drought and high temperatures.
The prime minister asked ministries to finish the report before the end of the second quarter.
"""
VOCAB_SIZE = 500
SEED = 1234
# Small enough that the sample's long sentences must be split (exercising the splitter in every test).
MAX_INPUT_TOKENS = 48
# Large random weights make outputs depend on the input (small ones give every input the same output).
INIT_STD = 0.5
TINY = {"d_model": 16, "ffn_dim": 32, "heads": 2, "layers": 1, "positions": 256}

SPECIALS_T5 = ["<pad>", "</s>", "<unk>"]
SPECIALS_FAIRSEQ = ["<s>", "<pad>", "</s>", "<unk>"]


def corpus_lines() -> list[str]:
    """Training text for sentencepiece: the Vietnamese sample and the English above, one line each."""
    text = SAMPLE_VI.read_text(encoding="utf-8") + "\n" + ENGLISH
    return [line.strip() for line in text.splitlines() if line.strip()]


def train_sentencepiece(model_type: str) -> bytes:
    """A serialized sentencepiece model (``unigram`` or ``bpe``) trained on :func:`corpus_lines`."""
    import sentencepiece as spm

    spm.set_random_generator_seed(SEED)
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines()),
        model_writer=buffer,
        vocab_size=VOCAB_SIZE,
        model_type=model_type,
        character_coverage=1.0,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


def _pieces(model: bytes) -> list[tuple[str, float]]:
    """(piece, score) of every normal piece, without sentencepiece's own <unk> (each family adds its own)."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model)
    return [
        (processor.id_to_piece(i), processor.get_score(i))
        for i in range(processor.get_piece_size())
        if not (processor.is_unknown(i) or processor.is_control(i))
    ]


def _bpe_merges(vocab: dict[str, int]) -> list[tuple[str, str]]:
    """Merges implied by a BPE vocabulary: each split of a piece into two pieces, by rank."""
    merges = []
    for piece, rank in vocab.items():
        for cut in range(1, len(piece)):
            left, right = piece[:cut], piece[cut:]
            if left in vocab and right in vocab:
                merges.append((rank, vocab[left], vocab[right], left, right))
    return [(left, right) for *_, left, right in sorted(merges)]


def _vocab_size(tokenizer: object) -> int:
    """Room for every id the tokenizer can emit (M2M100 puts language ids past ``len(tokenizer)``)."""
    ids = list(tokenizer.get_vocab().values()) + list(getattr(tokenizer, "lang_token_to_id", {}).values())
    return max(len(tokenizer), max(ids) + 1) + getattr(tokenizer, "num_madeup_words", 0)  # type: ignore[arg-type]


def _save_model(model_cls: type, config: object, out: Path) -> None:
    import torch

    torch.manual_seed(SEED)
    model = model_cls(config)
    model.eval()
    model.save_pretrained(out)


def build_t5(out: Path, *, tied: bool = True) -> Path:
    """T5ForConditionalGeneration + T5Tokenizer (the envit5 family); ``tied=False`` gives the T5 v1.1
    layout envit5 has (own output head, decoder outputs not scaled)."""
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    vocab = [(token, 0.0) for token in SPECIALS_T5] + _pieces(train_sentencepiece("unigram"))
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0)
    tokenizer.save_pretrained(out)
    config = T5Config(
        vocab_size=_vocab_size(tokenizer),
        d_model=TINY["d_model"],
        d_kv=TINY["d_model"] // TINY["heads"],
        d_ff=TINY["ffn_dim"],
        num_layers=TINY["layers"],
        num_decoder_layers=TINY["layers"],
        num_heads=TINY["heads"],
        relative_attention_num_buckets=8,
        initializer_factor=INIT_STD * 20,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=tied,
    )
    _save_model(T5ForConditionalGeneration, config, out)
    return out


def build_marian(out: Path) -> Path:
    """MarianMTModel + MarianTokenizer (the opus-mt family): one shared source/target sentencepiece model."""
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    model = train_sentencepiece("unigram")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(model)
    tokens = ["</s>", "<unk>", "<pad>"] + [piece for piece, _ in _pieces(model)]
    (out / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(tokens)}, ensure_ascii=False))
    tokenizer = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"))
    tokenizer.save_pretrained(out)
    config = MarianConfig(
        vocab_size=_vocab_size(tokenizer),
        decoder_vocab_size=_vocab_size(tokenizer),
        **_bart_like_sizes(),
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
    )
    _save_model(MarianMTModel, config, out)
    return out


def _bart_like_sizes() -> dict[str, int]:
    return {
        "d_model": TINY["d_model"],
        "encoder_layers": TINY["layers"],
        "decoder_layers": TINY["layers"],
        "encoder_attention_heads": TINY["heads"],
        "decoder_attention_heads": TINY["heads"],
        "encoder_ffn_dim": TINY["ffn_dim"],
        "decoder_ffn_dim": TINY["ffn_dim"],
        "max_position_embeddings": TINY["positions"],
        "init_std": INIT_STD,
    }


def _fairseq_ids() -> dict[str, int]:
    return {"bos_token_id": 0, "pad_token_id": 1, "eos_token_id": 2, "decoder_start_token_id": 2}


def build_nllb(out: Path) -> Path:
    """M2M100ForConditionalGeneration + NllbTokenizer (the NLLB-200 family, BPE pieces and vie_Latn codes)."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    tokens = SPECIALS_FAIRSEQ + [piece for piece, _ in _pieces(train_sentencepiece("bpe"))]
    vocab = {token: i for i, token in enumerate(tokens)}
    tokenizer = NllbTokenizer(
        vocab=vocab, merges=_bpe_merges(vocab), src_lang="vie_Latn", tgt_lang="eng_Latn"
    )
    tokenizer.save_pretrained(out)
    config = M2M100Config(vocab_size=_vocab_size(tokenizer), **_bart_like_sizes(), **_fairseq_ids())
    _save_model(M2M100ForConditionalGeneration, config, out)
    return out


def build_m2m100(out: Path) -> Path:
    """M2M100ForConditionalGeneration + M2M100Tokenizer (``__vi__``/``__en__`` language tokens)."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    model = train_sentencepiece("bpe")
    out.mkdir(parents=True, exist_ok=True)
    (out / "sentencepiece.bpe.model").write_bytes(model)
    tokens = SPECIALS_FAIRSEQ + [piece for piece, _ in _pieces(model)]
    (out / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(tokens)}, ensure_ascii=False))
    tokenizer = M2M100Tokenizer(
        str(out / "vocab.json"), str(out / "sentencepiece.bpe.model"), src_lang="vi", tgt_lang="en"
    )
    tokenizer.save_pretrained(out)
    config = M2M100Config(vocab_size=_vocab_size(tokenizer), **_bart_like_sizes(), **_fairseq_ids())
    _save_model(M2M100ForConditionalGeneration, config, out)
    return out


def build_mbart50(out: Path) -> Path:
    """MBartForConditionalGeneration + MBart50Tokenizer (``vi_VN``/``en_XX`` language tokens)."""
    from transformers import MBart50Tokenizer, MBartConfig, MBartForConditionalGeneration

    vocab = [(token, 0.0) for token in SPECIALS_FAIRSEQ] + _pieces(train_sentencepiece("unigram"))
    tokenizer = MBart50Tokenizer(vocab=vocab, src_lang="vi_VN", tgt_lang="en_XX")
    tokenizer.save_pretrained(out)
    config = MBartConfig(vocab_size=_vocab_size(tokenizer), **_bart_like_sizes(), **_fairseq_ids())
    _save_model(MBartForConditionalGeneration, config, out)
    return out


# name -> (builder, models.yaml settings besides path); mirrors the real entries of models.yaml.
TINY_MODELS: dict[str, tuple[Callable[[Path], Path], dict[str, object]]] = {
    "tiny-t5": (build_t5, {"family": "t5", "input_prefix": "vi: ", "output_prefix": "en: "}),
    "tiny-marian": (build_marian, {"family": "marian"}),
    "tiny-nllb": (build_nllb, {"family": "nllb", "src_lang": "vie_Latn", "tgt_lang": "eng_Latn"}),
    "tiny-m2m100": (build_m2m100, {"family": "m2m100", "src_lang": "vi", "tgt_lang": "en"}),
    "tiny-mbart50": (build_mbart50, {"family": "mbart50", "src_lang": "vi_VN", "tgt_lang": "en_XX"}),
}


def build_tiny_models(root: Path) -> dict[str, Path]:
    """Build every tiny model under ``root`` (one folder each); returns name -> folder."""
    return {name: builder(root / name) for name, (builder, _) in TINY_MODELS.items()}


def write_tiny_config(root: Path, *, max_new_tokens: int = 8, num_beams: int = 2) -> Path:
    """Build the tiny models and a models.yaml (relative ``path:`` entries) beside them; returns its path."""
    import yaml

    folders = build_tiny_models(root)
    models = {}
    for name, (_, settings) in TINY_MODELS.items():
        models[name] = {
            "path": folders[name].name,
            **settings,
            "max_input_tokens": MAX_INPUT_TOKENS,
            "output_ratio": 0,  # keep max_new_tokens a fixed small cap: random weights rarely stop early
            "licence": "test-only (random weights)",
            "generation": {"num_beams": num_beams, "max_new_tokens": max_new_tokens},
        }
    config = root / "models.yaml"
    config.write_text(
        yaml.safe_dump({"default": "tiny-t5", "models": models}, sort_keys=False), encoding="utf-8"
    )
    return config


@pytest.fixture(scope="session")
def tiny_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a models.yaml with one tiny model per family (default ``tiny-t5``), built once."""
    return write_tiny_config(tmp_path_factory.mktemp("tiny-models"))
