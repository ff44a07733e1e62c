"""Bad and unusual input: each is processed correctly or refused with a clear message."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from vnsumm.errors import InputError
from vnsumm.textio import decode, normalise, read_text, require_content

VI = "Tổng giá trị sản phẩm đạt 32.439,8 tỷ đồng."


@pytest.mark.parametrize(
    "data",
    [
        VI.encode("utf-8"),
        codecs.BOM_UTF8 + VI.encode("utf-8"),
        codecs.BOM_UTF16_LE + VI.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + VI.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + VI.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32-le-bom"],
)
def test_decodes_utf8_and_bom_marked_encodings(data: bytes) -> None:
    assert decode(data) == VI


def test_non_utf8_names_the_byte_offset() -> None:
    data = "Hà Nội".encode() + b" \xff\xfe tail"
    with pytest.raises(InputError, match=r"byte 0xff at byte offset 10"):
        decode(data, name="article.txt")


def test_byte_offset_counts_the_bom() -> None:
    with pytest.raises(InputError, match=r"byte offset 5"):
        decode(codecs.BOM_UTF8 + b"ab\xc3(", name="x")


def test_latin1_file_is_refused() -> None:
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode("Café au lait".encode("latin-1"))


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_crlf_and_cr_become_newlines() -> None:
    assert normalise("a\r\nb\rc\n") == "a\nb\nc\n"


def test_nfd_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    assert normalise(nfd) == VI


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u00a0\n\u00a0", "\ufeff"])
def test_empty_input_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        require_content(normalise(text))


def test_read_text_reports_missing_file(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "absent.txt")


def test_read_text_reports_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_read_text_gives_canonical_text(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + unicodedata.normalize("NFD", "Hà Nội\r\n\r\nSáng 10/6.").encode())
    assert read_text(path) == "Hà Nội\n\nSáng 10/6."
