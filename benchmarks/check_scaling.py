"""Growth benchmark of the document-level number check: 10k, 100k and 1M characters per side.

The input is the sample article and its English translation repeated (every value then occurs once per
copy: the hard case for the matcher, which must tell the copies apart by position). Prints seconds and the
growth per 10x of text, and fails (exit 1) when a 10x step costs more than ``--max-ratio`` times (a
quadratic matcher costs ~100x; linear ~10x). Needs nothing from ../shared.

usage: python benchmarks/check_scaling.py [--max-ratio 25] [--json OUT]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, add_json_option, write_json

from vnsumm.numbers import check

SAMPLE = ROOT / "samples" / "hanoi-hagiang-2024-06-11"
SIZES = (10_000, 100_000, 1_000_000)


def pair_of_size(chars: int) -> tuple[str, str]:
    vi = (SAMPLE.with_suffix(".vi.txt")).read_text(encoding="utf-8")
    en = (SAMPLE.with_suffix(".en.txt")).read_text(encoding="utf-8")
    copies = max(1, round(chars / (len(vi) + 2)))
    return "\n\n".join([vi] * copies), "\n\n".join([en] * copies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-ratio", type=float, default=25.0, help="largest allowed cost of a 10x step")
    add_json_option(parser)
    args = parser.parse_args(argv)
    times, rows = [], []
    print(f"{'source chars':>12} {'mentions':>8} {'seconds':>8} {'x previous':>10}")
    for size in SIZES:
        source, translation = pair_of_size(size)
        began = time.perf_counter()
        report = check(source, translation)
        times.append(time.perf_counter() - began)
        growth = f"{times[-1] / times[-2]:.1f}" if len(times) > 1 else "-"
        print(f"{len(source):>12,} {len(report.mentions):>8,} {times[-1]:>8.2f} {growth:>10}")
        rows.append({"source_chars": len(source), "mentions": len(report.mentions), "seconds": times[-1]})
    worst = max(b / a for a, b in zip(times, times[1:]))
    verdict = "ok" if worst <= args.max_ratio else "FAIL"
    print(f"largest 10x step: x{worst:.1f} (limit x{args.max_ratio:g}): {verdict}")
    figures = {"rows": rows, "largest_10x_step": worst, "verdict": verdict}
    write_json(args.json, figures, __file__, args)
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
