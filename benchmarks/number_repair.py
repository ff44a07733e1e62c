"""Number-repair benchmark: how often ``repair`` gives back the original English of a broken translation.

``../shared/eval/perturb.py`` breaks one preserved number of each gold pair per variant (``digit``,
``scale``, ``separator``, ``word``: a substitution; ``drop``: the number deleted). Each broken translation
is repaired and compared with the gold translation it came from (found by the variant's id, ``ID#k-edit``):

- ``exact``: the repaired English equals the original, character for character;
- ``fixed``: the final check passes every source mention on the broken span (``score.py``'s overlap rule);
- ``flagged``: the check found an English span for the broken number (what a span edit can reach:
  a ``missing`` verdict has none, and stays missing by design);
- ``pair ok`` / ``orig ok``: the final check passes the whole pair / passes the original translation
  (the ceiling: gold translations have wrong numbers of their own).

usage: python benchmarks/number_repair.py [--json PATH]     (skips with a message when ../shared is absent)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED, add_json_option, shared_file, write_json

GOLDS = (
    SHARED / "data" / "iwslt15" / "tst2012.gold.jsonl",
    SHARED / "data" / "evbnews" / "news-dev.gold.jsonl",
)
PERTURB = SHARED / "eval" / "perturb.py"
SUBSTITUTIONS = ("digit", "scale", "separator", "word")

from vnsumm.numbers import check
from vnsumm.numbers.repair import repair


def perturbed(gold: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(PERTURB), str(gold)], capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _on_broken_span(variant: dict, mentions) -> list:
    span = variant["broken"]
    return [
        m for m in mentions if m.before.source.start < span["end"] and span["start"] < m.before.source.end
    ]


def measure(gold: Path) -> dict:
    """Per edit kind: counts of variants, exact restorations, fixed broken numbers and flagged spans."""
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    originals = {row["id"]: row["translation"] for row in rows}
    original_ok = {row["id"]: check(row["source"], row["translation"]).ok for row in rows}
    counts: dict[str, Counter] = {}
    started = time.perf_counter()
    variants = perturbed(gold)
    for variant in variants:
        result = repair(variant["source"], variant["translation"])
        on_span = _on_broken_span(variant, result.mentions)
        tally = counts.setdefault(variant["edit"], Counter())
        tally["n"] += 1
        gold_id = variant["id"].split("#")[0]
        tally["exact"] += result.english == originals[gold_id]
        tally["fixed"] += bool(on_span) and all(m.status == "ok" for m in on_span)
        tally["flagged"] += bool(on_span) and all(m.before.target is not None for m in on_span)
        tally["pair_ok"] += result.ok
        tally["orig_ok"] += original_ok[gold_id]
    seconds = time.perf_counter() - started
    total = Counter()
    for kind in SUBSTITUTIONS:
        total.update(counts.get(kind, Counter()))
    counts["substitutions"] = total
    return {
        "gold": gold.name,
        "variants": len(variants),
        "seconds": round(seconds, 2),
        "by_edit": {kind: dict(tally) for kind, tally in counts.items()},
    }


def share(tally: dict, key: str) -> str:
    return f"{tally.get(key, 0) / tally['n']:.3f}" if tally.get("n") else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_json_option(parser)
    args = parser.parse_args(argv)
    if not all(shared_file(path) for path in (*GOLDS, PERTURB)):
        return 0
    results = [measure(gold) for gold in GOLDS]
    for res in results:
        print(f"number repair on {res['gold']}: {res['variants']} perturbed pairs, {res['seconds']} s")
        header = " ".join(f"{name:>7}" for name in ("exact", "fixed", "flagged", "pair ok", "orig ok"))
        print(f"  {'edit':14} {'n':>5} {header}")
        for kind in (*SUBSTITUTIONS, "drop", "substitutions"):
            tally = res["by_edit"].get(kind)
            if tally:
                cells = (share(tally, key) for key in ("exact", "fixed", "flagged", "pair_ok", "orig_ok"))
                print(f"  {kind:14} {tally['n']:5} " + " ".join(f"{c:>7}" for c in cells))
    write_json(args.json, {"sets": results}, __file__, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
