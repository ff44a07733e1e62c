"""Batches as a user meets them: hostile lines, exit codes, resume after a crash, -o safety, workers."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm import batch
from vnsumm.batch import parse_record
from vnsumm.cli import main

from conftest import ROOT, SAMPLE_VI

ARTICLE = "Hà Nội tăng cường hợp tác\n\nThu 940 tỷ đồng. Tăng 5,5% so với năm 2023. Có 18/18 huyện đạt chuẩn."
PAIR = {"source": "Có 940 tỷ đồng.", "translation": "There was VND 940 billion."}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def jsonl(rows: list[dict]) -> bytes:
    return b"".join(json.dumps(row, ensure_ascii=False).encode() + b"\n" for row in rows)


# Each hostile line, as bytes, with what its one error line must say.
HOSTILE = [
    (b"{not json", "not valid JSON"),
    (b'{"id": "n", "text": 42, "source": 42}', '"text" must be a string, not a number'),
    (b'{"id": "m"}', 'missing "'),
    (b'{"id": "s", "text": "\\ud800 x", "source": "\\ud800", "translation": "x"}', "lone surrogate U+D800"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"id": "z", "text": "a\\u0000b", "source": "a\\u0000b", "translation": "x"}', "U+0000"),
    (b'{"id": "raw", "text": "a\x00b"}', "not valid JSON"),
    (b'{"id": "u", "text": "H\xe0 N\xf4i", "source": "\xff", "translation": "x"}', "not valid UTF-8"),
    (b'{"id": ["x"], "text": "a"}', '"id" must be a string or an integer'),
    (b'{"id": ' + b"9" * 5000 + b', "text": "a"}', "not usable JSON"),
    (b"[1, 2]", "must be a JSON object"),
    (b'"text"', "must be a JSON object"),
]


@pytest.mark.parametrize("command", ["summarise", "check"])
def test_every_hostile_line_is_one_error_line_and_the_run_goes_on(tmp_path, capsys, command) -> None:
    good = {"id": "ok", "text": ARTICLE, **PAIR}
    data = codecs.BOM_UTF8 + jsonl([good]) + b"\n".join(line for line, _ in HOSTILE) + b"\n"
    data += jsonl([{**good, "id": "ok2"}, {**good, "id": "ok"}])  # the last repeats an id
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    args = ["summarise", "--jsonl", str(path), "--no-translate"] if command == "summarise" else ["check"]
    args += ["--pairs", str(path)] if command == "check" else []
    code, out, err = run([*args, "--workers", "1"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(HOSTILE) + 3 and err == ""
    assert "error" not in rows[0] and rows[0]["id"] == "ok"  # the BOM does not cost the first record
    for row, (_line, message) in zip(rows[1:], HOSTILE):
        if message.startswith('missing "'):
            message += "text" if command == "summarise" else "source"
        if command == "check" and "number" in message:
            message = message.replace("text", "source")
        assert message in row["error"], row
    assert "error" not in rows[-2]
    assert "duplicate id (first on line 1)" in rows[-1]["error"] and rows[-1]["id"] == "ok"
    assert code == 4


def test_a_line_over_the_limit_is_an_error_line_and_is_never_held(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(batch, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "in.jsonl"
    huge = json.dumps({"id": "big", "text": "x" * 5000}).encode()
    path.write_bytes(huge + b"\n" + jsonl([{"id": "after", "text": ARTICLE}]))
    code, out, _ = run(["summarise", "--jsonl", str(path), "--no-translate", "--workers", "1"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert "longer than 1,000 bytes" in rows[0]["error"] and rows[1]["id"] == "after"
    assert code == 4


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_parse_record_never_raises_and_always_explains(raw: bytes) -> None:
    record = parse_record(7, raw, ("text",))
    assert (record.fields is None) == (record.error is not None)
    if record.error is not None:
        assert record.error.startswith("line 7: ") and "\n" not in record.error
        record.error.encode("utf-8")  # writable as it is


@given(st.dictionaries(st.sampled_from(["id", "text", "x"]), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)))  # fmt: skip
def test_parse_record_accepts_exactly_string_text_and_scalar_ids(data: dict) -> None:
    record = parse_record(1, json.dumps(data).encode(), ("text",))
    text, identifier = data.get("text"), data.get("id")
    id_ok = identifier is None or (isinstance(identifier, str | int) and not isinstance(identifier, bool))
    text_ok = isinstance(text, str) and batch.character_problem(text) is None
    if isinstance(identifier, str) and batch.character_problem(identifier):
        id_ok = False
    assert (record.error is None) == (id_ok and text_ok)


def test_exit_codes_tell_failed_lines_from_failed_numbers(tmp_path, capsys) -> None:
    path = tmp_path / "p.jsonl"
    good = {"id": 1, **PAIR}
    changed = {"id": 2, "source": "Có 940 tỷ đồng.", "translation": "There was VND 941 billion."}
    path.write_bytes(jsonl([good]))
    assert run(["check", "--pairs", str(path)], capsys)[0] == 0
    path.write_bytes(jsonl([good, changed]))
    assert run(["check", "--pairs", str(path)], capsys)[0] == 1
    path.write_bytes(jsonl([good, changed]) + b"{oops\n")
    assert run(["check", "--pairs", str(path)], capsys)[0] == 4


def test_pairs_offsets_index_raw_nfd_text(tmp_path, capsys) -> None:
    import unicodedata

    source = unicodedata.normalize("NFD", "Hà Nội chi 940 tỷ đồng.")
    path = tmp_path / "p.jsonl"
    path.write_bytes(jsonl([{"id": 1, "source": source, "translation": "Hanoi spent VND 940 billion."}]))
    code, out, _ = run(["check", "--pairs", str(path)], capsys)
    (mention,) = json.loads(out)["mentions"]
    assert code == 0
    assert source[mention["source"]["start"] : mention["source"]["end"]] == mention["source"]["text"]
    assert unicodedata.normalize("NFC", mention["source"]["text"]) == "940 tỷ đồng"


# ---------------------------------------------------------------- resume


def articles(count: int) -> list[dict]:
    text = SAMPLE_VI.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    return [{"id": f"a{i}", "text": "\n\n".join(paragraphs[: 3 + i % 7])} for i in range(count)]


@pytest.fixture()
def batch_files(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(articles(6)) + b"{broken\n")
    expected = tmp_path / "expected.jsonl"
    code, _, _ = run(["summarise", "--jsonl", str(source), "--no-translate", "-o", str(expected)], capsys)
    assert code == 4
    return source, expected.read_bytes()


def test_resume_drops_a_torn_line_and_equals_an_uninterrupted_run(tmp_path, capsys, batch_files) -> None:
    source, expected = batch_files
    lines = expected.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:3]) + lines[3][:25])  # three complete lines and a torn fourth
    code, stdout, _ = run(["summarise", "--jsonl", str(source), "--no-translate", "-o", str(out)], capsys)
    assert code == 4 and stdout == "" and out.read_bytes() == expected
    code, _, _ = run(["summarise", "--jsonl", str(source), "--no-translate", "-o", str(out)], capsys)
    assert code == 4 and out.read_bytes() == expected  # nothing left to do; the exit code is kept


def test_resume_refuses_an_output_of_another_input(tmp_path, capsys, batch_files) -> None:
    source, expected = batch_files
    other = tmp_path / "other.jsonl"
    other.write_bytes(jsonl([{"id": "x", "text": ARTICLE}]))
    out = tmp_path / "out.jsonl"
    out.write_bytes(expected)
    code, _, err = run(["summarise", "--jsonl", str(other), "--no-translate", "-o", str(out)], capsys)
    assert code == 2 and "not from this input" in err and out.read_bytes() == expected


def test_an_output_that_is_no_batch_output_is_never_appended_to(tmp_path, capsys, batch_files) -> None:
    source, expected = batch_files
    out = tmp_path / "notes.txt"
    out.write_text("my notes, no newline at the end", encoding="utf-8")
    code, _, err = run(["summarise", "--jsonl", str(source), "--no-translate", "-o", str(out)], capsys)
    assert code == 2 and "--no-resume" in err
    assert out.read_text(encoding="utf-8") == "my notes, no newline at the end"
    args = ["summarise", "--jsonl", str(source), "--no-translate", "-o", str(out), "--no-resume"]
    assert run(args, capsys)[0] == 4 and out.read_bytes() == expected


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_gone(pids: list[int], timeout_s: float = 15) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_sigkill_mid_batch_then_resume_gives_the_uninterrupted_bytes(tmp_path, capsys) -> None:
    """A real crash: the process is killed while it writes, then the same command is run again.

    ``check --pairs`` on whole articles: the same batch machinery as ``summarise --jsonl``, quick to start.
    """
    vi, en = (
        SAMPLE_VI.with_suffix("").with_suffix(s).read_text(encoding="utf-8") for s in (".vi.txt", ".en.txt")
    )
    rows = [
        {"id": i, "source": vi, "translation": en if i % 5 else en.replace("940", "941")} for i in range(24)
    ]
    source, out, expected = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "expected.jsonl"
    source.write_bytes(jsonl(rows))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "vnsumm.cli", "check", "--pairs", str(source), "-o", str(out)]
    process = subprocess.Popen([*command, "--workers", "2"], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.002)
    workers = children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    written = out.read_bytes().count(b"\n")
    assert workers and wait_gone(workers), "worker processes must not outlive their killed parent"
    assert 3 <= written < len(rows), "the kill must land in the middle of the batch"
    resumed = subprocess.run([*command, "--workers", "2"], env=env, capture_output=True, timeout=300)
    code, _, _ = run(["check", "--pairs", str(source), "-o", str(expected), "--workers", "2"], capsys)
    assert resumed.returncode == code == 1, resumed.stderr
    assert out.read_bytes() == expected.read_bytes()


# ---------------------------------------------------------------- -o safety


def test_output_equal_to_the_input_is_refused(tmp_path, capsys, batch_files) -> None:
    source, _ = batch_files
    before = source.read_bytes()
    code, _, err = run(["summarise", "--jsonl", str(source), "--no-translate", "-o", str(source)], capsys)
    assert code == 2 and "is also an input" in err and source.read_bytes() == before
    code, _, err = run(["summarise", str(SAMPLE_VI), "--no-translate", "-o", str(SAMPLE_VI)], capsys)
    assert code == 2 and "is also an input" in err


@pytest.mark.parametrize("where", ["missing-folder", "directory"])
def test_an_unwritable_output_fails_before_any_work(tmp_path, capsys, batch_files, where) -> None:
    source, _ = batch_files
    target = tmp_path / "no" / "out.jsonl" if where == "missing-folder" else tmp_path
    for args in (["summarise", "--jsonl", str(source)], ["summarise", str(SAMPLE_VI)]):
        code, out, err = run([*args, "--no-translate", "-o", str(target)], capsys)
        assert code == 2 and out == "" and err.count("\n") == 1 and "cannot write" in err


def test_a_missing_model_leaves_earlier_outputs_untouched(tmp_path, capsys, monkeypatch, batch_files) -> None:
    from test_cli import offline_hub_config

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    source, expected = batch_files
    config = str(offline_hub_config(tmp_path))
    for args in (["--jsonl", str(source), "--no-resume"], [str(SAMPLE_VI)]):
        out = tmp_path / "earlier.out"
        out.write_bytes(expected)
        code, _, err = run(["summarise", *args, "--config", config, "-o", str(out)], capsys)
        assert code == 3 and out.read_bytes() == expected, err


def test_single_document_output_is_replaced_whole(tmp_path, capsys) -> None:
    out = tmp_path / "out.json"
    out.write_text("earlier", encoding="utf-8")
    os.chmod(out, 0o640)
    code, _, _ = run(
        ["summarise", str(SAMPLE_VI), "--no-translate", "--format", "json", "-o", str(out)], capsys
    )
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert os.stat(out).st_mode & 0o777 == 0o640 and sorted(os.listdir(tmp_path)) == ["out.json"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("form", ["stdout", "-o"])
def test_a_full_disk_is_one_error_line(tmp_path, form) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl([{"id": i, **PAIR} for i in range(3)]))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "vnsumm.cli", "check", "--pairs", str(source), "--workers", "1"]
    command += ["-o", "/dev/full"] if form == "-o" else []
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, env=env, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "cannot write (No space left on device)" in done.stderr


# ---------------------------------------------------------------- workers


@pytest.mark.parametrize("command", ["summarise", "check"])
def test_workers_give_the_same_bytes_as_one_worker(tmp_path, capsys, command) -> None:
    rows = [{**row, **PAIR} for row in articles(12)]
    rows[4] = {**rows[4], "source": "Có 18/18 huyện và 5,5%.", "translation": "All 18 districts and 5.6%."}
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(rows[:6]) + b"oops\n" + jsonl(rows[6:]))
    args = ["summarise", "--jsonl", str(source), "--no-translate"] if command == "summarise" else []
    args = args or ["check", "--pairs", str(source)]
    outputs = []
    for workers in ("1", "3"):
        code, out, _ = run([*args, "--workers", workers], capsys)
        assert code == 4
        outputs.append(out)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 13


def test_progress_bar_on_request_shows_the_total_and_errors(tmp_path, capsys, batch_files) -> None:
    source, _ = batch_files
    code, _, err = run(["summarise", "--jsonl", str(source), "--no-translate", "--progress"], capsys)
    assert code == 4 and "7/7" in err and "errors=1" in err
    code, _, err = run(["summarise", "--jsonl", str(source), "--no-translate"], capsys)
    assert err == ""  # stderr is not a terminal here


def test_translation_batch_with_workers_loads_the_model_in_each(tiny_config, tmp_path, capsys) -> None:
    rows = [{"id": i, "text": ARTICLE.replace("940", str(900 + i))} for i in range(4)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(rows))
    args = ["summarise", "--jsonl", str(source), "--config", str(tiny_config), "--model", "tiny-marian"]
    one, many = (run([*args, "--workers", w], capsys) for w in ("1", "2"))
    assert one[0] == many[0] == 1 and one[1] == many[1]  # random weights: numbers fail, exit 1
    assert [json.loads(line)["model"] for line in many[1].splitlines()] == ["tiny-marian"] * 4


def test_quiet_silences_the_libraries(monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRANSFORMERS_VERBOSITY", "info")
    monkeypatch.setenv("HF_HUB_DISABLE_PROGRESS_BARS", "0")
    assert main(["-q", "models", "list"]) == 0
    assert os.environ["TRANSFORMERS_VERBOSITY"] == "error"
    assert os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "1"


# ---------------------------------------------------------------- streaming


@pytest.mark.parametrize("command", ["summarise", "check"])
def test_the_first_line_is_written_while_the_input_is_still_open(command) -> None:
    """Both batch forms stream through the same runner: the input is never read whole before work starts."""
    import select

    args = (
        ["summarise", "--jsonl", "-", "--no-translate"]
        if command == "summarise"
        else ["check", "--pairs", "-"]
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "vnsumm.cli", *args, "--workers", "1"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(jsonl([{"id": "first", "text": ARTICLE, **PAIR}]))
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 240)
        assert ready, "no output line while the input is still open"
        first = json.loads(process.stdout.readline())
        assert first["id"] == "first" and "error" not in first
        rest, err = process.communicate(jsonl([{"id": "second", "text": ARTICLE, **PAIR}]), timeout=240)
        assert process.returncode == 0, err
        assert [json.loads(line)["id"] for line in rest.splitlines()] == ["second"]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
