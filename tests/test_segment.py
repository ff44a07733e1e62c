"""Segmentation: paragraphs, roles, sentences and words with exact offsets; the sample as a fixture."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.document import Document, Role
from vnsumm.errors import InputError
from vnsumm.segment import align, classify, is_dateline, segment, split_paragraphs

SAMPLE_ROLES = (
    "headline dateline body caption body body caption body caption body body body caption body body body "
    "body body caption body body body body caption body body body body source"
).split()
SAMPLE_SENTENCES_PER_PARAGRAPH = [
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    5,
    1,
    3,
    4,
    2,
    1,
    2,
    4,
    2,
    2,
    3,
    1,
    2,
    3,
    2,
    2,
    1,
    1,
    3,
    2,
    2,
    1,
]


def assert_offsets_exact(document: Document) -> None:
    text = document.text
    for paragraph in document.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text
        for sentence in paragraph.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
            previous_end = sentence.start
            for word in sentence.words:
                assert text[word.start : word.end] == word.text
                assert previous_end <= word.start < word.end <= sentence.end
                previous_end = word.end


@pytest.fixture(scope="module")
def sample_document(sample_text: str) -> Document:
    return segment(sample_text)


def test_sample_paragraph_roles(sample_document: Document) -> None:
    assert [p.role.value for p in sample_document.paragraphs] == SAMPLE_ROLES


def test_sample_sentence_counts(sample_document: Document) -> None:
    assert [len(p.sentences) for p in sample_document.paragraphs] == SAMPLE_SENTENCES_PER_PARAGRAPH
    assert len(sample_document.sentences) == 56
    assert len(sample_document.body_sentences) == 47
    assert [s.index for s in sample_document.sentences] == list(range(56))


def test_sample_offsets_are_exact(sample_document: Document) -> None:
    assert_offsets_exact(sample_document)


def test_sample_sentences_and_words(sample_document: Document) -> None:
    money = next(s for s in sample_document.sentences if s.text.startswith("Tổng giá trị sản phẩm"))
    assert money.text == "Tổng giá trị sản phẩm đạt 32.439,8 tỷ đồng."
    assert [w.text for w in money.words] == [
        "Tổng",
        "giá trị",
        "sản phẩm",
        "đạt",
        "32.439,8",
        "tỷ",
        "đồng",
        ".",
    ]
    assert sample_document.headline is not None
    assert sample_document.headline.text.startswith("Hà Nội - Hà Giang: Tăng cường hợp tác")
    assert sample_document.paragraphs[-1].text == "Theo hanoi.gov.vn"


def test_nbsp_only_lines_separate_paragraphs() -> None:
    text = "Tiêu đề bài báo\n\n\u00a0\n\nCâu một. Câu hai.\n \u00a0 \nChú thích ảnh"
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "Tiêu đề bài báo",
        "Câu một. Câu hai.",
        "Chú thích ảnh",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10:41 11-06-2024", True),
        ("Thứ ba, 11/06/2024 10:41 (GMT+7)", True),
        ("Chủ nhật, 12/5/2024", True),
        ("Năm 2024 tăng 5%", False),
        ("2024", False),
        ("Theo hanoi.gov.vn", False),
    ],
)
def test_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected


def test_classify_roles() -> None:
    texts = [
        "Tiêu đề ngắn",
        "10:41 11-06-2024",
        "Nội dung chính của bài báo.",
        "Ảnh: lãnh đạo tỉnh tham dự",
        "Đoạn cuối kết thúc…",
        "Nguồn: VnExpress",
    ]
    assert classify(texts) == [Role.HEADLINE, Role.DATELINE, Role.BODY, Role.CAPTION, Role.BODY, Role.SOURCE]


def test_single_paragraph_is_body() -> None:
    document = segment("Hà Nội tăng trưởng 6,44% trong quý II. Thu ngân sách tăng.")
    assert [p.role for p in document.paragraphs] == [Role.BODY]
    assert len(document.body_sentences) == 2


def test_empty_text_is_refused() -> None:
    with pytest.raises(InputError):
        segment(" \n\u00a0\n")


def test_align_tolerates_whitespace_changes() -> None:
    text = "Hà  Nội\u00a0và  Hà Giang"
    spans = align(["Hà Nội", "và", "Hà Giang"], text)
    assert [text[a:b] for a, b in spans] == ["Hà  Nội", "và", "Hà Giang"]


def test_align_drops_pieces_that_are_not_in_the_text() -> None:
    text = "một hai ba"
    assert [text[a:b] for a, b in align(["một", "XYZ", "ba"], text)] == ["một", "ba"]


_words = st.text(alphabet="aăâbcdđeêhiklmnoôơpqrstuưvxyàảãáạ0123456789.,%", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_words, min_size=1, max_size=12), min_size=1, max_size=6), st.sampled_from([" ", "  "])
)
def test_offsets_exact_for_any_text(paragraphs: list[list[str]], space: str) -> None:
    """Whatever the tokenizers return, every piece is a true slice of the text."""
    text = "\n\n".join(space.join(words) + "." for words in paragraphs)
    document = segment(text, sent_tokenize=lambda t: t.split(". "), word_tokenize=str.split)
    assert len(document.paragraphs) == len(paragraphs)
    assert_offsets_exact(document)


def test_an_article_beyond_the_size_limit_is_refused_at_once() -> None:
    from vnsumm.errors import InputError
    from vnsumm.segment import MAX_DOCUMENT_CHARS

    with pytest.raises(InputError, match="at most 1,000,000 per article"):
        segment("Tiêu đề\n\n" + "Câu. " * (MAX_DOCUMENT_CHARS // 5 + 1))


def _align_by_characters(pieces: list[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The plain form of :func:`align` (no shortcut for the common cases): what it must agree with."""
    spans, cursor = [], start
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = cursor
        while i < end and text[i].isspace():
            i += 1
        first, chars = i, [c for c in piece if not c.isspace()]
        for char in chars:
            while i < end and text[i].isspace():
                i += 1
            if i >= end or text[i] != char:
                break
            i += 1
        else:
            spans.append((first, i))
            cursor = i
            continue
        found = text.find(piece, cursor, end)
        if found >= 0:
            spans.append((found, found + len(piece)))
            cursor = found + len(piece)
    return spans


_spaced = st.text(alphabet="ab .\n\u00a0\t", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_spaced, st.lists(st.text(alphabet="ab .\u00a0", max_size=5), max_size=8), st.data())
def test_align_agrees_with_the_character_by_character_form(text: str, pieces: list[str], data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert align(pieces, text, start, end) == _align_by_characters(pieces, text, start, end)


def test_word_roles_limit_word_segmentation_to_those_paragraphs(sample_text: str) -> None:
    """The summary segments only headline and body words: those are the same words as in a full run."""
    full = segment(sample_text)
    partial = segment(sample_text, word_roles={Role.HEADLINE, Role.BODY})
    assert [(p.role, p.text, p.start) for p in partial.paragraphs] == [
        (p.role, p.text, p.start) for p in full.paragraphs
    ]
    for whole, part in zip(full.paragraphs, partial.paragraphs):
        assert [s.text for s in part.sentences] == [s.text for s in whole.sentences]
        wanted = part.role in (Role.HEADLINE, Role.BODY)
        assert [s.words for s in part.sentences] == [s.words if wanted else () for s in whole.sentences]
    assert any(p.role is Role.CAPTION for p in partial.paragraphs)
