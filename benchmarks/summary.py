#!/usr/bin/env python3
"""Summary benchmark: vnsumm's learned summariser vs Lead-3 and TextRank on VietNews val, plus speed.

    python benchmarks/summary.py [--limit 2000] [--sentences 3] [--json OUT]

ROUGE-1/2/L F1 (``../shared/eval/rouge.py``: lower-cased syllables) against the human lead summary
(``abstract``) on the first ``--limit`` articles of ``../shared/data/vietnews/val.jsonl.gz`` (or, with
``--offset``/``--stride``, another sample: the file runs in clusters of sources, so figures vary by slice;
``--offset 5 --stride 10`` samples across the split). The scorer was fitted and tuned on train articles only,
so every val slice is held out.
Speed is articles per second on one core (the process is pinned to one CPU): segmentation alone, the
anchor, and segmentation + learned summary, both measured on the same articles in the same run.
``tests/test_summary_guard.py`` runs :func:`measure` on a smaller sample, so guard and benchmark agree.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    SHARED,
    add_json_option,
    load_rouge,
    pin_to_one_core,
    read_vietnews,
    shared_file,
    write_json,
)

LEARNED = "vnsumm (learned)"


def measure(articles: Sequence[dict[str, Any]], sentences: int, rouge: ModuleType) -> dict[str, Any]:
    """Mean ROUGE-1/2/L F1 (x100) of the learned summary, Lead-k and TextRank against each ``abstract``,
    and the seconds spent segmenting and summarising (learned) the articles."""
    from vnsumm.segment import segment
    from vnsumm.summary import lead, summarise, textrank
    from vnsumm.textio import normalise

    summarise(segment(normalise(articles[0]["text"])))  # warm-up: load models and parameters
    methods = {LEARNED: summarise, f"Lead-{sentences}": lead, "TextRank": textrank}
    totals = {name: [0.0, 0.0, 0.0] for name in methods}
    segment_seconds = summary_seconds = 0.0
    for article in articles:
        began = time.perf_counter()
        document = segment(normalise(article["text"]))
        segmented = time.perf_counter()
        learned = summarise(document, sentences)
        summary_seconds += time.perf_counter() - segmented
        segment_seconds += segmented - began
        for name, method in methods.items():
            summary = learned if method is summarise else method(document, sentences)
            for k, value in enumerate(rouge.scores(summary.text, article["abstract"])):
                totals[name][k] += value
    count = len(articles)
    return {
        "articles": count,
        "rouge_f1_x100": {name: [100 * v / count for v in sums] for name, sums in totals.items()},
        "segment_seconds": segment_seconds,
        "summary_seconds": summary_seconds,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="first N val articles (default 2000)")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N val articles (default 0)")
    parser.add_argument("--stride", type=int, default=1, help="then take every k-th article (default 1)")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=SHARED)
    add_json_option(parser)
    args = parser.parse_args(argv)
    val = args.shared / "data" / "vietnews" / "val.jsonl.gz"
    if not shared_file(val):
        return 0
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    pinned = pin_to_one_core()
    rouge = load_rouge(args.shared)
    articles = list(read_vietnews(val, args.limit, args.offset, args.stride))
    figures = measure(articles, args.sentences, rouge)

    count = figures["articles"]
    table = figures["rouge_f1_x100"]
    span = f"val[{args.offset}:{args.offset + count * args.stride}:{args.stride}]"
    print(f"VietNews {span}, {args.sentences} sentences, ROUGE F1 x100 vs abstract ({pinned})")
    print(f"{'method':20s} {'R1':>6s} {'R2':>6s} {'RL':>6s}")
    for name, means in table.items():
        print(f"{name:20s} " + " ".join(f"{v:6.2f}" for v in means))
    lead_r, ours = table[f"Lead-{args.sentences}"], table[LEARNED]
    vs_lead = {name: ours[k] / lead_r[k] for k, name in enumerate(("R1", "R2", "RL"))}
    print("vnsumm / Lead: " + "  ".join(f"{name} x{ratio:.3f}" for name, ratio in vs_lead.items()))
    segment_seconds, summary_seconds = figures["segment_seconds"], figures["summary_seconds"]
    segment_rate = count / segment_seconds
    full_rate = count / (segment_seconds + summary_seconds)
    print(
        f"speed, one core: segmentation alone {segment_rate:.1f} articles/s; segmentation + summary "
        f"{full_rate:.1f} articles/s (ratio {full_rate / segment_rate:.3f}; summary alone "
        f"{1000 * summary_seconds / count:.2f} ms/article)"
    )
    report = {
        "sample": span,
        "pinned": pinned,
        **figures,
        "vnsumm_over_lead": vs_lead,
        "speed": {
            "segmentation_articles_per_s": segment_rate,
            "segmentation_and_summary_articles_per_s": full_rate,
            "summary_ms_per_article": 1000 * summary_seconds / count,
        },
    }
    write_json(args.json, report, __file__, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
