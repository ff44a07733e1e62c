"""Renderers: a Result as markdown, plain text or JSON (HTML: :mod:`vnsumm.render_html`), and a Translation
as text or JSON. Pure functions of their input; ``vnsumm.cli.FORMATS`` says which ``--format`` uses which."""

from __future__ import annotations

import json
from typing import Any

from .document import Role
from .numbers.strategy import MentionRepair
from .pipeline import NumberFinding, Result, english_paragraphs, translation_dict


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_json(result: Result) -> str:
    """The documented JSON form (schema ``vnsumm.result/1``)."""
    return to_json(result.to_dict())


def _headline(result: Result) -> str:
    headline = result.document.headline
    return headline.text if headline is not None else "(no headline)"


def _english_headline(result: Result) -> str | None:
    headline = result.document.headline
    if headline is None or result.translation is None:
        return None
    return english_paragraphs(result.document, result.translation)[headline.index]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _snippet(text: str, start: int, end: int, width: int = 40) -> str:
    """The mention in bold with some context on each side, on one line."""
    left = text[max(0, start - width) : start].lstrip()
    right = text[end : end + width].rstrip()
    prefix = "…" if start - width > 0 else ""
    suffix = "…" if end + width < len(text) else ""
    return _cell(f"{prefix}{left}**{text[start:end]}**{right}{suffix}")


def _source_snippet(result: Result, finding: NumberFinding, width: int = 40) -> str:
    """The mention in its own sentence (never spilling into the next paragraph)."""
    sentence = result.document.sentences[finding.sentence]
    return _snippet(sentence.text, finding.start - sentence.start, finding.end - sentence.start, width)


def _english_snippet(result: Result, finding: NumberFinding) -> str:
    if result.translation is None:
        return ""
    english = result.translation.text_of(finding.sentence)
    if finding.target is None:
        return _cell(english if len(english) <= 90 else english[:87] + "…")
    return _snippet(english, finding.target.start, finding.target.end)


def _number_verdict(result: Result) -> str:
    numbers = result.numbers
    if not numbers.checked:
        return f"{len(numbers.findings)} number mentions found; not checked (no translation)."
    counted, failures = numbers.counted, numbers.failures
    repaired = sum(f.repaired for f in numbers.findings)
    made_right = f" ({repaired} made right by vnsumm, listed below)" if repaired else ""
    if not failures:
        return f"All {len(counted)} numbers of the source survive in the English{made_right}."
    return f"{len(failures)} of {len(counted)} numbers did not survive the translation{made_right}."


def render_markdown(result: Result) -> str:
    lines = [f"# {_headline(result)}", ""]
    english_headline = _english_headline(result)
    if english_headline:
        lines += [f"*{english_headline}*", ""]
    lines += _markdown_translation(result)
    lines += ["## Summary", ""]
    for s in result.summary.sentences:
        lines.append(f"- **[{s.index}]** {s.text} *(score {s.score:.3f})*")
        if result.translation is not None:
            lines.append(f"  - *{result.translation.text_of(s.index)}*")
    lines += ["", "## Numbers", "", _number_verdict(result), ""]
    lines += _markdown_number_table(result)
    lines += _markdown_repairs(result)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_translation(result: Result) -> list[str]:
    if result.translation is None:
        return []
    lines = [f"## English translation ({result.model})", ""]
    paragraphs = english_paragraphs(result.document, result.translation)
    for paragraph, english in zip(result.document.paragraphs, paragraphs):
        if paragraph.role is Role.HEADLINE:
            continue
        lines += [f"> *{english}*" if paragraph.role is Role.CAPTION else english, ""]
    return lines


def _markdown_number_table(result: Result) -> list[str]:
    numbers = result.numbers
    if numbers.checked:
        rows = numbers.problems
        if not rows:
            return []
        lines = ["| status | kind | Vietnamese | English | place |", "|---|---|---|---|---|"]
        for f in rows:
            source = _source_snippet(result, f)
            place = f"sentence {f.sentence}, chars {f.start}-{f.end}"
            soft = " (soft)" if f.soft else ""
            lines.append(
                f"| {f.status}{soft} | {f.kind} | {source} | {_english_snippet(result, f)} | {place} |"
            )
        return [*lines, ""]
    lines = ["| kind | value | Vietnamese | place |", "|---|---|---|---|"]
    for f in numbers.findings:
        value = json.dumps(f.value, ensure_ascii=False)
        unit = f" {f.unit}" if f.unit else ""
        source = _source_snippet(result, f, 25)
        lines.append(f"| {f.kind} | {_cell(value)}{_cell(unit)} | {source} | chars {f.start}-{f.end} |")
    return [*lines, ""]


def _made_right(result: Result) -> list[tuple[NumberFinding, MentionRepair]]:
    """The numbers vnsumm made right, each with what it did."""
    return [(f, f.repair) for f in result.numbers.findings if f.repair is not None and f.repair.repaired]


def _before_after(repair: MentionRepair) -> tuple[str, str]:
    """The English of a repaired number as the model wrote it and as it stands now."""
    before = repair.before.text if repair.before is not None else "(nothing)"
    if repair.status_before is None:
        before = "(not translated plainly)"
    return before, repair.after.text if repair.after is not None else "(nothing)"


def _markdown_repairs(result: Result) -> list[str]:
    rows = _made_right(result)
    if not rows:
        return []
    lines = [
        "### Made right by vnsumm",
        "",
        "| how | Vietnamese | model's English | English now | status before | place |",
        "|---|---|---|---|---|---|",
    ]
    for f, repair in rows:
        before, after = _before_after(repair)
        lines.append(
            f"| {repair.how} | {_source_snippet(result, f, 25)} | {_cell(before)} | {_cell(after)} | "
            f"{repair.status_before or '-'} | sentence {f.sentence}, chars {f.start}-{f.end} |"
        )
    return [*lines, ""]


def render_text(result: Result) -> str:
    lines = [_headline(result)]
    english_headline = _english_headline(result)
    if english_headline:
        lines.append(english_headline)
    if result.translation is not None:
        lines += ["", f"ENGLISH ({result.model})", ""]
        for paragraph, english in zip(
            result.document.paragraphs, english_paragraphs(result.document, result.translation)
        ):
            if paragraph.role is not Role.HEADLINE:
                lines += [english, ""]
    lines += ["", "SUMMARY"]
    for s in result.summary.sentences:
        lines.append(f"[{s.index}] ({s.score:.3f}) {s.text}")
        if result.translation is not None:
            lines.append(f"     {result.translation.text_of(s.index)}")
    lines += ["", "NUMBERS", _number_verdict(result)]
    for f in result.numbers.problems:
        english = f.target.text if f.target else "(nothing)"
        lines.append(
            f"  {f.status:8} {f.text!r} -> {english!r} (sentence {f.sentence}, chars {f.start}-{f.end})"
        )
    for f, repair in _made_right(result):
        before, after = _before_after(repair)
        lines.append(
            f"  made right ({repair.how}): {f.text!r} was {before!r} ({repair.status_before or '-'}), "
            f"now {after!r} (sentence {f.sentence}, chars {f.start}-{f.end})"
        )
    return "\n".join(lines).rstrip() + "\n"


def translation_text(document: Any, translation: Any) -> str:
    """``vnsumm translate``: the English paragraph by paragraph, a blank line between them."""
    return "\n\n".join(english_paragraphs(document, translation)).rstrip() + "\n"


def translation_json(document: Any, translation: Any) -> str:
    """``vnsumm translate --format json``: the English sentence-aligned with the source, and by paragraph."""
    return to_json(translation_dict(document, translation))
