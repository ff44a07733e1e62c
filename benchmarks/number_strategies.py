"""Number strategies with a real model: how many source numbers survive, and what it costs in BLEU.

On the dev sentences that have digit mentions (IWSLT'15 tst2012 TED and EVBNews news-dev, from
../shared/data/parallel/dev.jsonl.gz) the model translates with each strategy of
:func:`vnsumm.numbers.strategy.secure` (``check`` is the raw model output; ``protect`` once per placeholder
form) and the benchmark prints, per corpus and strategy: the share of source digit mentions that pass the
final check, sacreBLEU BLEU and chrF against the human reference (signatures printed), how the sentences
were routed, and the CPU time relative to ``check`` in the same run (the anchor; the model runs on one
thread, so CPU time is what the strategy costs whatever else the machine does).

Survival needs no reference, so it is also measured on sentences no rule was tuned on: ``--vietnews N``
sentences with digits from VietNews validation articles (at most two per article; no BLEU there).

usage: python benchmarks/number_strategies.py [--model vnsumm-mini] [--limit N] [--vietnews N] [--json OUT]
       (skips with a message when ../shared is absent)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import VIETNEWS, add_json_option, read_vietnews, shared_file, write_json
from translation import CORPUS_NAMES, DEV, quality, read_dev

from vnsumm.config import load_config
from vnsumm.number_strategies import PLACEHOLDER_FORMS
from vnsumm.numbers import extract_vi
from vnsumm.numbers.strategy import ALTERNATIVES, SecuredSentence, secure
from vnsumm.translate import Translator


def with_digits(pairs: list[dict], limit: int) -> list[dict]:
    """The pairs whose source has a digit mention, the first ``limit`` (0: all)."""
    chosen = [p for p in pairs if any(not m.soft for m in extract_vi(p["vi"]))]
    return chosen[:limit] if limit else chosen


def survival(secured: Sequence[SecuredSentence]) -> dict[str, float | int]:
    """Share of source digit mentions (number words left out) that pass the final check."""
    counted = sum(not m.source.soft for s in secured for m in s.report.mentions)
    failed = sum(not m.source.soft for s in secured for m in s.report.problems)
    return {"mentions": counted, "survived": round(1 - failed / counted, 4) if counted else 1.0}


def strategies(only: Sequence[str] = ()) -> list[tuple[str, str, str]]:
    """(label, strategy, placeholder form) of every run, or of the labels in ``only``; ``check`` first,
    always: the anchor of BLEU and CPU time."""
    runs = [("check", "check", "rendering")]
    runs += [(f"repair ({form})", "repair", form) for form in PLACEHOLDER_FORMS]
    runs += [(f"protect ({form})", "protect", form) for form in PLACEHOLDER_FORMS]
    unknown = set(only) - {label for label, _s, _f in runs}
    if unknown:
        raise SystemExit(
            f"unknown strategy label(s): {', '.join(sorted(unknown))}; use e.g. 'repair (token)'"
        )
    return [run for run in runs if not only or run[0] == "check" or run[0] in only]


VIETNEWS_VAL = VIETNEWS / "val.jsonl.gz"
PER_ARTICLE = 2
NAMES = {**CORPUS_NAMES, "vietnews": "VietNews val, no reference"}


def vietnews_sentences(limit: int) -> list[dict]:
    """The first ``limit`` VietNews validation sentences with a digit mention, at most PER_ARTICLE per
    article, as pairs without a reference."""
    chosen: list[dict] = []
    if not limit or not VIETNEWS_VAL.exists():
        return chosen
    for article in read_vietnews(VIETNEWS_VAL, sys.maxsize):
        chosen += with_digits([{"vi": s, "en": None} for s in article["body"]], PER_ARTICLE)
        if len(chosen) >= limit:
            return chosen[:limit]
    return chosen


def run(
    model: str, config: str | None, limit: int, vietnews: int = 0, only: Sequence[str] = ()
) -> dict[str, object]:
    import torch

    torch.set_num_threads(1)
    spec = load_config(config).get(model)
    translator = Translator.load(spec, device="cpu", batch_size=16, progress=False)
    more = partial(translator.translate_alternatives, n=ALTERNATIVES)
    report: dict[str, object] = {"model": model, "engine": translator.engine, "corpora": {}}
    corpora = {c: with_digits(pairs, limit) for c, pairs in sorted(read_dev(DEV, 0).items())}
    corpora["vietnews"] = vietnews_sentences(vietnews)
    for corpus, chosen in corpora.items():
        if not chosen:
            continue
        sources, references = [p["vi"] for p in chosen], [p["en"] for p in chosen]
        rows = {}
        anchor = None
        for label, strategy, form in strategies(only):
            started = time.process_time()
            secured = secure(
                sources, translator.translate_texts, strategy, placeholder=form, alternatives=more
            )
            seconds = time.process_time() - started
            anchor = anchor or seconds
            rows[label] = {
                **survival(secured),
                **(quality([s.english for s in secured], references) if references[0] else NO_REFERENCE),
                "routes": dict(Counter(s.route for s in secured)),
                "cpu_vs_check": round(seconds / anchor, 2),
            }
            print(f"{corpus} {label}: {rows[label]['survived']} {rows[label]['bleu']}", file=sys.stderr)
        report["corpora"][corpus] = {  # type: ignore[index]
            "name": NAMES.get(corpus, corpus),
            "sentences": len(chosen),
            "strategies": rows,
        }
    return report


NO_REFERENCE = {"bleu": None, "chrf": None}


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def print_table(report: dict[str, object]) -> None:
    print(f"model: {report['model']} ({report['engine']}), dev sentences with digit mentions")
    print("| dev set | strategy | numbers surviving | BLEU | chrF | routes | CPU time vs check |")
    print("|---|---|---|---|---|---|---|")
    for corpus in report["corpora"].values():  # type: ignore[union-attr]
        for label, row in corpus["strategies"].items():
            routes = ", ".join(f"{k} {v}" for k, v in sorted(row["routes"].items()))
            print(
                f"| {corpus['name']} ({corpus['sentences']}) | {label} | {row['survived']:.3f} of "
                f"{row['mentions']} | {_score(row['bleu'])} | {_score(row['chrf'])} | {routes} | "
                f"{row['cpu_vs_check']:.2f}× |"
            )
    first = next(iter(report["corpora"].values()))["strategies"]["check"]  # type: ignore[union-attr]
    print(f"BLEU {first['bleu_signature']}\nchrF {first['chrf_signature']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="vnsumm-mini", help="model name in models.yaml")
    parser.add_argument("--config", help="models.yaml to use")
    parser.add_argument(
        "--limit", type=int, default=0, help="first N sentences with digits per corpus (0: all)"
    )
    parser.add_argument(
        "--vietnews", type=int, default=300, help="VietNews sentences with digits, no reference (0: none)"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="LABEL",
        help="run only this strategy (repeatable, e.g. 'repair (token)'); check always runs",
    )
    add_json_option(parser)
    args = parser.parse_args(argv)
    strategies(args.only)  # an unknown label is refused before the model loads
    if not shared_file(DEV):
        return 0
    report = run(args.model, args.config, args.limit, args.vietnews, args.only)
    print_table(report)
    write_json(args.json, report, __file__, args, ("transformers", "sentencepiece", "sacrebleu"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
