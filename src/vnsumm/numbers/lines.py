"""Two texts compared line by line: when they have the same number of non-empty lines (at least two), each
line is checked against its counterpart (offsets placed in the whole texts); else they are compared whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .check import check

__all__ = ["aligned_lines", "check_texts", "merged_report"]


def _nonempty_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line with visible text."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def aligned_lines(source: str, translation: str) -> list[tuple[tuple[int, str], tuple[int, str]]] | None:
    """The (offset, line) pairs of two texts that are line-aligned (the same number, at least two, of
    non-empty lines), else None: then they are compared as a whole."""
    source_lines, target_lines = _nonempty_lines(source), _nonempty_lines(translation)
    if len(source_lines) != len(target_lines) or len(source_lines) < 2:
        return None
    return list(zip(source_lines, target_lines))


def merged_report(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Line reports (offsets already in the whole texts) as one: ok when every line is; mentions and extras
    in order; any other flag (``ok_before``) true when it is on every line, counts (``repaired``) summed."""
    merged: dict[str, Any] = {"ok": True, "mentions": [], "extra": []}
    for part in parts:
        for key, value in part.items():
            if key in ("mentions", "extra"):
                merged[key].extend(value)
            elif isinstance(value, bool):
                merged[key] = merged.get(key, True) and value
            elif isinstance(value, int):
                merged[key] = merged.get(key, 0) + value
    merged["aligned"] = True
    return merged


def check_texts(
    source: str, translation: str, *, allow_rounding: bool = False, strict: bool = False
) -> dict[str, Any]:
    """Check two whole texts: line by line when they have the same number of non-empty lines, else whole."""
    pairs = aligned_lines(source, translation)
    if pairs is None:
        return {
            **check(source, translation, allow_rounding=allow_rounding, strict=strict).to_dict(),
            "aligned": False,
        }
    return merged_report(
        check(s_line, t_line, allow_rounding=allow_rounding, strict=strict).to_dict(s_off, t_off)
        for (s_off, s_line), (t_off, t_line) in pairs
    )
