"""Vocabulary of English numbers (spaCy's ``lang/<code>/lex_attrs.py`` is the model; units: :mod:`.units`).

The same kinds of table as :mod:`.lex_vi`, so that one language's rule can be read against the other's.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip
# Number words below twenty, and the tens (the Vietnamese tables: DIGIT_WORDS, TEN_WORDS).
DIGIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TEN_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
# Scale words and abbreviations, as powers of ten (``2.5 bn`` is 2.5e9).
SCALES: dict[str, int] = {
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mln": 6, "mn": 6, "tn": 12, "k": 3,
}  # fmt: skip
# Plural scale words scale a number before them too (``13 thousands of dollars`` is 13,000, a small
# model's English), but not after a four-digit number: ``in 2008 millions of people`` is a year, then a
# vague amount.
PLURAL_SCALES: dict[str, int] = {"thousands": 3, "millions": 6, "billions": 9, "trillions": 12}
# Words that multiply but are no scale abbreviation (``two hundred``, ``a dozen``, ``two and a half``).
MULTIPLIER_WORDS: tuple[str, ...] = ("hundred", "thousand", "million", "billion", "trillion", "dozen", "half")
NUMBER_WORDS: frozenset[str] = frozenset([*DIGIT_WORDS, *TEN_WORDS, *MULTIPLIER_WORDS])
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
# Articles stand for "one" (``a survey`` for ``1 cuộc khảo sát``) and lead a number word (``a million``).
ARTICLES: frozenset[str] = frozenset({"a", "an", "another"})
# Words a Roman numeral follows as a number (``World War II``, ``Phase III``, ``Pope Benedict XVI``).
ROMAN_HEADS: tuple[str, ...] = (
    "War", "Part", "Chapter", "Phase", "Plenum", "Congress", "Session", "Section", "Article", "Volume",
    "Book", "Level", "Class", "Region", "Zone", "Stage", "Term", "Grade", "Type", "Round", "Quarter", "Pope",
    "King", "Queen", "Louis", "Henry", "Edward", "George", "Benedict", "John", "Paul",
)  # fmt: skip
# Years said as two numbers (``nineteen twelve``, ``twenty-ten``, ``eighteen eighty-four``): the first half.
CENTURY_WORDS: dict[str, int] = {"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
# Decades said in words (``the nineteen-thirties``).
DECADE_WORDS: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}  # fmt: skip
# How many times, in one word (``twice the size`` for ``2 lần``); ``once`` is left out (it also means
# "formerly").
TIMES_WORDS: dict[str, int] = {"twice": 2, "thrice": 3}
# Words near ``2-1`` that make it a match score, not a range (``a 1-1 draw``, ``won 2-0``).
SCORE_CUES: tuple[str, ...] = (
    "draw", "drew", "won", "win", "wins", "beat", "beating", "lost", "lose", "loss", "defeat", "defeated",
    "victory", "score", "scored", "scoreline", "led", "lead", "tie", "tied", "goal", "goals", "match",
    "final",
)  # fmt: skip
# What makes the number before it an age (``a 10-year-old player``, ``16 years old``); the number keeps its
# span and gets the unit ``age``, which only a bare count or an age counter may have (see the matcher).
AGE_AFTER: tuple[str, ...] = ("-year-old", "-years-old", " year-old", " years-old", " years old", " year old")
# Spans of time after a figure (``6 months``, ``a 10-year plan``), by the name the Vietnamese counters share
# (lex_vi.DURATION_COUNTERS): the number gets that name as its unit, and the matcher holds it against the
# source counter (``6 tháng`` is no "6 years", ``5 người`` no "5 days").
DURATION_WORDS: dict[str, str] = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
    "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
}  # fmt: skip
# What makes a date before it lunar (``September 10 (lunar calendar)``); the form vnsumm writes, "the 24th
# day of the 12th lunar month", is a rule of its own.
LUNAR_MARKS: tuple[str, ...] = ("lunar calendar", "lunar")
# Words between a number and the noun it counts that end the noun phrase ("1.6 million in fines" counts no
# fines): the check for a number whose English noun counts something else stops at them.
PHRASE_BREAKS: tuple[str, ...] = (
    "in", "of", "for", "to", "from", "on", "at", "by", "with", "per", "and", "or", "than", "the", "a", "an",
)  # fmt: skip
