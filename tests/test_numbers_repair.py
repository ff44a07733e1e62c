"""repair: wrong English numbers rewritten from the source's value, nothing else touched; ``check --fix``."""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.cli import main
from vnsumm.numbers.match import MentionCheck, NumberReport
from vnsumm.numbers.mention import Mention
from vnsumm.numbers.repair import repair, repair_texts


def outside_spans_unchanged(result) -> bool:
    """The repaired English equals the original outside the spans written (right to left)."""
    text = result.english
    for m in sorted((m for m in result.mentions if m.repaired), key=lambda m: -m.after.start):
        before = m.before.target
        text = text[: m.after.start] + before.text + text[m.after.end :]
    return text == result.original


@pytest.mark.parametrize(
    ("source", "english", "repaired"),
    [
        ("Đạt 940 tỷ đồng.", "It reached VND 941 billion.", "It reached VND 940 billion."),
        ("Có 300.000 người.", "There were 300.000 people.", "There were 300,000 people."),
        ("Tăng 12%.", "It rose 13 percent.", "It rose 12 percent."),
        ("Có 8 con mèo.", "There were nine cats.", "There were eight cats."),
        ("Có 23 triệu lượt khách.", "There were 23 billion visits.", "There were 23 million visits."),
        ("Mất 13 ngàn đô la.", "He lost $13.000.", "He lost $13,000."),
        (
            "Sáng 10/6, đoàn đến.",
            "On the morning of June 11, they came.",
            "On the morning of June 10, they came.",
        ),
        ("Vào những năm 80, nhạc rock.", "In the ' 81s, rock.", "In the ' 80s, rock."),
        ("Có 18/18 huyện đạt chuẩn.", "All 17 districts passed.", "All 18 districts passed."),
        (
            "Vụ án xảy ra hôm 24 tháng Chạp.",
            "The crime happened on December 24.",
            "The crime happened on the 24th day of the 12th lunar month.",
        ),
        ("Khoảng hơn 13h chiều qua.", "At about 13 pm yesterday.", "At about 1 pm yesterday."),
        ("Trú thôn Đức Bố 2, xã Tam Anh.", "Lives in Duc Bo 2.000, Tam Anh.", "Lives in Duc Bo 2, Tam Anh."),
        ("Người dưới 16 tuổi.", "People under 18-year-old.", "People under 16-year-old."),
    ],
)
def test_changed_and_badly_formatted_numbers_are_rewritten_in_place(source, english, repaired):
    result = repair(source, english)
    assert result.english == repaired
    assert result.ok and not result.report_before.ok
    assert outside_spans_unchanged(result)
    (fixed,) = [m for m in result.mentions if m.repaired]
    assert fixed.status_before in ("changed", "format") and fixed.status == "ok"


def test_rounded_is_repaired_unless_rounding_is_allowed():
    source, english = "Thu đạt 32.439,8 tỷ đồng.", "Revenue reached VND 32.4 trillion."
    strict = repair(source, english)
    assert strict.english == "Revenue reached VND 32.4398 trillion." and strict.ok
    assert strict.mentions[0].status_before == "rounded"
    lenient = repair(source, english, allow_rounding=True)
    assert lenient.english == english and lenient.ok and lenient.repaired == 0


def test_missing_stays_missing_with_the_reason():
    result = repair("Có 5 người và 7 xe.", "There were 5 people and cars.")
    assert result.english == "There were 5 people and cars."
    assert not result.ok
    missing = result.mentions[1]
    assert missing.status_before == missing.status == "missing" and not missing.repaired
    assert "missing" in (missing.reason or "")


def test_a_correct_translation_is_left_alone():
    english = "It reached VND 32,439.8 billion, 5.5% more, on June 10."
    result = repair("Đạt 32.439,8 tỷ đồng, tăng 5,5%, ngày 10/6.", english)
    assert result.english == english and result.ok and result.repaired == 0


def test_a_twin_the_check_doubts_is_not_rewritten():
    """``600 … 600`` with one English ``601``: both are reported, only the wrong span changes."""
    result = repair("Có 600 người ở đây và 600 người ở kia.", "There are 600 people here and 601 there.")
    assert result.english == "There are 600 people here and 600 there."
    assert result.ok and result.repaired == 1


def test_soft_number_words_are_repaired_only_under_strict():
    source, english = "Tôi có hai con mèo.", "I have three cats."
    assert repair(source, english).english == english
    fixed = repair(source, english, strict=True)
    assert fixed.english == "I have two cats." and fixed.ok


def test_a_span_of_another_kind_is_not_rewritten():
    """A source number the check paired with a whole English date is no number to put in its place."""
    result = repair("Ngày 19 tháng hai, 5 người đến.", "On February 10, 5 people came.")
    assert "February" in result.english


def test_overlapping_spans_are_refused(monkeypatch):
    """Two repairs that would write over one another: neither is written."""
    import vnsumm.numbers.repair as module

    english = "It reached 941 people, then 17."
    a = Mention("940", 0, 3, "number", Decimal(940))
    b = Mention("942", 4, 7, "number", Decimal(942))
    same = Mention("941", 11, 14, "number", Decimal(941))
    wider = Mention("941 people, then 17", 11, 30, "number", Decimal(941))
    crafted = NumberReport((MentionCheck(a, "changed", same), MentionCheck(b, "changed", wider)))
    real_check = module.check
    calls = []

    def fake_check(source, translation, **kw):
        calls.append(translation)
        return crafted if len(calls) == 1 else real_check(source, translation, **kw)

    monkeypatch.setattr(module, "check", fake_check)
    result = module.repair("940 942", english)
    assert result.english == english
    assert all(not m.repaired and "overlaps" in (m.reason or "") for m in result.mentions)


def test_to_dict_adds_the_repair_fields_to_the_check_json():
    result = repair("Mở đầu. Đạt 940 tỷ đồng.", "Opening. It reached VND 941 billion.")
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["ok"] and data["ok_before"] is False and data["repaired"] == 1
    (m,) = data["mentions"]
    assert m["status"] == "ok" and m["target"]["text"] == "VND 940 billion"
    assert m["repair"] == {
        "status_before": "changed",
        "before": {"text": "VND 941 billion", "start": 20, "end": 35},
        "after": {"text": "VND 940 billion", "start": 20, "end": 35},
        "repaired": True,
        "reason": None,
    }


def test_repair_texts_is_line_aligned_and_keeps_offsets():
    source = "Mở đầu.\nĐạt 940 tỷ đồng.\nCó 1.500 người.\n"
    translation = "Opening.\nIt reached VND 9,410 billion.\nThere were 1.500 people.\n"
    english, data = repair_texts(source, translation)
    assert english == "Opening.\nIt reached VND 940 billion.\nThere were 1,500 people.\n"
    assert data["aligned"] and data["ok"] and data["repaired"] == 2
    for m in data["mentions"]:
        after, before = m["repair"]["after"], m["repair"]["before"]
        assert english[after["start"] : after["end"]] == after["text"]
        assert translation[before["start"] : before["end"]] == before["text"]
        assert english[m["target"]["start"] : m["target"]["end"]] == m["target"]["text"]


# ---------------------------------------------------------------- restoring the translator's text


@pytest.mark.parametrize(
    ("source", "english", "repaired"),
    [
        # the changed number far from where position expects it (word order)
        ("Cứ 10 lần thì có 3 lần như vậy.", "Three times out of 11.", "Three times out of 10."),
        # one end of a range: only that number is rewritten, the translator's joint stays
        ("Tuổi từ 18 đến 30.", "Between the ages of 19 and 30.", "Between the ages of 18 and 30."),
        ("Khuếch đại lên 10 đến 22 lần.", "Amplified 11 to the 22 times.", "Amplified 10 to the 22 times."),
        ("Trên biển 2-3 tháng liền.", "At sea for three, three months.", "At sea for two, three months."),
        (
            "Lành trong vòng từ 4 đến 7 ngày.",
            "They heal in five to seven days.",
            "They heal in four to seven days.",
        ),
        # one part of an English ratio; the part that states another source number stays
        ("Cứ 3 người đàn ông thì có một người.", "One out of four men.", "One out of three men."),
        (
            "Tỉ lệ 1 trong 9 người vô tội.",
            "A rate of two out of nine innocent.",
            "A rate of one out of nine innocent.",
        ),
        ("Từ 2 đến 59 nguồn tài trợ.", "From two to 50 funds.", "From two to 59 funds."),
        # twins: the one out of order is rewritten
        ("Lúc đó tôi khoảng 8, 9 tuổi.", "I was about nine or nine.", "I was about eight or nine."),
        (
            "Cứ 5 thanh niên thì có một đứa bỏ nhà đi.",
            "One in six young people.",
            "One in five young people.",
        ),
        # the translator's style around the digits kept
        ("Làm chúng tồn tại thêm 1 tỉ năm nữa.", "For another million years.", "For another billion years."),
        (
            "Bão đến ngày 19 tháng mười năm 2010.",
            "The storm came on 19 Oct. 2011",
            "The storm came on 19 Oct. 2010",
        ),
        ("Vào khoảng 7h tối, cô bé quyết định.", "At about 8pm she decided.", "At about 7pm she decided."),
        ("Thịt bò bán 11,5 đô la Mỹ.", "Beef sells for $11.51.", "Beef sells for $11.50."),
        ("Arsenal (700 triệu bảng).", "Arsenal (£701 m).", "Arsenal (£700 m)."),
        # a currency the source does not name is not kept from the wrong span
        ("Dự án Vành đai 4 khởi công.", "The $2 ring road project began.", "The 4 ring road project began."),
        ("Cách 4,4 tỉ đô la.", "A $4.5 bn loss.", "A $4.4 bn loss."),
        ("Thảm họa ngày 11 tháng Ba.", "The 12 March disasters.", "The 11 March disasters."),
        # a number the English wrote as a digit ordinal stays an ordinal
        (
            "Tỉ lệ giảm xuống khoảng 60.",
            "It dropped to the 61th percentile.",
            "It dropped to the 60th percentile.",
        ),
        # a number the English wrote as a year, as "all N", or zero written as one
        ("Vào 1946, ông vào làm ở Ford.", "In 1947, he was hired by Ford.", "In 1946, he was hired by Ford."),
        ("Cho tất cả 17 quốc gia thành viên.", "For all 18 member nations.", "For all 17 member nations."),
        ("Bạn có thể biến nó thành số 0?", "Can you get that to one?", "Can you get that to zero?"),
        (
            "Một trong những con số này phải tiến đến gần 0.",
            "One of these numbers has to get near to one.",
            "One of these numbers has to get near to zero.",
        ),
        # the rendering must be read whole as the number: never ``October 31 October``
        ("Vào đêm 31 tháng 10.", "On the night of October 32.", "On the night of October 31."),
    ],
)
def test_the_translators_text_is_restored(source, english, repaired):
    result = repair(source, english)
    assert result.english == repaired
    assert result.ok and outside_spans_unchanged(result)


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Những luồng tiền âm 4 trong 6 năm.", "Negative cash flows for four of the six years."),
        ("Số người tăng từ 153 triệu lên 347 triệu.", "The number rose from 153m to 347m."),
        ("Điều thứ hai, họ muốn dừng lại.", "First, they wanted to stop."),
        ("Có lẽ sẽ tìm ra vào năm 68 hoặc 69.", "Expect it in '68 or '69."),
    ],
)
def test_a_span_that_states_no_other_number_is_left_alone(source, english):
    """A sign, an ambiguous ``m`` (metres or million) that reads right, a word ordinal, a short year that
    the source wrote as a bare number: nothing to write."""
    assert repair(source, english).english == english


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=500),
    st.integers(min_value=1, max_value=500),
    st.sampled_from([("from ", " to "), ("between ", " and "), ("", "-"), ("", " to the ")]),
    st.booleans(),
)
def test_a_range_with_one_end_broken_is_restored_in_its_own_style(low, gap, joint, break_low):
    high = low + gap
    lead, join = joint
    source = f"Khoảng {low} đến {high} người đã đến."
    good = f"About {lead}{low}{join}{high} people came."
    broken = (
        f"About {lead}{low + 1 if break_low else low}{join}{high if break_low else high + 1} people came."
    )
    if broken == good or low + 1 == high:
        return
    result = repair(source, broken)
    assert result.english == good, [
        (m.before.source.text, m.status_before, m.reason) for m in result.mentions
    ]


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("", ""),
        ("Có 5 người.", ""),
        ("", "There were 5 people."),
        ("5" * 400, "6" * 400),
        ("Đạt 1" + "0" * 60 + " đồng.", "It reached 2" + "0" * 60 + " dong."),
        ("Có \u200b5 người.", "There were \u200b6 people."),
        ("Có 5 người.\x00", "There were 6 people.\x00"),
        ("Đạt 940 tỷ đồng.", "<script>VND 941 billion</script>"),
    ],
    ids=["empty", "no-english", "no-source", "long-digits", "huge", "zero-width", "nul", "markup"],
)
def test_hostile_input_never_breaks_and_only_touches_number_spans(source, english):
    result = repair(source, english)
    assert isinstance(result.english, str)
    assert outside_spans_unchanged(result)


def test_decomposed_text_is_repaired_at_the_offsets_given():
    source = unicodedata.normalize("NFD", "Thu ngân sách đạt 940 tỷ đồng.")
    english = unicodedata.normalize("NFD", "Ngân sách thu VND 941 billion.")
    result = repair(source, english)
    assert result.english == unicodedata.normalize("NFD", "Ngân sách thu VND 940 billion.")


# ---------------------------------------------------------------- properties

counts = st.integers(min_value=2, max_value=99_999)


@settings(max_examples=150, deadline=None)
@given(counts, counts, st.sampled_from(["digit", "format", "scale"]))
def test_a_broken_number_is_restored_and_repair_is_idempotent(a, b, edit):
    source = f"Năm nay có {a:,} người đến và {b} triệu lượt khách.".replace(",", ".")
    good = f"This year {a:,} people came and {b} million visitors."
    if edit == "digit":
        broken = good.replace(f"{b} million", f"{b + 1} million")
    elif edit == "format":
        broken = good.replace(f"{a:,}", f"{a:,}".replace(",", ".")) if a >= 1000 else good
    else:
        broken = good.replace("million", "billion")
    result = repair(source, broken)
    assert result.ok, [(m.before.source.text, m.status_before, m.status, m.reason) for m in result.mentions]
    assert result.english == good
    again = repair(source, result.english)
    assert again.english == result.english and again.repaired == 0


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .,%$-/:abcđồngtỷ triệu", max_size=60), st.text(max_size=60))
def test_arbitrary_text_only_number_spans_change(source, english):
    result = repair(source, english)
    assert outside_spans_unchanged(result)
    assert len(result.mentions) == len(result.report.mentions)


# ---------------------------------------------------------------- check --fix


def test_cli_fix_writes_the_english_to_stdout_and_the_report_to_stderr(files, capsys):
    src = files("a.vi.txt", "Mở đầu.\nĐạt 940 tỷ đồng.\n")
    tgt = files("a.en.txt", "Opening.\nIt reached VND 941 billion.\n")
    assert main(["check", src, tgt, "--fix"]) == 0
    out, err = capsys.readouterr()
    assert out == "Opening.\nIt reached VND 940 billion.\n"
    assert "FIXED" in err and "VND 941 billion -> VND 940 billion" in err and "OK:" in err


def test_cli_fix_to_a_file_with_a_json_report(files, capsys, tmp_path):
    src = files("a.vi.txt", "Có 5 người và 7 xe.\n")
    tgt = files("a.en.txt", "There were 6 people and cars.\n")
    out_path = tmp_path / "fixed.en.txt"
    assert main(["check", src, tgt, "--fix", "-o", str(out_path), "--format", "json"]) == 1  # 7 is missing
    out, _err = capsys.readouterr()
    assert out_path.read_text(encoding="utf-8") == "There were 5 people and cars.\n"
    report = json.loads(out)
    assert [m["repair"]["status_before"] for m in report["mentions"]] == ["changed", "missing"]
    assert [m["status"] for m in report["mentions"]] == ["ok", "missing"]


def test_cli_fix_json_without_o_keeps_stdout_for_the_english(files, capsys):
    src = files("a.vi.txt", "Có 5 người.\n")
    tgt = files("a.en.txt", "There were 6 people.\n")
    assert main(["check", src, tgt, "--fix", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert out == "There were 5 people.\n" and json.loads(err)["ok"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--fix", "-o", "{tgt}"], "is also an input"),
        (["--fix", "--format", "html"], "not html"),
        (["-o", "{out}"], "-o goes with --pairs or --fix"),
    ],
)
def test_cli_fix_refusals(files, capsys, tmp_path, extra, message):
    src = files("a.vi.txt", "Có 5 người.\n")
    tgt = files("a.en.txt", "There were 6 people.\n")
    argv = ["check", src, tgt, *(a.format(tgt=tgt, out=tmp_path / "o.txt") for a in extra)]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors exit from the parser
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err
    with open(tgt, encoding="utf-8") as handle:
        assert handle.read() == "There were 6 people.\n"


def test_cli_fix_with_pairs_is_refused_in_one_line(files, capsys):
    pairs = files("p.jsonl", '{"id": 1, "source": "Có 5 người.", "translation": "There were 6 people."}\n')
    assert main(["check", "--pairs", pairs, "--fix"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--pairs --fix is not supported" in err
