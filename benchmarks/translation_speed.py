"""Translation speed: transformers against CTranslate2 on models of the real sizes, side by side.

No real weights can be downloaded here, so each model is built with random weights from the real
configuration (envit5: T5-base, gated-gelu, vocabulary 50,048; opus-mt-vi-en: Marian 6+6, d_model 512,
vocabulary 53,739), saved, and converted with vnsumm's own converter (:mod:`vnsumm.translate.ct2`). Inputs
are the sample article's sentences as token ids (one id per syllable, hashed, plus the T5 prompt and </s>:
the lengths of a real tokenizer's output, near enough). Every engine decodes with beam 4 and the same
forced number of output tokens per sentence (min = max), so that random weights cannot make one engine
stop early: the rows differ only in how fast the same work is done.

Rows: transformers one sentence per call (what underthesea.translate and most scripts do: the anchor),
transformers in vnsumm's length-sorted batches, CTranslate2 float32, int8_float32 and int8 in the same
batches, and int8 with two batches at once on one thread each. Each row runs in a fresh process, so its peak
memory (max RSS) is its own; load time, size on disk and thread settings are reported with it, and speed
as a ratio to the anchor of the same run (timings on a shared machine are noisy; ratios much less so).
Each row's output tokens are compared with transformers' (float32 CTranslate2 should match exactly; int8
differences are shown, not hidden).

    .venv/bin/python benchmarks/translation_speed.py --sentences 24 --json out.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, add_json_option, cpu_seconds, write_json

SAMPLE = ROOT / "samples" / "hanoi-hagiang-2024-06-11.vi.txt"
BEAMS = 4

# The real configurations (from the models' config.json), less what only training needs.
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "envit5": {
        "family": "t5",
        "config": {
            "vocab_size": 50048,
            "d_model": 768,
            "d_kv": 64,
            "d_ff": 3072,
            "num_layers": 12,
            "num_decoder_layers": 12,
            "num_heads": 12,
            "feed_forward_proj": "gated-gelu",
            "tie_word_embeddings": False,
            "pad_token_id": 0,
            "eos_token_id": 1,
            "decoder_start_token_id": 0,
        },
        "prompt_tokens": 3,  # "vi: "
    },
    "opus-mt": {
        "family": "marian",
        "config": {
            "vocab_size": 53739,
            "decoder_vocab_size": 53739,
            "d_model": 512,
            "encoder_layers": 6,
            "decoder_layers": 6,
            "encoder_attention_heads": 8,
            "decoder_attention_heads": 8,
            "encoder_ffn_dim": 2048,
            "decoder_ffn_dim": 2048,
            "activation_function": "swish",
            "max_position_embeddings": 512,
            "scale_embedding": True,
            "static_position_embeddings": True,
            "share_encoder_decoder_embeddings": True,
            "pad_token_id": 53738,
            "eos_token_id": 0,
            "decoder_start_token_id": 53738,
            "forced_eos_token_id": None,  # as vnsumm generates: no forced </s> at the length cap
        },
        "prompt_tokens": 0,
    },
}
# --tiny: the same code on toy sizes (the test suite's smoke test).
TINY_SIZES = {
    "envit5": {
        "vocab_size": 600,
        "d_model": 16,
        "d_kv": 8,
        "d_ff": 32,
        "num_layers": 1,
        "num_decoder_layers": 1,
    },
    "opus-mt": {
        "vocab_size": 600,
        "decoder_vocab_size": 600,
        "d_model": 16,
        "encoder_layers": 1,
        "decoder_layers": 1,
        "encoder_ffn_dim": 32,
        "decoder_ffn_dim": 32,
        "pad_token_id": 599,
        "decoder_start_token_id": 599,
    },
}


@dataclass(frozen=True)
class Row:
    name: str
    engine: str  # transformers | ctranslate2
    batch_size: int
    weights: str = "float32"  # the converted weights (CTranslate2) / torch dtype
    compute_type: str = "float32"
    inter_threads: int = 1
    intra_threads: int = 2


ROWS = (
    Row("transformers, one sentence per call (anchor)", "transformers", 1),
    Row("transformers, batches of 16", "transformers", 16),
    Row("CTranslate2 float32, batches of 16", "ctranslate2", 16),
    Row("CTranslate2 int8_float32, batches of 16", "ctranslate2", 16, "int8", "int8_float32"),
    Row("CTranslate2 int8, batches of 16", "ctranslate2", 16, "int8", "int8"),
    Row("CTranslate2 int8, batches of 16, 2 at once x 1 thread", "ctranslate2", 16, "int8", "int8", 2, 1),
)


class SyntheticTokenizer:
    """What CTranslate2's converter asks of a tokenizer, for a vocabulary of made-up tokens."""

    def __init__(self, size: int, pad: int, eos: int, unk: int) -> None:
        self.tokens = [f"t{i}" for i in range(size)]
        self.tokens[pad], self.tokens[eos], self.tokens[unk] = "<pad>", "</s>", "<unk>"
        self.pad_token, self.eos_token, self.unk_token, self.bos_token = "<pad>", "</s>", "<unk>", None

    def convert_ids_to_tokens(self, ids: Any) -> Any:
        return self.tokens[ids] if isinstance(ids, int) else [self.tokens[i] for i in ids]


def sentence_ids(count: int | None, vocab: int, eos: int, prompt: int) -> list[list[int]]:
    """The sample's sentences (document order, the first ``count``) as one hashed id per syllable."""
    from vnsumm.segment import segment
    from vnsumm.textio import read_text

    sentences = [s.text for s in segment(read_text(SAMPLE)).sentences][:count]
    low = 3
    return [
        [low + i for i in range(prompt)]
        + [low + zlib.crc32(word.encode()) % (vocab - low - 1) for word in text.split()]
        + [eos]
        for text in sentences
    ]


def build(arch: str, folder: Path, tiny: bool) -> dict[str, Any]:
    """Random-weight model of ``arch`` saved under ``folder/hf``, converted to ``folder/ct2-<weights>``."""
    import torch
    from transformers import MarianConfig, MarianMTModel, T5Config, T5ForConditionalGeneration

    from vnsumm.config import ModelSpec
    from vnsumm.translate import ct2

    info = ARCHITECTURES[arch]
    settings = {**info["config"], **(TINY_SIZES[arch] if tiny else {})}
    config_cls, model_cls = (
        (T5Config, T5ForConditionalGeneration) if info["family"] == "t5" else (MarianConfig, MarianMTModel)
    )
    meta = {"vocab": settings["vocab_size"], "eos": settings["eos_token_id"], "prompt": info["prompt_tokens"]}
    weights = sorted({row.weights for row in ROWS if row.engine == "ctranslate2"})
    done = [folder / "hf" / "model.safetensors"] + [folder / f"ct2-{w}" / "vocabulary.json" for w in weights]
    if all(path.is_file() for path in done):  # built by an earlier run with --work
        return meta
    torch.manual_seed(0)
    model = model_cls(config_cls(**settings)).eval()
    model.save_pretrained(folder / "hf")
    tokenizer = SyntheticTokenizer(
        settings["vocab_size"], settings["pad_token_id"], settings["eos_token_id"], 2
    )
    spec = ModelSpec(name=arch, family=info["family"], hub_id=None, path=folder / "hf", licence="-")
    for weight_type in weights:
        out = folder / f"ct2-{weight_type}"
        ct2._write_ct2(spec, model, tokenizer, out, weight_type)
        (out / "vocabulary.json").write_text(json.dumps(tokenizer.tokens))
    return meta


def run_row(row: Row, folder: Path, inputs: list[list[int]], new_tokens: int) -> dict[str, Any]:
    """Load the row's engine, translate every input, and report times, memory and the output ids."""
    from vnsumm.translate.split import plan_batches

    batches = plan_batches([len(ids) for ids in inputs], row.batch_size, 8)
    start = time.perf_counter()
    if row.engine == "transformers":
        translate, size = _transformers(row, folder, new_tokens)
    else:
        translate, size = _ctranslate2(row, folder, new_tokens)
    loaded = time.perf_counter()
    cpu_before = cpu_seconds()
    outputs = translate([[inputs[i] for i in batch] for batch in batches])
    done = time.perf_counter()
    cpu = cpu_seconds() - cpu_before
    by_input: list[list[int]] = [[] for _ in inputs]
    for batch, outs in zip(batches, outputs):
        for i, ids in zip(batch, outs):
            by_input[i] = ids
    return {
        "load_s": loaded - start,
        "translate_s": done - loaded,
        "cpu_s": cpu,  # user + system time of all threads: the work, less the waiting on a shared machine
        "peak_rss_mb": _peak_rss_mb(),
        "size_mb": size / 1e6,
        "outputs": by_input,
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh at exec; ru_maxrss would carry over
    the peak of the parent process that started the row."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _transformers(row: Row, folder: Path, new_tokens: int) -> tuple[Any, int]:
    import torch
    from transformers import AutoModelForSeq2SeqLM

    from vnsumm.translate.ct2 import folder_size

    torch.set_num_threads(row.intra_threads)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder / "hf").eval()
    pad = model.config.pad_token_id

    def translate(batches: list[list[list[int]]]) -> list[list[list[int]]]:
        results = []
        for batch in batches:
            width = -(-max(map(len, batch)) // 8) * 8
            ids = torch.full((len(batch), width), pad)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for r, seq in enumerate(batch):
                ids[r, : len(seq)], mask[r, : len(seq)] = torch.tensor(seq), 1
            with torch.inference_mode():
                out = model.generate(
                    input_ids=ids,
                    attention_mask=mask,
                    num_beams=BEAMS,
                    min_new_tokens=new_tokens,
                    max_new_tokens=new_tokens,
                    early_stopping=True,
                    do_sample=False,
                )
            results.append([seq[1:] for seq in out.tolist()])  # without the decoder start token
        return results

    return translate, folder_size(folder / "hf" / "model.safetensors")


def _ctranslate2(row: Row, folder: Path, new_tokens: int) -> tuple[Any, int]:
    import ctranslate2

    from vnsumm.translate.ct2 import folder_size

    path = folder / f"ct2-{row.weights}"
    translator = ctranslate2.Translator(
        str(path),
        device="cpu",
        compute_type=row.compute_type,
        inter_threads=row.inter_threads,
        intra_threads=row.intra_threads,
    )
    tokens = json.loads((path / "vocabulary.json").read_text())
    ids = {t: i for i, t in enumerate(tokens)}

    def translate(batches: list[list[list[int]]]) -> list[list[list[int]]]:
        handles = [
            translator.translate_batch(
                [[tokens[i] for i in seq] for seq in batch],
                beam_size=BEAMS,
                min_decoding_length=new_tokens,
                max_decoding_length=new_tokens,
                max_input_length=0,
                asynchronous=True,
            )
            for batch in batches
        ]
        return [[[ids[t] for t in h.result().hypotheses[0]] for h in handle] for handle in handles]

    size = sum(folder_size(path / name) for name in os.listdir(path) if name != "vocabulary.json")
    return translate, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, help="only the first N sentences of the sample")
    parser.add_argument("--new-tokens", type=int, default=48, help="forced output tokens per sentence")
    parser.add_argument("--arch", choices=tuple(ARCHITECTURES), action="append", help="default: both")
    parser.add_argument("--rows", help="comma-separated row numbers to run (default: all)")
    parser.add_argument("--work", type=Path, help="folder for the built models (default: a temporary one)")
    add_json_option(parser)
    parser.add_argument("--tiny", action="store_true", help="toy model sizes (the test suite's smoke test)")
    parser.add_argument("--in-process", action="store_true", help="rows in this process (memory not per row)")
    parser.add_argument(
        "--threads", type=int, help="threads per batch for every row (default: 2, the 2x1 row 1)"
    )
    parser.add_argument("--row", nargs=3, metavar=("ARCH", "ROW", "INPUTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.row:  # a child process: one row, result as JSON on stdout
        arch, index, inputs = args.row
        result = run_row(
            _threaded(ROWS[int(index)], args.threads),
            args.work / arch,
            json.loads(Path(inputs).read_text()),
            args.new_tokens,
        )
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="vnsumm-speed-") as scratch:
        work = args.work or Path(scratch)
        rows = [int(i) for i in args.rows.split(",")] if args.rows else list(range(len(ROWS)))
        report = {
            "sentences": args.sentences,
            "new_tokens_per_sentence": args.new_tokens,
            "beams": BEAMS,
            "cpu_count": os.cpu_count(),
            "tiny": args.tiny,
            "architectures": {},
        }
        for arch in args.arch or list(reversed(ARCHITECTURES)):  # the smaller model first
            report["architectures"][arch] = bench_arch(arch, work, rows, args)
            # after each architecture, so that a long run keeps what it measured
            write_json(args.json, report, __file__, args, ("transformers", "ctranslate2"))
    print_table(report)
    return 0


def bench_arch(arch: str, work: Path, rows: list[int], args: argparse.Namespace) -> dict[str, Any]:
    folder = work / arch
    folder.mkdir(parents=True, exist_ok=True)
    meta = build(arch, folder, args.tiny)
    inputs = sentence_ids(args.sentences, meta["vocab"], meta["eos"], meta["prompt"])
    (folder / "inputs.json").write_text(json.dumps(inputs))
    results = []
    for index in rows:
        row = _threaded(ROWS[index], args.threads)
        if args.in_process:
            result = run_row(row, folder, inputs, args.new_tokens)
        else:
            command = [sys.executable, __file__, "--work", str(work), "--new-tokens", str(args.new_tokens)]
            command += ["--threads", str(args.threads)] if args.threads else []
            command += ["--row", arch, str(index), str(folder / "inputs.json")]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append({"row": dataclasses.asdict(row), **result})
        print(f"{arch}: {row.name}: {result['translate_s']:.1f} s", file=sys.stderr, flush=True)
    anchor = results[0]
    output_tokens = sum(len(ids) for ids in anchor["outputs"])
    reference = next((r["outputs"] for r in results if r["row"]["engine"] == "transformers"), None)
    for result in results:
        result["sentences_per_s"] = len(inputs) / result["translate_s"]
        result["output_tokens_per_s"] = sum(len(ids) for ids in result["outputs"]) / result["translate_s"]
        result["x_anchor"] = anchor["translate_s"] / result["translate_s"]
        if reference is not None:
            result["same_tokens_as_transformers"] = sum(a == b for a, b in zip(result["outputs"], reference))
        del result["outputs"]
    return {
        "input_tokens": sum(map(len, inputs)),
        "output_tokens": output_tokens,
        "sentences": len(inputs),
        "rows": results,
    }


def _threaded(row: Row, threads: int | None) -> Row:
    """``row`` with ``threads`` per batch (rows that run two batches at once keep one thread each)."""
    if threads is None or row.inter_threads > 1:
        return row
    return dataclasses.replace(row, intra_threads=threads)


def print_table(report: dict[str, Any]) -> None:
    for arch, data in report["architectures"].items():
        print(
            f"\n{arch}: {data['sentences']} sentences, {data['input_tokens']} input tokens, "
            f"{data['output_tokens']} forced output tokens, beam {report['beams']}"
        )
        print(
            "| engine | threads | time | x anchor | CPU time | sent/s | out tok/s | peak memory | load "
            "| size | same tokens |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in data["rows"]:
            row = r["row"]
            threads = f"{row['inter_threads']}x{row['intra_threads']}"
            same = f"{r.get('same_tokens_as_transformers', '-')}/{data['sentences']}"
            print(
                f"| {row['name']} | {threads} | {r['translate_s']:.1f} s | {r['x_anchor']:.1f} | "
                f"{r['cpu_s']:.1f} s | "
                f"{r['sentences_per_s']:.2f} | {r['output_tokens_per_s']:.0f} | {r['peak_rss_mb']:,.0f} MB | "
                f"{r['load_s']:.1f} s | {r['size_mb']:,.0f} MB | {same} |"
            )


if __name__ == "__main__":
    sys.exit(main())
