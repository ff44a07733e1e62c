"""Turning bytes from files or stdin into the one text form every stage works on.

The canonical form is NFC-normalised, with ``\\n`` line ends and no byte-order mark; all character
offsets in vnsumm index into this form, so that every stage can point at the exact source.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text; their presence means a binary file.
_BINARY_CONTROLS = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


def decode(data: bytes, *, name: str = "input") -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16/32; refuse anything else, saying where."""
    encoding, bom_length = "utf-8", 0
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            data, encoding, bom_length = data[len(bom) :], bom_encoding, len(bom)
            break
    if encoding == "utf-8" and (nul := data.find(b"\x00")) >= 0:
        raise InputError(f"{name}: looks like a binary file (NUL byte at byte offset {nul + bom_length})")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (bad byte 0x{data[exc.start]:02x} at byte offset "
            f"{exc.start + bom_length}); convert it to UTF-8 first"
        ) from None
    for offset, char in enumerate(text):
        if char in _BINARY_CONTROLS:
            raise InputError(
                f"{name}: looks like a binary file (control character U+{ord(char):04X} at character "
                f"{offset})"
            )
    return text


def normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, no BOM: the form all offsets refer to."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def require_content(text: str, *, name: str = "input") -> str:
    """Refuse input that has no visible characters (empty, whitespace or NBSP only)."""
    if not text.strip() or not any(not ch.isspace() for ch in text):
        raise InputError(f"{name}: the input is empty (no visible text)")
    return text


def read_text(path: str | Path, *, name: str | None = None) -> str:
    """Read a file (or ``-`` for stdin) into canonical text, with errors a user can act on."""
    import sys

    label = name or ("stdin" if str(path) == "-" else str(path))
    if str(path) == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(f"{label}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{label}: is a directory, not a text file") from None
        except PermissionError:
            raise InputError(f"{label}: permission denied") from None
    return require_content(normalise(decode(data, name=label)), name=label)
