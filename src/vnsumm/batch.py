"""JSON-lines batches: one ``{"id", "text"}`` line in, one line out, in the same order.

A line that cannot be processed gets ``{"id", "error"}`` and the run goes on, so no record is lost;
anything that concerns the whole run (a missing model, a bad option) is raised before the first line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from .errors import InputError

Process = Callable[[str], dict[str, Any]]


def run_jsonl(lines: Iterable[str], out: TextIO, process: Process) -> int:
    """Write ``{"id", **process(text)}`` per input line to ``out``, flushed; returns the error count.

    Blank lines hold no record and are skipped; every other line gets exactly one output line.
    """
    errors = 0
    for row in process_lines(lines, process):
        errors += "error" in row
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()
    return errors


def process_lines(lines: Iterable[str], process: Process) -> Iterator[dict[str, Any]]:
    """``{"id", **process(text)}`` per non-blank line, in order; a failing line gives ``{"id", "error"}``."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _process_line(line, number, process)


def _process_line(line: str, number: int, process: Process) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line {number}: not valid JSON: {exc.msg} (column {exc.colno})"}
    if not isinstance(record, dict):
        return {"id": None, "error": f'line {number}: a line must be a JSON object with "id" and "text"'}
    identifier, text = record.get("id"), record.get("text")
    if not isinstance(text, str):
        return {"id": identifier, "error": f'line {number}: missing "text" (title, blank line, body)'}
    try:
        return {"id": identifier, **process(text)}
    except InputError as exc:
        return {"id": identifier, "error": f"line {number}: {exc}"}
