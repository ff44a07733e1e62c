"""The command line as a user meets it: outputs, exit codes, and one-line errors (never a traceback)."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vnsumm.cli import FORMATS, build_parser, format_names, main

from conftest import SAMPLE_VI

RESULT_KEYS = {"schema", "model", "document", "translation", "summary", "numbers"}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_no_translate_json_prints_the_documented_schema(capsys) -> None:
    code, out, err = run(["summarise", str(SAMPLE_VI), "--no-translate", "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == RESULT_KEYS
    assert data["schema"] == "vnsumm.result/1"
    assert data["model"] is None and data["translation"] is None
    paragraph = data["document"]["paragraphs"][0]
    assert set(paragraph) == {"index", "role", "text", "start", "end", "sentences"}
    assert set(paragraph["sentences"][0]) == {"index", "paragraph", "text", "start", "end", "words"}
    summary = data["summary"]
    assert len(summary["sentences"]) == 3
    assert set(summary["sentences"][0]) >= {"index", "text", "start", "end", "score", "translation"}
    numbers = data["numbers"]
    assert numbers["checked"] is False and numbers["ok"] is None
    assert len(numbers["mentions"]) >= 80
    mention = numbers["mentions"][0]
    assert set(mention) >= {"sentence", "source", "kind", "value", "unit", "soft", "status", "target"}
    assert {m["status"] for m in numbers["mentions"]} == {"unchecked"}
    text = SAMPLE_VI.read_text(encoding="utf-8")
    for m in numbers["mentions"]:
        assert text[m["source"]["start"] : m["source"]["end"]] == m["source"]["text"]


def test_no_translate_markdown_shows_headline_summary_and_numbers(capsys) -> None:
    code, out, _ = run(["summarise", str(SAMPLE_VI), "--no-translate"], capsys)
    assert code == 0
    assert out.startswith("# Hà Nội - Hà Giang: Tăng cường hợp tác")
    assert "## Summary" in out and "## Numbers" in out
    assert "**32.439,8 tỷ đồng**" in out


def test_text_format_and_sentences_option(capsys) -> None:
    code, out, _ = run(
        ["summarise", str(SAMPLE_VI), "--no-translate", "--format", "text", "--sentences", "5"], capsys
    )
    assert code == 0
    summary = out.split("SUMMARY\n", 1)[1].split("\n\nNUMBERS", 1)[0]
    assert len(summary.strip().splitlines()) == 5


def test_stdin_input(capsys, monkeypatch) -> None:
    stdin = type("Stdin", (), {"buffer": type("B", (), {"read": lambda self: SAMPLE_VI.read_bytes()})()})()
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["summarise", "-", "--no-translate", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["summary"]["sentences"]


def test_output_file(tmp_path, capsys) -> None:
    target = tmp_path / "out.md"
    code, out, _ = run(["summarise", str(SAMPLE_VI), "--no-translate", "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Hà Nội")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b" \n\xc2\xa0\n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("Hà Nội".encode() + b"\xff", "byte offset 9"),
    ],
    ids=["empty", "whitespace-nbsp", "binary", "not-utf8"],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(["summarise", str(path), "--no-translate"], capsys)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode(),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: t.replace("\n", "\r\n").encode(),
    ],
    ids=["utf8-bom", "utf16-bom", "crlf"],
)
def test_unusual_encodings_give_the_same_result(tmp_path, capsys, encode) -> None:
    text = SAMPLE_VI.read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes(encode(text))
    _, expected, _ = run(["summarise", str(SAMPLE_VI), "--no-translate", "--format", "json"], capsys)
    code, out, _ = run(["summarise", str(path), "--no-translate", "--format", "json"], capsys)
    assert code == 0 and out == expected


@pytest.mark.parametrize(
    "args",
    [
        ["summarise"],
        ["summarise", "a.txt", "--jsonl", "b.jsonl"],
        ["summarise", "a.txt", "--sentences", "0"],
        ["summarise", "a.txt", "--ratio", "2"],
        ["summarise", "a.txt", "--format", "yaml"],
        ["summarise", "a.txt", "--numbers", "magic"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(capsys, args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_file_exits_2(capsys) -> None:
    code, _, err = run(["summarise", "no/such/file.txt", "--no-translate"], capsys)
    assert code == 2 and "no such file" in err


def test_jsonl_batch_keeps_order_and_reports_bad_lines(tmp_path, capsys) -> None:
    article = SAMPLE_VI.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "a", "text": article}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Tiêu đề\n\nCâu một. Câu hai. Câu ba. Câu bốn."}, ensure_ascii=False),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(["summarise", "--jsonl", str(path), "--no-translate", "--sentences", "3"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row.get("id") for row in rows] == ["a", None, "b", "c", "d"]
    assert ["error" in row for row in rows] == [False, True, True, True, False]
    assert code == 4  # some lines failed
    for sentence in rows[0]["summary"]["sentences"]:
        assert sentence["text"] in article
    assert len(rows[4]["summary"]["sentences"]) == 3


def offline_hub_config(tmp_path: Path) -> Path:
    config = tmp_path / "models.yaml"
    config.write_text(
        "default: remote\nmodels:\n  remote:\n    hub_id: VietAI/envit5-translation\n    family: t5\n"
        "    licence: test\n",
        encoding="utf-8",
    )
    return config


def test_missing_weights_exit_3_with_both_remedies(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    config = offline_hub_config(tmp_path)
    code, out, err = run(["summarise", str(SAMPLE_VI), "--config", str(config)], capsys)
    assert code == 3 and out == ""
    assert err.count("\n") == 1
    assert "'remote'" in err and "vnsumm models pull remote" in err and "path:" in err


def test_console_script_missing_weights_has_no_traceback(tmp_path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    config = offline_hub_config(tmp_path)
    command = [sys.executable, "-m", "vnsumm.cli", "summarise", str(SAMPLE_VI), "--config", str(config)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr and done.stderr.startswith("vnsumm: error: model 'remote'")


def test_unknown_model_is_a_usage_error(tiny_config, capsys) -> None:
    code, _, err = run(["summarise", str(SAMPLE_VI), "--config", str(tiny_config), "--model", "nope"], capsys)
    assert code == 2 and "nope" in err


def test_models_list_shows_presence_and_licence(tiny_config, capsys) -> None:
    code, out, _ = run(["models", "list", "--config", str(tiny_config)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["name", "family", "engine", "compute", "size", "source", "licence", "weights"]
    assert any(line.startswith("tiny-t5 (default)") and line.rstrip().endswith("present") for line in lines)


def test_summarise_with_a_tiny_model_runs_every_stage(tiny_config, capsys) -> None:
    args = ["summarise", str(SAMPLE_VI), "--config", str(tiny_config), "--format", "json"]
    code, out, err = run(args, capsys)
    data = json.loads(out)
    assert data["model"] == "tiny-t5"
    assert data["numbers"]["checked"] is True
    # Random weights cannot carry the numbers over: the check must fail, exit 1.
    assert data["numbers"]["ok"] is False and code == 1
    assert len(data["translation"]["sentences"]) == 56
    assert all(s["translation"] is not None for s in data["summary"]["sentences"])


def test_translate_command_keeps_paragraphs(tiny_config, capsys) -> None:
    code, out, _ = run(
        ["translate", str(SAMPLE_VI), "--config", str(tiny_config), "--model", "tiny-marian"], capsys
    )
    assert code == 0
    assert len(out.rstrip("\n").split("\n\n")) == 29


def test_jsonl_batch_with_translation(tiny_config, tmp_path, capsys) -> None:
    lines = [
        json.dumps({"id": 1, "text": "Tiêu đề\n\nThu 940 tỷ đồng. Tăng 5,5%."}, ensure_ascii=False),
        "[1, 2]",
        json.dumps({"id": 3, "text": "Hà Giang\n\nCó 18/18 huyện đạt chuẩn."}, ensure_ascii=False),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    args = ["summarise", "--jsonl", str(path), "--config", str(tiny_config), "--model", "tiny-t5"]
    code, out, _ = run(args, capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["id"] for row in rows] == [1, None, 3]
    assert "error" in rows[1]
    assert "words" not in rows[0]["document"]["paragraphs"][1]["sentences"][0]
    assert rows[0]["schema"] == "vnsumm.result/1" and rows[0]["numbers"]["checked"] is True
    assert code == 4  # an error line wins over failed numbers


def test_jsonl_batch_stops_before_output_when_the_model_is_missing(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": "Tiêu đề\n\nCâu một."}, ensure_ascii=False), encoding="utf-8"
    )
    args = ["summarise", "--jsonl", str(path), "--config", str(offline_hub_config(tmp_path))]
    code, out, err = run(args, capsys)
    assert code == 3 and out == "" and "vnsumm models pull remote" in err


# ---------------------------------------------------------------- the command and format tables


def leaf_parsers(parser=None, path=()):
    """(command path, parser) of every subcommand that runs a handler."""
    import argparse

    parser = parser or build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from leaf_parsers(child, (*path, name))
            return
    yield path, parser


def test_every_subcommand_has_one_handler_from_the_table() -> None:
    handlers = {}
    for path, parser in leaf_parsers():
        handler = parser.get_default("handler")
        assert callable(handler), path
        handlers[path] = handler.__name__
    assert handlers[("summarise",)] == handlers[("summarize",)] == "run_summarise"
    assert handlers[("models", "pull")] == "run_models_pull"
    assert {name for name in handlers.values()} == {
        "run_summarise", "run_translate", "run_check", "run_models_list", "run_models_pull",
        "run_models_convert",
    }  # fmt: skip


def test_format_choices_and_defaults_come_from_the_table() -> None:
    formats = {}
    for path, parser in leaf_parsers():
        for action in parser._actions:
            if action.dest == "format":
                formats[path[0]] = (tuple(action.choices), action.default)
    assert formats["translate"] == (format_names("translate"), format_names("translate")[0])
    assert formats["check"] == (format_names("check"), format_names("check")[0])
    both = format_names("summarise") + format_names("summarise --jsonl")
    assert formats["summarise"] == (tuple(dict.fromkeys(both)), None)  # the default depends on --jsonl


def test_every_format_row_names_a_renderer_that_exists() -> None:
    import importlib

    for form, rows in FORMATS.items():
        assert rows, form
        for row in rows:
            reference = row.renderer.__qualname__
            if ":" in reference:  # imported when first used
                module, _, name = reference.partition(":")
                assert callable(getattr(importlib.import_module(f"vnsumm.{module}"), name)), reference


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summarise", "a.txt", "--format", "jsonl"], "--format jsonl goes with --jsonl IN"),
        (["summarise", "--jsonl", "a.jsonl", "--format", "json"], "use --format jsonl or html"),
        (["summarise", "--jsonl", "a.jsonl", "--format", "html"], "name it with -o DIR"),
        (["summarise", "a.txt", "--date", "today"], "--date goes with --format html"),
        (["check", "a.txt", "b.txt", "-o", "out.txt"], "-o goes with --pairs"),
    ],
)
def test_refused_combinations_are_one_usage_line(capsys, args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and message in err and err.count("\n") == 1
    assert err.startswith("vnsumm: error: ") and "Traceback" not in err


def test_translate_takes_its_translator_from_the_pipeline(tiny_config, capsys, monkeypatch) -> None:
    from vnsumm.pipeline import Pipeline

    loaded = []
    translator = Pipeline.translator

    def counted(self):
        loaded.append(self.model_name)
        return translator(self)

    monkeypatch.setattr(Pipeline, "translator", counted)
    args = ["translate", str(SAMPLE_VI), "--config", str(tiny_config), "--model", "tiny-marian"]
    code, out, _ = run([*args, "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and set(loaded) == {"tiny-marian"} and data["model"] == "tiny-marian"
    assert len(data["paragraphs"]) == 29 and all(s["text"] is not None for s in data["sentences"])


def test_translate_without_weights_exits_3_like_summarise(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    config = offline_hub_config(tmp_path)
    code, out, err = run(["translate", str(SAMPLE_VI), "--config", str(config)], capsys)
    assert code == 3 and out == "" and err.count("\n") == 1 and "vnsumm models pull remote" in err


@pytest.mark.parametrize("strategy", ["check", "repair", "protect"])
def test_numbers_strategy_is_chosen_on_the_command_line(tiny_config, files, strategy, capsys) -> None:
    article = files("a.txt", "Tiêu đề\n\nThu 940 tỷ đồng, tăng 5,5% so với năm 2023.")
    args = ["summarise", article, "--config", str(tiny_config), "--format", "json", "--numbers", strategy]
    code, out, _ = run(args, capsys)
    data = json.loads(out)
    findings = data["numbers"]["mentions"]
    assert findings and code in (0, 1) and (code == 0) == data["numbers"]["ok"]
    if strategy == "check":
        assert all("repair" not in f for f in findings)
        assert all("raw" not in s for s in data["translation"]["sentences"])
    else:
        assert all(
            set(f["repair"]) >= {"repaired", "how", "status_before", "before", "after"} for f in findings
        )
    text_args = [*args[:-4], "--format", "text", "--numbers", strategy]
    assert run(text_args, capsys)[0] == code
