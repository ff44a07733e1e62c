"""Segmentation: canonical text -> :class:`~vnsumm.document.Document` with underthesea.

Paragraphs are split on blank lines first (``sent_tokenize`` would merge across them), then each
paragraph into sentences with ``underthesea.sent_tokenize`` and each sentence into words with
``underthesea.word_tokenize``. Pieces are mapped back onto the source by character alignment, because
the tokenizers may change spacing: offsets always index into the text that was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from .document import Document, Paragraph, Role, Sentence, Word
from .errors import InputError
from .textio import require_content

# A line holding only whitespace (NBSP included: Python's str.isspace covers it) is a blank line.
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
_SOURCE_LINE = re.compile(r"^\(?\s*(theo|nguồn)\b\s*:?\s*\S", re.IGNORECASE)
_DATELINE_WORDS = re.compile(
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|t[2-7]|cn|ngày|tháng|năm|lúc|giờ|sáng|chiều|tối|"
    r"cập\s+nhật|đăng|gmt|utc|am|pm|\d+|[\s,:/\-.|()+]+)+",
    re.IGNORECASE,
)
_DATE_OR_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}|\d{1,2}\s*[/\-.]\s*\d{1,2}")
_MAX_HEADLINE_WORDS = 60
_MAX_CAPTION_WORDS = 60
_MAX_SOURCE_WORDS = 12


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between blank lines, surrounding whitespace trimmed."""
    spans = []
    cursor = 0
    for match in _BLANK_LINES.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [trimmed for start, end in spans if (trimmed := _trim(text, start, end))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def is_dateline(text: str) -> bool:
    """A paragraph made only of a date, a time and their decorations (``10:41 11-06-2024``)."""
    return (
        len(text) <= 80
        and _DATE_OR_TIME.search(text) is not None
        and _DATELINE_WORDS.fullmatch(text) is not None
    )


def classify(texts: Sequence[str]) -> list[Role]:
    """Give each paragraph its role from its shape and place, the way a news page is laid out."""
    roles = []
    for i, text in enumerate(texts):
        words = len(text.split())
        if i == 0 and len(texts) > 1 and words <= _MAX_HEADLINE_WORDS and not is_dateline(text):
            roles.append(Role.HEADLINE)
        elif is_dateline(text):
            roles.append(Role.DATELINE)
        elif _SOURCE_LINE.match(text) and words <= _MAX_SOURCE_WORDS:
            roles.append(Role.SOURCE)
        elif i > 0 and words <= _MAX_CAPTION_WORDS and "\n" not in text and not _SENTENCE_END.search(text):
            roles.append(Role.CAPTION)
        else:
            roles.append(Role.BODY)
    return roles


def align(pieces: Sequence[str], text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Find each piece in ``text[start:end]`` in order, ignoring differences in whitespace.

    Tokenizers may collapse or insert spaces; the non-space characters still come in order. A piece
    that cannot be aligned (the tokenizer changed its characters) is looked up by plain search, and
    dropped if absent, so every returned span is a real slice of ``text``.
    """
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        # The common cases first (the piece right at the cursor, or after one space): what
        # _align_one would find, without its per-character loop.
        if text.startswith(piece, cursor, end):
            span: tuple[int, int] | None = (cursor, cursor + len(piece))
        elif text.startswith(piece, cursor + 1, end) and text[cursor].isspace():
            span = (cursor + 1, cursor + 1 + len(piece))
        else:
            span = _align_one(piece, text, cursor, end)
            if span is None:
                found = text.find(piece, cursor, end)
                span = (found, found + len(piece)) if found >= 0 else None
        if span is not None:
            spans.append(span)
            cursor = span[1]
    return spans


def _align_one(piece: str, text: str, cursor: int, end: int) -> tuple[int, int] | None:
    piece = piece.strip()
    if not piece:
        return None
    i = cursor
    while i < end and text[i].isspace():
        i += 1
    if text.startswith(piece, i, end):  # the common case: the tokenizer kept the text as it was
        return i, i + len(piece)
    chars = [c for c in piece if not c.isspace()]
    first = i
    for char in chars:
        while i < end and text[i].isspace():
            i += 1
        if i >= end or text[i] != char:
            return None
        i += 1
    return first, i


def _words(pieces: Sequence[str], text: str, start: int, end: int) -> tuple[Word, ...]:
    return tuple(Word(text[a:b], a, b) for a, b in align(pieces, text, start, end))


# The longest article one run takes: memory grows ~0.35 GB per million characters (segmentation, word
# lists, features) over a ~0.4 GB base, so this keeps a run under ~0.8 GB (README, "Limits").
MAX_DOCUMENT_CHARS = 1_000_000


def segment(
    text: str,
    *,
    sent_tokenize: Callable[[str], list[str]] | None = None,
    word_tokenize: Callable[[str], list[str]] | None = None,
    word_roles: Collection[Role] | None = None,
) -> Document:
    """Segment canonical text (see :func:`vnsumm.textio.normalise`) into a Document.

    The tokenizers default to underthesea's (words through :mod:`vnsumm.wordseg`, which gives
    ``underthesea.word_tokenize``'s words faster); passing others keeps this stage testable and swappable.
    ``word_roles`` limits word segmentation (much of the CPU time) to the paragraphs of those roles,
    for a caller that reads no other words (the summary reads only headline and body); sentences of
    other paragraphs get no words. Default: every paragraph.
    """
    require_content(text)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"the article has {len(text):,} characters; vnsumm takes at most {MAX_DOCUMENT_CHARS:,} per "
            "article (memory): split it into articles or chapters"
        )
    if sent_tokenize is None:
        import underthesea

        sent_tokenize = underthesea.sent_tokenize
    spans = split_paragraphs(text)
    roles = classify([text[s:e] for s, e in spans])
    layout = []  # (paragraph, role, sentence spans, whether its words are wanted)
    for (p_start, p_end), role in zip(spans, roles):
        pieces = sent_tokenize(text[p_start:p_end]) if role is Role.BODY else [text[p_start:p_end]]
        sentence_spans = align(pieces, text, p_start, p_end) or [(p_start, p_end)]
        layout.append(((p_start, p_end), role, sentence_spans, word_roles is None or role in word_roles))
    wanted = [text[a:b] for _, _, sentence_spans, wants in layout if wants for a, b in sentence_spans]
    pieces_of = iter(_word_pieces(word_tokenize, wanted))
    paragraphs = []
    sentence_index = 0
    for p_index, ((p_start, p_end), role, sentence_spans, wants) in enumerate(layout):
        sentences = []
        for s_start, s_end in sentence_spans:
            words = _words(next(pieces_of), text, s_start, s_end) if wants else ()
            sentences.append(Sentence(sentence_index, p_index, text[s_start:s_end], s_start, s_end, words))
            sentence_index += 1
        paragraphs.append(Paragraph(p_index, role, text[p_start:p_end], p_start, p_end, tuple(sentences)))
    return Document(text=text, paragraphs=tuple(paragraphs))


def _word_pieces(word_tokenize: Callable[[str], list[str]] | None, sentences: list[str]) -> list[list[str]]:
    """The words of every sentence: all of an article's sentences at once through the default segmenter
    (:mod:`vnsumm.wordseg`, underthesea's words), or one by one through a given ``word_tokenize``."""
    if word_tokenize is not None:
        return [word_tokenize(sentence) for sentence in sentences]
    if not sentences:
        return []
    from .wordseg import default_word_tokenizer

    return default_word_tokenizer()(sentences)
