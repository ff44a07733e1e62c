"""Regression: the sample article's English translation keeps every number, and broken copies are caught."""

from __future__ import annotations

import pytest

from vnsumm.numbers import check
from vnsumm.numbers.lines import check_texts
from vnsumm.textio import read_text

from conftest import SAMPLES

SAMPLE_EN = SAMPLES / "hanoi-hagiang-2024-06-11.en.txt"


@pytest.fixture(scope="module")
def english() -> str:
    return read_text(SAMPLE_EN)


def test_sample_translation_is_all_ok(sample_text, english):
    report = check(sample_text, english)
    problems = [(m.source.text, m.status) for m in report.mentions if m.status != "ok" and not m.source.soft]
    assert problems == []
    assert report.ok
    assert len([m for m in report.mentions if not m.source.soft]) >= 80


def test_sample_translation_is_all_ok_line_by_line(sample_text, english):
    result = check_texts(sample_text, english)
    assert result["aligned"] and result["ok"]


def test_sample_has_no_unexplained_english_numbers(sample_text, english):
    assert [m.text for m in check(sample_text, english).extra] == []


def broken(english: str, old: str, new: str) -> str:
    assert english.count(old) == 1, old
    return english.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "source_text", "status"),
    [
        ("VND 940 billion", "VND 941 billion", "940 tỷ đồng", "changed"),
        ("VND 3,484.4 billion", "VND 3,484.4 million", "3.484,4 tỷ đồng", "changed"),
        ("exceeded 3 million", "exceeded 3 billion", "3 triệu", "changed"),
        (" and more than 341,000 workdays", "", "341.000", "missing"),
        ("(57.1% of the budget estimate, ", "(", "57,1%", "missing"),
        ("VND 32,439.8 billion", "VND 32.439,8 billion", "32.439,8 tỷ đồng", "format"),
        ("more than 180,000 by", "more than 180.000 by", "180.000", "format"),
        ("the 18th Congress", "the 19th Congress", "thứ XVIII", "changed"),
        ("on June 20", "on June 21", "20/6", "changed"),
    ],
)
def test_perturbation_is_caught_at_the_right_place(sample_text, english, old, new, source_text, status):
    report = check(sample_text, broken(english, old, new))
    flagged = {(m.source.text, m.status) for m in report.mentions if m.status != "ok" and not m.source.soft}
    assert (source_text, status) in flagged
    assert not report.ok
    # Only that number (and copies of the same value it could be confused with) is flagged.
    assert {text for text, _s in flagged} == {source_text}


def test_rounding_in_the_sample_needs_allow_rounding(sample_text, english):
    rounded = broken(english, "VND 32,439.8 billion", "VND 32.4 trillion")
    statuses = {m.source.text: m.status for m in check(sample_text, rounded).mentions}
    assert statuses["32.439,8 tỷ đồng"] == "rounded"
    assert check(sample_text, rounded, allow_rounding=True).ok
