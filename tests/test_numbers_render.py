"""render_en: every rule's examples, round trips through extract_en and check, styles, hostile values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.numbers import check, extract_en, extract_vi
from vnsumm.numbers.match import values_equal
from vnsumm.numbers.mention import KINDS, DateValue, Mention, RangeValue, TimeValue
from vnsumm.numbers.render_en import RULES, edit_distance, render, renderings, rule_for
from vnsumm.numbers.roman import int_to_roman

# Kinds an English mention may have for a Vietnamese one (the matcher's rule, stated for the test).
COMPATIBLE = {
    "number": {"number"},
    "percent": {"percent"},
    "date": {"date", "number"},  # a bare year reads as a number
    "time": {"time"},
    "range": {"range"},
    "ratio": {"ratio"},
    "ordinal": {"ordinal"},
    "code": {"code", "number"},  # Ring Road 4
    "decade": {"decade"},
    "score": {"score"},
}


def the_mention(sentence: str, kind: str) -> Mention:
    found = [m for m in extract_vi(sentence) if m.kind == kind]
    assert len(found) == 1, f"{sentence!r} -> {found}"
    return found[0]


def rendered(sentence: str) -> str:
    """The sentence with each number replaced by its rendering (the words around stay Vietnamese, so that
    every number keeps its place for the matcher's alignment)."""
    out = sentence
    for m in reversed(extract_vi(sentence)):
        out = out[: m.start] + render(m) + out[m.end :]
    return out


def assert_reads_back(m: Mention, sentence: str) -> None:
    """extract_en(render(m)) is one mention of an equal value and a compatible kind (a range may come back
    as its two ends, which the matcher joins), and the check of the sentence against the sentence with
    its numbers rendered passes."""
    english = render(m)
    # a score reads as one only beside a match word, as it stands in a sentence
    back = extract_en(f"They drew {english}." if m.kind == "score" else english)
    if m.unit == "weekday":  # thứ 6 is Friday: the matcher's weekday rule, not equal values
        assert [b.unit for b in back] == ["weekday"]
    elif len(back) == 2 and isinstance(m.value, RangeValue):
        assert values_equal(m.value.low, back[0].value) and values_equal(m.value.high, back[1].value)
    else:
        assert len(back) == 1, f"{m.text!r} -> {english!r} -> {back}"
        assert back[0].kind in COMPATIBLE[m.kind], (english, back[0].kind)
        assert any(values_equal(r, t) for r in m.readings for t in back[0].readings), (english, back[0])
    whole = rendered(sentence)
    report = check(sentence, whole)
    assert report.ok, (sentence, whole, [(c.source.text, c.status) for c in report.mentions])


def test_every_kind_has_a_rule_with_examples():
    """One rule per kind extract_vi makes (the quantity rule is named for what it writes: amounts)."""
    assert {"number" if rule.name == "amount" else rule.name for rule in RULES} == set(KINDS)
    assert all(rule.examples for rule in RULES)


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [example for rule in RULES for example in rule.examples],
    ids=[f"{rule.name}:{vi}" for rule in RULES for vi, _ in rule.examples],
)
def test_rule_examples(vietnamese, english):
    """Each rule's own examples: the house style, and read back by the checker."""
    found = extract_vi(vietnamese)
    assert len(found) >= 1
    m = next(m for m in found if rule_for(m) is not None and render(m) == english)
    assert rule_for(m) is not None
    assert_reads_back(m, vietnamese)


@pytest.mark.parametrize(
    ("sentence", "english"),
    [
        ("Thu đạt 32.439,8 tỷ đồng.", "VND 32,439.8 billion"),
        ("Mất 14,9 triệu đô la.", "US$14.9 million"),
        ("Đạt 1.000 nghìn tỷ đồng.", "VND 1,000 trillion"),
        ("Có 1,5 vạn người.", "15,000"),
        ("Có khoảng 1500 người.", "1500"),
        ("Số 45000 người.", "45,000"),
        ("Giá 2 triệu rưỡi.", "2.5 million"),
        ("Dài 1 dặm thôi.", "1 mile"),
        ("Nhiệt độ âm 5 độ.", "-5"),
        ("Tăng 6,0% so với năm trước.", "6.0%"),  # the source's decimals kept
        ("Đến 5h sáng thì về.", "5 a.m."),
        ("Lúc 0 giờ sáng.", "00:00"),
        ("Thế kỷ 20 đã qua.", "20th century"),
        ("Khóa XV Quốc hội.", "15th"),
        ("ngày 10 tháng 6 năm 2024", "June 10, 2024"),
        ("tháng 6 năm 2024", "June 2024"),
        ("từ 10/6 đến 15/6", "June 10–June 15"),
        ("Từ 7h-9h sáng.", "7 a.m.–9 a.m."),
        ("Có 3/20 xã.", "3 of 20"),
        ("Dịch COVID-19 bùng phát.", "COVID-19"),
        ("Một nửa số dân.", "half"),
    ],
)
def test_house_style(sentence, english):
    m = extract_vi(sentence)[0]
    assert render(m) == english
    assert_reads_back(m, sentence)


# Rendered, but the checker cannot read the English back yet: each needs a change in en.py or match.py
# (see the report of the repair issue). Strict: when the checker learns the form, the test says so.
UNREADABLE = [
    ("Trong tháng 5, giá tăng.", "date"),  # "May" alone is not read as a month (it is mostly the verb)
    ("Ngày 10 tới sẽ họp.", "date"),  # "the 10th" is an ordinal to extract_en, no day-of-month date
    ("Tháng 3-5 là mùa khô.", "range"),  # "March–May": "May" alone is not read as a month
    ("Tại Km12+300 có sự cố.", "code"),  # chainage
    ("Nghị quyết số 44/2024 được ban hành.", "code"),  # "44/2024" is a ratio in English, a code here
    ("Theo Quyết định 12/QĐ-UBND.", "code"),  # document numbers
]


@pytest.mark.parametrize(("sentence", "kind"), UNREADABLE)
@pytest.mark.xfail(strict=True, reason="extract_en/match cannot read this rendering back yet")
def test_renderings_the_checker_cannot_read_yet(sentence, kind):
    assert_reads_back(the_mention(sentence, kind), sentence)


# ---------------------------------------------------------------- properties over generated mentions


def vi_number(value: Decimal) -> str:
    """Vietnamese digits: ``.`` groups thousands, ``,`` marks decimals."""
    whole, _, fraction = f"{value.normalize():f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + fraction if fraction else "")


amounts = st.decimals(min_value=1, max_value=999_999, places=2, allow_nan=False, allow_infinity=False).filter(
    lambda d: d == d.normalize() or True
)
scales = st.sampled_from(["", " nghìn", " triệu", " tỷ", " nghìn tỷ"])
units = st.sampled_from(["", " đồng", " USD", " km", " tấn", " ha", " người", " lượt"])


@st.composite
def sentences(draw) -> tuple[str, str]:
    """(Vietnamese sentence, kind of its one mention), over every kind extract_vi makes."""
    kind = draw(
        st.sampled_from(["number", "percent", "date", "time", "range", "ratio", "ordinal", "code", "decade"])
    )
    if kind == "number":
        text = f"Tổng cộng đạt {vi_number(draw(amounts))}{draw(scales)}{draw(units)} trong đợt này."
    elif kind == "percent":
        value = draw(st.decimals(min_value=0, max_value=100, places=1))
        text = f"Tỷ lệ tăng {vi_number(value)}% so với cùng kỳ."
    elif kind == "date":
        year, day = draw(st.integers(1950, 2099)), draw(st.integers(1, 28))
        month = draw(st.integers(1, 12).filter(lambda n: n != 5))  # "May" alone: see UNREADABLE
        text = draw(
            st.sampled_from(
                [
                    f"Sáng {day}/{month}, đoàn đến thăm.",
                    f"Ngày {day:02d}-{month:02d}-{year}, hội nghị diễn ra.",
                    f"Trong tháng {month}, giá tăng.",
                    f"Trong năm {year}, giá tăng.",
                    f"Vào ngày {day} tháng {month} năm {year}, trời mưa.",
                ]
            )
        )
    elif kind == "time":
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        text = draw(
            st.sampled_from(
                [f"Lúc {hour}:{minute:02d}, xe đến.", f"Đến {draw(st.integers(1, 11))} giờ tối thì mưa."]
            )
        )
    elif kind == "range":
        low = draw(st.integers(1, 500))
        high = low + draw(st.integers(1, 500))
        text = draw(
            st.sampled_from(
                [
                    f"Giai đoạn {low + 1900}-{high + 1900} tăng trưởng.",
                    f"Giá từ {low} đến {high} triệu đồng.",
                    f"Chiếm {min(low, 99)} - {min(high, 100) if high <= 100 else 100}% dân số.",
                ]
            )
        )
        if "%" in text and min(low, 99) >= (min(high, 100) if high <= 100 else 100):
            text = "Chiếm 10 - 20% dân số."
    elif kind == "ratio":
        whole = draw(st.integers(13, 400))
        part = draw(st.integers(1, whole))
        text = f"Có {part}/{whole} huyện đạt chuẩn."
    elif kind == "ordinal":
        n = draw(st.integers(1, 60))
        quarter, year = int_to_roman(draw(st.integers(1, 4))), draw(st.integers(1990, 2030))
        text = draw(
            st.sampled_from(
                [
                    f"Đại hội lần thứ {int_to_roman(n)} của Đảng.",
                    f"Trong quý {quarter}/{year}, lãi tăng.",
                    f"Đây là hạng thứ {n} trong bảng.",
                ]
            )
        )
    elif kind == "code":
        n = draw(st.integers(1, 99))
        text = draw(
            st.sampled_from(
                [
                    f"Dự án Vành đai {n} khởi công.",
                    f"Nghị quyết số {n} được ban hành.",
                    f"Dịch COVID-{n} bùng phát.",
                ]
            )
        )
    else:
        text = f"Vào những năm {draw(st.integers(1, 9))}0, kinh tế khó khăn."
    return text, kind


@settings(max_examples=400, deadline=None)
@given(sentences())
def test_rendering_reads_back_as_the_same_value(case):
    sentence, kind = case
    found = extract_vi(sentence)
    assert kind in {m.kind for m in found}, (sentence, found)
    for m in found:
        assert_reads_back(m, sentence)


@settings(max_examples=200, deadline=None)
@given(sentences())
def test_every_rendering_a_rule_knows_is_text(case):
    """No empty form, none with Vietnamese separators left in (``32.439,8``)."""
    sentence, _kind = case
    for m in extract_vi(sentence):
        forms = renderings(m)
        assert forms and all(f and f == f.strip() for f in forms)
        assert not any(f.count(",") and f.count(".") and f.index(".") < f.index(",") for f in forms)


# ---------------------------------------------------------------- style of the text replaced


@pytest.mark.parametrize(
    ("sentence", "like", "expected"),
    [
        ("Có 1.500 người.", "1.5 thousand", "1.5 thousand"),
        ("Có 1.500 người.", "1,501", "1,500"),
        ("Tăng 12%.", "13 percent", "12 percent"),
        ("Tăng 12%.", "13 per cent", "12 per cent"),
        ("Có 8 người.", "nine", "eight"),
        ("Có 3 người.", "Four", "Three"),
        ("Có 13 ngàn đô la.", "$13.000", "$13,000"),
        ("Đạt 32.439,8 tỷ đồng.", "VND 32.4 trillion", "VND 32.4398 trillion"),
        ("Đạt 23 triệu lượt.", "23 billion", "23 million"),
        ("Nặng 95kg.", "96 kg", "95 kg"),
        ("Bán 280.000 Euros.", "280.000 Euros", "280,000 Euros"),
        ("Năm 1835 ông sinh ra.", "' 36", "' 35"),
        ("Vào những năm 80, nhạc rock.", "81", "80"),
        ("Có 2 tá trứng.", "three dozen", "two dozen"),
    ],
)
def test_like_keeps_the_replaced_style(sentence, like, expected):
    m = extract_vi(sentence)[0]
    assert render(m, like=like) == expected


def test_edit_distance():
    assert edit_distance("", "") == 0
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("12", "") == 2


# ---------------------------------------------------------------- hostile values


@pytest.mark.parametrize(
    "m",
    [
        Mention("0", 0, 1, "number", Decimal(0)),
        Mention("-0", 0, 2, "number", Decimal("-0")),
        Mention("1e30", 0, 4, "number", Decimal("1E+30")),
        Mention("0,000001", 0, 8, "number", Decimal("0.000001")),
        Mention("x", 0, 1, "date", DateValue()),
        Mention("x", 0, 1, "time", TimeValue(24, 0)),
        Mention("x", 0, 1, "ordinal", Decimal(0)),
        Mention("x", 0, 1, "ordinal", Decimal(99999)),
        Mention("x", 0, 1, "number", Decimal(5), unit="no-such-unit"),
        Mention("x", 0, 1, "mystery", Decimal(5)),
        Mention("x", 0, 1, "range", RangeValue(Decimal(1), DateValue(2020))),
    ],
    ids=repr,
)
def test_odd_values_render_without_error(m):
    text = render(m)
    assert isinstance(text, str) and text
    assert "E+" not in text and "e+" not in text


def test_a_mention_no_rule_takes_comes_back_as_its_text():
    assert render(Mention("???", 0, 3, "mystery", "???")) == "???"
