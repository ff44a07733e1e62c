"""The ``vnsumm`` command line. Exit codes: 0 success, 1 a number check failed, 2 usage, input or output
error, 3 model unavailable, 4 some batch lines could not be processed (their error lines are written).
Errors are one line on stderr, never a traceback.

Two tables hold the whole structure: :data:`COMMANDS` (each subcommand with its argument builder and its one
handler ``run_<name>(args, stdout) -> int``) and :data:`FORMATS` (each command's ``--format`` choices with the
renderer each uses). Every module is imported only by the handler that needs it: ``--help`` stays quick.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import __version__
from .errors import EXIT_LINES, EXIT_MODEL, EXIT_NUMBERS, EXIT_OK, EXIT_USAGE, InputError, VnsummError
from .number_strategies import DEFAULT_STRATEGY, STRATEGIES

if TYPE_CHECKING:
    from .batch import Job
    from .pipeline import Pipeline

__all__ = [
    "COMMANDS",
    "EXIT_MODEL",
    "EXIT_NUMBERS",
    "EXIT_OK",
    "EXIT_USAGE",
    "FORMATS",
    "build_parser",
    "main",
]


# ---------------------------------------------------------------- formats (the table is at the end)


@dataclass(frozen=True)
class Format:
    """One ``--format`` choice: its name, the renderer that writes it and whether it shows a date of run
    (``--date``; the renderer then takes ``date=``)."""

    name: str
    renderer: Callable[..., Any]
    dated: bool = False


def _lazy(reference: str) -> Callable[..., Any]:
    """The function ``module:function`` of vnsumm, imported on its first call (``--help`` stays quick)."""
    module, _, name = reference.partition(":")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"vnsumm.{module}"), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = reference
    return call


def format_names(form: str) -> tuple[str, ...]:
    """The ``--format`` choices of a command form, the default first."""
    return tuple(f.name for f in FORMATS[form])


def find_format(form: str, name: str | None) -> Format | None:
    """The row of ``--format name`` in a command form (its default for None); None when it has no such."""
    if name is None:
        return FORMATS[form][0]
    return next((f for f in FORMATS[form] if f.name == name), None)


def renderer(form: str, name: str | None) -> Callable[..., Any]:
    """The renderer of ``--format name`` (the default for None) in a command form."""
    found = find_format(form, name)
    if found is None:
        raise InputError(f"{form}: no format {name!r}; choose from {', '.join(format_names(form))}")
    return found.renderer


def _format_help(form: str) -> str:
    first, *rest = format_names(form)
    return ", ".join([f"{first} (default)", *rest])


# ---------------------------------------------------------------- parsing


class UsageError(Exception):
    """A handler's refusal of an option combination: ``main`` reports it as argparse does (exit 2)."""


class _OneLineErrorParser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every other usage error does."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _positive_int(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def _summary_ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a ratio in (0, 1], got {text!r}")
    return value


def date_of_run(text: str) -> str:
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
    group.add_argument(
        "--numbers",
        choices=tuple(STRATEGIES),
        default=DEFAULT_STRATEGY,
        help="how numbers are made right: "
        + "; ".join(f"{name}: {what}" for name, what in STRATEGIES.items())
        + f" (default {DEFAULT_STRATEGY})",
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


def _add_summarise_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="the article (UTF-8 text), or - for stdin")
    parser.add_argument("--jsonl", metavar="IN", help='batch: lines {"id", "text"} from IN (- for stdin)')
    parser.add_argument(
        "--format",
        choices=tuple(dict.fromkeys(format_names("summarise") + format_names("summarise --jsonl"))),
        help=f"{_format_help('summarise')}; with --jsonl: {_format_help('summarise --jsonl')} "
        "(a folder: -o DIR)",
    )
    parser.add_argument("--no-translate", action="store_true", help="segmentation, summary and numbers only")
    parser.add_argument("--sentences", type=_positive_int, default=3, help="summary length (default 3)")
    parser.add_argument("--ratio", type=_summary_ratio, help="summary length as a share of body sentences")
    parser.add_argument("--allow-rounding", action="store_true", help="rounded numbers count as ok")
    parser.add_argument("--strict", action="store_true", help="number words (hai, ba...) can fail the check")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--date", type=date_of_run, help="html: the date of run to show (YYYY-MM-DD, today)")
    _add_model_options(parser)
    _add_batch_options(parser)


def _add_translate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the article (UTF-8 text), or - for stdin")
    parser.add_argument("--format", choices=format_names("translate"), default=format_names("translate")[0])
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    _add_model_options(parser)


def _add_check_arguments(parser: argparse.ArgumentParser) -> None:
    from .check_command import add_check_arguments

    add_check_arguments(parser, format_names("check"))
    parser.add_argument(
        "-o", "--output", help="--pairs: the JSON lines; --fix: the repaired English (not stdout)"
    )
    _add_batch_options(parser)


def _add_models_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="models.yaml to use")


def _add_model_conversion_arguments(parser: argparse.ArgumentParser) -> None:
    """``models pull`` and ``models convert``: a model name and the converted weights' type."""
    from .config import COMPUTE_TYPES
    from .translate.ct2 import DEFAULT_QUANTIZATION

    parser.add_argument("name", help="model name from models.yaml")
    parser.add_argument("--config", help="models.yaml to use")
    parser.add_argument(
        "--quantization",
        choices=COMPUTE_TYPES,
        default=DEFAULT_QUANTIZATION,
        help=f"weight type of the converted model (default {DEFAULT_QUANTIZATION}; any compute type "
        "can still be chosen at load time)",
    )


# ---------------------------------------------------------------- output


def _refuse_unusable_output(output: str | None, inputs: Sequence[str | None]) -> None:
    """Before any work: -o must not be an input and must be writable."""
    from .output import check_writable, refuse_same_file

    refuse_same_file(output, inputs)
    if output is not None and output != "-":
        check_writable(output)


def _write_output(text: str, output: str | None, stdout: TextIO) -> None:
    """A whole document to stdout, or to ``-o`` (replaced only once complete)."""
    if output is None or output == "-":
        stdout.write(text)
        return
    from .output import write_atomically

    write_atomically(output, text)


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


def _print_notes(notes: Sequence[str]) -> None:
    """Notes a user should see (which model stands in), one line each on stderr."""
    for note in notes:
        print(f"vnsumm: note: {note}", file=sys.stderr)


def _load_model_early(pipeline: Pipeline) -> Any:
    """The pipeline's translator, loaded now (a missing model stops the run before any output), with the
    notes of its choice (which model stands in) on stderr."""
    translator = pipeline.translator()
    _print_notes(pipeline.notes)
    return translator


# ---------------------------------------------------------------- batches


def run_batch_command(
    job: Job, source: str, args: argparse.Namespace, stdout: TextIO, *, gpu: bool = False
) -> int:
    """Every JSON-lines batch (``summarise --jsonl``, ``check --pairs``): streamed line by line through
    :func:`vnsumm.batch.run_batch`, in local worker processes or on a Ray cluster with ``--ray``.

    A parser without the batch options (``check_command.add_check_arguments`` alone) runs in-process to
    stdout.
    """
    from .batch import BatchOptions, default_workers, run_batch

    workers = getattr(args, "workers", 1) or (1 if gpu else default_workers())
    output, resume, progress = (getattr(args, name, None) for name in ("output", "resume", "progress"))
    options = BatchOptions(output, workers, resume, progress)
    ray = getattr(args, "ray", None)
    if ray is not None:
        from .distributed import run_ray

        return run_ray(job, source, options, address=ray, num_gpus=1.0 if gpu else 0.0).exit_code
    return run_batch(job, source, options, stdout).exit_code


def _batch_model_name(args: argparse.Namespace) -> str:
    """The model every worker of a batch uses (the rule of ``choose_model``), told once on stderr."""
    from .config import load_config
    from .translate import choose_model

    choice = choose_model(load_config(args.config), args.model)
    _print_notes((choice.note,) if choice.note else ())
    return choice.spec.name


def _pipeline_options(args: argparse.Namespace) -> dict[str, Any]:
    """The ``Pipeline.from_config`` options of ``summarise``."""
    return {
        "model": args.model,
        "translate": not args.no_translate,
        "sentences": args.sentences,
        "ratio": args.ratio,
        "allow_rounding": args.allow_rounding,
        "strict": args.strict,
        "device": args.device,
        "batch_size": args.batch_size,
        "numbers": args.numbers,
    }


def write_summary_lines(args: argparse.Namespace, stdout: TextIO) -> int:
    """``summarise --jsonl IN``: one JSON line out per line in, in order; a line that fails gets an
    ``error`` and the run goes on."""
    from .jobs import PipelineJob, SummaryJob

    if args.no_translate:
        return run_batch_command(SummaryJob(args.sentences, args.ratio), args.jsonl, args, stdout)
    # Every worker uses the model chosen here, and the batch has its own progress bar.
    options = {**_pipeline_options(args), "model": _batch_model_name(args), "progress": False}
    job = PipelineJob(args.config, options)
    return run_batch_command(job, args.jsonl, args, stdout, gpu=args.device.startswith("cuda"))


def write_summary_pages(args: argparse.Namespace, stdout: TextIO) -> int:
    """``summarise --jsonl IN --format html -o DIR``: a page per article and DIR/index.html with their
    verdicts."""
    from .batch import open_input, raw_lines, records
    from .batch_html import write_pages
    from .pipeline import Pipeline

    if args.output is None:
        raise UsageError("--jsonl with --format html writes a folder: name it with -o DIR")
    stream = open_input(args.jsonl)
    pipeline = Pipeline.from_config(args.config, **_pipeline_options(args))
    if pipeline.translate:
        _load_model_early(pipeline)  # a missing model stops the run before any page is written
    with contextlib.closing(stream):
        articles = records(raw_lines(stream), ("text",))
        errors, numbers_failed = write_pages(articles, args.output, pipeline.run, date=args.date)
    return EXIT_LINES if errors else EXIT_NUMBERS if numbers_failed else EXIT_OK


# ---------------------------------------------------------------- handlers


def run_summarise(args: argparse.Namespace, stdout: TextIO) -> int:
    """One article (rendered in its ``--format``) or, with ``--jsonl``, a batch."""
    from .pipeline import Pipeline
    from .textio import read_text

    if (args.file is None) == (args.jsonl is None):
        raise UsageError("summarise takes one article FILE (or -), or --jsonl IN for a batch")
    form = "summarise" if args.jsonl is None else "summarise --jsonl"
    fmt = find_format(form, args.format)
    if fmt is None:
        if args.jsonl is not None:
            raise UsageError(
                "--jsonl writes JSON lines or a folder of HTML pages: use --format jsonl or html"
            )
        raise UsageError("--format jsonl goes with --jsonl IN; for one article use --format json")
    if args.date is not None and not fmt.dated:
        raise UsageError("--date goes with --format html")
    if args.jsonl is not None:
        return fmt.renderer(args, stdout)
    _refuse_unusable_output(args.output, [args.file])
    text = read_text(args.file)  # read first: bad input is reported before a model is loaded
    pipeline = Pipeline.from_config(args.config, **_pipeline_options(args))
    if pipeline.translate:
        _load_model_early(pipeline)
    result = pipeline.run(text)
    rendered = fmt.renderer(result, date=args.date) if fmt.dated else fmt.renderer(result)
    _write_output(rendered, args.output, stdout)
    return EXIT_NUMBERS if result.numbers.ok is False else EXIT_OK


def run_translate(args: argparse.Namespace, stdout: TextIO) -> int:
    """The English only, with the pipeline's translator (the same model choice and notes as summarise)."""
    from .pipeline import Pipeline
    from .segment import segment
    from .textio import read_text

    _refuse_unusable_output(args.output, [args.file])
    text = read_text(args.file)
    pipeline = Pipeline.from_config(
        args.config, model=args.model, device=args.device, batch_size=args.batch_size, numbers=args.numbers
    )
    _load_model_early(pipeline)
    document = segment(text)
    render = renderer("translate", args.format)
    translation, _secured = pipeline.translate_document(document)
    _write_output(render(document, translation), args.output, stdout)
    return EXIT_OK


def run_check(args: argparse.Namespace, stdout: TextIO) -> int:
    """Two files (a report on stdout), or ``--pairs`` (the batch runner of ``summarise --jsonl``)."""
    from . import check_command as check_cli

    check_cli.refuse_bad_usage(args)
    if args.pairs is None and args.output is not None and not getattr(args, "fix", False):
        raise UsageError("check writes its report to stdout; -o goes with --pairs or --fix")
    return check_cli.run_check(args, stdout)


def run_models_list(args: argparse.Namespace, stdout: TextIO) -> int:
    from .config import load_config
    from .translate.hub import model_statuses

    rows = [("name", "family", "engine", "compute", "size", "source", "licence", "weights")]
    for status in model_statuses(load_config(args.config)):
        mark = " (default)" if status.default else ""
        rows.append(
            (
                status.name + mark,
                status.family,
                status.engine,
                status.compute_type,
                _human_size(status.size) if status.size else "-",
                status.source,
                status.licence,
                "present" if status.present else "absent",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip(), file=stdout)
    return EXIT_OK


def run_models_pull(args: argparse.Namespace, stdout: TextIO) -> int:
    """Download the weights, then convert them for CTranslate2 (not for ``engine: transformers``)."""
    from .config import load_config
    from .translate import ct2
    from .translate.hub import pull_model

    spec = load_config(args.config).get(args.name)
    print(f"{args.name}: weights in {pull_model(spec)}", file=stdout)
    if spec.engine == "transformers" or not ct2.installed():
        return EXIT_OK
    return _convert_model(args, spec, stdout)


def run_models_convert(args: argparse.Namespace, stdout: TextIO) -> int:
    from .config import load_config

    return _convert_model(args, load_config(args.config).get(args.name), stdout)


def _convert_model(args: argparse.Namespace, spec: Any, stdout: TextIO) -> int:
    from .translate import ct2

    converted = ct2.convert(spec, args.quantization)
    print(
        f"{args.name}: CTranslate2 model ({converted.quantization}, {_human_size(converted.size)}) "
        f"in {converted.path}",
        file=stdout,
    )
    return EXIT_OK


def _human_size(size: float) -> str:
    """Bytes for people: ``512 B``, ``340 KB``, ``1.2 MB``, ``1.20 GB``."""
    if size < 1000:
        return f"{size:.0f} B"
    if size < 1000**2:
        return f"{size / 1000:.0f} KB"
    if size < 1000**3:
        return f"{size / 1000**2:.1f} MB"
    return f"{size / 1000**3:.2f} GB"


# ---------------------------------------------------------------- the tables

# The formats of each command form, the first its default. A renderer's arguments are those of its form:
#   summarise          (result[, date=]) -> text
#   summarise --jsonl  (args, stdout) -> exit code
#   translate          (document, translation) -> text
#   check              (args, source, translation, stdout) -> exit code
FORMATS: dict[str, tuple[Format, ...]] = {
    "summarise": (
        Format("markdown", _lazy("render:render_markdown")),
        Format("json", _lazy("render:render_json")),
        Format("text", _lazy("render:render_text")),
        Format("html", _lazy("render_html:render_html"), dated=True),
    ),
    "summarise --jsonl": (
        Format("jsonl", write_summary_lines),
        Format("html", write_summary_pages, dated=True),
    ),
    "translate": (
        Format("text", _lazy("render:translation_text")),
        Format("markdown", _lazy("render:translation_text")),  # the paragraphs are markdown as they are
        Format("json", _lazy("render:translation_json")),
    ),
    "check": (
        Format("text", _lazy("check_command:write_text_report")),
        Format("json", _lazy("check_command:write_json_report")),
        Format("html", _lazy("check_command:write_html_report"), dated=True),
    ),
}


@dataclass(frozen=True)
class Command:
    """A subcommand: its argument builder and its one handler, or its own subcommands (``models``)."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
    run: Callable[[argparse.Namespace, TextIO], int] | None = None
    subcommands: tuple[Command, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str | None = None


COMMANDS: tuple[Command, ...] = (
    Command(
        "summarise",
        "translate, summarise and number-check an article (the main job)",
        _add_summarise_arguments,
        run_summarise,
        aliases=("summarize",),
        description="Segment, translate, summarise and number-check a Vietnamese article.",
    ),
    Command(
        "translate",
        "translate an article to English, paragraph by paragraph",
        _add_translate_arguments,
        run_translate,
    ),
    Command(
        "check",
        "check that every number of a source survives in a translation",
        _add_check_arguments,
        run_check,
    ),
    Command(
        "models",
        "list or download the translation models of models.yaml",
        subcommands=(
            Command(
                "list",
                "each model, its licence and whether weights are local",
                _add_models_list_arguments,
                run_models_list,
            ),
            Command(
                "pull",
                "download a model's weights into the Hugging Face cache and convert them for CTranslate2",
                _add_model_conversion_arguments,
                run_models_pull,
            ),
            Command(
                "convert",
                "convert a local or cached model for CTranslate2 (offline, once)",
                _add_model_conversion_arguments,
                run_models_convert,
            ),
        ),
    ),
)


def _add_commands(parser: argparse.ArgumentParser, commands: Sequence[Command], dest: str) -> None:
    """A subparser per command of the table; each leaf records its handler for :func:`main`."""
    subparsers = parser.add_subparsers(dest=dest, required=True, parser_class=_OneLineErrorParser)
    for command in commands:
        child = subparsers.add_parser(
            command.name, aliases=list(command.aliases), help=command.help, description=command.description
        )
        if command.subcommands:
            _add_commands(child, command.subcommands, f"{command.name}_command")
            continue
        assert command.add_arguments is not None and command.run is not None
        command.add_arguments(child)
        child.set_defaults(handler=command.run)


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineErrorParser(prog="vnsumm", description="Vietnamese news in, trustworthy English out.")
    parser.add_argument("--version", action="version", version=f"vnsumm {__version__}")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no library chatter (model loading bars, warnings)"
    )
    _add_commands(parser, COMMANDS, "command")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.quiet:
        from .progress import quiet_libraries

        quiet_libraries()
    try:
        code = args.handler(args, sys.stdout)
        _flush_stdout()
        return code
    except UsageError as exc:
        parser.error(str(exc))
    except VnsummError as exc:
        print(f"vnsumm: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("vnsumm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
