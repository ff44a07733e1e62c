"""HTML batches: ``{"id", "text"}`` lines in, one report page per article and an ``index.html`` out.

A line that cannot be processed is listed in the index with its error and the run goes on. Page names come
from the line's position and a tame form of its id, so no id (``../x``, ``<script>``, ``CON``) can leave the
folder, clash with another page, or break a link.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .batch import Record, attempt
from .errors import InputError
from .pipeline import Result
from .render_html import IndexEntry, render_html, render_index, verdict_of

INDEX = "index.html"
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_SLUG_LENGTH = 48


def page_name(position: int, identifier: Any) -> str:
    """``0007-ha-noi-2024.html``: the position keeps names unique and in input order, the id makes them
    recognisable; only ASCII letters, digits and ``-`` are kept (Vietnamese letters lose their marks)."""
    text = identifier if isinstance(identifier, str) else "" if identifier is None else str(identifier)
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", ascii_text).strip("-")[:_SLUG_LENGTH].strip("-").lower()
    return f"{position:04d}-{slug}.html" if slug else f"{position:04d}.html"


def write_pages(
    lines: Iterable[Record], directory: str | Path, run: Callable[[str], Result], *, date: str | None = None
) -> tuple[int, int]:
    """Write a page per input line and the index into ``directory`` (created if needed).

    Returns (lines that failed, articles whose number check failed).
    """
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (--format html with --jsonl writes a folder of pages)")
    entries: list[IndexEntry] = []
    errors = numbers_failed = 0
    for position, record in enumerate(lines, start=1):
        identifier = record.id
        result, error = attempt(record, lambda fields: run(fields["text"]))
        if result is None:
            errors += 1
            entries.append(IndexEntry(identifier, None, None, None, error))
            continue
        name = page_name(position, identifier)
        details = [("Article id", identifier if isinstance(identifier, str) else json.dumps(identifier))]
        _write(folder / name, render_html(result, date=date, details=details, index_href=INDEX))
        numbers_failed += result.numbers.ok is False
        headline = result.document.headline
        entries.append(
            IndexEntry(identifier, name, headline.text if headline else None, verdict_of(result.numbers))
        )
    _write(folder / INDEX, render_index(entries, date=date))
    return errors, numbers_failed


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
