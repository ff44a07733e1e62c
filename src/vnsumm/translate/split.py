"""Fitting sentences to a model's input limit, and grouping inputs into batches, without touching a model.

A sentence longer than the model accepts is cut at clause boundaries (``;`` then ``:`` then ``,``, then
between words as a last resort) into pieces that each fit; the pieces concatenate back to the sentence
exactly, so nothing is ever dropped. Batches hold inputs of the same padded length, so that an input is
computed on the same tensor shape whatever the batch size (see :func:`plan_batches`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Clause boundaries, strongest first: a piece ends after the mark and the spaces that follow it.
_BOUNDARIES = (
    re.compile(r"(?<=;)\s*"),
    re.compile(r"(?<=:)\s+"),  # "10:41" is a time: only a colon before a space
    re.compile(r"(?<=,)\s+"),  # "5,5" is a Vietnamese decimal: only a comma before a space
    re.compile(r"(?<=\s)(?=\S)"),
)


def split_to_fit(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut ``text`` into consecutive pieces for which ``fits(piece.strip())`` holds; ``"".join`` restores it.

    Pieces are as long as possible: neighbouring clauses are packed together while they fit. A single word
    that does not fit on its own is cut between characters, so the result always fits.
    """
    if fits(text.strip()):
        return [text]
    return _split(text, fits, 0)


def _split(text: str, fits: Callable[[str], bool], level: int) -> list[str]:
    if level == len(_BOUNDARIES):
        return _split_characters(text, fits)
    parts = _cut_after(text, _BOUNDARIES[level])
    if len(parts) == 1:
        return _split(text, fits, level + 1)
    pieces: list[str] = []
    for part in parts:
        if pieces and fits((pieces[-1] + part).strip()):
            pieces[-1] += part
        elif fits(part.strip()):
            pieces.append(part)
        else:
            pieces.extend(_split(part, fits, level + 1))
    return pieces


def _cut_after(text: str, boundary: re.Pattern[str]) -> list[str]:
    cuts = [m.end() for m in boundary.finditer(text) if 0 < m.end() < len(text)]
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _split_characters(text: str, fits: Callable[[str], bool]) -> list[str]:
    pieces: list[str] = []
    for char in text:
        if pieces and fits((pieces[-1] + char).strip()):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def padded_length(length: int, multiple: int) -> int:
    """The length an input of ``length`` tokens is padded to: the next multiple of ``multiple``."""
    return -(-length // multiple) * multiple


def plan_batches(lengths: Sequence[int], batch_size: int, pad_multiple: int) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches of at most ``batch_size`` that share one padded length.

    Inputs are always padded to a multiple of ``pad_multiple`` tokens, so each is computed on the same
    shape alone or in any batch: batch size cannot change a translation. Sorting by length keeps the
    padding small; ties keep input order, so the plan is deterministic.
    """
    if batch_size < 1 or pad_multiple < 1:
        raise ValueError("batch_size and pad_multiple must be positive")
    order = sorted(
        range(len(lengths)), key=lambda i: (padded_length(lengths[i], pad_multiple), lengths[i], i)
    )
    batches: list[list[int]] = []
    for i in order:
        current = batches[-1] if batches else None
        same_shape = current is not None and padded_length(
            lengths[current[0]], pad_multiple
        ) == padded_length(lengths[i], pad_multiple)
        if current is not None and same_shape and len(current) < batch_size:
            current.append(i)
        else:
            batches.append([i])
    return batches
