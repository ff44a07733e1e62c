#!/usr/bin/env python3
"""Train vnsumm's extractive sentence scorer on VietNews and write ``src/vnsumm/data/summariser.json``.

    python scripts/train_summariser.py            # defaults reproduce the shipped file

Labels: the greedy ROUGE oracle against the human lead summary (``abstract``), with the tokenisation of
``../shared/eval/rouge.py``. Features: :mod:`vnsumm.summary.features`. Model: L2-regularised logistic
regression (Newton's method, numpy), deterministic. The MMR redundancy weight and the length penalty are
picked on train articles the model never sees (every 2nd from train[100000] on, by default: the fit takes
every 10th of the first 100,000), so the validation split stays unseen for the benchmark. Both splits run in
clusters of sources, hence strided samples, not slices.

Tuning scores the library's own ``summarise`` and ``lead`` (nothing is copied here), and the written file
says where it came from under ``provenance``: the training figures, every argument, the versions of vnsumm,
python, underthesea and numpy, and the commit (``+dirty`` when tracked files differ from it). The
parameters are deterministic; the provenance differs from run to run only where those do.
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))  # common: the VietNews reader and ROUGE loader benchmarks use

from common import load_rouge, read_vietnews  # noqa: E402

from vnsumm.document import Document  # noqa: E402
from vnsumm.provenance import json_safe, source_commit, versions  # noqa: E402
from vnsumm.segment import segment  # noqa: E402
from vnsumm.summary import lead, summarise  # noqa: E402
from vnsumm.summary.features import (  # noqa: E402
    FEATURE_NAMES,
    NO_PRIOR,
    WordPrior,
    document_features,
    sentence_tokens,
)
from vnsumm.summary.scorer import SentenceScorer  # noqa: E402
from vnsumm.textio import normalise  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "vnsumm" / "data" / "summariser.json"


@dataclass(frozen=True)
class Example:
    """One segmented article with its reference summary."""

    id: str
    abstract: str
    document: Document


def segment_article(article: dict) -> Example:
    """The article's text as vnsumm sees it at run time (normalised, segmented), with its abstract."""
    return Example(article["id"], article["abstract"], segment(normalise(article["text"])))


def load_examples(
    path: Path, start: int, count: int, stride: int, cache: Path | None, workers: int = 1
) -> list[Example]:
    """Segment a strided sample of a split; segmentation is the slow part, so it may be cached.

    With several workers the articles are still returned in file order, so the result does not depend on
    ``workers``.
    """
    cache_file = cache / f"{path.name}.{start}+{count}x{stride}.pkl" if cache else None
    if cache_file is not None and cache_file.exists():
        return [Example(*fields) for fields in pickle.loads(cache_file.read_bytes())]
    began = time.perf_counter()
    articles = read_vietnews(path, count, start, stride)
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            examples = list(pool.imap(segment_article, articles, chunksize=64))
    else:
        examples = [segment_article(a) for a in articles]
    print(
        f"segmented {len(examples)} articles of {path.name} in {time.perf_counter() - began:.0f} s",
        flush=True,
    )
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        rows = [(e.id, e.abstract, e.document) for e in examples]
        cache_file.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    return examples


def greedy_oracle(sentences: Sequence[str], abstract: str, rouge, limit: int = 3) -> set[int]:
    """Indices chosen greedily to maximise mean ROUGE-1/2 F1; stops when no sentence adds to it.

    Uses the tokens and ROUGE-N of ``rouge.py``; ROUGE-L is left out here only because its LCS is slow.
    """
    reference = rouge.tokens(abstract)
    pieces = [rouge.tokens(s) for s in sentences]
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < limit:
        candidate, candidate_score = None, best
        for i in range(len(pieces)):
            if i in chosen:
                continue
            hypothesis = [t for j in sorted([*chosen, i]) for t in pieces[j]]
            value = (rouge.rouge_n(hypothesis, reference, 1) + rouge.rouge_n(hypothesis, reference, 2)) / 2
            if value > candidate_score:
                candidate, candidate_score = i, value
        if candidate is None:
            break
        chosen.append(candidate)
        best = candidate_score
    return set(chosen)


def learn_word_prior(
    examples: Sequence[Example], rouge, min_articles: int, smoothing: float = 5.0
) -> WordPrior:
    """Per word: the share of articles having it in the body that also have it in the abstract (smoothed)."""
    in_body: Counter[str] = Counter()
    in_abstract: Counter[str] = Counter()
    for example in examples:
        abstract = " " + " ".join(rouge.tokens(example.abstract)) + " "
        words = {w for s in example.document.body_sentences for w in sentence_tokens(s).words}
        in_body.update(words)
        in_abstract.update(w for w in words if " " + " ".join(rouge.tokens(w)) + " " in abstract)
    rate = sum(in_abstract.values()) / max(1, sum(in_body.values()))
    table = {
        w: (in_abstract[w] + smoothing * rate) / (count + smoothing)
        for w, count in in_body.items()
        if count >= min_articles
    }
    return WordPrior(table, rate)


def training_matrix(examples: Sequence[Example], rouge, prior: WordPrior) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for example in examples:
        body, features = document_features(example.document, prior=prior)
        if not body:
            continue
        oracle = greedy_oracle([s.text for s in body], example.abstract, rouge)
        rows.append(features)
        labels.extend(1.0 if i in oracle else 0.0 for i in range(len(body)))
    return np.vstack(rows), np.asarray(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method on standardised features (bias unpenalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    weights = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ weights)))
        gradient = design.T @ (p - y) + penalty * weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return weights[:-1], float(weights[-1])


def evaluate(
    examples: Sequence[Example], rouge: Any, summarise_text: Callable[[Document], str]
) -> tuple[float, float]:
    """Mean ROUGE-1/2 F1 (x100) of ``summarise_text(document)`` against the abstracts.

    ROUGE-L is left to ``benchmarks/summary.py``: its LCS would make the tuning grid slow.
    """
    totals = np.zeros(2)
    for example in examples:
        hypothesis, reference = rouge.tokens(summarise_text(example.document)), rouge.tokens(example.abstract)
        totals += (rouge.rouge_n(hypothesis, reference, 1), rouge.rouge_n(hypothesis, reference, 2))
    return tuple(float(v) for v in np.round(100 * totals / max(1, len(examples)), 2))


def run_provenance(args: argparse.Namespace) -> dict[str, Any]:
    """What the parameters came from, beside the training figures: the arguments (all of them, so the run
    can be repeated), the versions that decide segmentation and the fit, and the commit of the code."""
    return {
        "arguments": json_safe(vars(args), root=ROOT),
        "versions": versions(("underthesea", "numpy")),
        "commit": source_commit(ROOT),
    }


def write_parameters(out: Path, scorer: SentenceScorer, provenance: dict[str, Any]) -> None:
    """The parameters file vnsumm ships (:meth:`SentenceScorer.to_json`), its provenance under one key."""
    out.write_text(scorer.to_json(provenance), encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    """The script's options; their defaults reproduce the shipped parameters."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--train", type=int, default=10000, help="number of train articles (default 10000)")
    parser.add_argument("--train-stride", type=int, default=10, help="take every k-th train article (10)")
    parser.add_argument(
        "--prior-share", type=float, default=0.5, help="share of the train articles that learn the word prior"
    )
    parser.add_argument("--prior-min-articles", type=int, default=3)
    parser.add_argument(
        "--tune-split", choices=("train", "val"), default="train", help="split to tune on (train)"
    )
    parser.add_argument(
        "--tune-start", type=int, default=100000, help="first article used for tuning (100000)"
    )
    parser.add_argument("--tune", type=int, default=2000, help="number of articles used for tuning (2000)")
    parser.add_argument("--tune-stride", type=int, default=2, help="take every k-th article (2)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--min-words", type=int, default=5, help="shorter sentences are taken last")
    parser.add_argument(
        "--redundancies",
        type=float,
        nargs="+",
        default=[1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0],
        help="MMR weights to try",
    )
    parser.add_argument(
        "--length-penalties", type=float, nargs="+", default=[0.0, 0.25, 0.5, 0.75], help="penalties to try"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes that segment articles (2)")
    parser.add_argument("--cache", type=Path, default=None, help="folder to cache segmented articles in")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    if not (args.shared / "data" / "vietnews").is_dir():
        print(f"{args.shared}/data/vietnews is absent: nothing to train on", file=sys.stderr)
        return 2
    if args.tune_split == "train" and args.tune_start < args.train * args.train_stride:
        print("the tuning articles overlap the training ones: raise --tune-start", file=sys.stderr)
        return 2
    stamp = run_provenance(args)  # before the long run: the commit of the code that runs
    rouge = load_rouge(args.shared)
    vietnews = args.shared / "data" / "vietnews"
    train = load_examples(
        vietnews / "train.jsonl.gz", 0, args.train, args.train_stride, args.cache, args.workers
    )
    tune_file = vietnews / f"{args.tune_split}.jsonl.gz"
    tune = load_examples(tune_file, args.tune_start, args.tune, args.tune_stride, args.cache, args.workers)
    tune_span = f"{args.tune_split}[{args.tune_start}::{args.tune_stride}] ({len(tune)} articles)"

    # The word prior is learned on one part of the train articles and the model on the other, so that
    # the model sees prior values as noisy as they are on unseen articles.
    split = int(len(train) * args.prior_share)
    prior = learn_word_prior(train[:split], rouge, args.prior_min_articles) if split else NO_PRIOR
    x, y = training_matrix(train[split:], rouge, prior)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit_logistic((x - mean) / scale, y, args.l2)
    print(
        f"word prior from {split} articles ({len(prior.table)} words); model trained on "
        f"{len(train) - split} articles, {len(y)} sentences, {int(y.sum())} oracle positives"
    )

    def scorer_with(mmr: float, length_penalty: float) -> SentenceScorer:
        return SentenceScorer(
            feature_names=FEATURE_NAMES,
            mean=tuple(mean),
            scale=tuple(scale),
            weights=tuple(weights),
            bias=bias,
            redundancy=mmr,
            length_penalty=length_penalty,
            prior=prior,
            min_words=args.min_words,
        )

    # Tuning measures the very summaries vnsumm will give: the library's summarise and lead, nothing copied.
    lead_figures = evaluate(tune, rouge, lambda d: lead(d, args.sentences).text)
    print(f"tune {tune_span} Lead-{args.sentences} R1/R2 {lead_figures}")
    best = None
    for length_penalty in args.length_penalties:
        for mmr in args.redundancies:
            scorer = scorer_with(mmr, length_penalty)
            figures = evaluate(tune, rouge, lambda d, s=scorer: summarise(d, args.sentences, scorer=s).text)
            print(f"  learned, length penalty {length_penalty}, MMR {mmr}: R1/R2 {figures}", flush=True)
            if best is None or figures[1] > best[2][1]:
                best = (mmr, length_penalty, figures)
    chosen_mmr, chosen_penalty, figures = best
    scorer = scorer_with(chosen_mmr, chosen_penalty)
    provenance = {
        "train_articles": f"train[0::{args.train_stride}][:{len(train)}]",
        "word_prior_articles": f"the first {split} of those",
        "tune_articles": f"{args.tune_split}[{args.tune_start}::{args.tune_stride}][:{len(tune)}]",
        "l2": args.l2,
        "tune_rouge12_learned": list(figures),
        "tune_rouge12_lead": list(lead_figures),
        **stamp,
    }
    write_parameters(args.out, scorer, provenance)
    print(
        f"kept length penalty {chosen_penalty}, MMR {chosen_mmr}: "
        f"R2 x{figures[1] / lead_figures[1]:.3f} of Lead"
    )
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    for name, w in sorted(zip(FEATURE_NAMES, weights), key=lambda t: -abs(t[1])):
        print(f"  {name:28s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
