"""English number extraction: table of forms, negatives, and value → rendering → value properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.numbers.en import extract_en, words_to_number
from vnsumm.numbers.mention import DateValue, RangeValue, RatioValue, TimeValue

D = Decimal

CASES = [
    (
        "on the 24th day of the twelfth lunar month",
        "the 24th day of the twelfth lunar month",
        "date",
        DateValue(None, 12, 24, lunar=True),
        None,
    ),  # fmt: skip
    ("in the first lunar month", "the first lunar month", "date", DateValue(None, 1, None, lunar=True), None),
    ("on August 15 (lunar calendar)", "August 15", "date", DateValue(None, 8, 15, lunar=True), None),
    ("on January 29 Lunar New Year begins", "January 29", "date", DateValue(None, 1, 29), None),
    ("a 10-year-old player", "10", "number", D(10), "age"),
    ("he is 16 years old", "16", "number", D(16), "age"),
    ("GDP was VND 32,439.8 billion.", "VND 32,439.8 billion", "number", D("32439800000000"), "VND"),
    ("or 32.4398 trillion dong", "32.4398 trillion dong", "number", D("32439800000000"), "VND"),
    ("FDI of USD 1.1197 billion", "USD 1.1197 billion", "number", D("1119700000"), "USD"),
    ("it cost $5m", "$5m", "number", D("5000000"), "USD"),
    ("it cost 5bn", "5bn", "number", D("5000000000"), None),
    ("about 10k people", "10k", "number", D("10000"), None),
    ("45,000 people", "45,000", "number", D("45000"), None),
    ("a temperature of -5 degrees", "-5", "number", D("-5"), None),
    ("growth of 5.5%", "5.5%", "percent", D("5.5"), None),
    ("up 39.1 percent", "39.1 percent", "percent", D("39.1"), None),
    ("a cut of 4 per cent", "4 per cent", "percent", D("4"), None),
    ("up 2 percentage points", "2 percentage points", "percent", D("2"), None),
    ("three percent", "three percent", "percent", D("3"), None),
    ("seven days", "seven", "number", D("7"), "day"),  # a span of time: its unit is its name
    ("a 10-year plan", "10", "number", D(10), "year"),
    ("after 6 months", "6", "number", D(6), "month"),
    ("twenty-one guns", "twenty-one", "number", D("21"), None),
    ("a million people", "a million", "number", D("1000000"), None),
    ("a $13 thousands of dollars", "$13 thousands", "number", D("13000"), "USD"),
    ("$13000 thousands of dollars", "$13000 thousands", "number", D("13000000"), "USD"),
    ("2.5 millions people", "2.5 millions", "number", D("2500000"), None),
    ("two and a half billion", "two and a half billion", "number", D("2500000000"), None),
    ("a dozen eggs", "a dozen", "number", D("12"), None),
    ("two hundred and five", "two hundred and five", "number", D("205"), None),
    ("the 7th session", "7th", "ordinal", D("7"), None),
    ("the eighteenth Congress", "eighteenth", "ordinal", D("18"), None),
    ("the twenty-first century", "twenty-first", "ordinal", D("21"), None),
    ("the XVIII Congress", "XVIII", "ordinal", D("18"), None),
    ("World War II ended", "II", "ordinal", D("2"), None),
    ("in Q2", "Q2", "ordinal", D("2"), "quarter"),
    ("in the second quarter", "second quarter", "ordinal", D("2"), "quarter"),
    ("on June 10", "June 10", "date", DateValue(None, 6, 10), None),
    ("on 10 June", "10 June", "date", DateValue(None, 6, 10), None),
    ("June 10, 2024", "June 10, 2024", "date", DateValue(2024, 6, 10), None),
    ("dated 2024-06-11", "2024-06-11", "date", DateValue(2024, 6, 11), None),
    ("in June 2024", "June 2024", "date", DateValue(2024, 6), None),
    ("it happened in 2024", "2024", "date", DateValue(2024), None),
    ("at 10:41 a.m.", "10:41 a.m.", "time", TimeValue(10, 41), None),
    ("at 7 p.m.", "7 p.m.", "time", TimeValue(19), None),
    ("at 7 o'clock", "7 o'clock", "time", TimeValue(7), None),
    ("in 2019-2022", "2019-2022", "range", RangeValue(D(2019), D(2022)), None),
    ("in 2019–2022", "2019–2022", "range", RangeValue(D(2019), D(2022)), None),
    ("aged 16 to 24", "16 to 24", "range", RangeValue(D(16), D(24)), None),
    ("aged between 16 and 24", "between 16 and 24", "range", RangeValue(D(16), D(24)), None),
    ("from 2021 to 2030", "from 2021 to 2030", "range", RangeValue(D(2021), D(2030)), None),
    ("2 to 3 million", "2 to 3 million", "range", RangeValue(D(2000000), D(3000000)), None),
    ("18 of 18 districts", "18 of 18", "ratio", RatioValue(D(18), D(18)), None),
    ("18 out of 18", "18 out of 18", "ratio", RatioValue(D(18), D(18)), None),
    ("all 18 districts", "all 18", "ratio", RatioValue(D(18), D(18)), None),
    ("18/18 districts", "18/18", "ratio", RatioValue(D(18), D(18)), None),
    ("in the 1990s", "1990s", "decade", D(1990), None),
    ("in the mid-1990s", "mid-1990s", "decade", D(1990), None),
    ("the '90s", "'90s", "decade", D(1990), None),
    ("road A58", "A58", "code", "A58", None),
    ("COVID-19 cases", "COVID-19", "code", "COVID-19", None),
    ("Resolution No. 44", "No. 44", "code", D(44), None),
    ("2.000 miles", "2.000 miles", "number", D(2000), "mile"),
    ("worth 32.439,8 billion", "32.439,8 billion", "number", D("32439800000000"), None),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "unit"), CASES)
def test_form_is_extracted_with_its_value(text, span, kind, value, unit):
    found = [m for m in extract_en(text) if m.text == span]
    assert found, f"{span!r} not found in {[m.text for m in extract_en(text)]}"
    m = found[0]
    assert (m.kind, m.value, m.unit) == (kind, value, unit)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("text", ["32.439,8 billion", "2.000 miles", "5,5%", "1.000.000 people"])
def test_vietnamese_separators_are_flagged(text):
    (m,) = extract_en(text)
    assert m.foreign_format


@pytest.mark.parametrize(
    "text", ["32,439.8 billion", "2,000 miles", "5.5%", "1,000,000 people", "1.5 million"]
)
def test_english_separators_are_not_flagged(text):
    (m,) = extract_en(text)
    assert not m.foreign_format


def test_ambiguous_dot_group_keeps_the_english_reading():
    (m,) = extract_en("233.175 trillion")
    assert D("233175000000000") in m.readings


@pytest.mark.parametrize(
    "text",
    ["", "No numbers here at all.", "I think so, I said.", "Wait a second.", "It is one of those days"],
)
def test_no_spurious_numbers(text):
    assert [m for m in extract_en(text) if not m.soft or m.kind != "number"] == []


def test_pronoun_i_is_not_a_roman_numeral():
    assert extract_en("I went there and I saw it.") == []


def test_words_are_soft_and_digits_are_not():
    by_text = {m.text: m for m in extract_en("seven and 7")}
    assert by_text["seven"].soft and not by_text["7"].soft


def test_mentions_are_sorted_and_disjoint():
    text = "On June 10, 2024, 18 of 18 districts reported 5.5% growth and VND 3 billion at 10:41 a.m."
    mentions = extract_en(text)
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start


# ---------------------------------------------------------------- properties

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]  # fmt: skip
UNITS = (
    "- one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
UNITS[0] = ""
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def say(n: int) -> str:
    """A plain English rendering of 1..9999 in words (the test's own renderer)."""
    parts = []
    if n >= 1000:
        parts.append(f"{UNITS[n // 1000]} thousand")
        n %= 1000
    if n >= 100:
        parts.append(f"{UNITS[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10] + (f"-{UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(UNITS[n])
    return " ".join(parts)


def only_mention(text: str):
    mentions = extract_en(text)
    assert len(mentions) == 1, (text, [m.text for m in mentions])
    return mentions[0]


def test_a_year_before_a_plural_scale_word_stays_a_year():
    assert [(m.value, m.text) for m in extract_en("In 2008 millions of people lost their homes")] == [
        (2008, "2008")
    ]
    assert extract_en("thousands of people") == []


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_round_trip(n):
    assert only_mention(f"there were {n:,} of them").value == n


@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=0, max_value=3), st.sampled_from(
    [("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12)]))  # fmt: skip
def test_scale_words_round_trip(whole, decimals, scale):
    word, exponent = scale
    number = Decimal(whole).scaleb(-decimals)
    text = f"a total of VND {number:,} {word} was spent"
    m = only_mention(text)
    assert m.unit == "VND"
    # ``1.500 billion`` could be Vietnamese-style 1500 billion: that reading comes first, flagged.
    assert number.scaleb(exponent) in m.readings
    assert m.value == number.scaleb(exponent) or m.foreign_format


@given(st.integers(min_value=1, max_value=9999))
@settings(max_examples=200)
def test_number_words_round_trip(n):
    assert only_mention(f"we saw {say(n)} birds").value == n


@given(
    st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False),
    st.sampled_from(["%", " percent", " per cent"]),
)
def test_percent_round_trip(value, sign):
    m = only_mention(f"growth of {value}{sign} was reported")
    assert (m.kind, m.value) == ("percent", value)


@given(st.dates())
def test_dates_round_trip(day):
    if day.year < 1000:
        return
    m = only_mention(f"it was signed on {MONTH_NAMES[day.month - 1]} {day.day}, {day.year} in Hanoi")
    assert (m.kind, m.value) == ("date", DateValue(day.year, day.month, day.day))


@given(st.integers(min_value=1, max_value=9999))
def test_words_to_number_agrees_with_renderer(n):
    assert words_to_number(say(n)) == n
