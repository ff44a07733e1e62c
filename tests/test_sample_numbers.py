"""The sample article's numbers, read by hand into the golden file, are exactly what extract_vi finds.

Soft mentions (number words such as ``hai địa phương``) are left out on both sides: the golden file lists
the digit and Roman-numeral mentions, which are the ones the number check must never miss.
"""

from __future__ import annotations

import json

from vnsumm.numbers.mention import value_to_json
from vnsumm.numbers.vi import extract_vi

from conftest import SAMPLES

GOLDEN = SAMPLES / "hanoi-hagiang-2024-06-11.numbers.json"


def _as_rows(text: str) -> list[dict]:
    return [
        {
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "kind": m.kind,
            "value": value_to_json(m.value),
            "unit": m.unit,
        }
        for m in extract_vi(text)
        if not m.soft
    ]


def test_golden_file_points_at_its_own_text(sample_text: str) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) >= 80
    for row in golden:
        assert sample_text[row["start"] : row["end"]] == row["text"]
    assert [row["start"] for row in golden] == sorted(row["start"] for row in golden)


def test_extraction_equals_golden_file(sample_text: str) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = _as_rows(sample_text)
    missing = [row for row in golden if row not in got]
    extra = [row for row in got if row not in golden]
    assert not missing and not extra, f"missing={missing}\nextra={extra}"
