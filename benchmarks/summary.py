#!/usr/bin/env python3
"""Summary benchmark: vnsumm's learned summariser vs Lead-3 and TextRank on VietNews val, plus speed.

    python benchmarks/summary.py [--limit 2000] [--sentences 3]

ROUGE-1/2/L F1 (``../shared/eval/rouge.py``: lower-cased syllables) against the human lead summary
(``abstract``) on the first ``--limit`` articles of ``../shared/data/vietnews/val.jsonl.gz`` (or, with
``--offset``/``--stride``, another sample: the file runs in clusters of sources, so figures vary by slice;
``--offset 5 --stride 10`` samples across the split). The scorer was fitted and tuned on train articles only,
so every val slice is held out.
Speed is articles per second on one core (the process is pinned to one CPU): segmentation alone, the
anchor, and segmentation + learned summary, both measured on the same articles in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="first N val articles (default 2000)")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N val articles (default 0)")
    parser.add_argument("--stride", type=int, default=1, help="then take every k-th article (default 1)")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    val = args.shared / "data" / "vietnews" / "val.jsonl.gz"
    if not val.exists():
        print(f"skipped: {val} is absent (../shared exists only on the project's machines)")
        return 0
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    pinned = pin_to_one_core()
    sys.path.insert(0, str(args.shared / "eval"))
    import rouge

    from vnsumm.segment import segment
    from vnsumm.summary import lead, summarise, textrank
    from vnsumm.textio import normalise

    articles = []
    with gzip.open(val, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if len(articles) >= args.limit:
                break
            if number >= args.offset and (number - args.offset) % args.stride == 0:
                articles.append(json.loads(line))
    summarise(segment(normalise(articles[0]["text"])))  # warm-up: load models and parameters

    methods = {"vnsumm (learned)": summarise, f"Lead-{args.sentences}": lead, "TextRank": textrank}
    totals = {name: [0.0, 0.0, 0.0] for name in methods}
    segment_seconds = summary_seconds = 0.0
    for article in articles:
        began = time.perf_counter()
        document = segment(normalise(article["text"]))
        segmented = time.perf_counter()
        learned = summarise(document, args.sentences)
        summary_seconds += time.perf_counter() - segmented
        segment_seconds += segmented - began
        for name, method in methods.items():
            summary = learned if method is summarise else method(document, args.sentences)
            for k, value in enumerate(rouge.scores(summary.text, article["abstract"])):
                totals[name][k] += value

    count = len(articles)
    span = f"val[{args.offset}:{args.offset + count * args.stride}:{args.stride}]"
    print(f"VietNews {span}, {args.sentences} sentences, ROUGE F1 x100 vs abstract ({pinned})")
    print(f"{'method':20s} {'R1':>6s} {'R2':>6s} {'RL':>6s}")
    for name, sums in totals.items():
        print(f"{name:20s} " + " ".join(f"{100 * v / count:6.2f}" for v in sums))
    lead_r = totals[f"Lead-{args.sentences}"]
    ours = totals["vnsumm (learned)"]
    ratios = "  ".join(f"{name} x{ours[k] / lead_r[k]:.3f}" for k, name in enumerate(("R1", "R2", "RL")))
    print(f"vnsumm / Lead: {ratios}")
    segment_rate = count / segment_seconds
    full_rate = count / (segment_seconds + summary_seconds)
    print(
        f"speed, one core: segmentation alone {segment_rate:.1f} articles/s; segmentation + summary "
        f"{full_rate:.1f} articles/s (ratio {full_rate / segment_rate:.3f}; summary alone "
        f"{1000 * summary_seconds / count:.2f} ms/article)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
