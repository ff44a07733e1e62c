"""Number-checker benchmark: vnsumm's ``check --pairs`` path against the digit-string anchor, TED and news.

Runs both checkers on each labelled set (IWSLT'15 tst2012 TED pairs; the 70 news dev pairs; the 480
EVBNews pairs labelled by two annotators, built by ``scripts/news_gold.py``, when present) and on perturbed
copies (each breaking one number), scores both with ../shared/eval/score.py, prints the sets side by side
with the anchor beside each, and measures checking speed (pairs/s on one core, in process) with the
anchor's as a ratio.

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

from vnsumm.check_command import check_pairs

GOLD_SETS = {
    "TED": SHARED / "data" / "iwslt15" / "tst2012.gold.jsonl",
    "news dev": SHARED / "data" / "evbnews" / "news-dev.gold.jsonl",
    "news 480": SHARED / "data" / "evbnews" / "news-train.gold.jsonl",
}
GOLD = GOLD_SETS["TED"]
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


def score(tmp: Path, gold: Path, name: str, gold_out: str, pert_out: str) -> dict:
    (tmp / f"{name}.gold.out").write_text(gold_out, encoding="utf-8")
    (tmp / f"{name}.pert.out").write_text(pert_out, encoding="utf-8")
    args = [str(gold), str(tmp / f"{name}.gold.out"), str(tmp / "pert.jsonl"), str(tmp / f"{name}.pert.out")]
    done = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _cell(scores: dict, key: str) -> str:
    """A figure, or a dash where the set has nothing to measure it on (no labelled real error)."""
    if key == "real_error_recall" and not scores["n"]["real_errors"]:
        return f"{'-':>11}"
    return f"{scores[key]:11.3f}"


def measure(gold: Path) -> tuple[dict, dict, list[str]]:
    """Scores of vnsumm and of the anchor on one labelled set and its perturbations; the pairs checked."""
    gold_text = gold.read_text(encoding="utf-8")
    gold_lines = gold_text.splitlines()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pert_text = subprocess.run(
            [sys.executable, str(EVAL / "perturb.py"), str(gold)], capture_output=True, text=True, check=True
        ).stdout
        (tmp / "pert.jsonl").write_text(pert_text, encoding="utf-8")
        pert_lines = pert_text.splitlines()
        ours = score(tmp, gold, "vnsumm", run_vnsumm(gold_lines), run_vnsumm(pert_lines))
        anchor = score(tmp, gold, "anchor", run_anchor(gold_text), run_anchor(pert_text))
    return ours, anchor, gold_lines + pert_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_json_option(parser)
    args = parser.parse_args(argv)
    if not shared_file(GOLD):
        return 0
    pin_to_one_core()
    sets = {name: path for name, path in GOLD_SETS.items() if path.is_file()}
    results = {name: measure(path) for name, path in sets.items()}
    all_lines = [line for _ours, _anchor, lines in results.values() for line in lines]
    # best of several passes (a pass takes about 1.5 s): one pass on a shared machine says little
    ours_speed = best_rate(run_vnsumm, all_lines, len(all_lines), min_seconds=6.0)
    anchor_speed = best_rate(run_anchor, "\n".join(all_lines) + "\n", len(all_lines), min_seconds=1.0)

    names = list(results)
    print(f"{'':26}" + "".join(f"{name:>22}" for name in names))
    print(f"{'metric':26}" + "".join(f"{'vnsumm':>11}{'anchor':>11}" for _ in names))
    for key in METRICS:
        row = "".join(_cell(results[n][0], key) + _cell(results[n][1], key) for n in names)
        print(f"{key:26}{row}")
    edits = sorted({edit for n in names for edit in results[n][0]["by_edit"]})
    for edit in edits:
        row = "".join(
            f"{results[n][0]['by_edit'].get(edit, '-'):>11}{results[n][1]['by_edit'].get(edit, '-'):>11}"
            for n in names
        )
        print(f"{'  caught ' + edit:26}{row}")
    for n in names:
        print(f"{n}: {results[n][0]['n']}")
    print(f"pairs/s (one core, all sets): vnsumm {ours_speed:.0f}, anchor {anchor_speed:.0f}")
    print(f"speed ratio vnsumm/anchor: {ours_speed / anchor_speed:.3f}")
    figures = {
        "sets": {n: {"gold": sets[n].name, "vnsumm": results[n][0], "anchor": results[n][1]} for n in names},
        "pairs_per_s_one_core": {"vnsumm": ours_speed, "anchor": anchor_speed},
        "speed_ratio_vnsumm_over_anchor": ours_speed / anchor_speed,
    }
    write_json(args.json, figures, __file__, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
