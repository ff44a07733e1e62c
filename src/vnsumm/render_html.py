"""The HTML report: one self-contained page per Result, Vietnamese and English side by side, every number
marked with its status, and an index page for a batch.

Pure functions of their input, so the same Result gives the same bytes (a date appears only when one is
given). Every piece of text is escaped with :func:`html.escape`; numbers are highlighted from their offsets
(:func:`highlight`), never by searching the text. The page loads nothing: inline CSS, an inline script
allowed by its hash in the page's Content-Security-Policy, and no external fonts, images or links.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from . import __version__
from .document import Role
from .pipeline import NumberFinding, NumberSummary, Result, english_paragraphs


@dataclass(frozen=True)
class Status:
    """How a status looks: an icon and a word beside the colour, so print and colour-blind readers see it."""

    icon: str
    label: str
    meaning: str
    rank: int  # the worst status of a group of overlapping mentions is shown: lower is worse
    problem: bool = True  # a problem's mark carries its word beside the icon, so that it stands out


# The one table of statuses as the page shows them (``extra`` is an English number with no source).
STATUSES: dict[str, Status] = {
    "missing": Status("✗", "missing", "no English number carries it", 0),
    "changed": Status("≠", "changed", "a different value stands where it should be", 1),
    "format": Status("⇄", "format", "the right value, written with Vietnamese separators", 2),
    "rounded": Status("≈", "rounded", "a rounded value: ok only with --allow-rounding", 3),
    "weak": Status("~", "weak", "matched only to a word such as “a” or “first”: passes unless --strict", 3),
    "converted": Status("⇆", "converted", "in another unit, factor shown: passes unless --strict", 3),
    "extra": Status("+", "extra", "an English number with no source number", 4),
    "unchecked": Status("?", "unchecked", "found, not checked: there is no translation", 5, problem=False),
    "ok": Status("✓", "ok", "the same value stands in the English", 6, problem=False),
}
_UNKNOWN_RANK = -1


def status_of(name: str) -> Status:
    return STATUSES.get(name, Status("•", name, "", _UNKNOWN_RANK))


@dataclass(frozen=True)
class Verdict:
    """The one-line verdict on a document's numbers, as the page header and the batch index show it."""

    status: str  # a key of STATUSES: ok, missing (problems) or unchecked
    headline: str  # "Numbers ok", "3 problems", "Numbers not checked"
    detail: str


def verdict_of(numbers: NumberSummary) -> Verdict:
    if not numbers.checked:
        found = _count(len(numbers.findings), "number")
        return Verdict("unchecked", "Numbers not checked", f"{found} found; there is no translation.")
    counted, failures = len(numbers.counted), len(numbers.failures)
    uncounted = len(numbers.findings) - counted
    aside = f" ({_count(uncounted, 'number word')} not counted; --strict counts them)" if uncounted else ""
    if not failures:
        detail = f"All {counted} numbers of the source survive in the English.{aside}"
        return Verdict("ok", "Numbers ok", detail)
    detail = f"{failures} of {_count(counted, 'number')} did not survive the translation.{aside}"
    return Verdict("missing", _count(failures, "problem"), detail)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# ---------------------------------------------------------------- highlighting


def highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` escaped, each ``(start, end, opening, closing)`` span wrapped in its markup.

    Spans must be sorted and disjoint. The markup is trusted (this module builds it); the text never is.
    """
    out: list[str] = []
    cursor = 0
    for start, end, opening, closing in spans:
        if not cursor <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} overlaps another or lies outside the text")
        out += [escape(text[cursor:start]), opening, escape(text[start:end]), closing]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


@dataclass(frozen=True)
class _Mark:
    """One number in one column: its own anchor id, where it links to, and what its tooltip says."""

    start: int
    end: int
    ident: str
    href: str
    status: str
    tip: tuple[str, ...]  # lines: status, meaning, counterpart


def _merge(marks: list[_Mark]) -> list[list[_Mark]]:
    """Overlapping marks (one English range matched by two source numbers) become one group."""
    groups: list[list[_Mark]] = []
    end = -1
    for mark in sorted(marks, key=lambda m: (m.start, m.end, m.ident)):
        if groups and mark.start < end:
            groups[-1].append(mark)
            end = max(end, mark.end)
        else:
            groups.append([mark])
            end = mark.end
    return groups


def _marked(text: str, marks: list[_Mark]) -> str:
    spans = []
    for group in _merge(marks):
        first = group[0]
        status = min((m.status for m in group), key=lambda s: status_of(s).rank)
        badge = _badge(status)
        tips = "".join(
            '<span class="tip-item">' + "".join(f"<span>{escape(line)}</span>" for line in m.tip) + "</span>"
            for m in group
        )
        opening = (
            f'<a class="num st-{escape(status)}" id="{first.ident}" href="#{first.href}" '
            f'data-pair="{first.href}">'
        )
        closing = (
            f'<span class="badge">{escape(badge)}</span><span class="tip" role="tooltip">{tips}</span></a>'
        )
        spans.append((first.start, max(m.end for m in group), opening, closing))
    return highlight(text, spans)


def _badge(status: str) -> str:
    """The icon beside a number; problems also get their word, so that they stand out in print too."""
    look = status_of(status)
    return f"{look.icon} {look.label}" if look.problem else look.icon


def _value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return format(value, ",")
    if isinstance(value, list):
        return " – ".join(_value(v) for v in value)
    return str(value)


def _describe(finding: NumberFinding) -> str:
    """What a number means, in the tooltip and the tables: kind, value and unit."""
    unit = f" {finding.unit}" if finding.unit else ""
    soft = ", number word" if finding.soft else ""
    converted = ""
    if finding.conversion is not None:
        c = finding.conversion
        factor, tolerance = float(c.factor), float(c.tolerance)
        converted = f"; converted {c.source} → {c.target} × {factor:.4g} (± {tolerance:.3g})"
    return f"{finding.kind}{soft}: {_value(finding.value)}{unit}{converted}{_repair_note(finding)}"


def _repair_note(finding: NumberFinding) -> str:
    """How vnsumm made a number right, and what the model had written."""
    repair = finding.repair
    if repair is None or not repair.repaired:
        return ""
    if repair.status_before is None:
        return f"; made right by vnsumm ({repair.how})"
    before = f"“{repair.before.text}”" if repair.before is not None else "nothing"
    return f"; made right by vnsumm ({repair.how}): the model wrote {before} ({repair.status_before})"


# ---------------------------------------------------------------- the page model


class _Ids:
    """Anchor ids: every id on a page comes from here, so links and targets cannot drift apart."""

    @staticmethod
    def row(sentence: int) -> str:
        return f"r{sentence}"

    @staticmethod
    def source(k: int) -> str:
        return f"n{k}"

    @staticmethod
    def target(k: int) -> str:
        return f"e{k}"

    @staticmethod
    def extra(j: int) -> str:
        return f"x{j}"

    @staticmethod
    def entry(ident: str) -> str:
        """The numbers-table row of a mark."""
        return f"t-{ident}"


def _listed(numbers: NumberSummary, finding: NumberFinding) -> bool:
    """Whether a finding has a row in the numbers table: every one when unchecked, else every non-ok one
    and every one vnsumm made right."""
    return not numbers.checked or finding.status != "ok" or finding.repaired


_Marks = dict[int, list[_Mark]]


def _row_marks(result: Result) -> tuple[_Marks, _Marks, dict[str, str]]:
    """The marks of every sentence row, Vietnamese and English, with their links worked out, and the
    anchor that stands for each mark (a mark merged into a group is reached through the group's)."""
    sentences = result.document.sentences
    english = result.translation.text_of if result.translation is not None else None
    vi: _Marks = {}
    en: _Marks = {}
    for k, f in enumerate(result.numbers.findings):
        sentence_start = sentences[f.sentence].start
        look = status_of(f.status)
        target = f.target if english is not None else None
        if target is not None:
            href = _Ids.target(k)
        elif _listed(result.numbers, f):
            href = _Ids.entry(_Ids.source(k))
        else:
            href = _Ids.row(f.sentence)
        heading = f"{look.icon} {look.label}"
        if target is not None:
            tip = (heading, _describe(f), f"English: {target.text}")
        elif result.numbers.checked:
            tip = (heading, _describe(f), "English: no counterpart")
        else:
            tip = (heading, _describe(f))
        vi.setdefault(f.sentence, []).append(
            _Mark(f.start - sentence_start, f.end - sentence_start, _Ids.source(k), href, f.status, tip)
        )
        if target is not None:
            tip = (heading, _describe(f), f"Vietnamese: {f.text}")
            en.setdefault(f.sentence, []).append(
                _Mark(target.start, target.end, _Ids.target(k), _Ids.source(k), f.status, tip)
            )
    for j, extra in enumerate(result.numbers.extra):
        look = STATUSES["extra"]
        tip = (f"{look.icon} {look.label}", look.meaning)
        ident = _Ids.extra(j)
        en.setdefault(extra.sentence, []).append(
            _Mark(extra.span.start, extra.span.end, ident, _Ids.entry(ident), "extra", tip)
        )
    anchor = _point_at_groups(en, vi)
    return vi, en, anchor


def _point_at_groups(*sides: _Marks) -> dict[str, str]:
    """A link to a mark merged into a group must go to the group's anchor (its first mark's id)."""
    anchor = {
        mark.ident: group[0].ident
        for side in sides
        for marks in side.values()
        for group in _merge(marks)
        for mark in group
    }
    for side in sides:
        for sentence, marks in side.items():
            side[sentence] = [
                _Mark(m.start, m.end, m.ident, anchor.get(m.href, m.href), m.status, m.tip) for m in marks
            ]
    return anchor


# ---------------------------------------------------------------- the page


def render_html(
    result: Result,
    *,
    date: str | None = None,
    details: Sequence[tuple[str, str]] = (),
    index_href: str | None = None,
) -> str:
    """The report page of one Result.

    ``date`` is the date of run to show (none by default, so that the bytes depend on the input only);
    ``details`` are extra (label, value) lines for the header (input files, the batch id);
    ``index_href`` links back to a batch's index page.
    """
    vi_marks, en_marks, anchor = _row_marks(result)
    title = _headline(result)
    body = [
        _header(result, title, date, details, index_href),
        _summary_section(result),
        _article_section(result, vi_marks, en_marks),
        _numbers_section(result, anchor),
        f"<footer><p>Made by vnsumm {escape(__version__)}. Every number of the source is highlighted in both "
        "columns; select one to see its counterpart.</p></footer>",
    ]
    return _document(title, "\n".join(part for part in body if part), script=_SCRIPT)


def _headline(result: Result) -> str:
    headline = result.document.headline
    return headline.text if headline is not None else "(no headline)"


def _header(
    result: Result,
    title: str,
    date: str | None,
    details: Sequence[tuple[str, str]],
    index_href: str | None,
) -> str:
    parts = ["<header>"]
    if index_href is not None:
        parts.append(f'<p class="back"><a href="{escape(index_href)}">← All articles</a></p>')
    parts.append(f'<h1 lang="vi">{escape(title)}</h1>')
    headline = result.document.headline
    if headline is not None and result.translation is not None:
        english = english_paragraphs(result.document, result.translation)[headline.index]
        parts.append(f'<p class="subtitle" lang="en">{escape(english)}</p>')
    parts.append(_verdict_box(result.numbers))
    rows: list[tuple[str, str]] = [("Model", result.model or "none (no translation)")]
    if result.model is None and result.translation is not None:
        rows = [("Translation", "given (not made by vnsumm)")]
    rows += list(details)
    rows.append(("Date of run", date or "not recorded"))
    numbers = result.numbers
    if numbers.checked:
        rules = ["rounded numbers pass" if numbers.allow_rounding else "rounded numbers fail"]
        rules.append("number words count" if numbers.strict else "number words do not count")
        rows.append(("Rules", "; ".join(rules)))
    items = "".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in rows)
    parts += [f'<dl class="meta">{items}</dl>', _legend(result.numbers), "</header>"]
    return "\n".join(parts)


def _verdict_box(numbers: NumberSummary) -> str:
    verdict = verdict_of(numbers)
    look = status_of(verdict.status)
    counts: dict[str, int] = {}
    for f in numbers.findings:
        counts[f.status] = counts.get(f.status, 0) + 1
    if numbers.extra:
        counts["extra"] = len(numbers.extra)
    chips = "".join(
        f'<li class="st-{escape(s)}"><span class="badge">{escape(status_of(s).icon)}</span> '
        f"{escape(status_of(s).label)} <b>{n}</b></li>"
        for s, n in sorted(counts.items(), key=lambda item: (status_of(item[0]).rank, item[0]))
    )
    return (
        f'<section class="verdict st-{verdict.status}" aria-label="Verdict">'
        f'<p class="verdict-line"><span class="badge">{escape(look.icon)}</span> '
        f"<strong>{escape(verdict.headline)}</strong> — {escape(verdict.detail)} "
        f'<a href="#numbers">{"All numbers" if verdict.status == "unchecked" else "All problems"} ↓</a></p>'
        f'<ul class="counts">{chips}</ul></section>'
    )


def _legend(numbers: NumberSummary) -> str:
    shown = ["unchecked"] if not numbers.checked else [s for s in STATUSES if s != "unchecked"]
    items = "".join(
        f'<li><span class="num st-{s}">12<span class="badge">{escape(_badge(s))}</span></span> '
        f"<b>{escape(STATUSES[s].label)}</b>: {escape(STATUSES[s].meaning)}</li>"
        for s in shown
    )
    return f'<details class="legend" open><summary>What the marks mean</summary><ul>{items}</ul></details>'


def _summary_section(result: Result) -> str:
    """The summary sentences in both languages (none for a translation checked with ``vnsumm check``)."""
    sentences = result.summary.sentences
    if not sentences:
        return ""
    items = []
    for s in sentences:
        english = result.translation.text_of(s.index) if result.translation is not None else None
        en = f'<p class="en" lang="en">{escape(english)}</p>' if english is not None else ""
        items.append(
            f'<li><a class="ref" href="#{_Ids.row(s.index)}">sentence {s.index}</a>'
            f'<p class="vi" lang="vi">{escape(s.text)}</p>{en}</li>'
        )
    return (
        f'<section id="summary"><h2>Summary <small>({escape(result.summary.method)}, '
        f'{len(sentences)} sentences)</small></h2><ol class="summary">{"".join(items)}</ol></section>'
    )


def _article_section(result: Result, vi_marks: _Marks, en_marks: _Marks) -> str:
    translated = result.translation is not None
    english_col = '<col class="c-en">' if translated else ""
    english_head = '<th scope="col">English</th>' if translated else ""
    note = "" if translated else " <small>(not translated: the Vietnamese only)</small>"
    parts = [
        f'<section id="article"><h2>Article{note}</h2>',
        f'<table class="aligned{"" if translated else " single"}">',
        f'<colgroup><col class="c-where"><col class="c-vi">{english_col}</colgroup>',
        '<thead><tr><th scope="col">#</th><th scope="col" lang="vi">Tiếng Việt</th>',
        f"{english_head}</tr></thead>",
    ]
    for paragraph in result.document.paragraphs:
        role = paragraph.role.value
        parts.append(f'<tbody class="para role-{escape(role)}">')
        for position, sentence in enumerate(paragraph.sentences):
            label = (
                f'<span class="role">{escape(role)}</span>'
                if position == 0 and paragraph.role is not Role.BODY
                else ""
            )
            vi = _marked(sentence.text, vi_marks.get(sentence.index, []))
            if translated:
                english = result.translation.text_of(sentence.index)
                en = _marked(english, en_marks.get(sentence.index, []))
                en_cell = f'<td class="en" lang="en">{en}</td>'
            else:
                en_cell = ""
            row = _Ids.row(sentence.index)
            parts.append(
                f'<tr id="{row}"><th scope="row" class="where">'
                f'<a href="#{row}">{sentence.index}</a>{label}</th>'
                f'<td class="vi" lang="vi">{vi}</td>{en_cell}</tr>'
            )
        parts.append("</tbody>")
    parts.append("</table></section>")
    return "\n".join(parts)


_CONTEXT = 40


def _snippet(text: str, start: int, end: int) -> str:
    """The mention in bold with some context on each side, escaped."""
    left, right = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    inner = highlight(text[left:right], [(start - left, end - left, "<b>", "</b>")])
    return ("…" if left else "") + inner + ("…" if right < len(text) else "")


def _numbers_section(result: Result, anchor: dict[str, str]) -> str:
    """The table of every problem (checked), or of every number found (not checked), linked to the rows."""
    numbers = result.numbers
    sentences = result.document.sentences
    english = result.translation.text_of if result.translation is not None else None
    rows = []
    for k, f in enumerate(numbers.findings):
        if not _listed(numbers, f):
            continue
        start = sentences[f.sentence].start
        vi = _snippet(sentences[f.sentence].text, f.start - start, f.end - start)
        if english is not None and f.target is not None:
            en = _snippet(english(f.sentence), f.target.start, f.target.end)
            en_link = f' <a href="#{anchor.get(_Ids.target(k), _Ids.target(k))}">English</a>'
        else:
            en = '<span class="none">(no counterpart)</span>' if numbers.checked else ""
            en_link = ""
        counts = _counts_label(numbers, f)
        where = f'<a href="#{anchor.get(_Ids.source(k), _Ids.source(k))}">sentence {f.sentence}</a>{en_link}'
        rows.append((f.status, _Ids.source(k), escape(_describe(f)), vi, en, counts, where))
    for j, extra in enumerate(numbers.extra):
        if english is None:
            continue
        en = _snippet(english(extra.sentence), extra.span.start, extra.span.end)
        where = f'<a href="#{anchor.get(_Ids.extra(j), _Ids.extra(j))}">sentence {extra.sentence}</a>'
        rows.append(("extra", _Ids.extra(j), "—", "", en, "not counted", where))
    if numbers.checked:
        title, empty = "Problems", "No problems: every number of the source survives in the English."
        if any(f.repaired for f in numbers.findings):
            title = "Problems and numbers made right"
    else:
        title, empty = "Numbers found (not checked)", "No numbers found."
    if not rows:
        return f'<section id="numbers"><h2>{title}</h2><p class="empty">{empty}</p></section>'
    body = "".join(
        f'<tr id="{_Ids.entry(ident)}" class="st-{escape(status)}">'
        f'<td class="status"><span class="badge">{escape(status_of(status).icon)}</span> '
        f"{escape(status_of(status).label)}</td>"
        f'<td data-label="Kind">{what}</td><td lang="vi" data-label="VI">{vi}</td>'
        f'<td lang="en" data-label="EN">{en}</td><td data-label="Counts as">{escape(counts)}</td>'
        f'<td class="where" data-label="Where">{where}</td></tr>'
        for status, ident, what, vi, en, counts, where in rows
    )
    head = (
        '<tr><th scope="col">Status</th><th scope="col">Kind: value</th><th scope="col">Vietnamese</th>'
        '<th scope="col">English</th><th scope="col">Counts as</th><th scope="col">Where</th></tr>'
    )
    return (
        f'<section id="numbers"><h2>{title} <small>({len(rows)})</small></h2>'
        f'<div class="scroll"><table class="findings"><thead>{head}</thead>'
        f"<tbody>{body}</tbody></table></div>"
        "</section>"
    )


def _counts_label(numbers: NumberSummary, finding: NumberFinding) -> str:
    if not numbers.checked:
        return "not checked"
    if finding in numbers.failures:
        return "fails"
    if not numbers.counts(finding):
        return "not counted (number word)"
    if finding.status == "rounded":
        return "passes (rounding allowed)"
    return "passes (made right by vnsumm)" if finding.repaired else "passes"


# ---------------------------------------------------------------- the batch index


@dataclass(frozen=True)
class IndexEntry:
    """One input line of a batch: its page and verdict, or the error that kept it from having one."""

    identifier: Any  # the line's "id": any JSON value
    page: str | None  # file name of its page, beside index.html
    headline: str | None
    verdict: Verdict | None
    error: str | None = None


def render_index(entries: Sequence[IndexEntry], *, date: str | None = None) -> str:
    """The batch's ``index.html``: every input line in order, with its verdict and a link to its page."""
    rows = []
    tally = {"ok": 0, "missing": 0, "unchecked": 0, "error": 0}
    for position, entry in enumerate(entries, start=1):
        ident = entry.identifier
        if not isinstance(ident, str):
            ident = json.dumps(ident, ensure_ascii=False)
        if entry.error is not None or entry.page is None or entry.verdict is None:
            tally["error"] += 1
            status, verdict = "missing", f"<strong>error</strong> {escape(entry.error or 'no page')}"
            title = '<span class="none">(no page)</span>'
        else:
            status = entry.verdict.status
            tally[status] = tally.get(status, 0) + 1
            verdict = f"<strong>{escape(entry.verdict.headline)}</strong> {escape(entry.verdict.detail)}"
            headline = escape(entry.headline or "(no headline)")
            title = f'<a href="{escape(entry.page)}" lang="vi">{headline}</a>'
        look = status_of(status)
        rows.append(
            f'<tr class="st-{escape(status)}"><td>{position}</td><td class="id">{escape(ident)}</td>'
            f"<td>{title}</td>"
            f'<td class="verdict-cell"><span class="badge">{escape(look.icon)}</span> {verdict}</td></tr>'
        )
    meta = (
        f"{_count(len(entries), 'article')}: {tally['ok']} with numbers ok, "
        f"{tally['missing']} with problems, {tally['unchecked']} not checked, "
        f"{_count(tally['error'], 'error')}. "
        f"Date of run: {date or 'not recorded'}."
    )
    body = (
        "<header><h1>vnsumm report</h1>"
        f'<p class="subtitle">{escape(meta)}</p></header>\n'
        '<section id="articles"><div class="scroll"><table class="findings index"><thead><tr>'
        '<th scope="col">#</th><th scope="col">id</th><th scope="col">Headline</th>'
        '<th scope="col">Numbers</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>\n"
        f"<footer><p>Made by vnsumm {escape(__version__)}.</p></footer>"
    )
    return _document("vnsumm report", body, script=None)


# ---------------------------------------------------------------- the shell


def _document(title: str, body: str, *, script: str | None) -> str:
    """The page shell. The Content-Security-Policy forbids every load and every script but our own, so
    that even a mistake in escaping could not fetch or run anything."""
    script_src = "'none'"
    script_tag = ""
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        script_src = f"'sha256-{digest}'"
        script_tag = f"<script>{script}</script>\n"
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_src}; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="vnsumm {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{body}\n{script_tag}</body>\n</html>\n"
    )


# A click (or Enter) on a number lights up its counterpart without a jump; hovering does the same. Without
# the script the link still jumps to the counterpart, which :target lights up.
_SCRIPT = """
(function () {
  document.documentElement.classList.add("js");
  var lit = [];
  function light(el, on) {
    lit.forEach(function (x) { x.classList.remove("lit"); });
    lit = [];
    if (!on) return;
    var other = document.getElementById(el.getAttribute("data-pair"));
    [el, other].forEach(function (x) { if (x) { x.classList.add("lit"); lit.push(x); } });
    return other;
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("a.num") : null;
    if (!el) return;
    var other = light(el, true);
    if (other && other.classList.contains("num")) {
      e.preventDefault();
      other.scrollIntoView({block: "nearest"});
      history.replaceState(null, "", "#" + el.id);
    }
  });
  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest ? e.target.closest("a.num") : null;
    if (el) light(el, true);
  });
})();
"""

_CSS = """
:root{--ink:#1b1b1b;--muted:#5b5b5b;--line:#d6d6d6;--paper:#fff;--band:#f6f6f4;
--ok:#1e6b34;--ok-bg:#e3f3e7;--missing:#b3261e;--missing-bg:#fde3e1;--changed:#9a3b00;--changed-bg:#ffe6cc;
--format:#6a3aa2;--format-bg:#efe5ff;--rounded:#745b00;--rounded-bg:#fff3bf;--extra:#1d5ea8;--extra-bg:#e1eeff;
--unchecked:#555;--unchecked-bg:#ececec}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:84rem;padding:1rem 1.25rem 3rem;color:var(--ink);background:var(--paper);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--ink)}
h2 small{font-weight:normal;color:var(--muted);font-size:.85rem}
a{color:#0b57a4}
.subtitle{margin:.1rem 0 .8rem;color:var(--muted);font-size:1.1rem}
.back{margin:0;font-size:.9rem}
.meta{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;margin:.6rem 0;font-size:.9rem}
.meta div{display:flex;gap:.4rem}.meta dt{color:var(--muted)}.meta dt::after{content:":"}.meta dd{margin:0}
.verdict{border:2px solid;border-radius:6px;padding:.5rem .9rem;margin:.8rem 0}
.verdict-line{margin:0;font-size:1.05rem}
.verdict.st-ok{border-color:var(--ok);background:var(--ok-bg)}
.verdict.st-missing{border-color:var(--missing);background:var(--missing-bg)}
.verdict.st-unchecked{border-color:var(--unchecked);background:var(--unchecked-bg)}
.counts{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0 0;padding:0;font-size:.85rem}
.counts li{border:1px solid;border-radius:999px;padding:0 .55rem;background:var(--paper)}
.legend{font-size:.9rem;margin:.4rem 0}.legend summary{cursor:pointer;color:var(--muted)}
.legend ul{list-style:none;padding:0;margin:.3rem 0;columns:2 22rem}.legend li{margin:.15rem 0}
table{border-collapse:collapse;width:100%}
.aligned{table-layout:fixed}
.aligned col.c-where{width:5.5rem}
.aligned th,.aligned td{vertical-align:top;text-align:left;padding:.35rem .6rem;
border-top:1px solid var(--line)}
.aligned thead th{position:sticky;top:0;background:var(--paper);border-bottom:2px solid var(--ink);z-index:2}
.aligned td{white-space:pre-wrap;overflow-wrap:anywhere}
.aligned td.en{background:var(--band)}
.aligned tbody.para{border-top:2px solid #bdbdbd}
.aligned .where{font-weight:normal;color:var(--muted);font-size:.8rem}
.aligned .where a{color:inherit;text-decoration:none}
.role{display:block;margin-top:.2rem;font-size:.68rem;text-transform:uppercase;letter-spacing:.04em;
border:1px solid var(--muted);border-radius:3px;padding:0 .2rem;width:max-content;max-width:100%}
.role-headline td{font-weight:600;font-size:1.05rem}
.role-dateline td{color:var(--muted);font-size:.9rem}
.role-caption td{font-style:italic;color:#333}
.role-source td{color:var(--muted);font-size:.9rem}
tr:target{outline:2px solid #0b57a4}
.none{color:var(--muted)}
.num{position:relative;color:inherit;text-decoration:none;border-radius:3px;padding:0 .12rem;
border-bottom:2px solid;white-space:nowrap}
.num .badge{font-size:.7em;font-weight:600;vertical-align:super;margin-left:.12rem;font-style:normal}
.num:focus,.num:hover,.num:target,.num.lit{outline:2px solid #0b57a4;outline-offset:1px}
.num:target,.num.lit{box-shadow:0 0 0 4px rgba(11,87,164,.25)}
.num .tip{display:none;position:absolute;left:0;top:calc(100% + 4px);z-index:5;
min-width:14rem;max-width:22rem;padding:.35rem .5rem;background:#1b1b1b;color:#fff;border-radius:4px;
font-size:.8rem;line-height:1.35;font-weight:400;font-style:normal;white-space:normal;text-align:left;
box-shadow:0 2px 6px rgba(0,0,0,.3)}
.num .tip-item,.num .tip-item span{display:block}
.num .tip-item span:first-child{font-weight:600}
.num .tip-item+.tip-item{border-top:1px solid #777;margin-top:.25rem;padding-top:.25rem}
td.en .num .tip{left:auto;right:0}
.num:hover .tip,.num:focus .tip{display:block}
.st-ok{--c:var(--ok);--b:var(--ok-bg)}
.st-missing{--c:var(--missing);--b:var(--missing-bg)}
.st-changed{--c:var(--changed);--b:var(--changed-bg)}
.st-format{--c:var(--format);--b:var(--format-bg)}
.st-rounded{--c:var(--rounded);--b:var(--rounded-bg)}
.st-extra{--c:var(--extra);--b:var(--extra-bg)}
.st-unchecked{--c:var(--unchecked);--b:var(--unchecked-bg)}
.num,.counts li{background:var(--b);border-color:var(--c)}
.findings .status{background:var(--b)}
.num .badge,.counts li .badge,.findings .status{color:var(--c)}
.num:not(.st-ok){border-bottom-style:double;border-bottom-width:3px}
.summary{padding-left:1.4rem}.summary li{margin:.5rem 0}
.summary p{margin:.1rem 0}.summary .en{color:#333;font-style:italic}
.ref{font-size:.8rem;color:var(--muted)}
.scroll{overflow-x:auto}
.findings{font-size:.9rem}
.findings th,.findings td{text-align:left;vertical-align:top;padding:.35rem .5rem;
border-bottom:1px solid var(--line)}
.findings thead th{border-bottom:2px solid var(--ink)}
.findings .status{white-space:nowrap;font-weight:600}
.findings .where{white-space:nowrap}
.index .verdict-cell{background:var(--b)}.index .verdict-cell .badge{color:var(--c);font-weight:600}
.index .id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.empty{color:var(--ok)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.85rem}
@media (max-width:720px){
body{padding:.6rem .7rem 2rem;font-size:15px}
h1{font-size:1.3rem}
.aligned,.aligned tbody,.aligned tr,.aligned td,.aligned th{display:block;width:auto}
.aligned thead,.aligned colgroup{display:none}
.aligned tr{padding:.3rem 0;border-top:1px solid var(--line)}
.aligned th,.aligned td{border:0;padding:.15rem .3rem}
.aligned .where{display:flex;gap:.5rem;align-items:baseline}
.role{display:inline-block;margin:0}
.aligned td.vi::before,.aligned td.en::before{display:block;font-size:.65rem;font-weight:600;
color:var(--muted);font-style:normal;letter-spacing:.05em}
.aligned td.vi::before{content:"VI"}.aligned td.en::before{content:"EN"}
.num{white-space:normal}
.findings,.findings tbody,.findings tr,.findings td{display:block}
.findings thead{display:none}
.findings tr{border-bottom:1px solid var(--line);padding:.3rem 0}
.findings td{border:0;padding:.1rem .3rem}
.findings td:empty{display:none}
.findings td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.8rem}
.findings .status{display:inline-block;border-radius:3px}
.num .tip{position:fixed;left:.5rem;right:.5rem;top:auto;bottom:.5rem;max-width:none}
td.en .num .tip{left:.5rem;right:.5rem}
}
@media print{
body{max-width:none;padding:0;font-size:10.5pt}
.num .tip,.legend summary,.back{display:none}
.legend ul{display:block}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
.aligned thead th{position:static}
tr{break-inside:avoid}
h2{break-after:avoid}
}
"""
