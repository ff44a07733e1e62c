"""JSON-lines batches: one ``{"id", ...}`` line in, one line out, in the same order.

Reading is strict and line-local: whatever a line holds (bad JSON, wrong types, lone surrogates, deep
nesting, control characters, invalid UTF-8, a line beyond :data:`MAX_LINE_BYTES`, an id seen before), it
becomes one ``{"id", "error"}`` line and the run goes on. Anything that concerns the whole run (a missing
model, a bad option, an unwritable output) is raised before the first line is written.

Work runs in-process (one worker) or in worker processes, each loading the job once, with results
written in input order and at most a bounded window of lines in flight (memory stays bounded).
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol, TextIO, TypeVar

from .errors import EXIT_LINES, EXIT_NUMBERS, EXIT_OK, InputError, VnsummError

# A line longer than this is refused with an error line (its bytes are skipped, never held in memory).
MAX_LINE_BYTES = 16 * 2**20
# Lines in flight per worker: enough to keep every worker busy, few enough to bound memory.
WINDOW_PER_WORKER = 8
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
T = TypeVar("T")


@dataclass(frozen=True)
class Record:
    """One input line: its number, its id, and either the fields a job needs or why it cannot run."""

    number: int
    id: str | int | None
    fields: dict[str, str] | None = None
    error: str | None = None


@dataclass(frozen=True)
class Outcome:
    """One output line (JSON, no newline) and what it says about the run."""

    line: str
    error: bool = False
    numbers_failed: bool = False


class Job(Protocol):
    """What a batch runs per record: picklable, loaded once per worker, then called per line."""

    fields: tuple[str, ...]

    def prepare(self) -> None:
        """Cheap checks in the main process before any line is read (a missing model raises here)."""

    def load(self) -> None:
        """Heavy set-up, once per worker (models)."""

    def run(self, fields: dict[str, str]) -> dict[str, Any]:
        """The output row (without ``id``)."""
        ...

    def numbers_failed(self, row: dict[str, Any]) -> bool:
        """Whether an output row reports a failed number check (also read back when resuming)."""
        ...


# ---------------------------------------------------------------- reading


def raw_lines(stream: IO[bytes], limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line, BOM of the first line dropped; None for a line over ``limit``."""
    limit = limit or MAX_LINE_BYTES
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        yield number, line


def encoded_lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, bytes | None]]:
    """:func:`raw_lines` for lines already in memory (a string line is encoded back to UTF-8 bytes)."""
    for number, line in enumerate(lines, start=1):
        data = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
        if number == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        yield number, (data if len(data) <= MAX_LINE_BYTES + 1 else None)


def records(lines: Iterable[tuple[int, bytes | None]], fields: tuple[str, ...]) -> Iterator[Record]:
    """A Record per non-blank line; blank lines hold no record. Ids must be unique (else an error line)."""
    seen: dict[tuple[type, Any], int] = {}
    for number, raw in lines:
        if raw is not None and not raw.strip():
            continue
        record = parse_record(number, raw, fields)
        if record.id is not None:
            key = (type(record.id), record.id)
            first = seen.setdefault(key, number)
            if first != number:
                record = Record(
                    number, record.id, error=f"line {number}: duplicate id (first on line {first})"
                )
        yield record


def parse_record(number: int, raw: bytes | None, fields: tuple[str, ...]) -> Record:
    """Decode, parse and validate one line; every failure is a Record with a one-line ``error``."""

    def failed(message: str, identifier: str | int | None = None) -> Record:
        return Record(number, identifier, error=f"line {number}: {message}")

    if raw is None:
        return failed(f"longer than {MAX_LINE_BYTES:,} bytes; split the text or shorten the line")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return failed(f"not valid UTF-8 (bad byte 0x{raw[exc.start]:02x} at byte {exc.start} of the line)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return failed(f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return failed("not usable JSON: nested too deeply")
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        return failed(f"not usable JSON: {exc}")
    if not isinstance(data, dict):
        expected = ", ".join(f'"{name}"' for name in ("id", *fields))
        return failed(f"a line must be a JSON object with {expected}, not {_json_type(data)}")
    identifier = data.get("id")
    if identifier is not None and (not isinstance(identifier, str | int) or isinstance(identifier, bool)):
        return failed(f'"id" must be a string or an integer, not {_json_type(identifier)}')
    if isinstance(identifier, str) and (problem := character_problem(identifier)):
        return failed(f'"id" {problem}')
    values = {}
    for name in fields:
        value = data.get(name)
        if value is None:
            return failed(f'missing "{name}"', identifier)
        if not isinstance(value, str):
            return failed(f'"{name}" must be a string, not {_json_type(value)}', identifier)
        if problem := character_problem(value):
            return failed(f'"{name}" {problem}', identifier)
        values[name] = value
    return Record(number, identifier, values)


def character_problem(text: str) -> str | None:
    """Characters no text may hold: a lone surrogate (not encodable) or a binary control character."""
    if found := _SURROGATE.search(text):
        return f"holds a lone surrogate U+{ord(found.group()):04X} at character {found.start()}"
    if found := _CONTROL.search(text):
        return f"holds the control character U+{ord(found.group()):04X} at character {found.start()}"
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPES.get(type(value), type(value).__name__)


# ---------------------------------------------------------------- running


def attempt(record: Record, work: Callable[[dict[str, str]], T]) -> tuple[T | None, str | None]:
    """``(work(record.fields), None)``, or ``(None, why this line failed)``: one bad line never raises.

    Only an error that concerns the whole run (the model went away) is raised.
    """
    if record.error is not None:
        return None, record.error
    assert record.fields is not None
    try:
        return work(record.fields), None
    except VnsummError as exc:
        if exc.exit_code != InputError.exit_code:
            raise
        return None, f"line {record.number}: {exc}"
    except Exception as exc:  # noqa: BLE001 - one bad line must never end the run
        detail = " ".join(str(exc).split())[:200]
        return None, f"line {record.number}: cannot be processed ({type(exc).__name__}: {detail})"


def run_record(job: Job, record: Record) -> Outcome:
    """The output line of one record; a failure of this line becomes its error line, never an exception."""

    def line_of(fields: dict[str, str]) -> tuple[str, bool]:
        row = job.run(fields)
        return json.dumps({"id": record.id, **row}, ensure_ascii=False), job.numbers_failed(row)

    done, error = attempt(record, line_of)
    if done is None:
        return error_outcome(record.id, error or "cannot be processed")
    line, numbers_failed = done
    return Outcome(line, numbers_failed=numbers_failed)


def error_outcome(identifier: str | int | None, message: str) -> Outcome:
    safe = message.encode("utf-8", "backslashreplace").decode("utf-8")
    return Outcome(json.dumps({"id": identifier, "error": safe}, ensure_ascii=False), error=True)


_WORKER_JOB: list[Job] = []  # the job of this worker process, set once by its initializer


def _init_worker(job: Job, threads: int) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no worker tracebacks
    _exit_with_parent()
    _limit_threads(threads)
    job.load()
    _WORKER_JOB.append(job)


def _exit_with_parent(interval_s: float = 0.5) -> None:
    """A worker whose parent was killed (SIGKILL, OOM) ends too, instead of waiting forever as an orphan."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval_s)
        os._exit(1)

    threading.Thread(target=watch, name="vnsumm-parent-watch", daemon=True).start()


def _limit_threads(threads: int) -> None:
    """Workers share the cores: each gets its share of torch's intra-op threads."""
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


def _run_in_worker(record: Record) -> Outcome:
    return run_record(_WORKER_JOB[0], record)


def default_workers() -> int:
    """All cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_outcomes(job: Job, items: Iterable[Record], workers: int = 1) -> Iterator[Outcome]:
    """Each record's outcome, in input order; with ``workers`` > 1, in that many processes.

    At most ``workers * WINDOW_PER_WORKER`` records are in flight, so a batch of any length runs in
    bounded memory. Error records need no worker and keep their place in the order.
    """
    if workers <= 1:
        job.load()
        for record in items:
            yield run_record(job, record)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    threads = max(1, default_workers() // workers)
    window: collections.deque[Future | Outcome] = collections.deque()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(job, threads),
    )
    try:
        for record in items:
            if record.error is not None:
                window.append(error_outcome(record.id, record.error))
            else:
                window.append(pool.submit(_run_in_worker, record))
            if len(window) >= workers * WINDOW_PER_WORKER:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())
    finally:  # on Ctrl-C or an error: queued lines are dropped (a rerun resumes), running ones finish
        pool.shutdown(wait=True, cancel_futures=True)


def _result(item: Any) -> Outcome:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return item if isinstance(item, Outcome) else item.result()
    except BrokenProcessPool:
        raise VnsummError(
            "a worker process died (out of memory?); run the same command again: -o resumes where it stopped"
        ) from None


@dataclass
class Tally:
    """What the run did, for the exit code and the progress bar."""

    written: int = 0
    skipped: int = 0
    errors: int = 0
    numbers_failed: int = 0

    @property
    def exit_code(self) -> int:
        """Error lines first (``EXIT_LINES``), then failed numbers (``EXIT_NUMBERS``), else success."""
        if self.errors:
            return EXIT_LINES
        return EXIT_NUMBERS if self.numbers_failed else EXIT_OK


def write_outcomes(
    outcomes: Iterable[Outcome],
    out: TextIO,
    tally: Tally,
    on_line: Callable[[Tally], None] | None = None,
    name: str = "stdout",
) -> Tally:
    """Append each outcome as one line, flushed at once: a crash loses at most the line being written."""
    for outcome in outcomes:
        try:
            out.write(outcome.line + "\n")
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk, a quota: stop at the first line that cannot be written
            raise InputError(f"{name}: cannot write ({exc.strerror or exc})") from None
        tally.written += 1
        tally.errors += outcome.error
        tally.numbers_failed += outcome.numbers_failed
        if on_line is not None:
            on_line(tally)
    return tally


def run_jsonl(lines: Iterable[str | bytes], out: TextIO, job: Job) -> int:
    """In-process batch over lines in memory (one worker); returns the error-line count."""
    job.prepare()
    outcomes = ordered_outcomes(job, records(encoded_lines(lines), job.fields))
    return write_outcomes(outcomes, out, Tally()).errors


@dataclass(frozen=True)
class BatchOptions:
    """How a batch command runs: where it writes, in how many processes, resuming or not, with a bar."""

    output: str | None = None
    workers: int = 1
    resume: bool | None = None  # None: resume when the output holds an earlier run
    progress: bool | None = None  # None: a bar only when stderr is a terminal


def open_input(path: str) -> IO[bytes]:
    """The input as bytes (``-`` for stdin): lines are decoded one by one, so a bad byte costs one line."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a JSON-lines file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


Execute = Callable[[Job, Iterable[Record]], Iterable[Outcome]]


def run_batch(
    job: Job,
    source: str,
    options: BatchOptions,
    stdout: TextIO | None = None,
    execute: Execute | None = None,
) -> Tally:
    """A whole batch command: checks first (same file, input, model, output), then line by line.

    The output file is touched only after the input opened and the job is prepared; with an earlier
    output present the run resumes after its last complete line. ``execute`` computes the outcomes in
    order (default: :func:`ordered_outcomes` in ``options.workers`` local processes; Ray in
    :mod:`vnsumm.distributed`).
    """
    from .output import open_batch_output, refuse_same_file, skip_done
    from .progress import batch_bar, count_records, wants_progress

    refuse_same_file(options.output, [source])
    stream = open_input(source)
    job.prepare()
    out, done = open_batch_output(options.output, options.resume, job.numbers_failed)
    out = stdout if out is sys.stdout and stdout is not None else out
    tally = Tally(skipped=len(done.ids), errors=done.errors, numbers_failed=done.numbers_failed)
    show = wants_progress(options.progress)
    update, close = batch_bar(count_records(source) if show else None, tally.skipped, show)
    items = skip_done(records(raw_lines(stream), job.fields), done, options.output or "-")
    try:
        outcomes = (execute or functools.partial(ordered_outcomes, workers=options.workers))(job, items)
        return write_outcomes(outcomes, out, tally, update, options.output or "stdout")
    finally:
        close()
        if out is not sys.stdout and out is not stdout:
            with contextlib.suppress(OSError):  # every line was flushed; a failure was reported already
                out.close()
        if stream is not sys.stdin.buffer:
            stream.close()
