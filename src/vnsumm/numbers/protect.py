"""Protect: numbers the translator never has to translate.

Before translation each digit mention of the Vietnamese sentence is replaced by a placeholder; after it,
each placeholder is replaced by the English rendering of the source's value (:func:`render_en.render`).
Which placeholder a model copies faithfully depends on the model, so the form is a per-model setting
(``placeholder:`` in models.yaml), chosen from :data:`PLACEHOLDERS` by measuring
(``benchmarks/number_strategies.py``).

A placeholder that comes back lost, duplicated or mangled makes :func:`unprotect` return None: the caller
falls back to the plain translation and repairs it. Number words (soft mentions) are left to the
translator: ``hai người`` reads better as "two people" than as a rendering in a slot.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..number_strategies import PLACEHOLDER_FORMS
from .mention import Mention
from .render_en import render
from .vi import extract_vi

__all__ = ["PLACEHOLDERS", "Placeholder", "Protected", "Slot", "protect", "unprotect"]

# Letters of the ``token`` form: no Roman numeral letters (I V X L C D M), so a slot never reads as one.
_TOKEN_LETTERS = "ABEFGHJKNOPQRSTUWYZ"


@dataclass(frozen=True)
class Placeholder:
    """One placeholder form: the text for the k-th slot (from 0), and an example."""

    name: str
    make: Callable[[int, Mention], str | None]  # None: the form has no slot this far
    example: str
    copies_itself: bool = False  # the placeholder is already the English (nothing to put back)
    # How a model is seen to misspell a placeholder, read as the placeholder when it is the only such
    # spelling and no other slot's placeholder (vnsumm-mini writes ``XA`` as ``XAA``).
    misspellings: Callable[[str], tuple[str, ...]] = lambda _placeholder: ()


def _tag(k: int, _mention: Mention) -> str:
    return f"<n{k + 1}>"


def _token(k: int, _mention: Mention) -> str | None:
    return f"X{_TOKEN_LETTERS[k]}" if k < len(_TOKEN_LETTERS) else None


def _rendering(_k: int, mention: Mention) -> str:
    return render(mention)


# The forms, in the order tried when none is configured. Measured on vnsumm-mini (README): the rendering
# survives best, because the model was trained with digits split and copies digit runs; a tag needs
# characters outside its vocabulary.
PLACEHOLDERS: dict[str, Placeholder] = {
    p.name: p
    for p in (
        Placeholder("rendering", _rendering, "đạt 32.439,8 tỷ đồng -> đạt VND 32,439.8 billion", True),
        Placeholder("tag", _tag, "đạt 32.439,8 tỷ đồng -> đạt <n1>"),
        Placeholder("token", _token, "đạt 32.439,8 tỷ đồng -> đạt XA", misspellings=lambda t: (t + t[-1],)),
    )
}
assert tuple(PLACEHOLDERS) == PLACEHOLDER_FORMS, "models.yaml validates against PLACEHOLDER_FORMS"


@dataclass(frozen=True)
class Slot:
    placeholder: str
    mention: Mention  # offsets into the original source
    rendering: str


@dataclass(frozen=True)
class Protected:
    """A source with its digit mentions replaced: the text to translate and what each slot stands for."""

    source: str
    text: str
    form: str
    slots: tuple[Slot, ...]


def _protectable(mentions: list[Mention]) -> list[Mention]:
    """Digit mentions that do not overlap one another, in text order."""
    chosen: list[Mention] = []
    for mention in sorted((m for m in mentions if not m.soft), key=lambda m: (m.start, -m.end)):
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen


def protect(source: str, form: str = "rendering") -> Protected:
    """``source`` with every digit mention replaced by a placeholder of ``form`` (see PLACEHOLDERS).

    A form with no slot left for a mention, or whose placeholder already occurs in the source, protects
    nothing (the text is the source itself, no slots): the model translates it plainly.
    """
    placeholder = PLACEHOLDERS[form]
    pieces: list[str] = []
    slots: list[Slot] = []
    done = 0
    for k, mention in enumerate(_protectable(extract_vi(source))):
        text = placeholder.make(k, mention)
        if text is None or (not placeholder.copies_itself and text in source):
            return Protected(source, source, form, ())
        pieces += [source[done : mention.start], text]
        slots.append(Slot(text, mention, render(mention)))
        done = mention.end
    pieces.append(source[done:])
    return Protected(source, "".join(pieces), form, tuple(slots))


def _occurrences(text: str, placeholder: str) -> list[re.Match[str]]:
    """Whole-token occurrences (``XA`` is not inside ``XAB``; ``5`` is not inside ``15``)."""
    return list(re.finditer(rf"(?<![\w.,]){re.escape(placeholder)}(?![\w]|[.,]\d)", text))


def unprotect(english: str, protected: Protected) -> str | None:
    """The English with each placeholder replaced by its rendering, or None when a placeholder was lost,
    duplicated or mangled beyond its form's known misspellings (then the plain translation is the one to
    use)."""
    if not protected.slots:
        return english
    form = PLACEHOLDERS[protected.form]
    wanted = Counter(slot.placeholder for slot in protected.slots)
    found = {text: _spelled(english, text, count, form, wanted) for text, count in wanted.items()}
    if any(spelling is None for spelling in found.values()):
        return None
    if form.copies_itself:
        return english
    for slot in protected.slots:
        match = _occurrences(english, found[slot.placeholder])[0]  # type: ignore[arg-type]
        english = english[: match.start()] + slot.rendering + english[match.end() :]
    return english


def _spelled(english: str, text: str, count: int, form: Placeholder, taken: Counter[str]) -> str | None:
    """How ``text`` (wanted ``count`` times) is written in ``english``: itself, or one misspelling; None
    when it is missing, duplicated, or written both ways."""
    exact = len(_occurrences(english, text))
    misspelt = [w for w in form.misspellings(text) if w not in taken and _occurrences(english, w)]
    if exact == count and not misspelt:
        return text
    if exact or count != 1 or len(misspelt) != 1 or len(_occurrences(english, misspelt[0])) != 1:
        return None
    return misspelt[0]
