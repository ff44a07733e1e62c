"""The number engine: every number of a Vietnamese source, found again (or not) in its English translation.

``check(source, translation)`` extracts mentions on both sides (:func:`extract_vi`, :func:`extract_en`),
matches them by value (:mod:`vnsumm.numbers.match`) and returns a :class:`NumberReport`.
"""

from __future__ import annotations

from .check import check
from .en import extract_en
from .match import MentionCheck, NumberReport, match_mentions
from .mention import Mention
from .vi import extract_vi

__all__ = ["check", "extract_en", "extract_vi", "match_mentions", "Mention", "MentionCheck", "NumberReport"]
