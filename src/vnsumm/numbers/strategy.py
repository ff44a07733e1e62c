"""How the numbers of a translation are made right: ``check`` (report only), ``repair`` or ``protect``.

The strategy runs between the translator and the number report. It needs only a function that translates
a list of Vietnamese sentences, so it is the same for every engine and testable without a model.

- ``check``: the model's English as it is; the report says what is wrong.
- ``repair``: every wrong number span is rewritten from the source's value (:mod:`.repair`); a sentence that
  still fails (a number the model dropped has no span to rewrite) is translated again: the model's next-best
  hypotheses, plain and with its numbers protected (:mod:`.protect`), then with Roman ordinals in digits,
  then clause by clause, then cut before every number; a new English is kept when its final check fails
  fewer numbers.
- ``protect``: every sentence with digits is translated with its numbers protected; a sentence whose
  placeholders come back lost, duplicated or mangled is translated plainly instead; both are then repaired.

Every verdict comes from the final check of the final English: a number is ``ok`` only if that check says
so. Each sentence keeps its route and the check before any change, for the report's ``repair`` fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..number_strategies import DEFAULT_PLACEHOLDER, DEFAULT_STRATEGY, STRATEGIES
from .check import check
from .match import NumberReport
from .mention import Span
from .protect import Protected, protect, unprotect
from .repair import Repair, repair
from .vi import extract_vi

__all__ = ["STRATEGIES", "MentionRepair", "SecuredSentence", "mention_repairs", "secure"]

Translate = Callable[[list[str]], list[str]]
Alternatives = Callable[[list[str]], list[list[str]]]  # each text's n best English, best first
CLAUSE_CHARS = 80  # longest clause of a clause-by-clause retranslation
ALTERNATIVES = 8  # hypotheses a failing sentence gets, plain and protected (measured: README)


@dataclass(frozen=True)
class SecuredSentence:
    """One sentence's English after the strategy.

    ``raw`` is the plain model output (None when the strategy never made one: ``protect`` whose
    placeholders came back intact); ``route`` says where ``english`` came from: ``plain``, ``repaired``,
    ``protected`` or ``retranslated`` (translated again after the plain English failed).
    """

    source: str
    raw: str | None
    english: str
    route: str
    before: NumberReport | None  # the check of ``raw``
    report: NumberReport  # the final check of ``english``
    fixed: Repair | None = None  # the span repair that produced ``english``, if one ran
    retried: bool = False  # translated again (ATTEMPTS), and the sentence still fails

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
    """The source cut at clause boundaries (``;``, ``:``, ``,``, then between words) into pieces of about
    CLAUSE_CHARS: a small model that drops part of a long sentence translates short ones whole. No cut
    falls inside a number (``13 | ngàn đô la`` would leave neither clause the amount)."""
    from ..translate.split import split_to_fit

    mentions = extract_vi(source)
    pieces: list[str] = []
    cut = 0
    for piece in split_to_fit(source, lambda p: len(p) <= CLAUSE_CHARS):
        if pieces and any(m.start < cut < m.end for m in mentions):
            pieces[-1] += piece
        else:
            pieces.append(piece)
        cut += len(piece)
    return [piece.strip() for piece in pieces if piece.strip()]


def _number_pieces(source: str) -> list[str]:
    """The source cut before each digit mention (never inside one): the last resort, where each number
    opens a short piece and a small model keeps a number it meets first."""
    mentions = extract_vi(source)
    cuts = sorted(
        {m.start for m in mentions if not m.soft and m.start > 0}
        - {c for m in mentions for c in range(m.start + 1, m.end)}
    )
    bounds = [0, *cuts, len(source)]
    return [source[a:b].strip() for a, b in zip(bounds, bounds[1:]) if source[a:b].strip()]


def secure(
    sources: Sequence[str],
    translate: Translate,
    strategy: str = DEFAULT_STRATEGY,
    *,
    placeholder: str = DEFAULT_PLACEHOLDER,
    alternatives: Alternatives | None = None,
    allow_rounding: bool = False,
    strict: bool = False,
) -> list[SecuredSentence]:
    """The English of each source sentence with its numbers made right by ``strategy`` (STRATEGIES).

    ``alternatives`` gives each text's n best English (``Translator.translate_alternatives``); without it
    a failing sentence is only translated again with protected numbers."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown number strategy {strategy!r}; use one of: {', '.join(STRATEGIES)}")
    rules = {"allow_rounding": allow_rounding, "strict": strict}
    if strategy == "protect":
        return _protect_first(list(sources), translate, placeholder, **rules)
    raw = translate(list(sources))
    if strategy == "check":
        return [_plain(source, english, **rules) for source, english in zip(sources, raw)]
    secured = [_repaired(source, english, english, "plain", **rules) for source, english in zip(sources, raw)]
    return _retranslate_failures(secured, translate, placeholder, alternatives, **rules)


# What the report says of a number that every retranslation left wrong.
_NO_BETTER = (
    "no retranslation keeps it (protected, next-best, Roman ordinals in digits, clause by clause, cut before "
    "each number)"
)


# Where a failing sentence's next English comes from, most fluent first: each attempt gives, per source,
# the candidates to try (None: a placeholder did not survive).
Attempt = Callable[[Sequence[str], Translate, str, "Alternatives | None"], list[list[str | None]]]


def _retranslate_failures(
    secured: list[SecuredSentence],
    translate: Translate,
    form: str,
    alternatives: Alternatives | None,
    *,
    allow_rounding: bool,
    strict: bool,
) -> list[SecuredSentence]:
    """Sentences that still fail are translated again (ATTEMPTS, in order); a candidate is kept when it
    fails fewer numbers than the best so far."""
    rules = {"allow_rounding": allow_rounding, "strict": strict}
    for attempt in ATTEMPTS:
        failing = [i for i, s in enumerate(secured) if s.report.problems]
        if not failing:
            break
        tried = attempt([secured[i].source for i in failing], translate, form, alternatives)
        for i, candidates in zip(failing, tried):
            for english in candidates:
                was = secured[i]
                if english is None:
                    secured[i] = replace(was, retried=True)
                    continue
                again = _repaired(was.source, english, was.raw, "retranslated", **rules)
                better = len(again.report.problems) < len(was.report.problems)
                secured[i] = again if better else replace(was, retried=True)
    return secured


def _candidates(
    texts: Sequence[str], translate: Translate, form: str, alternatives: Alternatives | None, *, plain: bool
) -> list[list[str | None]]:
    """Each text's English to try, most fluent first: with protected numbers, plainly (when ``plain``),
    then the model's next-best hypotheses, plain and protected, when the engine gives them. None stands
    for an English whose placeholders did not survive."""
    if not texts:
        return []
    protected = [protect(text, form) for text in texts]
    first = translate([p.text for p in protected])
    out = [[unprotect(english, p) if p.slots else None] for p, english in zip(protected, first)]
    if plain:
        for tried, english in zip(out, translate(list(texts))):
            tried.append(english)
    if alternatives is not None:
        others, guarded = alternatives(list(texts)), alternatives([p.text for p in protected])
        for i, p in enumerate(protected):
            out[i] += others[i] + ([unprotect(english, p) for english in guarded[i]] if p.slots else [])
    return out


def _protected_whole(
    sources: Sequence[str], translate: Translate, form: str, alternatives: Alternatives | None
) -> list[list[str | None]]:
    """The whole sentence again (its plain English is the one that failed)."""
    return _candidates(sources, translate, form, alternatives, plain=False)


def _fewest_failures(source: str, candidates: Sequence[str | None]) -> str | None:
    """The candidate whose repaired English fails fewest numbers (the first of equals)."""
    tried = [c for c in candidates if c is not None]
    return min(tried, key=lambda c: len(repair(source, c).report.problems), default=None)


def _piecewise(cut: Callable[[str], list[str]]) -> Attempt:
    """The attempt that translates each source piece by piece (as ``cut`` cuts it), each piece's best
    candidate joined; a source that is one piece gets nothing new (that was the whole attempt)."""

    def attempt(
        sources: Sequence[str], translate: Translate, form: str, alternatives: Alternatives | None
    ) -> list[list[str | None]]:
        pieces = [found if len(found) > 1 else [] for found in map(cut, sources)]
        flat = [piece for found in pieces for piece in found]
        tried = iter(_candidates(flat, translate, form, alternatives, plain=True))
        out: list[list[str | None]] = []
        for found in pieces:
            chosen = [_fewest_failures(piece, next(tried)) for piece in found]
            whole = None if not found or None in chosen else " ".join(c for c in chosen if c)
            out.append([whole])
        return out

    attempt.__doc__ = f"Piece by piece, cut by {cut.__name__}."
    return attempt


_ROMAN_NUMERAL = re.compile(r"(?<!\w)[IVXLCDM]+(?!\w)")


def roman_in_digits(source: str) -> str | None:
    """The source with the Roman numeral of each ordinal written in digits (``lần thứ XVIII`` → ``lần thứ
    18``), or None when it has none: a small model garbles a run of capitals ("XVIIIII's") it translates
    well in digits ("18th"). A ruler's numeral, a mention of its own (``vua Charles IX``), is a name and
    stays. The check still holds the English to the source as written."""
    edits = []
    for m in extract_vi(source):
        roman = _ROMAN_NUMERAL.search(m.text) if m.kind == "ordinal" else None
        if roman is not None and roman.start() > 0 and isinstance(m.value, Decimal):  # after its head word
            edits.append((m.start + roman.start(), m.start + roman.end(), str(int(m.value))))
    for start, end, digits in reversed(edits):
        source = source[:start] + digits + source[end:]
    return source if edits else None


def _roman_as_digits(
    sources: Sequence[str], translate: Translate, form: str, alternatives: Alternatives | None
) -> list[list[str | None]]:
    """The whole sentence again, its Roman ordinals in digits (nothing new for a sentence with none)."""
    rewritten = [roman_in_digits(source) for source in sources]
    tried = iter(_candidates([r for r in rewritten if r], translate, form, alternatives, plain=True))
    return [next(tried) if r else [] for r in rewritten]


# Most fluent first: the whole sentence (as written, then with Roman ordinals in digits), then clause by
# clause, then cut before every number.
ATTEMPTS: tuple[Attempt, ...] = (
    _protected_whole,
    _roman_as_digits,
    _piecewise(_clauses),
    _piecewise(_number_pieces),
)


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
            reason = f"still {final.status}: {_NO_BETTER}"
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
