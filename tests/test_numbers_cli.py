"""``vnsumm check`` as a function: files, --pairs JSONL (file and stdin), formats, exit codes, errors."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from vnsumm.check_command import add_check_arguments, run_check
from vnsumm.errors import InputError


def run(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="vnsumm check")
    add_check_arguments(parser)
    out = io.StringIO()
    code = run_check(parser.parse_args(argv), out)
    return code, out.getvalue()


def test_two_files_all_ok(files):
    src = files("a.vi.txt", "Đạt 32.439,8 tỷ đồng.\n\nCó 18/18 huyện.\n")
    tgt = files("a.en.txt", "It reached VND 32,439.8 billion.\n\nAll 18 of 18 districts.\n")
    code, out = run([src, tgt])
    assert code == 0 and out.startswith("OK")


def test_human_report_points_at_the_problem(files):
    src = files("a.vi.txt", "Mở đầu.\nĐạt 940 tỷ đồng.\n")
    tgt = files("a.en.txt", "Opening.\nIt reached VND 941 billion.\n")
    code, out = run([src, tgt])
    assert code == 1
    assert "CHANGED" in out and "line 2" in out and "[940 tỷ đồng]" in out and "[VND 941 billion]" in out


def test_json_format_is_sentence_aligned_with_document_offsets(files):
    source = "Mở đầu.\nĐạt 940 tỷ đồng.\n"
    translation = "Opening.\nIt reached VND 940 billion.\n"
    code, out = run([files("a.vi.txt", source), files("a.en.txt", translation), "--format", "json"])
    result = json.loads(out)
    assert code == 0 and result["ok"] and result["aligned"]
    (m,) = result["mentions"]
    assert source[m["source"]["start"] : m["source"]["end"]] == "940 tỷ đồng"
    assert translation[m["target"]["start"] : m["target"]["end"]] == "VND 940 billion"


def test_document_level_when_line_counts_differ(files):
    src = files("a.vi.txt", "Đạt 940 tỷ đồng. Có 5 người.\n")
    tgt = files("a.en.txt", "It reached VND 940 billion.\nThere were five people.\n")
    code, out = run([src, tgt, "--format", "json"])
    assert code == 0 and json.loads(out)["aligned"] is False


def test_allow_rounding_flag(files):
    src = files("a.vi.txt", "Đạt 32.439,8 tỷ đồng.\n")
    tgt = files("a.en.txt", "It reached VND 32.4 trillion.\n")
    assert run([src, tgt])[0] == 1
    assert run([src, tgt, "--allow-rounding"])[0] == 0


def test_strict_flag(files):
    src = files("a.vi.txt", "Tôi có hai con mèo.\n")
    tgt = files("a.en.txt", "I have cats.\n")
    assert run([src, tgt])[0] == 0
    assert run([src, tgt, "--strict"])[0] == 1


PAIRS = [
    {"id": "a", "source": "Có 5 người.", "translation": "There were 5 people."},
    {"id": 7, "source": "Có 940 tỷ đồng.", "translation": "There was VND 941 billion."},
]


def test_pairs_file_in_order_with_error_lines(files):
    lines = [json.dumps(PAIRS[0], ensure_ascii=False), "{not json", json.dumps({"id": "x", "source": 3}),
             json.dumps(PAIRS[1], ensure_ascii=False)]  # fmt: skip
    code, out = run(["--pairs", files("p.jsonl", "\n".join(lines) + "\n")])
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 4  # error lines: exit 4, not 1 (a number problem)
    assert [r["id"] for r in results] == ["a", None, "x", 7]
    assert results[0]["ok"] is True and results[0]["mentions"][0]["status"] == "ok"
    assert "error" in results[1] and "error" in results[2]
    assert results[3]["ok"] is False and results[3]["mentions"][0]["status"] == "changed"
    assert set(results[0]) == {"id", "ok", "mentions", "extra"}


def test_pairs_from_stdin_all_ok(monkeypatch):
    data = (json.dumps(PAIRS[0], ensure_ascii=False) + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out = run(["--pairs", "-"])
    assert code == 0 and json.loads(out)["id"] == "a"


def test_missing_arguments_is_an_input_error():
    with pytest.raises(InputError):
        run([])


def test_missing_file_is_an_input_error(files, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        run([files("a.vi.txt", "Có 5 người.\n"), str(tmp_path / "absent.txt")])


def test_pairs_and_files_together_is_an_input_error(files):
    path = files("p.jsonl", json.dumps(PAIRS[0]) + "\n")
    with pytest.raises(InputError):
        run([path, path, "--pairs", path])


def test_check_pairs_reads_one_line_per_result():
    """The library form of --pairs is a stream too: the first result comes after the first line only."""
    from vnsumm.check_command import check_pairs

    read = []

    def lines():
        for number, pair in enumerate(PAIRS * 3):
            read.append(number)
            yield json.dumps({**pair, "id": number}, ensure_ascii=False)

    results = check_pairs(lines())
    assert next(results)["id"] == 0 and read == [0]
    assert [r["id"] for r in results] == [1, 2, 3, 4, 5] and read == [0, 1, 2, 3, 4, 5]
