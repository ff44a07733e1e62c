"""Batch throughput: ``summarise --jsonl --no-translate`` with 1 worker and with N workers, in one run.

Reads ``--limit`` VietNews validation articles (title, blank line, body) from ../shared, runs the very code
path of the CLI (:func:`vnsumm.batch.run_batch`) once per worker count, checks that every run writes the
same bytes, and prints articles per second and the ratio to one worker measured in the same run (the
machine may be shared: only ratios from one run are comparable), and the CPU time per article of all
processes (its growth with workers is the cost of the worker machinery). The segmenter is loaded before
the clock starts, so the figures are steady-state throughput.

usage: python benchmarks/batch_throughput.py [--limit 1000] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAL = ROOT.parent / "shared" / "data" / "vietnews" / "val.jsonl.gz"
sys.path.insert(0, str(ROOT / "src"))

from vnsumm.batch import BatchOptions, run_batch
from vnsumm.jobs import SummaryJob


def write_articles(path: Path, limit: int) -> int:
    count = 0
    with gzip.open(VAL, "rt", encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        for line in source:
            row = json.loads(line)
            text = row["title"] + "\n\n" + "\n\n".join(row["body"])
            out.write(json.dumps({"id": row["id"], "text": text}, ensure_ascii=False) + "\n")
            count += 1
            if count == limit:
                break
    return count


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the workers, joined at the end of a run)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts; first: anchor")
    args = parser.parse_args()
    if not VAL.is_file():
        print(f"skipped: {VAL} is absent (only the project's machines have ../shared)")
        return 0
    job = SummaryJob()
    job.load()  # underthesea's models: loaded once, before any clock (forked workers inherit them)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.jsonl"
        count = write_articles(source, args.limit)
        outputs, rates = [], []
        for workers in args.workers:
            target = Path(folder) / f"out-{workers}.jsonl"
            began, cpu_began = time.perf_counter(), cpu_seconds()
            tally = run_batch(job, str(source), BatchOptions(str(target), workers=workers, progress=False))
            seconds, cpu = time.perf_counter() - began, cpu_seconds() - cpu_began
            rates.append(count / seconds)
            outputs.append(target.read_bytes())
            print(
                f"workers {workers}: {count} articles in {seconds:.1f} s = {rates[-1]:.1f} articles/s "
                f"(x{rates[-1] / rates[0]:.2f} vs {args.workers[0]} worker(s)); "
                f"{1000 * cpu / count:.1f} CPU ms per article (all processes); {tally.errors} error lines"
            )
    same = all(output == outputs[0] for output in outputs)
    print(f"identical output for every worker count: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
