"""The skeleton both extractors share: a draft mention, the claims on characters, and ordered rule tables.

An extractor is a table of :class:`Rule` rows run in order. Each rule finds matches (a compiled pattern, or a
finder of its own), builds drafts from them, and a draft is kept only when none of its characters is claimed
yet: the order of the table is the priority of the rules (``COVID-19`` is a code before ``19`` can be a
number). Every rule carries examples; the test suite runs them all (``tests/test_numbers_rules.py``), so a
new rule comes with its proof.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Generic, TypeVar

from .mention import DateValue, Mention, Value
from .units import alternation

__all__ = [
    "Claims",
    "Draft",
    "Example",
    "Rule",
    "has_char",
    "has_cue",
    "has_digit",
    "has_word",
    "matches_at",
    "at_cues",
    "run_rules",
    "searches",
]

# A pattern that opens with a plain character class lets the regex engine skip ahead to where that class
# occurs; one that opens with a repeat (``[0-9]+``) or a look-behind is tried at every position. Hence the
# first digit written apart (``[0-9][0-9]*`` is ``[0-9]+``).
_ASCII_DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = re.compile(r"[0-9][0-9]*(?:[.,][0-9]+)*")
# Where a run of digits (any script, as ``\d`` reads them) starts: a digit without one before it (the
# look-behind after the digit, for the reason above).
_DIGIT_START = re.compile(r"\d(?<!\d\d)")
_WORD = re.compile(r"[A-Za-z]+")
_WORD_LOWER = re.compile(r"[a-z]+")


@dataclass
class Draft:
    """A mention before it is final, with what the joining of ranges and ratios needs to know."""

    start: int
    end: int
    kind: str
    value: Value
    unit: str | None = None
    soft: bool = False
    alternatives: tuple[Value, ...] = ()
    # Written in the other language's form: its digit separators (``32.439,8`` in English text), or a
    # day-first date an English reader may take month-first (``10/11/2018``).
    foreign: bool = False
    # The numeral before its scale words and their product (None without scale words): a range's low end
    # shares the scale of its high end (``2-3 triệu``, ``2 to 3 million``).
    base: Decimal | None = None
    scale: Decimal | None = None
    base_alternatives: tuple[Decimal, ...] = ()
    # May join a neighbour into a range or a ratio.
    joinable: bool = False
    rule: str = ""
    garbled: bool = False  # see Mention.garbled

    def mention(self, text: str) -> Mention:
        """The final mention, its text sliced from the text it was found in."""
        return Mention(
            text=text[self.start : self.end],
            start=self.start,
            end=self.end,
            kind=self.kind,
            value=self.value,
            unit=self.unit,
            soft=self.soft,
            alternatives=self.alternatives,
            foreign_format=self.foreign,
            garbled=self.garbled,
        )


def as_lunar(draft: Draft) -> Draft:
    """The draft's date, of the lunar calendar (each language decides when): no other reading stays, since
    the day alone as its number would match a solar day."""
    if not isinstance(draft.value, DateValue):
        return draft
    return replace(draft, value=replace(draft.value, lunar=True), alternatives=())


_T = TypeVar("_T")


class _once(Generic[_T]):  # noqa: N801 (a decorator, named like one)
    """``functools.cached_property`` without its lock, which Python 3.11 takes on every first read (a
    Claims lives in one call of one thread): computed on first read, then an attribute of the instance."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, claims: Any, owner: type | None = None) -> Any:
        if claims is None:
            return self  # read on the class (by documentation tools)
        value = claims.__dict__[self.name] = self.func(claims)
        return value


class Claims:
    """The text being read, which of its characters already belong to a mention, and the drafts kept.

    It also holds cheap views of the text that rules use as gates (a rule runs only when its cue occurs).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.drafts: list[Draft] = []
        self._taken = bytearray(len(text))
        self._found: dict[re.Pattern[str], bool] = {}

    def free(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)

    def add(self, draft: Draft) -> bool:
        """Keep ``draft`` if all its characters are free, and claim them."""
        if draft.start >= draft.end or not self.free(draft.start, draft.end):
            return False
        self.take(draft.start, draft.end)
        self.drafts.append(draft)
        return True

    def found(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` occurs in the text: searched once, however many gates ask."""
        hit = self._found.get(pattern)
        if hit is None:
            hit = self._found[pattern] = pattern.search(self.text) is not None
        return hit

    @_once
    def has_digit(self) -> bool:
        """An ASCII digit occurs (the rules read ASCII digits; ``digit_runs`` are made of them)."""
        return _ASCII_DIGIT.search(self.text) is not None

    @_once
    def digit_runs(self) -> list[re.Match[str]]:
        """Every run of digits with its inner separators, found once for all the rules that start there."""
        return list(_DIGIT_RUN.finditer(self.text))

    @_once
    def digit_starts(self) -> list[int]:
        """Where each run of digits starts: the only places a pattern led by a digit can start matching."""
        return [m.start() for m in _DIGIT_START.finditer(self.text)]

    def cue_starts(self, cues: Iterable[str]) -> list[int]:
        """Where any of ``cues`` occurs in the lower-cased text, in order."""
        low, starts = self.low, set()
        for cue in cues:
            at = low.find(cue)
            while at != -1:
                starts.add(at)
                at = low.find(cue, at + 1)
        return sorted(starts)

    @_once
    def tokens(self) -> list[tuple[int, str]]:
        """(offset, lower-cased word) of every ASCII-letter word."""
        if len(self.low) != len(self.text):  # a few letters change length when lower-cased
            return [(m.start(), m.group().lower()) for m in _WORD.finditer(self.text)]
        return [(m.start(), m.group()) for m in _WORD_LOWER.finditer(self.low)]

    @_once
    def words(self) -> frozenset[str]:
        """The lower-cased words (the gates' question), found without building every token's offset."""
        if len(self.low) != len(self.text):
            return frozenset(word for _start, word in self.tokens)
        return frozenset(_WORD_LOWER.findall(self.low))


Built = Draft | Sequence[Draft] | None


@dataclass(frozen=True)
class Example:
    """``text`` holds a mention written ``mention`` whose value prints as ``value`` (``str(Value)``)."""

    text: str
    mention: str
    value: str


@dataclass(frozen=True)
class Rule:
    """One extraction rule: where it may match, what it builds, and the examples that prove it.

    ``pattern`` is searched over the text (``over_lower``: its lower-cased copy, where lower-casing keeps
    the offsets) unless ``find`` yields the matches itself; ``gate`` skips the rule cheaply when its cue is
    absent; ``build`` turns a match into drafts (None when the match is no mention after all).
    """

    name: str
    build: Callable[[re.Match[str], Claims], Built]
    examples: tuple[Example, ...]
    pattern: re.Pattern[str] | None = None
    find: Callable[[Claims], Iterable[re.Match[str]]] | None = None
    gate: Callable[[Claims], bool] | None = None
    over_lower: bool = False

    def matches(self, claims: Claims) -> Iterable[re.Match[str]]:
        if self.find is not None:
            return self.find(claims)
        assert self.pattern is not None, f"rule {self.name} has neither pattern nor find"
        lowered = self.over_lower and len(claims.low) == len(claims.text)
        return self.pattern.finditer(claims.low if lowered else claims.text)


# Gates: cheap tests that skip a rule whose cue the text lacks.


def has_cue(*cues: str) -> Callable[[Claims], bool]:
    """The rule runs only when one of ``cues`` occurs in the lower-cased text.

    Beyond two cues one search of them all (a trie: the engine skips to their first letters) is faster
    than a substring test for each.
    """
    if len(cues) == 1:
        cue = cues[0]
        return lambda claims: cue in claims.low
    if len(cues) == 2:
        first, second = cues
        return lambda claims: first in claims.low or second in claims.low
    pattern = re.compile(alternation(cues, literal=True))
    return lambda claims: pattern.search(claims.low) is not None


def has_word(words: Iterable[str]) -> Callable[[Claims], bool]:
    """The rule runs only when one of ``words`` is a word of the text (a set, so that the test looks up the
    fewer of the two: a dict would be walked key by key)."""
    vocabulary = frozenset(words)
    return lambda claims: not claims.words.isdisjoint(vocabulary)


def has_char(*chars: str) -> Callable[[Claims], bool]:
    """The rule runs only when one of ``chars`` occurs in the text."""
    if len(chars) == 1:
        char = chars[0]
        return lambda claims: char in claims.text
    return lambda claims: any(c in claims.text for c in chars)


def searches(pattern: re.Pattern[str]) -> Callable[[Claims], bool]:
    """The rule runs only when ``pattern`` (a cheap search, led by a digit) occurs in the text; rules that
    share a gate share its search."""
    return lambda claims: claims.found(pattern)


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when a match can only start at one of ``starts`` (ascending) and is never
    empty: the pattern is tried there alone instead of at every position of the text."""
    reached = 0
    for start in starts:
        if start >= reached:
            m = pattern.match(text, start)
            if m is not None:
                reached = m.end()
                yield m


def has_digit(claims: Claims) -> bool:
    return claims.has_digit


def at_cues(pattern: re.Pattern[str], cues: Iterable[str]) -> Callable[[Claims], Iterable[re.Match[str]]]:
    """A ``find`` for a pattern that opens with one of ``cues`` in any case (after a look-behind, maybe):
    it is tried only where a cue occurs in the lower-cased text, not at every position.

    A letter that lower-casing leaves apart but the engine's case folding joins (``ı`` and ``i``, ``ſ`` and
    ``s``) would hide a match from the lower-cased text: cues may not hold i or s.
    """
    cues = tuple(cues)
    assert all(cue == cue.lower() and not set(cue) & set("isṡ") for cue in cues), cues

    def find(claims: Claims) -> Iterable[re.Match[str]]:
        if len(claims.low) != len(claims.text):  # rare: the lower-cased copy has other offsets
            return pattern.finditer(claims.text)
        return matches_at(pattern, claims.text, claims.cue_starts(cues))

    return find


def run_rules(rules: Iterable[Rule], claims: Claims) -> None:
    """Run ``rules`` in order; each draft is kept only where no earlier one claimed its characters."""
    add = claims.add
    for rule in rules:
        if rule.gate is not None and not rule.gate(claims):
            continue
        build, name = rule.build, rule.name
        for match in rule.matches(claims):
            built = build(match, claims)
            if built is None:
                continue
            for draft in (built,) if type(built) is Draft else built:
                if not draft.rule:
                    draft.rule = name
                add(draft)
