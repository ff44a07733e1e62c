"""The unit lexicon: every row, both languages, and the matcher's unit rule all from one table."""

from __future__ import annotations

import pytest

from vnsumm.numbers import check, extract_en, extract_vi
from vnsumm.numbers.units import UNITS, Unit, en_unit, units_conflict, vi_unit

WITH_BOTH = [u for u in UNITS if u.vi and u.en]


def _sibling(unit: Unit) -> Unit | None:
    """Another unit of the same dimension that English can write (the wrong unit a translator might use)."""
    return next(
        (u for u in WITH_BOTH if u.dimension == unit.dimension and u.factor != unit.factor),
        None,
    )


def _statuses(source: str, english: str) -> list[str]:
    return [m.status for m in check(source, english).mentions]


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.code)
def test_every_word_reads_as_its_unit(unit: Unit) -> None:
    for word in unit.vi:
        assert vi_unit(word) == unit.code, word
        found = extract_vi(f"Con số là 5 {word}.")
        assert [(m.value, m.unit) for m in found] == [(5, unit.code)], (word, found)
    for word in unit.en:
        assert en_unit(word) == unit.code, word
        found = extract_en(f"The figure is 5 {word}.")
        assert [(m.value, m.unit) for m in found] == [(5, unit.code)], (word, found)


@pytest.mark.parametrize("unit", WITH_BOTH, ids=lambda u: u.code)
def test_same_number_same_unit_passes(unit: Unit) -> None:
    for word in unit.vi:
        assert _statuses(f"Con số là 5 {word}.", f"The figure is 5 {unit.en[0]}.") == ["ok"], word
    for word in unit.en:
        assert _statuses(f"Con số là 5 {unit.vi[0]}.", f"The figure is 5 {word}.") == ["ok"], word


@pytest.mark.parametrize("unit", [u for u in WITH_BOTH if _sibling(u)], ids=lambda u: u.code)
def test_other_unit_of_the_same_dimension_is_changed(unit: Unit) -> None:
    other = _sibling(unit)
    assert other is not None
    assert _statuses(f"Con số là 5 {unit.vi[0]}.", f"The figure is 5 {other.en[0]}.") == ["changed"]
    assert _statuses(f"Con số là 5 {other.vi[0]}.", f"The figure is 5 {unit.en[0]}.") == ["changed"]


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Con đường dài 5 dặm.", "The road is 5 km long."),
        ("Anh ấy cao 6 feet.", "He is 6 metres tall."),
        ("Nhà máy thu 5 tạ thóc.", "The mill took in 5 tonnes of rice."),
        ("Họ trả 5 triệu won.", "They paid 5 million dollars."),
        ("Con đường dài 5 km.", "The road is 5 miles long."),
    ],
)
def test_a_number_in_the_wrong_unit_fails(source: str, english: str) -> None:
    report = check(source, english)
    assert not report.ok
    assert [m.status for m in report.mentions] == ["changed"]


def test_prefix_signs_read_in_both_languages() -> None:
    for unit in UNITS:
        for sign in unit.prefix:
            written = f"{sign} 5" if sign[-1].isalpha() else f"{sign}5"  # ``USD5`` reads as a code
            assert _statuses(f"Giá {written}.", f"The price is {written}.") == ["ok"], sign


def test_counters_never_conflict() -> None:
    assert not units_conflict("lượt", "km")
    assert not units_conflict(None, "km")
    assert units_conflict("km", "mile")
    assert not units_conflict("km", "km")


def test_codes_are_unique() -> None:
    codes = [u.code for u in UNITS]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("source", "english", "units"),
    [
        ("Bão mạnh với sức gió 225 km/h.", "The storm had winds of 140 mph.", ("km/h", "mph")),
        ("Con đường dài 5 km.", "The road is 3 miles long.", ("km", "mile")),
        ("Nhiệt độ đạt 30 độ C.", "It reached 86F.", ("°C", "°F")),
        ("Con cá nặng 100 kg.", "The fish weighed 220 pounds.", ("kg", "lb")),
        ("Anh ấy cao 6 feet.", "He is 1.8 metres tall.", ("ft", "m")),
    ],
)
def test_a_conversion_is_converted_and_fails_only_under_strict(source: str, english: str, units) -> None:
    report = check(source, english)
    (mention,) = report.mentions
    assert mention.status == "converted" and report.ok
    assert (mention.conversion.source, mention.conversion.target) == units
    data = report.to_dict()["mentions"][0]["conversion"]
    assert data["from"] == units[0] and data["factor"] > 0 and data["tolerance"] > 0
    assert not check(source, english, strict=True).ok


def test_a_wrong_conversion_is_changed() -> None:
    assert [m.status for m in check("Con đường dài 5 km.", "The road is 5 miles long.").mentions] == [
        "changed"
    ]
    assert [m.status for m in check("Con cá nặng 100 kg.", "The fish weighed 100 pounds.").mentions] == [
        "changed"
    ]
