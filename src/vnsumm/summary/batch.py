"""JSON-lines batch summarising: one ``{"id", "text"}`` line in, one summary (or error) line out, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..errors import VnsummError
from ..segment import segment
from ..textio import normalise
from . import summarise
from .lead import sentence_count


def summarise_line(line: str, *, n: int = 3, ratio: float | None = None) -> dict[str, Any]:
    """The output record for one input line; problems become ``{"id", "error"}`` instead of raising."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not valid JSON: {exc.msg} (column {exc.colno})"}
    if not isinstance(record, dict):
        return {"id": None, "error": 'a line must be a JSON object with "id" and "text"'}
    identifier = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return {"id": identifier, "error": 'missing "text" (a string: title, blank line, body)'}
    try:
        document = segment(normalise(text))
        summary = summarise(document, n, ratio=ratio)
    except VnsummError as exc:
        return {"id": identifier, "error": str(exc)}
    return {
        "id": identifier,
        "summary": {
            "method": summary.method,
            "sentences": [
                {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "score": s.score}
                for s in summary.sentences
            ],
        },
    }


def run_jsonl(lines: Iterable[str], out: TextIO, *, n: int = 3, ratio: float | None = None) -> int:
    """Summarise each line into ``out`` (flushed per line); returns the number of error lines.

    Blank lines are skipped (they hold no record); every other line gets exactly one output line.
    """
    sentence_count(1, n, ratio)  # a bad n or ratio is refused before any line is written
    errors = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = summarise_line(line, n=n, ratio=ratio)
        if "error" in result:
            errors += 1
            result["error"] = f"line {number}: {result['error']}"
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return errors
