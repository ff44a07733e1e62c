"""The ``vnsumm`` command line. Exit codes: 0 success, 1 a number check failed, 2 usage or input error,
3 model unavailable. Errors are one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from . import __version__
from .errors import InputError, VnsummError

EXIT_OK, EXIT_NUMBERS, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3


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


def build_parser() -> argparse.ArgumentParser:
    from .numbers.cli import add_check_arguments

    parser = _Parser(prog="vnsumm", description="Vietnamese news in, trustworthy English out.")
    parser.add_argument("--version", action="version", version=f"vnsumm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    summarise = commands.add_parser(
        "summarise",
        aliases=["summarize"],
        help="translate, summarise and number-check an article (the main job)",
        description="Segment, translate, summarise and number-check a Vietnamese article.",
    )
    summarise.add_argument("file", nargs="?", help="the article (UTF-8 text), or - for stdin")
    summarise.add_argument("--jsonl", metavar="IN", help='batch: lines {"id", "text"} from IN (- for stdin)')
    summarise.add_argument("--format", choices=("markdown", "json", "text", "jsonl"), default=None)
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
    _add_model_options(summarise)

    translate = commands.add_parser(
        "translate", help="translate an article to English, paragraph by paragraph"
    )
    translate.add_argument("file", help="the article (UTF-8 text), or - for stdin")
    translate.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    translate.add_argument("-o", "--output", help="write here instead of stdout")
    _add_model_options(translate)

    check = commands.add_parser("check", help="check that every number of a source survives in a translation")
    add_check_arguments(check)

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
    try:
        return _dispatch(parser, args)
    except VnsummError as exc:
        print(f"vnsumm: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("vnsumm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return EXIT_OK


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command in ("summarise", "summarize"):
        return _summarise(parser, args)
    if args.command == "translate":
        return _translate(args)
    if args.command == "check":
        from .numbers.cli import run_check

        return run_check(args, sys.stdout)
    return _models(args)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None


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
    if args.jsonl is not None:
        if args.format not in (None, "jsonl"):
            parser.error("--jsonl writes one JSON line per article: use --format jsonl or leave it out")
        return _summarise_batch(args, options)
    if args.format == "jsonl":
        parser.error("--format jsonl goes with --jsonl IN; for one article use --format json")
    text = read_text(args.file)  # read first: bad input is reported before a model is loaded
    pipeline = Pipeline.from_config(args.config, **options)
    result = pipeline.run(text)
    _write(render(result, args.format or "markdown"), args.output)
    return EXIT_NUMBERS if result.numbers.ok is False else EXIT_OK


def _open_lines(path: str) -> Iterable[str]:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def _summarise_batch(args: argparse.Namespace, options: dict) -> int:
    """One JSON line out per line in, in order; a line that fails gets an ``error`` and the run goes on."""
    if args.output is None:
        return _run_batch(args, options, sys.stdout)
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            return _run_batch(args, options, out)
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write ({exc.strerror})") from None


def _run_batch(args: argparse.Namespace, options: dict, out: TextIO) -> int:
    if not options["translate"]:
        from .summary.batch import run_jsonl

        errors = run_jsonl(_open_lines(args.jsonl), out, n=args.sentences, ratio=args.ratio)
        return EXIT_NUMBERS if errors else EXIT_OK
    return _translate_batch(args, options, out)


def _translate_batch(args: argparse.Namespace, options: dict, out: TextIO) -> int:
    from .batch import run_jsonl
    from .pipeline import Pipeline

    pipeline = Pipeline.from_config(args.config, **options)
    pipeline.translator()  # a missing model stops the run before any line is read
    numbers_failed = []

    def process(text: str) -> dict:
        result = pipeline.run(text)
        numbers_failed.append(result.numbers.ok is False)
        return result.to_dict(words=False)

    errors = run_jsonl(_open_lines(args.jsonl), out, process)
    return EXIT_NUMBERS if errors or any(numbers_failed) else EXIT_OK


def _translate(args: argparse.Namespace) -> int:
    from .config import load_config
    from .render import render_translation
    from .segment import segment
    from .textio import read_text
    from .translate import Translator

    text = read_text(args.file)
    config = load_config(args.config)
    spec = config.get(args.model)
    translator = Translator.load(spec, device=args.device, batch_size=args.batch_size)
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
