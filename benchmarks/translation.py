"""Translation benchmark: quality, number survival and speed of a models.yaml model on the parallel dev set.

For each dev corpus (IWSLT'15 tst2012 TED talks, EVBNews news-dev) it prints sacreBLEU BLEU and chrF (with
their signatures), the share of source digit mentions that survive into the raw model output by vnsumm's
own number check (on the dev sentences that have numbers; the human reference beside it as the ceiling),
and sentences per second on one core (one thread, length-sorted batches, the model's beam setting).

usage: python benchmarks/translation.py [--model vnsumm-mini] [--limit N] [--generation num_beams=6]
                                       [--json OUT]
       (skips with a message when ../shared is absent)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED, add_json_option, open_text, shared_file, write_json

from vnsumm.config import load_config
from vnsumm.numbers import check
from vnsumm.numbers.match import status_passes
from vnsumm.translate import Translator

DEV = SHARED / "data" / "parallel" / "dev.jsonl.gz"
CORPUS_NAMES = {"iwslt15": "TED (IWSLT'15 tst2012)", "evbnews": "news (EVBNews news-dev)"}
SPEED_SENTENCES = 200


def read_dev(path: Path, limit: int) -> dict[str, list[dict]]:
    """The dev pairs by corpus, the first ``limit`` of each (0: all)."""
    by_corpus: dict[str, list[dict]] = {}
    with open_text(path) as handle:
        for line in handle:
            pair = json.loads(line)
            rows = by_corpus.setdefault(pair["corpus"], [])
            if not limit or len(rows) < limit:
                rows.append(pair)
    return by_corpus


def number_survival(sources: Sequence[str], translations: Sequence[str]) -> dict[str, float | int]:
    """Share of source digit mentions (number words left out) whose value stands in the translation."""
    total = kept = sentences = 0
    for source, english in zip(sources, translations):
        counted = [m for m in check(source, english).mentions if not m.source.soft]
        if counted:
            sentences += 1
            total += len(counted)
            kept += sum(status_passes(m.status) for m in counted)
    return {"sentences": sentences, "mentions": total, "survived": round(kept / total, 4) if total else 1.0}


def quality(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, object]:
    import sacrebleu

    bleu = sacrebleu.metrics.BLEU()
    chrf = sacrebleu.metrics.CHRF()
    refs = [list(references)]
    return {
        "bleu": round(bleu.corpus_score(list(hypotheses), refs).score, 2),
        "chrf": round(chrf.corpus_score(list(hypotheses), refs).score, 2),
        "bleu_signature": str(bleu.get_signature()),
        "chrf_signature": str(chrf.get_signature()),
    }


def sentences_per_second(translator: Translator, sentences: Sequence[str]) -> float:
    """Throughput on one thread (the figure a one-core user gets), model already loaded."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        started = time.perf_counter()
        translator.translate_texts(sentences)
        return len(sentences) / (time.perf_counter() - started)
    finally:
        torch.set_num_threads(threads)


def run(model: str, config: str | None, limit: int, generation: dict[str, object]) -> dict[str, object]:
    spec = load_config(config).get(model)
    if generation:  # a decoding variant to measure (e.g. num_beams=6), without editing models.yaml
        spec = dataclasses.replace(spec, generation={**spec.generation, **generation})
    translator = Translator.load(spec, device="cpu", batch_size=16, progress=False)
    report: dict[str, object] = {
        "model": model,
        "engine": translator.engine,
        "generation": dict(spec.generation),
        "corpora": {},
    }
    for corpus, pairs in sorted(read_dev(DEV, limit).items()):
        sources = [p["vi"] for p in pairs]
        references = [p["en"] for p in pairs]
        hypotheses = translator.translate_texts(sources)
        report["corpora"][corpus] = {  # type: ignore[index]
            "name": CORPUS_NAMES.get(corpus, corpus),
            "pairs": len(pairs),
            **quality(hypotheses, references),
            "numbers_model": number_survival(sources, hypotheses),
            "numbers_reference": number_survival(sources, references),
        }
    speed_set = [p["vi"] for pairs in read_dev(DEV, SPEED_SENTENCES // 2).values() for p in pairs]
    report["speed"] = {
        "sentences": len(speed_set),
        "sentences_per_s_one_thread": round(sentences_per_second(translator, speed_set), 2),
    }
    return report


def print_table(report: dict[str, object]) -> None:
    print(f"model: {report['model']}  generation: {report['generation']}")
    print("| dev set | pairs | BLEU | chrF | numbers survived (model) | numbers (human reference) |")
    print("|---|---|---|---|---|---|")
    for row in report["corpora"].values():  # type: ignore[union-attr]
        model, human = row["numbers_model"], row["numbers_reference"]
        print(
            f"| {row['name']} | {row['pairs']} | {row['bleu']:.2f} | {row['chrf']:.2f} | "
            f"{model['survived']:.3f} of {model['mentions']} | {human['survived']:.3f} |"
        )
    first = next(iter(report["corpora"].values()))  # type: ignore[union-attr]
    print(f"BLEU {first['bleu_signature']}\nchrF {first['chrf_signature']}")
    speed = report["speed"]
    print(
        f"speed: {speed['sentences_per_s_one_thread']} sentences/s on one thread "
        f"({speed['sentences']} sentences)"
    )


def _setting(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise SystemExit(f"--generation {text!r}: expected KEY=VALUE, e.g. num_beams=6")
    try:
        return key, json.loads(value)  # numbers and true/false as such
    except ValueError:
        return key, value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="vnsumm-mini", help="model name in models.yaml")
    parser.add_argument("--config", help="models.yaml to use")
    parser.add_argument("--limit", type=int, default=0, help="first N pairs of each dev corpus (0: all)")
    parser.add_argument(
        "--generation",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one generate() setting of the model, e.g. num_beams=6 (repeatable)",
    )
    add_json_option(parser)
    args = parser.parse_args(argv)
    if not shared_file(DEV):
        return 0
    report = run(args.model, args.config, args.limit, dict(map(_setting, args.generation)))
    print_table(report)
    engines = ("ctranslate2",) if report["engine"] == "ctranslate2" else ()
    write_json(args.json, report, __file__, args, ("transformers", "sentencepiece", "sacrebleu", *engines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
