"""Writing results without ever losing earlier ones.

A single document goes to a temporary file beside the target, renamed into place once complete. A batch
appends line by line to its output and can resume it: the lines already there are checked against the
input, a torn last line (from a crash mid-write) is dropped, and the run goes on from the next record.
Every check that can fail (same file as the input, unwritable place) runs before anything is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from .batch import Record
from .errors import InputError

_LINE_START = b'{"id": '  # every batch output line starts so (json.dumps of a dict with "id" first)


def refuse_same_file(output: str | None, inputs: Iterable[str | None]) -> None:
    """``-o`` naming an input would destroy that input: refused before anything is read."""
    if output is None or output == "-":
        return
    for path in inputs:
        if path is None or path == "-":
            continue
        same = os.path.realpath(path) == os.path.realpath(output)
        with contextlib.suppress(OSError):
            same = same or os.path.samefile(path, output)
        if same:
            raise InputError(f"{output}: is also an input; write the output somewhere else")


def check_writable(path: str) -> None:
    """Fail now, with the reason, if ``path`` cannot be written (not after the whole job)."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: cannot write (is a directory)")
    if target.exists() and not target.is_file():  # a device or a pipe: written in place
        if not os.access(target, os.W_OK):
            raise InputError(f"{path}: cannot write (permission denied)")
        return
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"{path}: cannot write (no such folder {folder})")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError(f"{path}: cannot write (permission denied)")


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it over ``path`` when complete."""
    target = Path(path)
    try:
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(text)
            return
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass
class ResumePoint:
    """The complete lines already in a batch output: their ids, and what they said about the run."""

    ids: list[Any] = field(default_factory=list)
    errors: int = 0
    numbers_failed: int = 0
    keep_bytes: int = 0  # the length of the complete lines; anything after is a torn line


def read_resume_point(path: str, numbers_failed: Callable[[dict[str, Any]], bool]) -> ResumePoint:
    """Read an earlier batch output; refuse a file that is not one (it would be appended to wrongly)."""
    point = ResumePoint()
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                if not _LINE_START.startswith(line[: len(_LINE_START)]):
                    raise _not_batch_output(path, number)
                break  # a torn last line: dropped, its record runs again
            try:
                row = json.loads(line)
            except ValueError:
                raise _not_batch_output(path, number) from None
            if not isinstance(row, dict) or not line.startswith(_LINE_START):
                raise _not_batch_output(path, number)
            point.ids.append(row["id"])
            point.errors += "error" in row
            point.numbers_failed += "error" not in row and numbers_failed(row)
            point.keep_bytes += len(line)
    return point


def _not_batch_output(path: str, number: int) -> InputError:
    return InputError(
        f"{path}: line {number} is not a vnsumm batch line, so the file cannot be resumed; "
        "choose another -o, or pass --no-resume to replace it"
    )


def skip_done(items: Iterable[Record], done: ResumePoint, path: str) -> Iterator[Record]:
    """The records after those already written; each written line must belong to its input record."""
    count = 0
    for record in items:
        if count < len(done.ids):
            if record.id != done.ids[count]:
                raise InputError(
                    f"{path}: line {count + 1} is for id {done.ids[count]!r} but input record {count + 1} "
                    f"(line {record.number}) has id {record.id!r}: this output is not from this input; "
                    "choose another -o, or pass --no-resume to replace it"
                )
            count += 1
            continue
        yield record
    if count < len(done.ids):
        raise InputError(
            f"{path}: has {len(done.ids)} lines but the input only {count} records: not from this input"
        )


def open_batch_output(
    path: str | None, resume: bool | None, numbers_failed: Callable[[dict[str, Any]], bool]
) -> tuple[TextIO, ResumePoint]:
    """The stream to append to and what is already there.

    ``resume`` None means: resume when ``path`` holds an earlier output, start it when absent or empty.
    ``False`` starts over (the file is emptied only now, after input and model were checked).
    """
    if path is None or path == "-":
        return sys.stdout, ResumePoint()
    check_writable(path)
    target = Path(path)
    done = ResumePoint()
    regular = target.is_file()
    if regular and resume is not False:
        done = read_resume_point(path, numbers_failed)
    try:
        handle: IO[str] = open(  # noqa: SIM115 - the caller closes it after the run
            target, "a" if regular or target.exists() else "w", encoding="utf-8", newline="\n"
        )
        if regular:
            handle.truncate(done.keep_bytes)  # a torn last line goes; with --no-resume, everything
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return handle, done
