"""Build the larger labelled news set for the number checker (issue: the checker on news).

The pairs come from the EVBNews part of ``../shared/data/parallel/train.jsonl.gz``; the corpus states no
licence, so everything this script writes stays beside the project in ``../shared/data/evbnews/``,
never in the repo.

Two steps, with labelling by two independent annotators in between (guide: ``../shared/eval/LABELLING.md``):

    python scripts/news_gold.py sample --n 480            # -> news-train.input.jsonl (seeded, reproducible)
    # annotator A -> news-train.a.jsonl, annotator B -> news-train.b.jsonl (same guide, no contact)
    python scripts/news_gold.py merge                     # -> news-train.gold.jsonl + agreement figures

``merge`` keeps every mention both annotators found; where they disagree on the verdict, or only one of them
labelled a mention, the mention carries "judgment call" in its note, which the scorer leaves out of its rates.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PARALLEL = SHARED / "data" / "parallel" / "train.jsonl.gz"
OUT_DIR = SHARED / "data" / "evbnews"
SEED = 20261129
HAS_DIGIT = re.compile(r"\d")


def sample(n: int, out: Path) -> None:
    """Seeded sample of news pairs whose Vietnamese has a digit, one pair per document at most twice."""
    with gzip.open(PARALLEL, "rt", encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    news = [p for p in pairs if p["corpus"] == "evbnews" and HAS_DIGIT.search(p["vi"])]
    random.Random(SEED).shuffle(news)
    per_document: Counter[str] = Counter()
    chosen = []
    for pair in news:
        document = pair["id"].rsplit("-", 1)[0]
        if per_document[document] >= 2:
            continue
        per_document[document] += 1
        chosen.append({"id": pair["id"], "source": pair["vi"], "translation": pair["en"]})
        if len(chosen) == n:
            break
    with out.open("w", encoding="utf-8") as handle:
        for row in chosen:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} pairs from {len(per_document)} documents -> {out}", file=sys.stderr)


def _load(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _mark(mention: dict, why: str) -> dict:
    note = mention.get("note", "")
    if "judgment call" not in note.lower():
        note = f"{note}; judgment call: {why}" if note else f"judgment call: {why}"
    return {**mention, "note": note}


def merge_pair(a: dict, b: dict, tally: Counter[str]) -> dict:
    """One gold line from two annotations of the same pair; disagreements become judgment calls."""
    merged = []
    unmatched_b = list(b["mentions"])
    for mention in a["mentions"]:
        twin = next((m for m in unmatched_b if _overlaps(m["source"], mention["source"])), None)
        if twin is None:
            tally["only_a"] += 1
            merged.append(_mark(mention, "only one annotator labelled it"))
            continue
        unmatched_b.remove(twin)
        if twin["verdict"] != mention["verdict"]:
            tally["verdict_differs"] += 1
            merged.append(_mark(mention, f"annotators said {mention['verdict']} / {twin['verdict']}"))
        else:
            tally["agreed"] += 1
            note = mention.get("note", "") or twin.get("note", "")
            if "judgment call" in twin.get("note", "").lower() and "judgment call" not in note.lower():
                note = twin["note"]
            merged.append({**mention, "note": note})
    for mention in unmatched_b:
        tally["only_b"] += 1
        merged.append(_mark(mention, "only one annotator labelled it"))
    merged.sort(key=lambda m: m["source"]["start"])
    return {
        "id": a["id"],
        "source": a["source"],
        "translation": a["translation"],
        "mentions": merged,
        "extra": a.get("extra", []),
        "unsure": bool(a.get("unsure") or b.get("unsure")),
    }


def _valid(row: dict) -> bool:
    for mention in row["mentions"]:
        span = mention["source"]
        if row["source"][span["start"] : span["end"]] != span["text"]:
            return False
        target = mention.get("target")
        if target and row["translation"][target["start"] : target["end"]] != target["text"]:
            return False
    return True


def merge(a_path: Path, b_path: Path, out: Path) -> None:
    a, b = _load(a_path), _load(b_path)
    tally: Counter[str] = Counter()
    rows = []
    for pair_id, row_a in a.items():
        row_b = b.get(pair_id)
        if row_b is None or not (_valid(row_a) and _valid(row_b)):
            tally["pair_dropped"] += 1
            continue
        rows.append(merge_pair(row_a, row_b, tally))
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    digit_pairs = sum(any(m["form"] == "digits" for m in r["mentions"]) for r in rows)
    compared = tally["agreed"] + tally["verdict_differs"] + tally["only_a"] + tally["only_b"]
    print(
        json.dumps(
            {
                "pairs": len(rows),
                "pairs_with_digit_mentions": digit_pairs,
                "mentions": dict(tally),
                "agreement": round(tally["agreed"] / max(compared, 1), 3),
                "out": str(out),
            },
            indent=1,
        )
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    take = steps.add_parser("sample", help="draw the pairs to label")
    take.add_argument("--n", type=int, default=480)
    take.add_argument("--out", type=Path, default=OUT_DIR / "news-train.input.jsonl")
    join = steps.add_parser("merge", help="merge two annotations into the gold file")
    join.add_argument("--a", type=Path, default=OUT_DIR / "news-train.a.jsonl")
    join.add_argument("--b", type=Path, default=OUT_DIR / "news-train.b.jsonl")
    join.add_argument("--out", type=Path, default=OUT_DIR / "news-train.gold.jsonl")
    args = parser.parse_args(argv)
    if args.step == "sample":
        sample(args.n, args.out)
    else:
        merge(args.a, args.b, args.out)


if __name__ == "__main__":
    main()
