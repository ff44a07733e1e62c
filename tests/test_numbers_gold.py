"""Regression guard on the labelled IWSLT pairs in ../shared (skipped where ../shared is absent).

The figures the issue asks for are measured by benchmarks/number_check.py; this keeps them from sliding.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from vnsumm.check_command import check_pairs


def _score(shared: Path, tmp: Path) -> dict:
    gold = shared / "data" / "iwslt15" / "tst2012.gold.jsonl"
    eval_dir = shared / "eval"
    perturbed = subprocess.run(
        [sys.executable, str(eval_dir / "perturb.py"), str(gold)], capture_output=True, text=True, check=True
    ).stdout
    files = {"gold.out": gold.read_text(encoding="utf-8"), "pert.out": perturbed}
    for name, text in files.items():
        rows = check_pairs(text.splitlines())
        (tmp / name).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    (tmp / "pert.jsonl").write_text(perturbed, encoding="utf-8")
    outputs = [str(tmp / name) for name in ("gold.out", "pert.jsonl", "pert.out")]
    done = subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), str(gold), *outputs],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_checker_meets_the_targets_on_the_gold_pairs(shared_dir: Path, tmp_path: Path) -> None:
    scores = _score(shared_dir, tmp_path)
    assert scores["extraction_recall"] >= 0.99
    assert scores["false_alarm_rate"] <= 0.03
    assert scores["perturbation_recall"] >= 0.98
