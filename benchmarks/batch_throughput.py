"""Batch throughput: ``summarise --jsonl --no-translate`` with 1 worker and with N workers, in one run.

Reads ``--limit`` VietNews validation articles (title, blank line, body) from ../shared, runs the very code
path of the CLI (:func:`vnsumm.batch.run_batch`) once per worker count, checks that every run writes the
same bytes, and prints articles per second and the ratio to one worker measured in the same run (the
machine may be shared: only ratios from one run are comparable), and the CPU time per article of all
processes (its growth with workers is the cost of the worker machinery). The segmenter is loaded before
the clock starts, so the figures are steady-state throughput.

usage: python benchmarks/batch_throughput.py [--limit 1000] [--workers 1 2] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import VIETNEWS, add_json_option, cpu_seconds, read_vietnews, shared_file, write_json

from vnsumm.batch import BatchOptions, run_batch
from vnsumm.jobs import SummaryJob

VAL = VIETNEWS / "val.jsonl.gz"


def write_articles(path: Path, limit: int) -> int:
    """The first ``limit`` val articles as batch input lines ``{"id", "text"}`` (title, blank line, body)."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for row in read_vietnews(VAL, limit):
            text = row["title"] + "\n\n" + "\n\n".join(row["body"])
            out.write(json.dumps({"id": row["id"], "text": text}, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts; first: anchor")
    add_json_option(parser)
    args = parser.parse_args(argv)
    if not shared_file(VAL):
        return 0
    job = SummaryJob()
    job.load()  # underthesea's models: loaded once, before any clock (forked workers inherit them)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.jsonl"
        count = write_articles(source, args.limit)
        outputs, rates, rows = [], [], []
        for workers in args.workers:
            target = Path(folder) / f"out-{workers}.jsonl"
            began, cpu_began = time.perf_counter(), cpu_seconds(children=True)
            tally = run_batch(job, str(source), BatchOptions(str(target), workers=workers, progress=False))
            seconds, cpu = time.perf_counter() - began, cpu_seconds(children=True) - cpu_began
            rates.append(count / seconds)
            outputs.append(target.read_bytes())
            print(
                f"workers {workers}: {count} articles in {seconds:.1f} s = {rates[-1]:.1f} articles/s "
                f"(x{rates[-1] / rates[0]:.2f} vs {args.workers[0]} worker(s)); "
                f"{1000 * cpu / count:.1f} CPU ms per article (all processes); {tally.errors} error lines"
            )
            rows.append(
                {
                    "workers": workers,
                    "articles": count,
                    "seconds": seconds,
                    "articles_per_s": rates[-1],
                    "x_first": rates[-1] / rates[0],
                    "cpu_ms_per_article": 1000 * cpu / count,
                    "error_lines": tally.errors,
                }
            )
    same = all(output == outputs[0] for output in outputs)
    print(f"identical output for every worker count: {same}")
    write_json(args.json, {"rows": rows, "identical_output": same}, __file__, args)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
