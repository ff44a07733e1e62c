"""Roman numerals, shared by the Vietnamese and English sides (``khóa XV``, ``quý II``, ``World War II``).

Parsing is strict (canonical subtractive form only, I..MMMM = 1..4999) so that words that merely look
Roman (``MIX``, ``DIV``, ``IIII``, ``VX``) are rejected rather than guessed.
"""

from __future__ import annotations

import re

_ROMAN = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SYMBOLS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
MAX_ROMAN = 4999


def roman_to_int(s: str) -> int | None:
    """The value of a strictly valid upper-case Roman numeral (I..MMMMCMXCIX), else None."""
    if not s or not _ROMAN.fullmatch(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        value = _VALUES[ch]
        if i + 1 < len(s) and _VALUES[s[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def int_to_roman(n: int) -> str:
    """The canonical Roman numeral for 1..4999; ValueError outside that range."""
    if not 1 <= n <= MAX_ROMAN:
        raise ValueError(f"no Roman numeral for {n} (supported 1..{MAX_ROMAN})")
    parts = []
    for value, symbol in _SYMBOLS:
        count, n = divmod(n, value)
        parts.append(symbol * count)
    return "".join(parts)
