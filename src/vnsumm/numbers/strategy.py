"""How the numbers of a translation are made right: ``check`` (report only), ``repair`` or ``protect``.

The strategy runs between the translator and the number report. It needs only a function that translates
a list of Vietnamese sentences, so it is the same for every engine and testable without a model.

- ``check``: the model's English as it is; the report says what is wrong.
- ``repair``: every wrong number span is rewritten from the source's value (:mod:`.repair`); a sentence that
  still fails (a number the model dropped has no span to rewrite) is translated again with its numbers
  protected (:mod:`.protect`), and that English is kept when its final check fails fewer numbers.
- ``protect``: every sentence with digits is translated with its numbers protected; a sentence whose
  placeholders come back lost, duplicated or mangled is translated plainly instead; both are then repaired.

Every verdict comes from the final check of the final English: a number is ``ok`` only if that check says
so. Each sentence keeps its route and the check before any change, for the report's ``repair`` fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from ..number_strategies import DEFAULT_PLACEHOLDER, DEFAULT_STRATEGY, STRATEGIES
from .check import check
from .match import NumberReport
from .mention import Span
from .protect import Protected, protect, unprotect
from .repair import Repair, repair

__all__ = ["STRATEGIES", "MentionRepair", "SecuredSentence", "mention_repairs", "secure"]

Translate = Callable[[list[str]], list[str]]
CLAUSE_CHARS = 80  # longest clause of a clause-by-clause retranslation


@dataclass(frozen=True)
class SecuredSentence:
    """One sentence's English after the strategy.

    ``raw`` is the plain model output (None when the strategy never made one: ``protect`` whose
    placeholders came back intact); ``route`` says where ``english`` came from: ``plain``, ``repaired``,
    ``protected`` or ``retranslated`` (protected after the plain English failed).
    """

    source: str
    raw: str | None
    english: str
    route: str
    before: NumberReport | None  # the check of ``raw``
    report: NumberReport  # the final check of ``english``
    fixed: Repair | None = None  # the span repair that produced ``english``, if one ran
    retried: bool = False  # translated again with protected numbers, and that was no better

    @property
    def changes_english(self) -> bool:
        """Whether the strategy may change the model's English (not ``check``): the report then says, for
        every number, what it did."""
        return self.fixed is not None or self.route != "plain"


def _plain(source: str, raw: str, *, allow_rounding: bool, strict: bool) -> SecuredSentence:
    report = check(source, raw, allow_rounding=allow_rounding, strict=strict)
    return SecuredSentence(source, raw, raw, "plain", report, report)


def _repaired(
    source: str, english: str, raw: str | None, route: str, *, allow_rounding: bool, strict: bool
) -> SecuredSentence:
    """``english`` with its wrong spans rewritten; ``route`` becomes ``repaired`` only when an edit was
    written to a plain translation."""
    fixed = repair(source, english, allow_rounding=allow_rounding, strict=strict)
    if route == "plain" and fixed.repaired:
        route = "repaired"
    if raw is None:
        before = None
    elif raw == english:
        before = fixed.report_before
    else:
        before = check(source, raw, allow_rounding=allow_rounding, strict=strict)
    return SecuredSentence(source, raw, fixed.english, route, before, fixed.report, fixed)


def _protected_english(
    sources: Sequence[str], translate: Translate, form: str
) -> list[tuple[Protected, str | None]]:
    """Each source protected, translated and put back (None where a placeholder did not survive)."""
    protected = [protect(source, form) for source in sources]
    english = translate([p.text for p in protected]) if protected else []
    return [(p, unprotect(text, p)) for p, text in zip(protected, english)]


def _clauses(source: str) -> list[str]:
    """The source cut at clause boundaries (``;``, ``:``, ``,``, then between words) into pieces of at
    most CLAUSE_CHARS: a small model that drops part of a long sentence translates short ones whole."""
    from ..translate.split import split_to_fit

    return [
        piece.strip() for piece in split_to_fit(source, lambda p: len(p) <= CLAUSE_CHARS) if piece.strip()
    ]


def _protected_by_clause(sources: Sequence[str], translate: Translate, form: str) -> list[str | None]:
    """Each source translated clause by clause with protected numbers (None where a placeholder of any
    clause did not survive, or where the source is one clause: that was the whole-sentence attempt)."""
    clauses = [pieces if len(pieces) > 1 else [] for pieces in map(_clauses, sources)]
    translated = iter(_protected_english([c for pieces in clauses for c in pieces], translate, form))
    out: list[str | None] = []
    for pieces in clauses:
        english = [text for _protected, text in islice(translated, len(pieces))]
        whole = [text for text in english if text is not None]
        out.append(" ".join(whole) if pieces and len(whole) == len(pieces) else None)
    return out


def secure(
    sources: Sequence[str],
    translate: Translate,
    strategy: str = DEFAULT_STRATEGY,
    *,
    placeholder: str = DEFAULT_PLACEHOLDER,
    allow_rounding: bool = False,
    strict: bool = False,
) -> list[SecuredSentence]:
    """The English of each source sentence with its numbers made right by ``strategy`` (STRATEGIES)."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown number strategy {strategy!r}; use one of: {', '.join(STRATEGIES)}")
    rules = {"allow_rounding": allow_rounding, "strict": strict}
    if strategy == "protect":
        return _protect_first(list(sources), translate, placeholder, **rules)
    raw = translate(list(sources))
    if strategy == "check":
        return [_plain(source, english, **rules) for source, english in zip(sources, raw)]
    secured = [_repaired(source, english, english, "plain", **rules) for source, english in zip(sources, raw)]
    return _retranslate_failures(secured, translate, placeholder, **rules)


def _retranslate_failures(
    secured: list[SecuredSentence], translate: Translate, form: str, *, allow_rounding: bool, strict: bool
) -> list[SecuredSentence]:
    """Sentences that still fail are translated again with protected numbers, whole and then clause by
    clause; a new English is kept when it fails fewer numbers than the best so far."""
    rules = {"allow_rounding": allow_rounding, "strict": strict}
    for attempt in (_protected_whole, _protected_by_clause):
        failing = [i for i, s in enumerate(secured) if s.report.problems]
        for i, english in zip(failing, attempt([secured[i].source for i in failing], translate, form)):
            was = secured[i]
            if english is None:  # a placeholder did not survive
                secured[i] = replace(was, retried=True)
                continue
            again = _repaired(was.source, english, was.raw, "retranslated", **rules)
            better = len(again.report.problems) < len(was.report.problems)
            secured[i] = again if better else replace(was, retried=True)
    return secured


def _protected_whole(sources: Sequence[str], translate: Translate, form: str) -> list[str | None]:
    """Each source translated with protected numbers (None where nothing was protected or a placeholder
    did not survive)."""
    return [text if p.slots else None for p, text in _protected_english(sources, translate, form)]


def _protect_first(
    sources: list[str], translate: Translate, form: str, *, allow_rounding: bool, strict: bool
) -> list[SecuredSentence]:
    rules = {"allow_rounding": allow_rounding, "strict": strict}
    secured: list[SecuredSentence | None] = [None] * len(sources)
    lost: list[int] = []
    for i, (protected, english) in enumerate(_protected_english(sources, translate, form)):
        if english is None:
            lost.append(i)
        elif protected.slots:
            secured[i] = _repaired(sources[i], english, None, "protected", **rules)
        else:
            secured[i] = _repaired(sources[i], english, english, "plain", **rules)
    plain = translate([sources[i] for i in lost]) if lost else []
    for i, english in zip(lost, plain):
        secured[i] = _repaired(sources[i], english, english, "plain", **rules)
    return [s for s in secured if s is not None]


@dataclass(frozen=True)
class MentionRepair:
    """What the strategy did to one source number: ``how`` it was made right (``edit``, ``retranslation``,
    ``protection``; None: left as the model wrote it), and its English before (in the plain model output)
    and after (in the final English)."""

    how: str | None
    status_before: str | None
    before: Span | None
    after: Span | None
    reason: str | None = None

    @property
    def repaired(self) -> bool:
        return self.how is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "repaired": self.repaired,
            "how": self.how,
            "status_before": self.status_before,
            "before": None if self.before is None else self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
            "reason": self.reason,
        }


_HOW = {"retranslated": "retranslation", "protected": "protection"}


def mention_repairs(sentence: SecuredSentence) -> list[MentionRepair]:
    """One MentionRepair per source mention of the sentence, in the order of its report."""
    edits = sentence.fixed.mentions if sentence.fixed is not None else ()
    before = sentence.before.mentions if sentence.before is not None else ()
    failures = {id(m) for m in sentence.report.problems}
    out = []
    for i, final in enumerate(sentence.report.mentions):
        was = before[i] if i < len(before) else None
        edit = edits[i] if i < len(edits) else None
        how = _HOW.get(sentence.route)
        if how == "protection" and final.source.soft:
            how = None  # number words are left to the translator
        if edit is not None and edit.repaired:
            how = how or "edit"
        if how == "retranslation" and was is not None and was.status == final.status:
            how = None
        failing = id(final) in failures
        if how is not None and failing:
            how, reason = None, f"still {final.status} after {how}"
        elif failing and sentence.retried:
            reason = f"still {final.status}: translated again with protected numbers, no better"
        else:
            reason = edit.reason if edit is not None and not edit.repaired and failing else None
        out.append(
            MentionRepair(
                how,
                None if was is None else was.status,
                None if was is None or was.target is None else Span.of(was.target),
                None if final.target is None else Span.of(final.target),
                reason,
            )
        )
    return out
