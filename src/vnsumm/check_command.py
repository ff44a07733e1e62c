"""``vnsumm check``: the number check as a command (two files, ``--fix``, or a JSONL stream of pairs).

``vnsumm.cli`` wires :func:`add_check_arguments` and :func:`run_check`; :func:`check_pairs` is the in-process
form of ``--pairs`` (the benchmark uses it so that it measures the very same code path). It sits beside the
CLI, above ``vnsumm.numbers``, which knows nothing of commands, batches or pages.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from .errors import InputError
from .numbers.lines import check_texts
from .numbers.match import status_passes
from .textio import read_text

_SNIPPET = 40


def add_check_arguments(parser: argparse.ArgumentParser, formats: Sequence[str] | None = None) -> None:
    """Arguments of ``vnsumm check``; ``formats`` defaults to the check row of ``vnsumm.cli.FORMATS``."""
    if formats is None:
        from .cli import format_names

        formats = format_names("check")
    parser.add_argument("source", nargs="?", help="Vietnamese source text file (or - for stdin)")
    parser.add_argument("translation", nargs="?", help="English translation text file")
    parser.add_argument(
        "--pairs",
        metavar="FILE.jsonl",
        help='check many pairs: one {"id", "source", "translation"} per line (- for stdin); JSON lines out',
    )
    parser.add_argument("--format", choices=formats, default=formats[0], help="report format")
    parser.add_argument(
        "--allow-rounding",
        action="store_true",
        help="accept rounded numbers (VND 32.4 trillion for 32.439,8 tỷ)",
    )
    parser.add_argument("--strict", action="store_true", help="number words (hai, seven) must match too")
    parser.add_argument(
        "--fix",
        action="store_true",
        help="rewrite each changed, badly formatted or rounded English number from the source's value; "
        "the repaired English goes to -o OUT (or stdout), the report to stderr (a json report to stdout "
        "when -o takes the English)",
    )
    from .cli import date_of_run

    parser.add_argument("--date", type=date_of_run, help="html: the date of run to show (YYYY-MM-DD, today)")


def check_pairs(
    lines: Iterable[str | bytes], *, allow_rounding: bool = False, strict: bool = False
) -> Iterator[dict]:
    """One result dict per non-blank input line, in order; a malformed line yields an ``error`` entry.

    The same reading and checking as ``check --pairs`` (offsets index the strings of each line as given).
    """
    from .batch import encoded_lines, ordered_outcomes, records
    from .jobs import CheckJob

    job = CheckJob(allow_rounding, strict)
    for outcome in ordered_outcomes(job, records(encoded_lines(lines), job.fields)):
        yield json.loads(outcome.line)


def _place(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, col {column}"


def _snippet(text: str, start: int, end: int) -> str:
    left = max(0, start - _SNIPPET // 2)
    right = min(len(text), end + _SNIPPET // 2)
    body = f"{text[left:start]}[{text[start:end]}]{text[end:right]}".replace("\n", " ")
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


def format_human(
    result: dict[str, Any], source: str, translation: str, *, allow_rounding: bool = False
) -> str:
    """The report a person reads: every problem with its status, both snippets and where it is."""
    lines = []
    counts: dict[str, int] = {}
    for m in result["mentions"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
        if status_passes(m["status"], allow_rounding=allow_rounding):
            continue
        src = m["source"]
        soft = " (number word)" if m["soft"] else ""
        where = _place(source, src["start"])
        lines.append(
            f"{m['status'].upper():8} source {where}{soft}: {_snippet(source, src['start'], src['end'])}"
        )
        tgt = m["target"]
        if tgt is not None:
            where = _place(translation, tgt["start"])
            lines.append(f"{'':8} english {where}: {_snippet(translation, tgt['start'], tgt['end'])}")
        else:
            lines.append(f"{'':8} english: (no counterpart found)")
    for e in result["extra"]:
        where = _place(translation, e["start"])
        lines.append(f"{'EXTRA':8} english {where}: {_snippet(translation, e['start'], e['end'])}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no numbers"
    verdict = "OK" if result["ok"] else "PROBLEMS"
    checked, extra = len(result["mentions"]), len(result["extra"])
    lines.append(f"{verdict}: {checked} source numbers checked ({summary}); {extra} extra")
    return "\n".join(lines) + "\n"


def write_text_report(args: argparse.Namespace, source: str, translation: str, stdout: TextIO) -> int:
    """``--format text``: :func:`format_human`."""
    result = check_texts(source, translation, allow_rounding=args.allow_rounding, strict=args.strict)
    stdout.write(format_human(result, source, translation, allow_rounding=args.allow_rounding))
    return 0 if result["ok"] else 1


def write_json_report(args: argparse.Namespace, source: str, translation: str, stdout: TextIO) -> int:
    """``--format json``: :func:`check_texts` as it is."""
    result = check_texts(source, translation, allow_rounding=args.allow_rounding, strict=args.strict)
    stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0 if result["ok"] else 1


def write_html_report(args: argparse.Namespace, source: str, translation: str, stdout: TextIO) -> int:
    """The report page of a translation made elsewhere, rows aligned the way the check aligns them."""
    from .pipeline import result_of_translation
    from .render_html import render_html

    result = result_of_translation(
        source, translation, allow_rounding=bool(args.allow_rounding), strict=bool(args.strict)
    )
    files = [("Source", _file_label(args.source)), ("Translation file", _file_label(args.translation))]
    stdout.write(render_html(result, date=args.date, details=files))
    return 0 if result.numbers.ok else 1


def _file_label(path: str) -> str:
    """The file's name only: the page should not depend on (or reveal) where it was run."""
    return "stdin" if path == "-" else os.path.basename(path)


def refuse_bad_usage(args: argparse.Namespace) -> None:
    """The option combinations ``check`` refuses (InputError, exit 2), whichever way it then runs."""
    fmt, date = getattr(args, "format", "text"), getattr(args, "date", None)
    if date is not None and fmt != "html":
        raise InputError("check: --date goes with --format html")
    if getattr(args, "fix", False):
        if args.pairs is not None:
            raise InputError("check: --fix repairs SOURCE TRANSLATION files; --pairs --fix is not supported")
        if fmt == "html":
            raise InputError("check: --fix writes the repaired English with a text or json report, not html")
    if args.pairs is not None:
        if fmt == "html":
            raise InputError("check: --pairs writes JSON lines; --format html is for SOURCE TRANSLATION")
        if args.source or args.translation:
            raise InputError("check: give either --pairs FILE or SOURCE TRANSLATION, not both")
    elif not args.source or not args.translation:
        raise InputError("check: give SOURCE and TRANSLATION files (or --pairs FILE.jsonl)")


def run_check(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run ``vnsumm check``: returns 0 (all ok), 1 (a problem) or, with ``--pairs``, 4 (error lines);
    usage/input errors raise InputError (2)."""
    refuse_bad_usage(args)
    from .cli import renderer, run_batch_command

    if args.pairs is not None:
        from .jobs import CheckJob

        return run_batch_command(CheckJob(args.allow_rounding, args.strict), args.pairs, args, stdout)
    if getattr(args, "fix", False):
        return _run_fix(args, stdout)
    source, translation = read_text(args.source), read_text(args.translation)
    return renderer("check", args.format)(args, source, translation, stdout)


def format_repairs(result: dict[str, Any], source: str, original: str) -> str:
    """One line per rewritten number: where it is and what it was and became."""
    lines = []
    for m in result["mentions"]:
        fix = m.get("repair") or {}
        if not fix.get("repaired"):
            continue
        src, before, after = m["source"], fix["before"], fix["after"]
        lines.append(
            f"{'FIXED':8} source {_place(source, src['start'])}: {_snippet(source, src['start'], src['end'])}"
        )
        where = _place(original, before["start"])
        lines.append(f"{'':8} english {where}: {before['text']} -> {after['text']}")
    return "".join(line + "\n" for line in lines)


def _run_fix(args: argparse.Namespace, stdout: TextIO) -> int:
    """``check --fix``: write the repaired English and report on it; 0 when the final check passes."""
    import sys

    from .numbers.repair import repair_texts
    from .output import check_writable, refuse_same_file, write_atomically

    output = getattr(args, "output", None)
    refuse_same_file(output, [args.source, args.translation])
    to_file = output is not None and output != "-"
    if to_file:
        check_writable(output)
    source, translation = read_text(args.source), read_text(args.translation)
    english, result = repair_texts(
        source, translation, allow_rounding=bool(args.allow_rounding), strict=bool(args.strict)
    )
    if args.format == "json":
        report = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    else:
        report = format_repairs(result, source, translation) + format_human(
            result, source, english, allow_rounding=bool(args.allow_rounding)
        )
    if not english.endswith("\n"):
        english += "\n"  # the text was read canonical (no final newline); a file written ends with one
    if to_file:
        write_atomically(output, english)
    else:
        stdout.write(english)
    report_stream = stdout if to_file and args.format == "json" else sys.stderr
    report_stream.write(report)
    return 0 if result["ok"] else 1
