"""Batches beyond one machine: the same jobs on a Ray cluster through Ray Data.

The driver reads and validates the input exactly as a local batch does (same error lines, same ids, same
resume), sends the runnable records in windows to a Ray Dataset whose ``map_batches`` runs on a pool of
actors (one loaded job, e.g. one Pipeline with its model, per actor; ``num_gpus`` per actor for
translation on GPU clusters), and writes the results back in input order, line by line: the output is the
same bytes as a local batch. Ray is optional: ``pip install 'vnsumm[ray]'``.
"""

from __future__ import annotations

import functools
import itertools
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from .batch import BatchOptions, Job, Outcome, Record, Tally, error_outcome, run_batch, run_record
from .errors import ConfigError

# Records per Ray Dataset: the driver holds one window's text and results at a time (bounded memory).
WINDOW = 20_000
# Records per map_batches call on an actor.
ACTOR_BATCH = 16


class RecordActor:
    """A Ray Data actor: loads the job once, then turns batches of pickled records into outcomes."""

    def __init__(self, job: Job) -> None:
        job.load()
        self.job = job

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        outcomes = [run_record(self.job, pickle.loads(data)) for data in batch["record"]]
        return {
            "seq": batch["seq"],
            "line": [o.line for o in outcomes],
            "error": [o.error for o in outcomes],
            "numbers_failed": [o.numbers_failed for o in outcomes],
        }


def connect(address: str | None) -> Any:
    """Ray, connected: to ``address`` (``auto``: the running cluster), else a new local instance.

    An already connected driver (``ray.init`` called by the caller) is used as it is.
    """
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ConfigError("--ray needs Ray Data: pip install 'vnsumm[ray]' (or 'ray[data]')") from None
    if not ray.is_initialized():
        try:
            ray.init(address=None if address in (None, "local") else address, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            reason = " ".join(str(exc).split())[:200]
            raise ConfigError(f"cannot connect to Ray at {address!r}: {reason}") from None
    return ray


def ray_outcomes(
    job: Job,
    items: Iterable[Record],
    *,
    actors: int | None = None,
    num_gpus: float = 0.0,
    window: int = WINDOW,
) -> Iterator[Outcome]:
    """Each record's outcome in input order, computed by a pool of Ray actors, window by window."""
    import ray
    import ray.data

    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    resource = "GPU" if num_gpus else "CPU"
    size = actors or max(1, int(ray.cluster_resources().get(resource, 1) // (num_gpus or 1)))
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, window)):
        runnable = [(seq, record) for seq, record in enumerate(chunk) if record.error is None]
        done: dict[int, Outcome] = {}
        if runnable:
            dataset = ray.data.from_items(
                [{"seq": seq, "record": pickle.dumps(record)} for seq, record in runnable]
            ).map_batches(
                RecordActor,
                fn_constructor_args=(job,),
                batch_size=ACTOR_BATCH,
                concurrency=min(size, len(runnable)),
                num_cpus=0 if num_gpus else 1,
                num_gpus=num_gpus or None,
            )
            for row in dataset.iter_rows():
                outcome = Outcome(str(row["line"]), bool(row["error"]), bool(row["numbers_failed"]))
                done[int(row["seq"])] = outcome
        for seq, record in enumerate(chunk):
            yield error_outcome(record.id, record.error) if record.error is not None else done[seq]


def run_ray(
    job: Job,
    source: str,
    options: BatchOptions,
    *,
    address: str | None = None,
    num_gpus: float = 0.0,
    actors: int | None = None,
) -> Tally:
    """:func:`vnsumm.batch.run_batch` on Ray: the same checks first, the same output, resumable."""
    connect(address)
    execute = functools.partial(ray_outcomes, actors=actors, num_gpus=num_gpus)
    return run_batch(job, source, options, execute=execute)
