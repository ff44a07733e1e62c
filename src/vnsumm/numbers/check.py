"""``check``: the one call that proves the numbers of a Vietnamese text survive into its English."""

from __future__ import annotations

from ..errors import InputError
from .en import extract_en
from .match import MAX_CHECK_CHARS, NumberReport, match_mentions


def check(
    source: str, translation: str, *, allow_rounding: bool = False, strict: bool = False
) -> NumberReport:
    """Match every number of ``source`` (Vietnamese) to ``translation`` (English) by value.

    Offsets in the report index into the two strings as given; use ``NumberReport.to_dict(offsets)`` to
    place a sentence-level report into document coordinates.
    """
    from .vi import extract_vi

    for name, text in (("source", source), ("translation", translation)):
        if len(text) > MAX_CHECK_CHARS:
            raise InputError(
                f"the {name} has {len(text):,} characters; the number check takes at most "
                f"{MAX_CHECK_CHARS:,} per text: split it (e.g. by paragraph)"
            )
    return match_mentions(
        extract_vi(source),
        extract_en(translation),
        source,
        translation,
        allow_rounding=allow_rounding,
        strict=strict,
    )
