"""vnsumm.wordseg gives underthesea.word_tokenize's words exactly, on news and on tokenizer corner cases."""

from __future__ import annotations

import random

import pytest
import underthesea
from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

from vnsumm.segment import segment
from vnsumm.wordseg import FastWordTokenizer, default_word_tokenizer, load_fast, parse_templates

# Fragments that exercise the tokenizer's patterns (abbreviations, ``$`` at the end, urls, dates, numbers,
# emoticons), case mapping (Σ by context, ß, İ, a character newer than Python's Unicode tables) and dict.
_FRAGMENTS = (
    "TP. TP.HCM ABC. Mr. Th.S v.v... v.v. ... -- -> => ==> >> 3x4 °C H&M T.Ư U.S.A. H'Mông N’Thôn e-mail "
    "43H-0530 NĐ-CP http://a.b/c(d)e https://vnexpress.net/x-1.html vnexpress.net foo@bar.com 03-5730-2357 "
    "02/05/2014 02/2014 02-03-2014 20.08.2014 2014/08/20 10:20:50 4K 5G2 4.123,2 60.542.000 100,000,000 1.5 "
    ":)) =)) ♥‿♥ :D <3 . , ( ) ʺ hồi-phục 1.600m-2.000m Hà Nội nghành baì ð Ð + × - ÷ : % $ > < = ^ _ “ ”  "
    "! ? … Σ ΣΑΣ ß İ ǅ ƛ ٣ 2147483647 2147483648 -5 +7 @ @gmail.com BOS EOS Đà NẴNG iPhone COVID-19 bệnh viện"
).split()
_SPACES = (" ", "  ", "\u00a0", "\t", "\n", "\u3000", "")


@pytest.fixture(scope="module")
def fast() -> FastWordTokenizer:
    tokenizer = load_fast(underthesea.word_tokenize)
    assert tokenizer is not None, "the fast path must reproduce the installed underthesea"
    return tokenizer


def _tricky(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        text = "".join(rng.choice(_FRAGMENTS) + rng.choice(_SPACES) for _ in range(rng.randint(1, 10)))
        sentences.append(rng.choice(("", " ")) + text + rng.choice(("", "\n", " ", " \n")))
    return sentences


def test_same_words_as_underthesea_on_the_sample(fast: FastWordTokenizer, sample_text: str) -> None:
    sentences = [s.text for s in segment(sample_text, word_tokenize=lambda s: []).sentences]
    assert fast.many(sentences) == [underthesea.word_tokenize(s) for s in sentences]


def test_same_tokens_and_words_on_corner_cases(fast: FastWordTokenizer) -> None:
    sentences = _tricky(600)
    assert [fast.tokens(s) for s in sentences] == [tokenize(s) for s in sentences]
    assert fast.many(sentences) == [underthesea.word_tokenize(s) for s in sentences]


def test_characters_cased_differently_go_to_the_library(fast: FastWordTokenizer) -> None:
    """Σ lower-cases by context; ƛ has an upper case only in newer Unicode: the library segments those."""
    for sentence in ("ΣΑΣ là tên", "chữ ƛ lạ"):
        assert fast.many([sentence]) == [underthesea.word_tokenize(sentence)]
    assert "Σ" in fast._unsafe


def test_empty_and_blank_sentences(fast: FastWordTokenizer) -> None:
    assert fast.many(["", "   ", "A"]) == [[], [], ["A"]]


def test_segment_words_are_the_library_words(sample_text: str) -> None:
    library = segment(sample_text, word_tokenize=underthesea.word_tokenize)
    assert segment(sample_text) == library
    assert default_word_tokenizer() is default_word_tokenizer()


def test_templates_of_other_forms_are_refused() -> None:
    assert parse_templates(["T[0]", "T[-1,1].is_in_dict"]) is not None
    assert parse_templates(["T[0][1]"]) is None
    assert parse_templates(["T[0].upper"]) is None
    assert parse_templates(["T[1,0]"]) is None
