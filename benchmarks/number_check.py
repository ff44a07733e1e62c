"""Number-checker benchmark: vnsumm's ``check --pairs`` path against the naive digit-string anchor.

Runs both checkers on the IWSLT'15 tst2012 gold pairs and on perturbed copies (each breaking one number),
scores both with ../shared/eval/score.py, prints the scores side by side, and measures checking speed
(pairs/s on one core, in process) with the anchor's speed as a ratio beside it.

usage: python benchmarks/number_check.py        (skips with a message when ../shared is absent)
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "iwslt15" / "tst2012.gold.jsonl"
EVAL = SHARED / "eval"
sys.path.insert(0, str(ROOT / "src"))

from vnsumm.numbers.cli import check_pairs

METRICS = ("extraction_recall", "false_alarm_rate", "real_error_recall", "perturbation_recall")


def pin_one_core() -> None:
    """Measure on one core, as the target is stated (other jobs share the machine)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_vnsumm(lines: list[str]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in check_pairs(lines))


def run_anchor(text: str) -> str:
    """The anchor script, run in this process with stdin/stdout swapped (no interpreter start-up cost)."""
    out = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(EVAL / "naive_checker.py"), run_name="__main__")
    finally:
        sys.stdin = old_stdin
    return out.getvalue()


def score(tmp: Path, name: str, gold_out: str, pert_out: str) -> dict:
    (tmp / f"{name}.gold.out").write_text(gold_out, encoding="utf-8")
    (tmp / f"{name}.pert.out").write_text(pert_out, encoding="utf-8")
    args = [str(GOLD), str(tmp / f"{name}.gold.out"), str(tmp / "pert.jsonl"), str(tmp / f"{name}.pert.out")]
    done = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def pairs_per_second(run, payload, n_pairs: int, min_seconds: float = 1.0) -> float:
    """Throughput of ``run(payload)``: repeated until ``min_seconds`` have passed, best of the passes."""
    best, spent = float("inf"), 0.0
    while spent < min_seconds:
        t0 = time.perf_counter()
        run(payload)
        elapsed = time.perf_counter() - t0
        best, spent = min(best, elapsed), spent + elapsed
    return n_pairs / best


def main() -> int:
    if not GOLD.is_file():
        print(f"skipped: {GOLD} is absent (../shared exists only on the project's machines)")
        return 0
    pin_one_core()
    gold_text = GOLD.read_text(encoding="utf-8")
    gold_lines = gold_text.splitlines()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pert_text = subprocess.run(
            [sys.executable, str(EVAL / "perturb.py"), str(GOLD)], capture_output=True, text=True, check=True
        ).stdout
        (tmp / "pert.jsonl").write_text(pert_text, encoding="utf-8")
        pert_lines = pert_text.splitlines()
        ours = score(tmp, "vnsumm", run_vnsumm(gold_lines), run_vnsumm(pert_lines))
        anchor = score(tmp, "anchor", run_anchor(gold_text), run_anchor(pert_text))
    all_lines = gold_lines + pert_lines
    ours_speed = pairs_per_second(run_vnsumm, all_lines, len(all_lines))
    anchor_speed = pairs_per_second(run_anchor, "\n".join(all_lines) + "\n", len(all_lines))

    print(f"number checker on {GOLD.name}: {ours['n']}")
    print(f"{'metric':24} {'vnsumm':>10} {'anchor':>10}")
    for key in METRICS:
        print(f"{key:24} {ours[key]:10.3f} {anchor[key]:10.3f}")
    for edit in sorted(set(ours["by_edit"]) | set(anchor["by_edit"])):
        print(
            f"{'  caught ' + edit:24} {ours['by_edit'].get(edit, '-'):>10} "
            f"{anchor['by_edit'].get(edit, '-'):>10}"
        )
    print(f"{'pairs/s (one core)':24} {ours_speed:10.0f} {anchor_speed:10.0f}")
    print(f"speed ratio vnsumm/anchor: {ours_speed / anchor_speed:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
