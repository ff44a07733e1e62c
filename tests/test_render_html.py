"""The HTML report: valid HTML5, every number marked once per side with its status, counterparts linked,
hostile text and ids escaped, nothing loaded from outside, the same bytes for the same input, and the batch
folder with its index. A last test opens the page in headless Chromium where it is installed."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnsumm.batch_html import INDEX, page_name
from vnsumm.cli import main
from vnsumm.pipeline import Pipeline, Result, result_of_translation
from vnsumm.render_html import highlight, render_html

from conftest import SAMPLE_VI, SAMPLES

SAMPLE_EN = SAMPLES / "hanoi-hagiang-2024-06-11.en.txt"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> &amp; </td></tr></table>'
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def parse(page: str, *, strict: bool = True) -> Element:
    """Parse as HTML5, failing on the first parse error."""
    parser = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=False)
    return parser.parse(page)


def by_id(tree: Element) -> dict[str, Element]:
    ids = [el.get("id") for el in tree.iter() if el.get("id") is not None]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return {el.get("id"): el for el in tree.iter() if el.get("id") is not None}


def marks(tree: Element, side: str) -> list[Element]:
    """The number marks of the article's Vietnamese (``vi``) or English (``en``) column."""
    table = next(el for el in tree.iter("table") if "aligned" in el.get("class", "").split())
    return [
        a
        for td in table.iter("td")
        if side in td.get("class", "").split()
        for a in td.iter("a")
        if "num" in a.get("class", "").split()
    ]


def status_class(el: Element) -> str:
    return next(c for c in el.get("class", "").split() if c.startswith("st-"))


def text_of(el: Element) -> str:
    return "".join(el.itertext())


def reading_text(el: Element) -> str:
    """The text as it reads, without the badges and tooltips of the number marks."""
    out = [el.text or ""]
    for child in el:
        if child.get("class") not in {"badge", "tip"}:
            out.append(reading_text(child))
        out.append(child.tail or "")
    return "".join(out)


@pytest.fixture(scope="module")
def sample_en() -> str:
    from vnsumm.textio import read_text

    return read_text(SAMPLE_EN)


@pytest.fixture(scope="module")
def check_result(sample_text, sample_en) -> Result:
    return result_of_translation(sample_text, sample_en)


@pytest.fixture(scope="module")
def check_page(check_result) -> str:
    return render_html(check_result)


def test_sample_check_page_is_valid_html5(check_page) -> None:
    tree = parse(check_page)
    assert check_page.startswith("<!DOCTYPE html>\n")
    assert tree.find("head/meta").get("charset") == "utf-8"
    assert text_of(tree.find("body/header/h1")).startswith("Hà Nội - Hà Giang: Tăng cường hợp tác")


def test_every_mention_appears_once_per_side_with_its_status(check_result, check_page) -> None:
    tree = parse(check_page)
    ids = by_id(tree)
    findings = check_result.numbers.findings
    vi, en = marks(tree, "vi"), marks(tree, "en")
    targets = [f for f in findings if f.target is not None]
    assert len(findings) >= 80 and len(targets) >= 80
    assert len(vi) == len(findings)
    assert len(en) == len(targets) + len(check_result.numbers.extra)
    for k, f in enumerate(findings):
        mark = ids[f"n{k}"]
        assert mark in vi and status_class(mark) == f"st-{f.status}"
        assert mark.text == f.text  # the mention itself, before its badge and tooltip
        row = ids[f"r{f.sentence}"]
        assert mark in list(row.iter("a"))
        if f.target is not None:
            target = ids[f"e{k}"]
            assert target in en and status_class(target) == f"st-{f.status}"
            assert target.text == f.target.text
            assert target in list(row.iter("a"))


def assert_linked(page: str) -> None:
    """Each Vietnamese mark links to its English counterpart and back; no internal link points nowhere."""
    tree = parse(page)
    ids = by_id(tree)
    for mark in marks(tree, "vi"):
        href = mark.get("href")
        assert href.startswith("#") and mark.get("data-pair") == href[1:]
        other = ids[href[1:]]
        if "num" in other.get("class", "").split():
            back = ids[other.get("href")[1:]]  # the mark it links back to
            assert back.get("href") == "#" + other.get("id") and other.get("data-pair") == back.get("id")
            if len([el for el in other.iter("span") if el.get("class") == "tip-item"]) == 1:
                assert back is mark  # one number on each side: a pair (else a group, reached from each)
    for el in tree.iter("a"):  # and no link on the page points nowhere
        href = el.get("href")
        if href and href.startswith("#"):
            assert href[1:] in ids, href


def test_counterparts_link_to_each_other(check_page) -> None:
    assert_linked(check_page)


def test_one_english_range_for_two_source_numbers_is_one_mark_linked_from_both() -> None:
    result = result_of_translation("Giai đoạn từ năm 2019 và năm 2022 tăng.", "The 2019-2022 period grew.")
    assert [f.target.text for f in result.numbers.findings] == ["2019-2022", "2019-2022"]
    page = render_html(result)
    tree = parse(page)
    vi, en = marks(tree, "vi"), marks(tree, "en")
    assert [m.text for m in vi] == ["năm 2019", "năm 2022"] and [m.text for m in en] == ["2019-2022"]
    assert {m.get("href") for m in vi} == {"#" + en[0].get("id")}
    tips = [el for el in en[0].iter("span") if el.get("class") == "tip-item"]
    assert len(tips) == 2
    assert_linked(page)


def test_status_is_shown_by_a_word_or_icon_too(sample_text, sample_en) -> None:
    broken = sample_en.replace("VND 940 billion", "VND 941 billion")
    result = result_of_translation(sample_text, broken)
    tree = parse(render_html(result))
    changed = [m for m in marks(tree, "vi") if status_class(m) == "st-changed"]
    assert [m.text for m in changed] == ["940 tỷ đồng"]
    badge = next(el for el in changed[0].iter("span") if el.get("class") == "badge")
    assert badge.text == "≠ changed"
    verdict = text_of(next(el for el in tree.iter("section") if "verdict" in el.get("class", "")))
    assert "1 problem —" in verdict
    problems = next(el for el in tree.iter("section") if el.get("id") == "numbers")
    rows = problems.find(".//tbody").findall("tr")
    assert len(rows) == 1 and "940 tỷ đồng" in text_of(rows[0]) and "VND 941 billion" in text_of(rows[0])
    assert rows[0].find(".//a").get("href") == "#" + changed[0].get("id")


def test_nothing_is_loaded_from_outside(check_page) -> None:
    tree = parse(check_page)
    for el in tree.iter():
        assert el.tag not in {"link", "img", "iframe", "object", "embed", "base", "form"}, el.tag
        for name, value in el.attrib.items():
            if name in {"src", "href", "action", "srcset"}:
                assert not re.match(r"\s*(?:[a-z]+:|//)", value, re.I), value
    assert not re.search(r"https?://", check_page)
    style = tree.find("head/style").text
    assert "url(" not in style and "@import" not in style
    policy = tree.find("head/meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1]


def assert_inert(page: str, tree: Element) -> None:
    """No element or attribute from the input: our one script, no image, no event handler."""
    scripts = list(tree.iter("script"))
    assert len(scripts) <= 1 and all("alert" not in (s.text or "") for s in scripts)
    assert not list(tree.iter("img"))
    assert not [name for el in tree.iter() for name in el.attrib if name.lower().startswith("on")]


def test_hostile_article_text_shows_as_text(sample_en) -> None:
    source = f"Tiêu đề {HOSTILE}\n\nCó 18/18 huyện {HOSTILE} đạt 940 tỷ đồng."
    english = f"Title {HOSTILE}\n\nAll 18 districts {HOSTILE} reached VND 940 billion."
    result = result_of_translation(source, english)
    page = render_html(result, details=[("Source", HOSTILE)], date="2024-06-11")
    tree = parse(page)
    assert_inert(page, tree)
    assert text_of(tree.find("body/header/h1")) == f"Tiêu đề {HOSTILE}"
    vi_cells = [reading_text(td) for td in tree.iter("td") if td.get("class") == "vi"]
    assert any(HOSTILE in cell for cell in vi_cells)
    texts = [m.text for m in marks(tree, "vi")]
    assert texts == [f.text for f in result.numbers.findings] and {"18/18", "940 tỷ đồng"} <= set(texts)


def test_no_translate_page_renders_every_number_unchecked(sample_text) -> None:
    result = Pipeline(translate=False).run(sample_text)
    page = render_html(result)
    tree = parse(page)
    vi = marks(tree, "vi")
    assert len(vi) == len(result.numbers.findings) and not marks(tree, "en")
    assert {status_class(m) for m in vi} == {"st-unchecked"}
    assert "Numbers not checked" in page
    numbers = next(el for el in tree.iter("section") if el.get("id") == "numbers")
    assert len(numbers.find(".//tbody").findall("tr")) == len(result.numbers.findings)
    summary = next(el for el in tree.iter("section") if el.get("id") == "summary")
    assert len(summary.findall(".//li")) == len(result.summary.sentences) == 3


def test_same_input_same_bytes_and_no_date_unless_asked(check_result, sample_text, sample_en) -> None:
    first = render_html(check_result)
    again = render_html(result_of_translation(sample_text, sample_en))
    assert first == again
    assert "<dt>Date of run</dt><dd>not recorded</dd>" in first
    dated = render_html(check_result, date="2024-06-11")
    assert "2024-06-11" in dated and dated != first


def test_unaligned_texts_give_one_row(sample_text, sample_en) -> None:
    english = sample_en.replace("\n\n", " ")
    result = result_of_translation(sample_text, english)
    tree = parse(render_html(result))
    assert len([tr for tr in tree.iter("tr") if (tr.get("id") or "").startswith("r")]) == 1
    assert len(marks(tree, "vi")) == len(result.numbers.findings)


@given(st.text(), st.lists(st.integers(min_value=0, max_value=10_000), max_size=12))
def test_highlight_escapes_text_and_wraps_exactly_the_spans(text: str, cuts: list[int]) -> None:
    points = sorted(min(c, len(text)) for c in cuts)
    spans = [(a, b, f'<b data-k="{k}">', "</b>") for k, (a, b) in enumerate(zip(points[::2], points[1::2]))]
    out = highlight(text, spans)
    tags = re.findall(r"<[^>]*>", out)
    assert tags == [tag for _a, _b, opening, closing in spans for tag in (opening, closing)]
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text
    for k, (a, b, _o, _c) in enumerate(spans):
        inner = out.split(f'<b data-k="{k}">', 1)[1].split("</b>", 1)[0]
        assert html.unescape(inner) == text[a:b]


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))), st.data())
def test_highlight_parses_back_to_the_text(text: str, data) -> None:
    points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b, f'<b id="m{k}">', "</b>") for k, (a, b) in enumerate(zip(points[::2], points[1::2]))]
    fragment = html5lib.parseFragment(highlight(text, spans), namespaceHTMLElements=False)
    assert "".join(fragment.itertext()) == text
    for k, (a, b, _o, _c) in enumerate(spans):
        assert "".join(fragment.find(f".//b[@id='m{k}']").itertext()) == text[a:b]


def test_highlight_refuses_overlapping_spans() -> None:
    with pytest.raises(ValueError):
        highlight("abcdef", [(0, 3, "<b>", "</b>"), (2, 4, "<b>", "</b>")])


@pytest.mark.parametrize(
    "identifier",
    [
        "../x",
        "../../etc/passwd",
        "<script>",
        '"><img onerror=alert(1)>',
        "",
        None,
        7,
        "CON",
        "Hà Nội/2024",
        "a" * 300,
    ],
)
def test_page_names_stay_in_the_folder(identifier) -> None:
    name = page_name(12, identifier)
    assert re.fullmatch(r"0012(-[a-z0-9]+(-[a-z0-9]+)*)?\.html", name) and len(name) < 70


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_command_writes_the_page(capsys, check_page) -> None:
    code, out, _ = run(["check", str(SAMPLE_VI), str(SAMPLE_EN), "--format", "html"], capsys)
    assert code == 0
    parse(out)
    assert "hanoi-hagiang-2024-06-11.en.txt" in out and str(SAMPLES) not in out
    # the same page as the library call, but for the two file names in the header
    assert len(marks(parse(out), "vi")) == len(marks(parse(check_page), "vi"))
    code, dated, _ = run(
        ["check", str(SAMPLE_VI), str(SAMPLE_EN), "--format", "html", "--date", "1999-01-02"], capsys
    )
    assert "1999-01-02" in dated and dated.replace("1999-01-02", "not recorded") == out


@pytest.mark.parametrize(
    "args",
    [
        ["summarise", str(SAMPLE_VI), "--no-translate", "--date", "2024-06-11"],
        ["summarise", str(SAMPLE_VI), "--no-translate", "--format", "html", "--date", "June"],
        ["summarise", "--jsonl", "in.jsonl", "--format", "html"],
        ["summarise", "--jsonl", "in.jsonl", "--format", "json"],
    ],
)
def test_html_usage_errors_exit_2(capsys, args) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_check_html_refuses_pairs_and_date_without_html(capsys, tmp_path) -> None:
    pairs = tmp_path / "p.jsonl"
    pairs.write_text('{"id": 1, "source": "5", "translation": "5"}\n', encoding="utf-8")
    code, out, err = run(["check", "--pairs", str(pairs), "--format", "html"], capsys)
    assert code == 2 and out == "" and "--pairs" in err
    code, out, err = run(["check", str(SAMPLE_VI), str(SAMPLE_EN), "--date", "today"], capsys)
    assert code == 2 and out == "" and "--date" in err


def test_summarise_html_no_translate_is_byte_identical(tmp_path, capsys) -> None:
    pages = []
    for name in ("a.html", "b.html"):
        code, out, _ = run(
            ["summarise", str(SAMPLE_VI), "--no-translate", "--format", "html", "-o", str(tmp_path / name)],
            capsys,
        )
        assert code == 0 and out == ""
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    parse(pages[0].decode("utf-8"))


def test_summarise_html_with_a_tiny_model(tiny_config, tmp_path, capsys) -> None:
    paragraphs = SAMPLE_VI.read_text(encoding="utf-8").split("\n\n")
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(paragraphs[:12]), encoding="utf-8")  # headline to the first numbers
    code, out, _ = run(
        [
            "summarise",
            str(article),
            "--config",
            str(tiny_config),
            "--format",
            "html",
            "--date",
            "2024-06-11",
        ],
        capsys,
    )
    tree = parse(out)
    assert code == 1  # random weights cannot carry the numbers over
    assert "tiny-t5" in out and "2024-06-11" in out
    vi = marks(tree, "vi")
    assert len(vi) >= 10 and "st-unchecked" not in {status_class(m) for m in vi}
    assert "problems —" in text_of(
        next(el for el in tree.iter("section") if "verdict" in el.get("class", ""))
    )
    summary = next(el for el in tree.iter("section") if el.get("id") == "summary")
    assert len(summary.findall(".//p[@lang='en']")) == 3
    assert_linked(out)


def write_batch(tmp_path: Path) -> tuple[Path, list[str]]:
    article = "Hà Giang\n\nCó 18/18 huyện đạt chuẩn. Thu 940 tỷ đồng, tăng 5,5%."
    lines = [
        json.dumps({"id": "a", "text": article}, ensure_ascii=False),
        json.dumps({"id": "../x", "text": article}, ensure_ascii=False),
        json.dumps({"id": "<script>alert(1)</script>", "text": f"Tiêu đề {HOSTILE}\n\n{HOSTILE} 5 hộ."}),
        "{not json",
        "",
        json.dumps({"id": 4, "text": "   "}),
        json.dumps({"id": "a", "text": article}, ensure_ascii=False),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [line for line in lines if line.strip()]


def check_batch_folder(out: Path, lines: list[str]) -> Element:
    files = sorted(p.name for p in out.iterdir())
    assert all(p.is_file() for p in out.iterdir())
    assert files == [
        "0001-a.html",
        "0002-x.html",
        "0003-script-alert-1-script.html",
        INDEX,
    ]
    index = (out / INDEX).read_text(encoding="utf-8")
    tree = parse(index)
    assert_inert(index, tree)
    rows = tree.find(".//tbody").findall("tr")
    assert len(rows) == len(lines) == 6
    cells = [[text_of(td) for td in row.findall("td")] for row in rows]
    assert [c[1] for c in cells] == ["a", "../x", "<script>alert(1)</script>", "null", "4", "a"]
    assert ["error" in c[3] for c in cells] == [False, False, False, True, True, True]  # last: duplicate id
    assert "duplicate id" in cells[5][3]
    links = [a.get("href") for a in tree.iter("a")]
    assert links == ["0001-a.html", "0002-x.html", "0003-script-alert-1-script.html"]
    for name in links:
        page = (out / name).read_text(encoding="utf-8")
        assert_inert(page, parse(page))
        assert 'href="index.html"' in page
    return tree


def test_batch_html_no_translate_writes_pages_and_index(tmp_path, capsys) -> None:
    path, lines = write_batch(tmp_path)
    out = tmp_path / "report"
    code, stdout, _ = run(
        ["summarise", "--jsonl", str(path), "--no-translate", "--format", "html", "-o", str(out)], capsys
    )
    assert code == 4 and stdout == ""  # three lines failed (exit 4 wins over 1)
    tree = check_batch_folder(out, lines)
    assert "Numbers not checked" in text_of(tree.find(".//tbody"))
    assert not (tmp_path / "x.html").exists()
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    run(["summarise", "--jsonl", str(path), "--no-translate", "--format", "html", "-o", str(out)], capsys)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_batch_html_with_a_tiny_model(tiny_config, tmp_path, capsys) -> None:
    path, lines = write_batch(tmp_path)
    out = tmp_path / "report"
    args = [
        "summarise",
        "--jsonl",
        str(path),
        "--config",
        str(tiny_config),
        "--format",
        "html",
        "-o",
        str(out),
    ]
    code, _, _ = run(args, capsys)
    assert code == 4  # error lines win over failed numbers
    check_batch_folder(out, lines)
    page = (out / "0001-a.html").read_text(encoding="utf-8")
    assert "tiny-t5" in page and len(marks(parse(page), "vi")) == 3


def test_batch_html_output_must_be_a_folder(tmp_path, capsys) -> None:
    path, _ = write_batch(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(
        ["summarise", "--jsonl", str(path), "--no-translate", "--format", "html", "-o", str(blocker)], capsys
    )
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (scripts/screenshot_report.sh installs it)"
)
def test_page_in_headless_chromium(tmp_path, check_page) -> None:
    page = tmp_path / "page.html"
    page.write_text(check_page, encoding="utf-8")
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    done = subprocess.run(
        [str(CHROMIUM), *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = parse(done.stdout, strict=False)
    assert "js" in dom.get("class", "").split()  # the script ran: its hash in the page's policy is right
    assert len(marks(dom, "vi")) == len(marks(parse(check_page), "vi")) >= 80
    shot = tmp_path / "phone.png"
    subprocess.run(
        [
            str(CHROMIUM),
            *flags,
            "--hide-scrollbars",
            "--window-size=390,1200",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
