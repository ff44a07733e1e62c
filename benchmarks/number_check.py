"""Number-checker benchmark: vnsumm's ``check --pairs`` path against the naive digit-string anchor.

Runs both checkers on the IWSLT'15 tst2012 gold pairs and on perturbed copies (each breaking one number),
scores both with ../shared/eval/score.py, prints the scores side by side, and measures checking speed
(pairs/s on one core, in process) with the anchor's speed as a ratio beside it.

usage: python benchmarks/number_check.py [--json OUT]   (skips with a message when ../shared is absent)
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED, add_json_option, best_rate, pin_to_one_core, shared_file, write_json

from vnsumm.numbers.cli import check_pairs

GOLD = SHARED / "data" / "iwslt15" / "tst2012.gold.jsonl"
EVAL = SHARED / "eval"

METRICS = ("extraction_recall", "false_alarm_rate", "real_error_recall", "perturbation_recall")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_json_option(parser)
    args = parser.parse_args(argv)
    if not shared_file(GOLD):
        return 0
    pin_to_one_core()
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
    ours_speed = best_rate(run_vnsumm, all_lines, len(all_lines))
    anchor_speed = best_rate(run_anchor, "\n".join(all_lines) + "\n", len(all_lines))

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
    figures = {
        "gold": GOLD.name,
        "vnsumm": ours,
        "anchor": anchor,
        "pairs_per_s_one_core": {"vnsumm": ours_speed, "anchor": anchor_speed},
        "speed_ratio_vnsumm_over_anchor": ours_speed / anchor_speed,
    }
    write_json(args.json, figures, __file__, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
