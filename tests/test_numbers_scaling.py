"""The number check on whole documents: the value index finds exactly the pairs a full scan finds, the
time grows about linearly with the text, and a text beyond the documented cap is refused clearly."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.errors import InputError
from vnsumm.numbers import check, extract_en, extract_vi
from vnsumm.numbers.match import MAX_CHECK_CHARS, _Aligner, _candidates, _State, pair_tier
from vnsumm.numbers.mention import DateValue, Mention, RangeValue, RatioValue, TimeValue

from conftest import SAMPLE_VI

SAMPLE_EN = SAMPLE_VI.with_name(SAMPLE_VI.name.replace(".vi.", ".en."))


def brute_force(sources: list[Mention], targets: list[Mention]) -> list[tuple[int, bool, int, int]]:
    return [
        (tier, s.soft, i, j)
        for i, s in enumerate(sources)
        for j, t in enumerate(targets)
        if (tier := pair_tier(s, t)) is not None
    ]


def indexed(sources: list[Mention], targets: list[Mention], length: int = 1000) -> list:
    return _candidates(_State(sources, targets, _Aligner(length, length)))


def test_index_finds_the_brute_force_pairs_of_a_whole_article() -> None:
    vi, en = SAMPLE_VI.read_text(encoding="utf-8"), SAMPLE_EN.read_text(encoding="utf-8")
    sources, targets = extract_vi(vi), extract_en(en)
    assert indexed(sources, targets, len(en)) == brute_force(sources, targets)


SMALL = st.integers(0, 30)
VALUES = st.one_of(
    st.builds(Decimal, st.integers(-3, 3000)),
    st.builds(lambda n, e: Decimal(n).scaleb(e), st.integers(1, 99999), st.integers(-3, 6)),
    st.builds(
        DateValue, st.none() | st.integers(2019, 2021), st.none() | st.integers(1, 3), st.none() | SMALL
    ).filter(lambda d: d != DateValue()),
    st.builds(TimeValue, st.integers(0, 23), st.none() | st.sampled_from([0, 30])),
    st.builds(RatioValue, st.builds(Decimal, SMALL), st.builds(Decimal, SMALL)),
    st.builds(RangeValue, st.builds(Decimal, SMALL), st.builds(Decimal, SMALL)),
    st.sampled_from(["A58", "a-58", "COVID-19", "QL1"]),
)
KINDS = st.sampled_from(["number", "percent", "date", "time", "range", "ratio", "ordinal", "code", "decade"])


@st.composite
def mentions(draw: st.DrawFn) -> Mention:
    start = draw(st.integers(0, 900))
    return Mention(
        text="x",
        start=start,
        end=start + draw(st.integers(1, 20)),
        kind=draw(KINDS),
        value=draw(VALUES),
        unit=draw(st.sampled_from([None, "VND", "USD", "km", "weekday"])),
        soft=draw(st.booleans()),
        alternatives=tuple(draw(st.lists(VALUES, max_size=2))),
        foreign_format=draw(st.booleans()),
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(mentions(), max_size=12), st.lists(mentions(), max_size=12))
def test_index_finds_the_brute_force_pairs_of_any_mentions(sources, targets) -> None:
    assert indexed(sources, targets) == brute_force(sources, targets)


def timed(copies: int) -> float:
    vi, en = SAMPLE_VI.read_text(encoding="utf-8"), SAMPLE_EN.read_text(encoding="utf-8")
    source, translation = "\n\n".join([vi] * copies), "\n\n".join([en] * copies)
    began = time.perf_counter()
    report = check(source, translation)
    elapsed = time.perf_counter() - began
    assert report.ok and len(report.mentions) == 84 * copies
    return elapsed


def test_time_grows_about_linearly_with_the_document() -> None:
    """10k -> 100k characters: a quadratic matcher takes ~100x; linear ~10x (margin for a busy machine)."""
    small = min(timed(1) for _ in range(3))
    large = timed(10)
    assert large / small < 40, (small, large)


def test_a_text_beyond_the_cap_is_refused_with_its_size() -> None:
    with pytest.raises(InputError, match="at most 2,000,000"):
        check("5 " * (MAX_CHECK_CHARS // 2 + 1), "5")
