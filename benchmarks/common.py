"""What every benchmark needs, in one place: paths, one-core pinning, the ../shared data, timing, JSON output.

A benchmark starts with::

    sys.path.insert(0, str(Path(__file__).resolve().parent))  # this folder, also when loaded by a test
    from common import ROOT, SHARED, ...

Importing this module puts ``src/`` on ``sys.path`` (first, unless it is there already), so benchmarks
measure the checkout they sit in, installed or not. ``--json PATH`` output is the benchmark's figures
plus a ``signature`` (arguments, versions, commit, machine: :func:`signature`), so that a figure can be
traced to what produced it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VIETNEWS = SHARED / "data" / "vietnews"
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from vnsumm.provenance import json_safe, machine, source_commit, versions  # noqa: E402

# Versions every signature carries (read from package metadata: nothing is imported).
SIGNATURE_PACKAGES: tuple[str, ...] = ("underthesea", "numpy", "torch")


def pin_to_one_core() -> str:
    """Measure on one core, as the targets are stated (other jobs share the machine); says what was done."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def shared_file(path: Path) -> bool:
    """True when ``path`` (data in ../shared) exists; otherwise says why the benchmark is skipped.

    ../shared exists only on the project's machines, so a clone without it skips (exit 0), never fails.
    """
    if path.exists():
        return True
    print(f"skipped: {path} is absent (../shared exists only on the project's machines)")
    return False


def open_text(path: Path) -> IO[str]:
    """A data file for reading as UTF-8 text, gzipped (``.gz``) or not."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_vietnews(path: Path, limit: int, offset: int = 0, stride: int = 1) -> Iterator[dict[str, Any]]:
    """Articles offset, offset + stride, ... (``limit`` of them) of a VietNews ``.jsonl.gz`` split.

    The files run in clusters of sources, so a strided sample covers a split where a slice covers a few
    sources. Lazy, and only the lines taken are parsed.
    """
    taken = 0
    with open_text(path) as handle:
        for number, line in enumerate(handle):
            if taken >= limit:
                return
            if number >= offset and (number - offset) % stride == 0:
                taken += 1
                yield json.loads(line)


def load_rouge(shared: Path = SHARED) -> ModuleType:
    """``../shared/eval/rouge.py``, the project's ROUGE, imported where it lies (never copied)."""
    folder = str(shared / "eval")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import rouge

    return rouge


def cpu_seconds(children: bool = False) -> float:
    """User + system CPU time of this process (and, with ``children``, of its finished child processes)."""
    usages = [resource.getrusage(resource.RUSAGE_SELF)]
    if children:
        usages.append(resource.getrusage(resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in usages)


def best_rate(run: Callable[[Any], object], payload: Any, items: int, min_seconds: float = 1.0) -> float:
    """Items per second of ``run(payload)``, repeated until ``min_seconds`` have passed, best pass kept
    (on a shared machine the fastest pass is the one least disturbed)."""
    best, spent = float("inf"), 0.0
    while spent < min_seconds:
        began = time.perf_counter()
        run(payload)
        elapsed = time.perf_counter() - began
        best, spent = min(best, elapsed), spent + elapsed
    return items / best


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """The ``--json PATH`` option every benchmark has."""
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON, with their signature")


def signature(
    benchmark: str, arguments: argparse.Namespace | dict[str, Any], packages: Iterable[str] = ()
) -> dict[str, Any]:
    """What a figure depends on: the benchmark and its settings, package versions, commit and machine."""
    settings = vars(arguments) if isinstance(arguments, argparse.Namespace) else dict(arguments)
    settings.pop("json", None)  # where the figures go is not what they depend on
    return {
        "benchmark": benchmark,
        "arguments": json_safe(settings, root=ROOT),
        "versions": versions((*SIGNATURE_PACKAGES, *packages)),
        "commit": source_commit(ROOT),
        "machine": machine(),
        "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def write_json(
    path: Path | None,
    figures: dict[str, Any],
    benchmark: str,
    arguments: argparse.Namespace | dict[str, Any],
    packages: Iterable[str] = (),
) -> None:
    """Write ``figures`` plus their ``signature`` to ``path`` (nothing when ``path`` is None)."""
    if path is None:
        return
    report = {**figures, "signature": signature(Path(benchmark).name, arguments, packages)}
    path.write_text(json.dumps(json_safe(report), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
