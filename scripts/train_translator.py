"""Train vnsumm's own small Vietnamese -> English model (MarianMT) from ../shared/data/parallel.

One command, seeded and deterministic, resumable from its last checkpoint::

    .venv/bin/python scripts/train_translator.py --out runs/vnsumm-mini          # train (or resume)
    .venv/bin/python scripts/train_translator.py --out runs/vnsumm-mini --export src/vnsumm/models/vnsumm-mini
    # a fine-tune of an exported model on one corpus, cooled down to a learning rate of zero
    .venv/bin/python scripts/train_translator.py --out runs/news --init-from MODEL --corpus evbnews \
        --schedule linear --lr 3e-4 --warmup 200 --passes 2

What it does, and why:

- one shared sentencepiece unigram vocabulary for both languages (names and numbers are copied, so the
  same pieces on both sides help), digits split one by one (``split_digits``) so that every number is
  spelled out digit by digit and a model copies it rather than memorising whole numbers;
- a MarianMT encoder-decoder (transformers loads it with ``from_pretrained``; tied embeddings), trained with
  label smoothing, dropout and an inverse-square-root schedule with warm-up; a fine-tune (``--init-from``)
  may keep to one corpus (``--corpus``) and end with a learning rate decayed linearly to zero, and its card
  tells both stages;
- batches of sentences of similar length up to a token budget; the order of batches in each pass is drawn
  from ``--seed`` and the pass number, so a resumed run sees exactly the batches an uninterrupted one would;
- a checkpoint after every ``--save-every`` updates and at the end of every pass (model, optimiser,
  schedule, random state, position); the last ``--keep`` are kept and averaged at export (checkpoint
  averaging); the log (``train.log``, JSON lines) records loss and dev BLEU/chrF (sacrebleu) per pass.

Data never enters the repository: it is read from ``--data`` (default ``../shared/data/parallel``).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "parallel"
SPECIAL_TOKENS = ["</s>", "<unk>", "<pad>"]  # ids 0, 1, 2 as in OPUS-MT vocabularies


@dataclass(frozen=True)
class ModelShape:
    """The architecture; the default is sized to train in a few CPU hours (about 9M parameters)."""

    vocab_size: int = 8000
    d_model: int = 256
    ffn_dim: int = 1024
    heads: int = 4
    encoder_layers: int = 4
    decoder_layers: int = 3
    dropout: float = 0.1
    attention_dropout: float = 0.0
    activation_dropout: float = 0.0
    max_positions: int = 512


@dataclass(frozen=True)
class TrainSettings:
    seed: int = 20240611
    passes: int = 12
    max_tokens: int = 4000  # source + target tokens per batch (before padding)
    lr: float = 1e-3
    warmup: int = 600
    label_smoothing: float = 0.1
    clip_norm: float = 1.0
    save_every: int = 250
    keep: int = 5
    dev_size: int = 300  # dev sentences per corpus scored (greedy) after every pass
    threads: int = 0  # 0: all cores
    max_len: int = 200  # pairs longer than this many tokens on a side are left out of training
    corpora: tuple[str, ...] = ()  # train on these corpora only (empty: all), e.g. a news-only fine-tune
    schedule: str = "inverse-sqrt"  # a key of LR_SCHEDULES
    precision: str = "fp32"  # a key of PRECISIONS
    dev_every: int = 1  # score dev (greedy) after every this many passes (and after the last)
    time_limit: float = 0  # seconds; 0: none. Training stops at the end of the pass that would overrun it


@dataclass
class Position:
    """Where training stands: pass number, batch index inside it, updates so far."""

    epoch: int = 0
    batch: int = 0
    step: int = 0
    history: list[dict] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------- data


def read_pairs(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def train_vocabulary(pairs: Sequence[dict], out: Path, shape: ModelShape, seed: int) -> Path:
    """A shared unigram sentencepiece model over both sides of the training pairs (written once)."""
    import sentencepiece as spm

    model_path = out / "spm.model"
    if model_path.is_file():
        return model_path
    spm.set_random_generator_seed(seed)
    lines = [p["vi"] for p in pairs] + [p["en"] for p in pairs]
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=shape.vocab_size - len(SPECIAL_TOKENS) + 1,  # sentencepiece's own <unk> is dropped
        model_type="unigram",
        character_coverage=0.9995,
        split_digits=True,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,  # deterministic
        input_sentence_size=0,
        minloglevel=2,
    )
    model_path.write_bytes(buffer.getvalue())
    return model_path


def build_tokenizer(spm_path: Path, folder: Path):
    """A MarianTokenizer whose source and target share ``spm_path``; saved into ``folder``."""
    import sentencepiece as spm
    from transformers import MarianTokenizer

    processor = spm.SentencePieceProcessor(model_file=str(spm_path))
    pieces = [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_unknown(i) or processor.is_control(i))
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(spm_path, folder / name)
    vocab = {token: i for i, token in enumerate(SPECIAL_TOKENS + pieces)}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        str(folder / "source.spm"),
        str(folder / "target.spm"),
        str(folder / "vocab.json"),
        model_max_length=512,
    )
    tokenizer.save_pretrained(folder)
    return tokenizer


def encode_pairs(tokenizer, pairs: Sequence[dict], max_len: int) -> list[tuple[list[int], list[int]]]:
    sources = tokenizer([p["vi"] for p in pairs])["input_ids"]
    targets = tokenizer(text_target=[p["en"] for p in pairs])["input_ids"]
    return [(s, t) for s, t in zip(sources, targets) if len(s) <= max_len and len(t) <= max_len]


def make_batches(lengths: Sequence[tuple[int, int]], max_tokens: int) -> list[list[int]]:
    """Indices grouped by length (source, then target) into batches of at most ``max_tokens`` padded
    tokens; fixed for the data, so only their order varies between passes."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i][0], lengths[i][1], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        longest_if_added = max(longest, lengths[i][0] + lengths[i][1])
        if current and longest_if_added * (len(current) + 1) > max_tokens:
            batches.append(current)
            current, longest_if_added = [], lengths[i][0] + lengths[i][1]
        current.append(i)
        longest = longest_if_added
    if current:
        batches.append(current)
    return batches


def batch_order(n_batches: int, seed: int, epoch: int) -> list[int]:
    order = list(range(n_batches))
    random.Random(seed * 1000 + epoch).shuffle(order)
    return order


def collate(examples: Sequence[tuple[list[int], list[int]]], pad_id: int, decoder_start: int):
    import torch

    src_len = max(len(s) for s, _ in examples)
    tgt_len = max(len(t) for _, t in examples)
    input_ids = torch.full((len(examples), src_len), pad_id, dtype=torch.long)
    attention = torch.zeros((len(examples), src_len), dtype=torch.long)
    labels = torch.full((len(examples), tgt_len), -100, dtype=torch.long)
    decoder_in = torch.full((len(examples), tgt_len), pad_id, dtype=torch.long)
    for row, (source, target) in enumerate(examples):
        input_ids[row, : len(source)] = torch.tensor(source)
        attention[row, : len(source)] = 1
        labels[row, : len(target)] = torch.tensor(target)
        decoder_in[row, 0] = decoder_start
        decoder_in[row, 1 : len(target)] = torch.tensor(target[:-1])
    return input_ids, attention, decoder_in, labels


# ---------------------------------------------------------------------------------------------- model


def build_model(tokenizer, shape: ModelShape):
    from transformers import MarianConfig, MarianMTModel

    config = MarianConfig(
        vocab_size=len(tokenizer),
        decoder_vocab_size=len(tokenizer),
        d_model=shape.d_model,
        encoder_layers=shape.encoder_layers,
        decoder_layers=shape.decoder_layers,
        encoder_attention_heads=shape.heads,
        decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn_dim,
        decoder_ffn_dim=shape.ffn_dim,
        dropout=shape.dropout,
        attention_dropout=shape.attention_dropout,
        activation_dropout=shape.activation_dropout,
        activation_function="swish",
        max_position_embeddings=shape.max_positions,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        bad_words_ids=[[tokenizer.pad_token_id]],
        num_beams=4,
        max_length=256,
    )
    return MarianMTModel(config)


def _inverse_sqrt(step: int, warmup: int, total: int) -> float:
    return min(step / warmup, math.sqrt(warmup / step))


def _linear_decay(step: int, warmup: int, total: int) -> float:
    return min(step / warmup, max(total - step, 0) / max(total - warmup, 1))


class Schedule(NamedTuple):
    factor: Callable[[int, int, int], float]  # (update, warm-up updates, all updates) -> share of the peak
    words: str  # for the model card


# Learning-rate shapes, chosen with --schedule.
LR_SCHEDULES = {
    # The Transformer schedule: linear warm-up, then 1/sqrt(update); for training from scratch.
    "inverse-sqrt": Schedule(_inverse_sqrt, "inverse square root"),
    # Linear warm-up, then linearly down to zero at the last update: a fine-tune that ends cooled down.
    "linear": Schedule(_linear_decay, "linear decay to zero"),
}


# Arithmetic of the forward and backward passes, chosen with --precision. Weights, optimiser state and
# the exported model do not change: bf16 only runs the matrix products in bfloat16 (autocast), which on a
# GPU is several times faster; on a CPU use fp32.
PRECISIONS = {"fp32": None, "bf16": "bfloat16"}


def autocast(device: str, precision: str):
    import contextlib

    import torch

    dtype = PRECISIONS[precision]
    if dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type=device.split(":")[0], dtype=getattr(torch, dtype))


def learning_rate(step: int, settings: TrainSettings, total_steps: int) -> float:
    return settings.lr * LR_SCHEDULES[settings.schedule].factor(max(step, 1), settings.warmup, total_steps)


# -------------------------------------------------------------------------------------------- scoring


def translate(
    model, tokenizer, sentences: Sequence[str], *, beams: int = 1, batch_size: int = 0
) -> list[str]:
    import torch

    model.eval()
    batch_size = batch_size or (64 if model.device.type == "cpu" else 256)
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    out = [""] * len(sentences)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encoded = tokenizer([sentences[i] for i in chunk], return_tensors="pt", padding=True)
            encoded = {key: value.to(model.device) for key, value in encoded.items()}
            budget = min(256, int(1.5 * encoded["input_ids"].shape[1]) + 10)  # as the engine's output_ratio
            generated = model.generate(**encoded, num_beams=beams, max_new_tokens=budget, do_sample=False)
            for i, text in zip(chunk, tokenizer.batch_decode(generated, skip_special_tokens=True)):
                out[i] = text
    return out


def dev_scores(model, tokenizer, dev: Sequence[dict], *, beams: int = 1) -> dict[str, dict[str, float]]:
    """sacreBLEU BLEU and chrF per dev corpus."""
    import sacrebleu

    scores = {}
    for corpus in sorted({p["corpus"] for p in dev}):
        rows = [p for p in dev if p["corpus"] == corpus]
        hyps = translate(model, tokenizer, [p["vi"] for p in rows], beams=beams)
        refs = [[p["en"] for p in rows]]
        scores[corpus] = {
            "bleu": round(sacrebleu.corpus_bleu(hyps, refs).score, 2),
            "chrf": round(sacrebleu.corpus_chrf(hyps, refs).score, 2),
            "n": len(rows),
        }
    return scores


def dev_subset(dev: Sequence[dict], per_corpus: int) -> list[dict]:
    """The first ``per_corpus`` pairs of each corpus (fixed, so passes are comparable)."""
    taken: dict[str, int] = {}
    subset = []
    for pair in dev:
        if taken.get(pair["corpus"], 0) < per_corpus:
            taken[pair["corpus"]] = taken.get(pair["corpus"], 0) + 1
            subset.append(pair)
    return subset


# ---------------------------------------------------------------------------------------- checkpoints


def resolved_device(device: str) -> str:
    """``auto`` becomes CUDA where a GPU is present, else the CPU."""
    import torch

    return ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device


def hardware(device: str) -> str:
    """What trained the model, for the card: the GPU's name, or the CPU threads used."""
    import torch

    if device.startswith("cuda"):
        return torch.cuda.get_device_name(torch.device(device))
    return f"CPU, {torch.get_num_threads()} threads"


def _checkpoint_step(path: Path) -> int:
    return int(path.stem.split("-")[1])


def checkpoint_paths(out: Path) -> list[Path]:
    return sorted(out.glob("ckpt-*.pt"), key=lambda p: int(p.stem.split("-")[1]))


def save_checkpoint(out: Path, model, optimiser, position: Position, keep: int) -> None:
    import torch

    state = {
        "model": model.state_dict(),
        "optimiser": optimiser.state_dict(),
        "position": asdict(position),
        "torch_rng": torch.get_rng_state(),
        "python_rng": random.getstate(),
    }
    path = out / f"ckpt-{position.step:07d}.pt"
    partial = path.with_suffix(".pt.partial")
    torch.save(state, partial)
    os.replace(partial, path)  # a crash never leaves a torn checkpoint
    for old in checkpoint_paths(out)[:-keep]:
        old.unlink()


def restore(out: Path, model, optimiser) -> Position:
    import torch

    paths = checkpoint_paths(out)
    if not paths:
        return Position()
    state = torch.load(paths[-1], weights_only=False, map_location="cpu")
    model.load_state_dict(state["model"])
    optimiser.load_state_dict(state["optimiser"])
    torch.set_rng_state(state["torch_rng"])
    random.setstate(state["python_rng"])
    print(f"resumed from {paths[-1].name}", file=sys.stderr)
    return Position(**state["position"])


def averaged_state(paths: Sequence[Path]) -> dict:
    """The element-wise mean of the model weights of ``paths`` (checkpoint averaging)."""
    import torch

    total: dict = {}
    for path in paths:
        weights = torch.load(path, weights_only=False, map_location="cpu")["model"]
        for name, tensor in weights.items():
            total[name] = total.get(name, 0) + tensor.double()
    return {name: (tensor / len(paths)).float() for name, tensor in total.items()}


# ------------------------------------------------------------------------------------------- training


def log(out: Path, record: dict) -> None:
    record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), **record}
    with (out / "train.log").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(json.dumps(record, ensure_ascii=False), file=sys.stderr, flush=True)


def setup(args: argparse.Namespace):
    import torch

    shape = ModelShape(
        vocab_size=args.vocab,
        d_model=args.d_model,
        ffn_dim=args.ffn,
        heads=args.heads,
        encoder_layers=args.encoder_layers,
        decoder_layers=args.decoder_layers,
        dropout=args.dropout,
        attention_dropout=args.attention_dropout,
        activation_dropout=args.activation_dropout,
    )
    settings = TrainSettings(
        seed=args.seed,
        passes=args.passes,
        max_tokens=args.max_tokens,
        lr=args.lr,
        warmup=args.warmup,
        label_smoothing=args.label_smoothing,
        save_every=args.save_every,
        keep=args.keep,
        dev_size=args.dev_size,
        threads=args.threads,
        corpora=tuple(args.corpus),
        schedule=args.schedule,
        precision=args.precision,
        dev_every=args.dev_every,
        time_limit=args.time_limit,
    )
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    recorded = out / "settings.json"
    current = {"shape": asdict(shape), "settings": asdict(settings), "limit": args.limit}
    current = json.loads(json.dumps(current))  # as read back from the file (tuples become lists)
    if recorded.is_file() and _fixed(json.loads(recorded.read_text())) != _fixed(current):
        raise SystemExit(f"{out} holds a run with other settings; use another --out")
    recorded.write_text(json.dumps(current, indent=2))
    torch.manual_seed(settings.seed)
    random.seed(settings.seed)
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # deterministic cuBLAS on CUDA
    args.device = resolved_device(args.device)
    # On CUDA some kernels (attention's backward) have no deterministic version: warn, do not stop.
    torch.use_deterministic_algorithms(True, warn_only=args.device != "cpu")
    torch.set_num_threads(settings.threads or os.cpu_count() or 1)
    return shape, settings, out


# Settings a resumed run may change: how long to train, how often to score, how many CPU threads to use.
RESUMABLE_CHANGES = ("passes", "threads", "time_limit", "dev_every")


def recorded_run(out: Path) -> tuple[ModelShape, TrainSettings, Path]:
    """The shape and settings a run was trained with, as its ``settings.json`` holds them (an export
    needs no training flags repeated)."""
    recorded = out / "settings.json"
    if not recorded.is_file():
        raise SystemExit(f"{out} holds no training run (no settings.json)")
    run = json.loads(recorded.read_text(encoding="utf-8"))
    settings = {**asdict(TrainSettings()), **run["settings"]}
    settings["corpora"] = tuple(settings["corpora"])
    return ModelShape(**{**asdict(ModelShape()), **run["shape"]}), TrainSettings(**settings), out


def _fixed(recorded: dict) -> dict:
    """The part of a run's settings that must not change when it is resumed."""
    defaults = json.loads(json.dumps(asdict(TrainSettings())))  # settings added since the run began
    settings = {**defaults, **recorded["settings"]}
    settings = {k: v for k, v in settings.items() if k not in RESUMABLE_CHANGES}
    return {**recorded, "settings": settings}


def warm_start(model, folder: Path) -> None:
    """Start from the weights of an exported model (e.g. the shipped one) instead of random ones, so that
    training can go on where an earlier run ended even without its checkpoints."""
    from transformers import MarianMTModel

    weights = MarianMTModel.from_pretrained(folder).float().state_dict()
    try:
        model.load_state_dict(weights)
    except RuntimeError as exc:
        raise SystemExit(f"--init-from {folder}: another architecture than this run's ({exc})") from None
    print(f"initialised from {folder}", file=sys.stderr)


def train(args: argparse.Namespace) -> None:
    import torch
    from tqdm import tqdm

    shape, settings, out = setup(args)
    pairs = read_pairs(args.data / "train.jsonl.gz")
    dev = read_pairs(args.data / "dev.jsonl.gz")
    if settings.corpora:
        pairs = [p for p in pairs if p["corpus"] in settings.corpora]
    if args.limit:
        pairs, dev = pairs[: args.limit], dev_subset(dev, max(2, args.limit // 20))
    fresh = not checkpoint_paths(out)
    if fresh and args.init_from:
        shutil.copyfile(args.init_from / "source.spm", out / "spm.model")  # keep the model's vocabulary
        if (args.init_from / "training.json").is_file():  # how the starting weights were made, for the card
            shutil.copyfile(args.init_from / "training.json", out / "base.json")
    tokenizer = build_tokenizer(train_vocabulary(pairs, out, shape, settings.seed), out / "tokenizer")
    examples = encode_pairs(tokenizer, pairs, settings.max_len)
    batches = make_batches([(len(s), len(t)) for s, t in examples], settings.max_tokens)
    model = build_model(tokenizer, shape)
    if fresh and args.init_from:
        warm_start(model, args.init_from)
    model.to(args.device)
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=settings.lr, betas=(0.9, 0.98), eps=1e-9, weight_decay=0
    )
    position = restore(out, model, optimiser)
    scored_dev = dev_subset(dev, settings.dev_size)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=settings.label_smoothing)
    n_params = sum(p.numel() for p in model.parameters())
    if position.step == 0:
        start = {"pairs": len(examples), "batches": len(batches), "parameters": n_params}
        log(out, {"event": "start", **start, "hardware": hardware(args.device)})
    session_started, last_pass_seconds = time.monotonic(), 0.0
    while position.epoch < settings.passes:
        overrun = time.monotonic() - session_started + last_pass_seconds > settings.time_limit
        if settings.time_limit and last_pass_seconds and overrun:  # at least one pass each session
            log(out, {"event": "time limit", "step": position.step, "passes": position.epoch})
            break
        order = batch_order(len(batches), settings.seed, position.epoch)
        bar = tqdm(
            total=len(order), initial=position.batch, desc=f"pass {position.epoch + 1}", file=sys.stderr
        )
        running, tokens, started = 0.0, 0, time.monotonic()
        model.train()
        while position.batch < len(order):
            batch = [examples[i] for i in batches[order[position.batch]]]
            input_ids, attention, decoder_in, labels = (
                tensor.to(args.device)
                for tensor in collate(batch, tokenizer.pad_token_id, model.config.decoder_start_token_id)
            )
            for group in optimiser.param_groups:
                group["lr"] = learning_rate(position.step + 1, settings, settings.passes * len(batches))
            with autocast(args.device, settings.precision):
                logits = model(
                    input_ids=input_ids, attention_mask=attention, decoder_input_ids=decoder_in
                ).logits
                loss = loss_fn(logits.view(-1, logits.size(-1)).float(), labels.view(-1))
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), settings.clip_norm)
            optimiser.step()
            position.batch += 1
            position.step += 1
            n_target = int((labels != -100).sum())
            running, tokens = running + float(loss.detach()) * n_target, tokens + n_target
            bar.update(1)
            bar.set_postfix(
                loss=f"{running / max(tokens, 1):.3f}", tok_s=f"{tokens / (time.monotonic() - started):.0f}"
            )
            if position.step % settings.save_every == 0 and position.batch < len(order):
                save_checkpoint(out, model, optimiser, position, settings.keep)
        bar.close()
        elapsed = time.monotonic() - started
        final_pass = position.epoch + 1 == settings.passes
        scored = final_pass or (position.epoch + 1) % settings.dev_every == 0
        scores = dev_scores(model, tokenizer, scored_dev) if scored else {}
        # the last pass, not the longest, predicts the next: a GPU's first pass is several times slower
        last_pass_seconds = time.monotonic() - started
        record = {
            "event": "pass",
            "pass": position.epoch + 1,
            "step": position.step,
            "loss": round(running / max(tokens, 1), 4),
            "target_tokens_per_s": round(tokens / max(elapsed, 1e-9)),
            "seconds": round(elapsed),
            "dev_greedy": scores,
        }
        position.history.append(record)
        log(out, record)
        position.epoch += 1
        position.batch = 0
        save_checkpoint(out, model, optimiser, position, settings.keep)
    log(out, {"event": "done", "step": position.step})


def export(args: argparse.Namespace) -> None:
    """Write a model folder (tokenizer + averaged weights, float16 safetensors) to ``--export``."""
    import torch

    shape, settings, out = recorded_run(args.out)
    args.device = resolved_device(args.device)
    tokenizer = build_tokenizer(out / "spm.model", out / "tokenizer")
    model = build_model(tokenizer, shape)
    upto = args.upto if args.upto is not None else float("inf")
    paths = [p for p in checkpoint_paths(out) if _checkpoint_step(p) <= upto][-args.average :]
    if not paths:
        raise SystemExit(f"no checkpoints in {out}")
    model.load_state_dict(averaged_state(paths))
    model.eval()
    if args.compare:
        dev = dev_subset(read_pairs(args.data / "dev.jsonl.gz"), settings.dev_size)
        last = build_model(tokenizer, shape)
        last.load_state_dict(averaged_state(paths[-1:]))
        log(
            out,
            {
                "event": "average",
                "checkpoints": [p.name for p in paths],
                "averaged": dev_scores(model, tokenizer, dev),
                "last": dev_scores(last, tokenizer, dev),
            },
        )
    if args.score:
        dev = dev_subset(read_pairs(args.data / "dev.jsonl.gz"), args.score)
        scores = dev_scores(model.to(args.device), tokenizer, dev, beams=4)
        record = {"checkpoints": [p.name for p in paths], "folder": str(args.export), "beam4": scores}
        log(out, {"event": "export scores", **record})
        model.cpu()
    target: Path = args.export
    if target.exists():
        shutil.rmtree(target)
    model.to(torch.float16).save_pretrained(target, safe_serialization=True)
    tokenizer.save_pretrained(target)
    for name in ("source.spm", "target.spm", "vocab.json"):
        shutil.copyfile(out / "tokenizer" / name, target / name)
    history = [json.loads(line) for line in (out / "train.log").read_text(encoding="utf-8").splitlines()]
    updates = _checkpoint_step(paths[-1])
    passes = [r for r in history if r.get("event") == "pass" and r["step"] <= updates]  # done by that update
    provenance = {
        "checkpoints_averaged": [p.name for p in paths],
        "passes": len(passes),
        "updates": updates,
        "shape": asdict(shape),
        "settings": asdict(settings),
        "dev_greedy_by_pass": [{"pass": r["pass"], **r["dev_greedy"]} for r in passes if r["dev_greedy"]],
        "hardware": next((r.get("hardware") for r in history if r.get("event") == "start"), None),
        "averaging_measured": next((r for r in reversed(history) if r.get("event") == "average"), None),
        "versions": _versions(),
    }
    if (out / "base.json").is_file():  # a fine-tune: the card tells both stages
        provenance["base"] = json.loads((out / "base.json").read_text(encoding="utf-8"))
    (target / "training.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    benchmark = json.loads(args.card_scores.read_text(encoding="utf-8")) if args.card_scores else None
    (target / "README.md").write_text(model_card(provenance, benchmark), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)


def _versions() -> dict[str, str]:
    import sentencepiece
    import torch
    import transformers

    return {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "sentencepiece": sentencepiece.__version__,
    }


def _scores(by_corpus: dict) -> str:
    return ", ".join(f"{name} BLEU {v['bleu']} chrF {v['chrf']}" for name, v in by_corpus.items())


def _averaging(provenance: dict) -> str:
    count = len(provenance["checkpoints_averaged"])
    if count == 1:
        return f"the weights are those of the last checkpoint ({provenance['checkpoints_averaged'][0]})"
    return f"the weights are the average of the last {count} checkpoints"


def _stage(provenance: dict) -> str:
    settings, shape = provenance["settings"], provenance["shape"]
    data = (
        " and ".join(settings.get("corpora") or ()) + " pairs only"
        if settings.get("corpora")
        else "all pairs"
    )
    schedule = LR_SCHEDULES[settings.get("schedule", "inverse-sqrt")].words
    return (
        f"{provenance['passes']} passes ({provenance['updates']} updates) on {data} with label smoothing "
        f"{settings['label_smoothing']}, dropout {_dropouts(shape)}, peak learning rate {settings['lr']} "
        f"({schedule}, {settings['warmup']} warm-up updates), "
        f"batches of about {settings['max_tokens']} tokens, seed {settings['seed']}"
        f"{_where(provenance)}; {_averaging(provenance)}"
    )


def _dropouts(shape: dict) -> str:
    extra = [
        f"{shape[key]} on {words}"
        for key, words in (("attention_dropout", "attention"), ("activation_dropout", "activations"))
        if shape.get(key)
    ]
    return f"{shape['dropout']}" + (f" ({', '.join(extra)})" if extra else "")


def _where(provenance: dict) -> str:
    settings, hardware = provenance["settings"], provenance.get("hardware")
    if not hardware:  # runs from before the hardware was logged trained on these CPUs
        return ""
    arithmetic = " in bfloat16 autocast" if settings.get("precision") == "bf16" else ""
    return f", on {hardware}{arithmetic}"


def _training_stages(provenance: dict) -> list[str]:
    """One line per stage: a fine-tune names the run its starting weights came from first."""
    if "base" not in provenance:
        return [f"- Trained {_stage(provenance)}."]
    return [*_training_stages(provenance["base"]), f"- Then fine-tuned {_stage(provenance)}."]


def _greedy_history(provenance: dict) -> list[str]:
    base = _greedy_history(provenance["base"]) if "base" in provenance else []
    stage = "fine-tune pass" if base else "pass"
    return base + [
        f"- {stage} {row['pass']}: {_scores({k: v for k, v in row.items() if k != 'pass'})}"
        for row in provenance["dev_greedy_by_pass"]
    ]


def model_card(provenance: dict, benchmark: dict | None) -> str:
    """The model card: what the model is, what it saw, what that means for users, how well it does."""
    shape = provenance["shape"]
    lines = [
        "# vnsumm-mini: a small Vietnamese -> English translation model",
        "",
        "vnsumm's own offline model, trained from scratch on this project's machines with",
        "`scripts/train_translator.py`. It exists so that vnsumm translates with no network at all;",
        "its English is rough. For good English use a large model (`vnsumm models pull envit5`).",
        "",
        "## Model",
        f"- MarianMT encoder-decoder: {shape['encoder_layers']} + {shape['decoder_layers']} layers, "
        f"d_model {shape['d_model']}, FFN {shape['ffn_dim']}, {shape['heads']} heads, tied embeddings; "
        "float16 safetensors (run in float32 on a CPU).",
        f"- One shared sentencepiece unigram vocabulary of {shape['vocab_size']} pieces for both languages, "
        "digits split one by one so that numbers are copied digit by digit.",
        *_training_stages(provenance),
        "",
        "## Training data and what it means for you",
        "55,014 sentence pairs (`../shared/data/parallel/train.jsonl.gz` of the vnsumm project):",
        "- EVBNews (EVBCorpus, about 42k news pairs): no licence stated by its author; research use.",
        "- TED talks, IWSLT'15 dev sets (about 3.5k pairs): CC BY-NC-ND 3.0 (non-commercial).",
        "- Tatoeba via manythings.org (about 9.4k pairs): CC BY 2.0 FR.",
        "",
        "Use this model for research and non-commercial work only; ask the EVBCorpus author before any",
        "commercial use. No sentence of the dev or held-out test sets is in the training data.",
        "",
        "## Scores",
    ]
    if benchmark:
        lines += [
            "Measured with `python benchmarks/translation.py` "
            f"(beam {benchmark['generation'].get('num_beams')}):",
            "",
            "| dev set | pairs | BLEU | chrF | source numbers surviving in the raw output |",
            "|---|---|---|---|---|",
        ]
        for row in benchmark["corpora"].values():
            numbers = row["numbers_model"]
            lines.append(
                f"| {row['name']} | {row['pairs']} | {row['bleu']:.2f} | {row['chrf']:.2f} | "
                f"{numbers['survived']:.3f} of {numbers['mentions']} |"
            )
        lines += ["", f"sacreBLEU: `{next(iter(benchmark['corpora'].values()))['bleu_signature']}`", ""]
    dev_size = provenance["settings"].get("dev_size", TrainSettings.dev_size)
    measured = provenance.get("averaging_measured")
    if measured:
        lines += [
            f"Checkpoint averaging, measured (greedy, first {dev_size} dev pairs of each corpus) on "
            f"{measured['checkpoints'][0]} to {measured['checkpoints'][-1]}: the average of "
            f"{len(measured['checkpoints'])} checkpoints scored {_scores(measured['averaged'])}; the last "
            f"checkpoint alone {_scores(measured['last'])}.",
            "",
        ]
    lines += [f"Greedy dev scores after each pass (first {dev_size} pairs of each dev corpus):", ""]
    lines += _greedy_history(provenance)
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    shape, settings = ModelShape(), TrainSettings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="run folder (checkpoints, log, vocabulary)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with train/dev.jsonl.gz")
    parser.add_argument(
        "--limit", type=int, default=0, help="use only the first N training pairs (smoke runs)"
    )
    parser.add_argument("--export", type=Path, help="write the averaged model to this folder and stop")
    parser.add_argument("--average", type=int, default=settings.keep, help="checkpoints averaged at export")
    parser.add_argument(
        "--upto", type=int, help="export: the checkpoints up to this update only (e.g. the end of a pass)"
    )
    parser.add_argument("--compare", action="store_true", help="at export, score averaged vs last on dev")
    parser.add_argument(
        "--score", type=int, default=0, help="at export, score the model (beam 4) on the first N dev pairs"
    )
    parser.add_argument(
        "--card-scores", type=Path, help="benchmarks/translation.py --json output for the card"
    )
    parser.add_argument("--seed", type=int, default=settings.seed)
    parser.add_argument("--passes", type=int, default=settings.passes)
    parser.add_argument("--max-tokens", type=int, default=settings.max_tokens)
    parser.add_argument("--lr", type=float, default=settings.lr)
    parser.add_argument("--warmup", type=int, default=settings.warmup)
    parser.add_argument("--schedule", choices=sorted(LR_SCHEDULES), default=settings.schedule)
    parser.add_argument(
        "--corpus",
        action="append",
        default=[],
        help="train on this corpus of train.jsonl.gz only (repeatable; default: all), e.g. evbnews",
    )
    parser.add_argument("--label-smoothing", type=float, default=settings.label_smoothing)
    parser.add_argument("--save-every", type=int, default=settings.save_every)
    parser.add_argument("--keep", type=int, default=settings.keep)
    parser.add_argument("--dev-size", type=int, default=settings.dev_size)
    parser.add_argument("--threads", type=int, default=settings.threads, help="CPU threads (0: all cores)")
    parser.add_argument("--device", default="cpu", help="cpu, cuda or auto (CUDA when present)")
    parser.add_argument("--init-from", type=Path, help="start a new run from an exported model's weights")
    parser.add_argument("--vocab", type=int, default=shape.vocab_size)
    parser.add_argument("--d-model", type=int, default=shape.d_model)
    parser.add_argument("--ffn", type=int, default=shape.ffn_dim)
    parser.add_argument("--heads", type=int, default=shape.heads)
    parser.add_argument("--encoder-layers", type=int, default=shape.encoder_layers)
    parser.add_argument("--decoder-layers", type=int, default=shape.decoder_layers)
    parser.add_argument("--dropout", type=float, default=shape.dropout)
    parser.add_argument("--attention-dropout", type=float, default=shape.attention_dropout)
    parser.add_argument("--activation-dropout", type=float, default=shape.activation_dropout)
    parser.add_argument(
        "--precision", choices=sorted(PRECISIONS), default=settings.precision, help="bf16: on a GPU"
    )
    parser.add_argument("--dev-every", type=int, default=settings.dev_every, help="score dev every N passes")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=settings.time_limit,
        help="seconds: stop at the end of the pass that would overrun them (a resumed run goes on)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if not (args.data / "train.jsonl.gz").is_file():
        raise SystemExit(f"no training data at {args.data} (expected train.jsonl.gz and dev.jsonl.gz)")
    if args.export:
        export(args)
    else:
        train(args)


if __name__ == "__main__":
    main()
