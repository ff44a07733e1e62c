"""Every extraction rule proves itself: each example of each rule, in both languages, is a test case.

A rule's example must come out of the extractor as a mention with the example's text and value, made by
that very rule (a later rule taking it over would mean the table's order is wrong).
"""

from __future__ import annotations

import pytest

from vnsumm.numbers.en import RULES as EN_RULES
from vnsumm.numbers.en import en_drafts
from vnsumm.numbers.rules import Claims, Draft, Rule
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
