"""One overall progress bar for batches, and quieting the libraries' own chatter.

The bar goes to stderr and only to a terminal unless asked for (``--progress``), so that logs and pipes
stay clean; it shows done / total (when the input is a file), lines per second, the ETA and the errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any


def wants_progress(flag: bool | None) -> bool:
    """``--progress`` / ``--no-progress`` win; otherwise only when stderr is a terminal."""
    return flag if flag is not None else sys.stderr.isatty()


def count_records(path: str) -> int | None:
    """Non-blank lines of a file (None for stdin): the total a bar can show."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def batch_bar(
    total: int | None, initial: int, enabled: bool
) -> tuple[Callable[[Any], None], Callable[[], None]]:
    """(update per written line, close) for a bar over ``total`` lines, ``initial`` of them done before."""
    if not enabled:
        return (lambda _tally: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(
        total=total, initial=initial, unit=" lines", file=sys.stderr, dynamic_ncols=True, smoothing=0.1
    )

    def update(tally: Any) -> None:
        bar.update(1)
        if tally.errors:
            bar.set_postfix(errors=tally.errors, refresh=False)

    return update, bar.close


def quiet_libraries() -> None:
    """Silence transformers' and huggingface_hub's loading bars and warnings (workers inherit this)."""
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    if "transformers" in sys.modules:
        from transformers.utils import logging

        logging.set_verbosity_error()
        logging.disable_progress_bar()
