"""Every extraction rule proves itself: each example of each rule, in both languages, is a test case.

A rule's example must come out of the extractor as a mention with the example's text and value, made by
that very rule (a later rule taking it over would mean the table's order is wrong).
"""

from __future__ import annotations

import re

import pytest

from vnsumm.numbers import vi
from vnsumm.numbers.en import RULES as EN_RULES
from vnsumm.numbers.en import en_drafts
from vnsumm.numbers.rules import Claims, Draft, Rule, at_cues, matches_at
from vnsumm.numbers.vi import DIGIT_RULES, WORD_RULES, vi_drafts

CASES = [
    pytest.param(rule, example, drafts, id=f"{lang}: {rule.name}: {example.text}")
    for lang, rules, drafts in (("vi", (*DIGIT_RULES, *WORD_RULES), vi_drafts), ("en", EN_RULES, en_drafts))
    for rule in rules
    for example in rule.examples
]


@pytest.mark.parametrize(("rule", "example", "drafts"), CASES)
def test_rule_example(rule: Rule, example, drafts) -> None:
    found = [(example.text[d.start : d.end], str(d.value), d.rule) for d in drafts(example.text)]
    assert (example.mention, example.value, rule.name) in found, found


@pytest.mark.parametrize("rules", [(*DIGIT_RULES, *WORD_RULES), EN_RULES], ids=["vi", "en"])
def test_every_rule_has_examples_and_a_unique_name(rules: tuple[Rule, ...]) -> None:
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names))
    assert all(rule.examples for rule in rules)


def test_claims_keep_the_first_draft() -> None:
    claims = Claims("COVID-19")
    assert claims.add(Draft(0, 8, "code", "COVID-19"))
    assert not claims.add(Draft(6, 8, "number", 19))
    assert not claims.add(Draft(3, 3, "number", 0))  # empty spans are never kept
    assert [d.kind for d in claims.drafts] == ["code"]


# The speed-ups that try a pattern only where it can start must find what a scan of the whole text finds.
TEXTS = [
    "Ngày 10 tháng 6 năm 2024, THÁNG 7/2024 và tháng 5-10; những năm 90, Thập niên 1990; lần thứ 3, "
    "Thế kỷ 21; quý II/2024; đến ngày 15, gọi 0912 345 678 hoặc +84 912 345 678; -5, −7, x-9, ٣4.",
    "It cost VND 32,439.8 billion, -5.5 percent, 12-13 and 1-1; a million, another two; Room 101.",
    "İstanbul tháng 6, ngày 7",  # lower-casing changes the length: the rules fall back to a full scan
]


@pytest.mark.parametrize("text", TEXTS)
def test_matches_at_digit_starts_is_a_scan(text: str) -> None:
    pattern = re.compile(r"(?P<neg>(?<![\w.,])[-−])?(?<![\w.,])\d+(?:[.,]\d+)*")
    claims = Claims(text)
    starts = sorted({*claims.digit_starts, *(s - 1 for s in claims.digit_starts if s)})
    assert [m.span() for m in matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]
    assert claims.digit_starts == [m.start() for m in re.finditer(r"(?<!\d)\d", text)]


# Rules that find their own matches (tried only where they can start) and the pattern each one scans for.
_SCANNED = {
    "phone": vi._PHONE,
    "decade": vi._DECADE,
    "month range": vi._MONTH_RANGE,
    "month and year": vi._MONTH_YEAR,
    "quarter": vi._QUARTER,
    "ordinal": vi._ORDINAL,
    "month alone": vi._MONTH,
    "day alone": vi._DAY,
}


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", list(_SCANNED))
def test_rules_that_find_their_own_matches_find_what_a_scan_finds(text: str, name: str) -> None:
    rule = next(rule for rule in DIGIT_RULES if rule.name == name)
    claims = Claims(text)
    assert [m.span() for m in rule.matches(claims)] == [m.span() for m in _SCANNED[name].finditer(text)]


def test_cues_that_case_folding_joins_to_other_letters_are_refused() -> None:
    with pytest.raises(AssertionError):
        at_cues(re.compile("(?i:sinh)"), ("sinh",))
