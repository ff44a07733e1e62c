"""The ``vnsumm`` command line. Exit codes: 0 success, 1 a number check failed, 2 usage, input or output
error, 3 model unavailable, 4 some batch lines could not be processed (their error lines are written).
Errors are one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import EXIT_LINES, EXIT_MODEL, EXIT_NUMBERS, EXIT_OK, EXIT_USAGE, InputError, VnsummError

if TYPE_CHECKING:
    from .batch import Job

__all__ = ["EXIT_MODEL", "EXIT_NUMBERS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# The output formats of each command; the first is the default.
FORMATS: dict[str, tuple[str, ...]] = {
    "summarise": ("markdown", "json", "text", "html"),
    "summarise --jsonl": ("jsonl", "html"),
    "translate": ("text", "markdown", "json"),
    "check": ("text", "json", "html"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every other usage error does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _positive_int(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a ratio in (0, 1], got {text!r}")
    return value


def run_date(text: str) -> str:
    """``--date``: the date of run an HTML report shows, ``today`` or ISO 8601 (shown as given)."""
    if text == "today":
        return datetime.date.today().isoformat()
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError:
        message = f"expected YYYY-MM-DD (or an ISO date-time, or today), got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    return text


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("translation model")
    group.add_argument("--model", help="model name from models.yaml (default: its 'default')")
    group.add_argument(
        "--config", help="models.yaml to use (default: $VNSUMM_CONFIG, ./models.yaml, packaged)"
    )
    group.add_argument("--device", default="auto", help="auto (CUDA when present), cpu, cuda, cuda:1 ...")
    group.add_argument(
        "--batch-size", type=_positive_int, default=16, help="sentences per batch (default 16)"
    )


def _add_batch_options(parser: argparse.ArgumentParser) -> None:
    """Options of every batch form (``summarise --jsonl``, ``check --pairs``)."""
    group = parser.add_argument_group("batches (--jsonl, --pairs)")
    group.add_argument(
        "--workers", type=_positive_int, help="worker processes (default: all cores; 1 with --device cuda)"
    )
    group.add_argument(
        "--resume",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="continue an earlier -o output after its last complete line (default when -o exists); "
        "--no-resume replaces it",
    )
    group.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="an overall progress bar on stderr (default: only when stderr is a terminal)",
    )
    group.add_argument(
        "--ray",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="run on a Ray cluster (ADDRESS, or a local one without it); needs vnsumm[ray]",
    )


def build_parser() -> argparse.ArgumentParser:
    from .numbers.cli import add_check_arguments

    parser = _Parser(prog="vnsumm", description="Vietnamese news in, trustworthy English out.")
    parser.add_argument("--version", action="version", version=f"vnsumm {__version__}")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no library chatter (model loading bars, warnings)"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    summarise = commands.add_parser(
        "summarise",
        aliases=["summarize"],
        help="translate, summarise and number-check an article (the main job)",
        description="Segment, translate, summarise and number-check a Vietnamese article.",
    )
    summarise.add_argument("file", nargs="?", help="the article (UTF-8 text), or - for stdin")
    summarise.add_argument("--jsonl", metavar="IN", help='batch: lines {"id", "text"} from IN (- for stdin)')
    summarise.add_argument(
        "--format",
        choices=tuple(dict.fromkeys(FORMATS["summarise"] + FORMATS["summarise --jsonl"])),
        help="markdown (default), json, text, html; with --jsonl: jsonl (default) or html (-o DIR)",
    )
    summarise.add_argument(
        "--no-translate", action="store_true", help="segmentation, summary and numbers only"
    )
    summarise.add_argument("--sentences", type=_positive_int, default=3, help="summary length (default 3)")
    summarise.add_argument("--ratio", type=_ratio, help="summary length as a share of body sentences")
    summarise.add_argument("--allow-rounding", action="store_true", help="rounded numbers count as ok")
    summarise.add_argument(
        "--strict", action="store_true", help="number words (hai, ba...) can fail the check"
    )
    summarise.add_argument("-o", "--output", help="write here instead of stdout")
    summarise.add_argument("--date", type=run_date, help="html: the date of run to show (YYYY-MM-DD, today)")
    _add_model_options(summarise)
    _add_batch_options(summarise)

    translate = commands.add_parser(
        "translate", help="translate an article to English, paragraph by paragraph"
    )
    translate.add_argument("file", help="the article (UTF-8 text), or - for stdin")
    translate.add_argument("--format", choices=FORMATS["translate"], default=FORMATS["translate"][0])
    translate.add_argument("-o", "--output", help="write here instead of stdout")
    _add_model_options(translate)

    check = commands.add_parser("check", help="check that every number of a source survives in a translation")
    add_check_arguments(check, FORMATS["check"])
    check.add_argument(
        "-o", "--output", help="--pairs: the JSON lines; --fix: the repaired English (not stdout)"
    )
    _add_batch_options(check)

    models = commands.add_parser("models", help="list or download the translation models of models.yaml")
    model_commands = models.add_subparsers(dest="models_command", required=True, parser_class=_Parser)
    listing = model_commands.add_parser("list", help="each model, its licence and whether weights are local")
    listing.add_argument("--config", help="models.yaml to use")
    pull = model_commands.add_parser(
        "pull", help="download a model's weights into the Hugging Face cache and convert them for CTranslate2"
    )
    pull.add_argument("name", help="model name from models.yaml")
    pull.add_argument("--config", help="models.yaml to use")
    _add_quantization(pull)
    convert = model_commands.add_parser(
        "convert", help="convert a local or cached model for CTranslate2 (offline, once)"
    )
    convert.add_argument("name", help="model name from models.yaml")
    convert.add_argument("--config", help="models.yaml to use")
    _add_quantization(convert)
    return parser


def _add_quantization(parser: argparse.ArgumentParser) -> None:
    from .config import COMPUTE_TYPES
    from .translate.ct2 import DEFAULT_QUANTIZATION

    parser.add_argument(
        "--quantization",
        choices=COMPUTE_TYPES,
        default=DEFAULT_QUANTIZATION,
        help=f"weight type of the converted model (default {DEFAULT_QUANTIZATION}; any compute type "
        "can still be chosen at load time)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.quiet:
        from .progress import quiet_libraries

        quiet_libraries()
    try:
        code = _dispatch(parser, args)
        _flush_stdout()
        return code
    except VnsummError as exc:
        print(f"vnsumm: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("vnsumm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return EXIT_OK


def _flush_stdout() -> None:
    """A full disk behind stdout (``> /dev/full``) is one error line, not a traceback at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):  # so that the flush at exit stays quiet too
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise InputError(f"stdout: cannot write ({exc.strerror or exc})") from None


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command in ("summarise", "summarize"):
        return _summarise(parser, args)
    if args.command == "translate":
        return _translate(args)
    if args.command == "check":
        return _check(parser, args)
    return _models(args)


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .numbers.cli import refuse_bad_usage, run_check

    refuse_bad_usage(args)
    if args.pairs is None:
        if args.output is not None and not args.fix:
            parser.error("check writes its report to stdout; -o goes with --pairs or --fix")
        return run_check(args, sys.stdout)
    from .jobs import CheckJob

    return _run_batch(CheckJob(args.allow_rounding, args.strict), args.pairs, args)


def _prepare_output(output: str | None, inputs: Sequence[str | None]) -> None:
    """Before any work: -o must not be an input and must be writable."""
    from .output import check_writable, refuse_same_file

    refuse_same_file(output, inputs)
    if output is not None and output != "-":
        check_writable(output)


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    from .output import write_atomically

    write_atomically(output, text)


def _summarise(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .pipeline import Pipeline
    from .render import render
    from .textio import read_text

    if (args.file is None) == (args.jsonl is None):
        parser.error("summarise takes one article FILE (or -), or --jsonl IN for a batch")
    options = {
        "model": args.model,
        "translate": not args.no_translate,
        "sentences": args.sentences,
        "ratio": args.ratio,
        "allow_rounding": args.allow_rounding,
        "strict": args.strict,
        "device": args.device,
        "batch_size": args.batch_size,
    }
    form = "summarise" if args.jsonl is None else "summarise --jsonl"
    fmt = args.format or FORMATS[form][0]
    if fmt not in FORMATS[form]:
        if args.jsonl is not None:
            parser.error("--jsonl writes JSON lines or a folder of HTML pages: use --format jsonl or html")
        parser.error("--format jsonl goes with --jsonl IN; for one article use --format json")
    if args.date is not None and fmt != "html":
        parser.error("--date goes with --format html")
    if args.jsonl is not None:
        if fmt == "html":
            return _summarise_pages(parser, args, options)
        return _summarise_batch(args, options)
    _prepare_output(args.output, [args.file])
    text = read_text(args.file)  # read first: bad input is reported before a model is loaded
    pipeline = Pipeline.from_config(args.config, **options)
    if pipeline.translate:
        _load_translator(pipeline)
    result = pipeline.run(text)
    _write(render(result, fmt, date=args.date), args.output)
    return EXIT_NUMBERS if result.numbers.ok is False else EXIT_OK


def _summarise_pages(parser: argparse.ArgumentParser, args: argparse.Namespace, options: dict) -> int:
    """``--jsonl IN --format html -o DIR``: a page per article and DIR/index.html with their verdicts."""
    from .batch import open_input, raw_lines, records
    from .batch_html import write_pages
    from .pipeline import Pipeline

    if args.output is None:
        parser.error("--jsonl with --format html writes a folder: name it with -o DIR")
    stream = open_input(args.jsonl)
    pipeline = Pipeline.from_config(args.config, **options)
    if pipeline.translate:
        _load_translator(pipeline)  # a missing model stops the run before any page is written
    with contextlib.closing(stream):
        articles = records(raw_lines(stream), ("text",))
        errors, numbers_failed = write_pages(articles, args.output, pipeline.run, date=args.date)
    return EXIT_LINES if errors else EXIT_NUMBERS if numbers_failed else EXIT_OK


def _summarise_batch(args: argparse.Namespace, options: dict) -> int:
    """One JSON line out per line in, in order; a line that fails gets an ``error`` and the run goes on."""
    from .jobs import PipelineJob, SummaryJob

    if not options["translate"]:
        return _run_batch(SummaryJob(args.sentences, args.ratio), args.jsonl, args)
    options = {**options, "model": _chosen_model(args), "progress": False}  # the batch has its own bar
    job = PipelineJob(args.config, options)
    return _run_batch(job, args.jsonl, args, gpu=args.device.startswith("cuda"))


def _run_batch(job: Job, source: str, args: argparse.Namespace, *, gpu: bool = False) -> int:
    """Every batch command: local worker processes, or a Ray cluster with --ray."""
    from .batch import BatchOptions, default_workers, run_batch

    workers = args.workers or (1 if gpu else default_workers())
    options = BatchOptions(args.output, workers, args.resume, args.progress)
    if args.ray is not None:
        from .distributed import run_ray

        return run_ray(job, source, options, address=args.ray, num_gpus=1.0 if gpu else 0.0).exit_code
    return run_batch(job, source, options).exit_code


def _chosen_model(args: argparse.Namespace) -> str:
    """The model every worker of a batch uses (the rule of ``choose_model``), told once on stderr."""
    from .config import load_config
    from .translate import choose_model

    choice = choose_model(load_config(args.config), args.model)
    _tell((choice.note,) if choice.note else ())
    return choice.spec.name


def _load_translator(pipeline: Any) -> Any:
    """Load the pipeline's model now (a missing one stops the run early) and tell which one stands in."""
    translator = pipeline.translator()
    _tell(pipeline.notes)
    return translator


def _tell(notes: Sequence[str]) -> None:
    """Notes a user should see (which model stands in), one line each on stderr."""
    for note in notes:
        print(f"vnsumm: note: {note}", file=sys.stderr)


def _translate(args: argparse.Namespace) -> int:
    from .pipeline import Pipeline
    from .render import render_translation
    from .segment import segment
    from .textio import read_text

    _prepare_output(args.output, [args.file])
    text = read_text(args.file)
    pipeline = Pipeline.from_config(
        args.config, model=args.model, device=args.device, batch_size=args.batch_size
    )
    translator = _load_translator(pipeline)
    document = segment(text)
    _write(render_translation(document, translator.translate_document(document), args.format), args.output)
    return EXIT_OK


def _models(args: argparse.Namespace) -> int:
    from .config import load_config
    from .translate import ct2
    from .translate.hub import model_statuses, pull_model

    config = load_config(args.config)
    if args.models_command in ("pull", "convert"):
        spec = config.get(args.name)
        if args.models_command == "pull":
            print(f"{args.name}: weights in {pull_model(spec)}")
            if spec.engine == "transformers" or not ct2.installed():
                return EXIT_OK
        converted = ct2.convert(spec, args.quantization)
        print(
            f"{args.name}: CTranslate2 model ({converted.quantization}, {_size(converted.size)}) "
            f"in {converted.path}"
        )
        return EXIT_OK
    rows = [("name", "family", "engine", "compute", "size", "source", "licence", "weights")]
    for status in model_statuses(config):
        mark = " (default)" if status.default else ""
        rows.append(
            (
                status.name + mark,
                status.family,
                status.engine,
                status.compute_type,
                _size(status.size) if status.size else "-",
                status.source,
                status.licence,
                "present" if status.present else "absent",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return EXIT_OK


def _size(size: int) -> str:
    """Bytes for people: ``512 KB``, ``1.2 GB``."""
    for unit in ("B", "KB", "MB"):
        if size < 1000:
            return f"{size:.0f} {unit}" if unit != "MB" else f"{size:.1f} MB"
        size /= 1000  # type: ignore[assignment]
    return f"{size:.2f} GB"


if __name__ == "__main__":
    sys.exit(main())
