"""extract_vi: every Vietnamese number form the issue lists, tricky non-numbers, round-trip properties."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.numbers.mention import DateValue, Mention, RangeValue, RatioValue, TimeValue
from vnsumm.numbers.roman import int_to_roman, roman_to_int
from vnsumm.numbers.vi import extract_vi, parse_numeral

D = Decimal


def only(text: str, *, soft: bool = False) -> list[Mention]:
    return [m for m in extract_vi(text) if m.soft == soft]


def one(text: str) -> Mention:
    found = only(text)
    assert len(found) == 1, f"{text!r} -> {found}"
    return found[0]


# (sentence, mention text, kind, value, unit)
CASES = [
    # lunar dates: a lunar month name, or a mark after the date
    ("xảy ra hôm 24 tháng Chạp.", "24 tháng Chạp", "date", DateValue(None, 12, 24, lunar=True), None),
    (
        "mùng 5 tháng Giêng năm 2024",
        "5 tháng Giêng năm 2024",
        "date",
        DateValue(2024, 1, 5, lunar=True),
        None,
    ),
    ("diễn ra ngày 15/8 âm lịch", "15/8", "date", DateValue(None, 8, 15, lunar=True), None),
    ("ngày 10/3 (ÂL) hằng năm", "10/3", "date", DateValue(None, 3, 10, lunar=True), None),
    # the hour written with g, and a capital H or G that names
    ("Vụ cháy xảy ra lúc 3g sáng.", "3g sáng", "time", TimeValue(3), None),
    ("Họp lúc 14g30.", "14g30", "time", TimeValue(14, 30), None),
    ("mua 3g vàng", "3g", "number", D(3), "g"),
    ("tại phân khu 363H", "363H", "code", "363H", None),
    ("phủ sóng mạng 5G", "5G", "code", "5G", None),
    # separators, scale words and currencies
    ("Tổng giá trị đạt 32.439,8 tỷ đồng.", "32.439,8 tỷ đồng", "number", D("32439800000000"), "VND"),
    ("Thu hút 1.119,7 triệu USD vốn FDI.", "1.119,7 triệu USD", "number", D("1119700000"), "USD"),
    ("khách quốc tế trên 180.000 lượt", "180.000", "number", D(180000), "lượt"),
    ("thu đạt 233,175 nghìn tỷ đồng", "233,175 nghìn tỷ đồng", "number", D("233175e9"), "VND"),
    ("dân số 35830 người", "35830", "number", D(35830), "người"),
    ("có 2,3 triệu người", "2,3 triệu", "number", D(2300000), "người"),
    ("mất 2 tỉ tỉ năm", "2 tỉ tỉ", "number", D("2e18"), "năm"),
    ("giá 500.000đ một suất", "500.000đ", "number", D(500000), "VND"),
    ("tốn 1 triệu đô la", "1 triệu đô la", "number", D(1000000), "USD"),
    ("có giá $100 thôi", "$100", "number", D(100), "USD"),
    ("với 14.9 triệu đô la trong tài khoản", "14.9 triệu đô la", "number", D(14900000), "USD"),
    ("bán với giá 280,000 Euros.", "280,000 Euros", "number", D(280000), "EUR"),
    ("khoảng 2 triệu rưỡi người", "2 triệu rưỡi", "number", D(2500000), "người"),
    ("hơn 2 tá loại nước", "2 tá", "number", D(24), "loại"),
    # negative numbers
    ("nhiệt độ xuống -5 độ C", "-5 độ C", "number", D(-5), "°C"),
    ("nhiệt độ âm 5 độ", "âm 5 độ", "number", D(-5), "°"),
    # measures written together with the number
    ("tăng đến 95kg.", "95kg", "number", D(95), "kg"),
    ("dài 20 cm", "20 cm", "number", D(20), "cm"),
    ("rộng 150 ha", "150 ha", "number", D(150), "ha"),
    # percent
    ("tăng trưởng đạt 5,5%.", "5,5%", "percent", D("5.5"), None),
    ("khoảng 85 phần trăm dân số", "85 phần trăm", "percent", D(85), None),
    ("tăng 6,0%", "6,0%", "percent", D("6.0"), None),
    # dates
    ("Sáng 10/6, đoàn đến thăm", "10/6", "date", DateValue(month=6, day=10), None),
    ("vào ngày 20/6 tới", "20/6", "date", DateValue(month=6, day=20), None),
    ("Cập nhật 11-06-2024", "11-06-2024", "date", DateValue(2024, 6, 11), None),
    ("Ngày Giải phóng 10/10/1954", "10/10/1954", "date", DateValue(1954, 10, 10), None),
    ("ngày 10 tháng 6 năm 2024 tại Hà Nội", "ngày 10 tháng 6 năm 2024", "date", DateValue(2024, 6, 10), None),
    ("từ tháng 11 đến nay", "tháng 11", "date", DateValue(month=11), None),
    ("đến hết năm 2024, tỉnh đặt mục tiêu", "năm 2024", "date", DateValue(year=2024), None),
    ("trong tháng 6/2024", "tháng 6/2024", "date", DateValue(2024, 6), None),
    ("vay từ tháng 4-2017 để", "tháng 4-2017", "date", DateValue(2017, 4), None),
    ("sự kiện 11 / 9,", "11 / 9", "date", DateValue(month=9, day=11), None),
    ("Sinh viên (SN 1995) bị bắt", "SN 1995", "date", DateValue(year=1995), None),
    # times
    ("Cập nhật 10:41 hôm nay", "10:41", "time", TimeValue(10, 41), None),
    ("xuất phát lúc 5h", "5h", "time", TimeValue(5), None),
    ("khoảng 18h30 ngày hôm qua", "18h30", "time", TimeValue(18, 30), None),
    ("lúc 7 giờ sáng", "7 giờ sáng", "time", TimeValue(7), None),
    ("khoảng 7 giờ tối", "7 giờ tối", "time", TimeValue(19), None),
    ("khoảng 3h chiều", "3h chiều", "time", TimeValue(15), None),
    # ranges
    ("trong giai đoạn (2019-2022), đã", "2019-2022", "range", RangeValue(D(2019), D(2022)), None),
    ("ở độ tuổi từ 16 đến 24", "16 đến 24", "range", RangeValue(D(16), D(24)), None),
    ("giai đoạn 2021 - 2030", "2021 - 2030", "range", RangeValue(D(2021), D(2030)), None),
    ("khoảng 60 – 70 người", "60 – 70", "range", RangeValue(D(60), D(70)), "người"),
    ("thu nhập 2-3 triệu đồng", "2-3 triệu đồng", "range", RangeValue(D(2000000), D(3000000)), "VND"),
    ("có đến 50 - 60% người", "50 - 60%", "range", RangeValue(D(50), D(60)), "%"),
    (
        "kỷ niệm (10/10/1954 - 10/10/2024)",
        "10/10/1954 - 10/10/2024",
        "range",
        RangeValue(DateValue(1954, 10, 10), DateValue(2024, 10, 10)),
        None,
    ),
    ("trong năm 2024-2025", "năm 2024-2025", "range", RangeValue(DateValue(2024), DateValue(2025)), None),
    (
        "ngày 10-12/6 tới",
        "10-12/6",
        "range",
        RangeValue(DateValue(None, 6, 10), DateValue(None, 6, 12)),
        None,
    ),
    # ratios
    ("Toàn bộ 18/18 huyện đạt chuẩn", "18/18", "ratio", RatioValue(D(18), D(18)), None),
    ("382/382 xã đạt tiêu chí", "382/382", "ratio", RatioValue(D(382), D(382)), None),
    # ordinals and Roman numerals
    ("kỳ họp thứ 7 Quốc hội", "thứ 7", "ordinal", D(7), None),
    ("điều thứ 2 bà muốn", "thứ 2", "ordinal", D(2), None),
    ("Đại hội lần thứ XVIII Đảng bộ", "thứ XVIII", "ordinal", D(18), None),
    ("Quốc hội khóa XV đã", "khóa XV", "ordinal", D(15), None),
    ("Đại hội XIII của Đảng", "Đại hội XIII", "ordinal", D(13), None),
    ("của thế kỉ 20, tham gia", "thế kỉ 20", "ordinal", D(20), "century"),
    ("vào thứ 7 tuần tới", "thứ 7", "ordinal", D(7), "weekday"),
    ("có 4 đồng chí dự", "4", "number", D(4), "đồng chí"),  # comrades, no currency
    ("tại kỳ họp thứ 6, Quốc hội", "thứ 6", "ordinal", D(6), None),  # a sequence noun: the sixth session
    ("lần thứ 2.", "thứ 2", "ordinal", D(2), None),
    # codes
    ("dự án đường Vành đai 4 - Vùng Thủ đô", "Vành đai 4", "code", D(4), None),
    ("tại Nghị quyết số 44 của Chính phủ", "Nghị quyết số 44", "code", D(44), None),
    ("theo Quyết định số 123/QĐ-UBND ngày", "123/QĐ-UBND", "code", "123/QĐ-UBND", None),
    ("theo Nghị định 15/2018/NĐ-CP về", "15/2018/NĐ-CP", "code", "15/2018/NĐ-CP", None),
    ("dịch COVID-19 lan rộng", "COVID-19", "code", "COVID-19", None),
    ("tuyến cao tốc A58 mới", "A58", "code", "A58", None),
    ("gọi số 0912.345.678 để", "0912.345.678", "code", "0912345678", None),
    ("xe mang BKS 29A - 784.09 đi", "29A - 784.09", "code", "29A-784.09", None),
    ("tại Km 40+800 cao tốc", "Km 40+800", "code", "Km40+800", None),
    # decades
    ("trong những năm 90 của thế kỷ trước", "những năm 90", "decade", D(1990), None),
    ("từ thập niên 1990", "thập niên 1990", "decade", D(1990), None),
    ("cho đến thập niên 80.", "thập niên 80", "decade", D(1980), None),
]


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit"), CASES, ids=[c[1] for c in CASES])
def test_form(sentence: str, text: str, kind: str, value: object, unit: str | None) -> None:
    m = one(sentence)
    assert (m.text, m.kind, m.value, m.unit) == (text, kind, value, unit)
    assert sentence[m.start : m.end] == m.text


def test_quarter_with_year_is_an_ordinal_and_a_year() -> None:
    found = only("tổng sản phẩm quý II/2024 ước tăng 6,44%")
    assert [(m.text, m.kind, m.value, m.unit) for m in found] == [
        ("quý II", "ordinal", D(2), "quarter"),
        ("2024", "date", DateValue(year=2024), None),
        ("6,44%", "percent", D("6.44"), None),
    ]


def test_dateline_is_a_time_then_a_date() -> None:
    assert [(m.kind, m.value) for m in only("10:41 11-06-2024")] == [
        ("time", TimeValue(10, 41)),
        ("date", DateValue(2024, 6, 11)),
    ]


# Ambiguous separators keep the other reading.
@pytest.mark.parametrize(
    ("numeral", "value", "alternatives"),
    [
        ("2.100", D(2100), (D("2.1"),)),
        ("10,000", D(10000), ()),  # a group 000 is never a decimal
        ("10.000", D(10000), ()),
        ("17,316", D("17.316"), (D(17316),)),
        ("5,5", D("5.5"), ()),
        ("32.439,8", D("32439.8"), ()),
        ("1,119.7", D("1119.7"), ()),
        ("1.000.000", D(1000000), ()),
        ("14.9", D("14.9"), ()),
        ("0,500", D("0.500"), ()),
    ],
)
def test_parse_numeral(numeral: str, value: Decimal, alternatives: tuple[Decimal, ...]) -> None:
    assert parse_numeral(numeral) == (value, alternatives)


def test_comma_group_before_a_scale_word_is_decimal() -> None:
    assert parse_numeral("233,175", before_scale=True) == (D("233.175"), (D(233175),))
    assert parse_numeral("10,000", before_scale=True) == (D(10), (D(10000),))


@pytest.mark.parametrize("numeral", ["1.2.3", "0912.345.678", "12.34.567"])
def test_parse_numeral_refuses_non_numbers(numeral: str) -> None:
    assert parse_numeral(numeral) is None


def test_ambiguous_sentence_value_keeps_alternative() -> None:
    m = one("Và hơn 17,316 thiết bị AED ở Hà Lan")
    assert (m.value, m.alternatives) == (D("17.316"), (D(17316),))
    assert one("Và hơn 10,000 thiết bị AED ở Hà Lan").alternatives == ()  # ten is never written so


def test_slash_ratio_or_date_keeps_the_other_reading() -> None:
    small = one("khoảng 3/4 số người")
    assert (small.kind, small.value, small.alternatives) == (
        "ratio",
        RatioValue(D(3), D(4)),
        (DateValue(month=4, day=3),),
    )
    big = one("khai mạc 24/7 tại sân")
    assert (big.kind, big.value, big.alternatives) == (
        "date",
        DateValue(month=7, day=24),
        (RatioValue(D(24), D(7)),),
    )


# --- things that are not numbers, or not the number they look like --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "",
        "Hà Nội - Hà Giang: Tăng cường hợp tác, phát huy thế mạnh",
        "đạt được một số kết quả nổi bật",
        "làm việc một cách hiệu quả",
        "năm nay kinh tế tăng trưởng tốt",
        "ba của mẹ mất sớm",
        "vào thứ hai tuần tới",
        "những năm tháng khó khăn",
        "Thủ đô Hà Nội ngàn năm văn hiến",
        "quả chín rụng đầy vườn",
    ],
)
def test_no_number(sentence: str) -> None:
    assert extract_vi(sentence) == []


def test_covid_19_is_a_code_not_a_range() -> None:
    assert [(m.kind, m.value) for m in extract_vi("đại dịch COVID-19 năm 2020")] == [
        ("code", "COVID-19"),
        ("date", DateValue(year=2020)),
    ]


def test_phone_number_is_no_money() -> None:
    found = extract_vi("Liên hệ 0969.576.288 hoặc 0375 893 424 để biết 500.000 đồng")
    assert [(m.kind, m.value) for m in found] == [
        ("code", "0969576288"),
        ("code", "0375893424"),
        ("number", D(500000)),
    ]


def test_score_is_one_value_never_a_range() -> None:
    found = extract_vi("thắng với tỉ số 2-1")
    assert [(m.kind, m.value) for m in found] == [("score", "2-1")]
    assert [(m.kind, m.value) for m in extract_vi("giá tăng 2-3 lần")] == [("range", RangeValue(D(2), D(3)))]


def test_duration_in_hours_is_no_time() -> None:
    m = one("có hơn 48 giờ video được tải lên")
    assert (m.kind, m.value, m.unit) == ("number", D(48), "giờ")


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "unit"),
    [
        ("Lúc 16 h chiều nay.", "16 h chiều", "time", "16h", None),
        ("Khoảng 10h (16 h giờ Việt Nam).", "16 h", "time", "16h", None),
        ("Đã có 5 ca trong 24h qua.", "24h", "number", "24", "giờ"),
        ("Mưa lớn suốt 72h.", "72h", "number", "72", "giờ"),
        ("Sau 48 h, họ về.", "48 h", "number", "48", "giờ"),
        ("Khai mạc lúc 18h.", "18h", "time", "18h", None),
    ],
)
def test_an_hour_written_h_is_a_time_with_a_cue_and_else_a_span(
    sentence: str, text: str, kind: str, value: str, unit: str | None
) -> None:
    m = next(m for m in extract_vi(sentence) if m.text == text)
    assert (m.kind, str(m.value), m.unit) == (kind, value, unit)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Máy bay Boeing 747 của hãng.", "747", D(747)),
        ("Tàu ngầm Type 093 của Trung Quốc.", "093", "093"),
        ("Máy bay Boeing 747-200 của IranAir.", "747-200", "747-200"),
        ("Trên kênh VTV 9 tối nay.", "VTV 9", "VTV 9"),
        ("Phòng PC 02 Công an tỉnh.", "PC 02", "PC 02"),
    ],
)
def test_a_number_after_a_foreign_name_or_acronym_is_a_code(sentence: str, text: str, value: object) -> None:
    m = one(sentence)
    assert (m.text, m.kind, m.value) == (text, "code", value)


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("Hắn đưa cho Mai 2 bánh heroin.", "number", D(2), None),  # ``Mai``: a Vietnamese name
        ("Sau 7 ngày điều trị.", "number", D(7), "ngày"),
        ("Miss Universe 2018 có nhiều thí sinh.", "number", D(2018), None),  # a year
        ("Giá USD 500 mỗi tấn.", "number", D(500), "USD"),  # money
        ("Google 3 lần bị phạt.", "number", D(3), "lần"),  # a count
        ("Facebook 2 triệu người dùng.", "number", D(2_000_000), "người"),
    ],
)
def test_a_number_after_a_name_that_counts_stays_a_count(
    sentence: str, kind: str, value: object, unit: str | None
) -> None:
    m = one(sentence)
    assert (m.kind, m.value, m.unit) == (kind, value, unit)


def test_year_is_no_five() -> None:
    assert [(m.text, m.kind) for m in extract_vi("Năm 17 tuổi, bà trở thành vợ")] == [("17", "number")]


def test_counter_stays_outside_the_text() -> None:
    m = one("đạt trên 3 triệu lượt người")
    assert (m.text, m.unit) == ("3 triệu", "lượt")


def test_mentions_are_sorted_disjoint_and_point_into_the_text(sample_text: str) -> None:
    found = extract_vi(sample_text)
    assert len(found) > 80
    for m in found:
        assert sample_text[m.start : m.end] == m.text
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


# --- number words (soft) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("qua ba thế hệ", "ba", D(3)),
        ("trong suốt năm ngày đêm", "năm", D(5)),
        ("đã có hai cô con gái nhỏ", "hai", D(2)),
        ("có hai mươi mốt người", "hai mươi mốt", D(21)),
        ("mười lăm người", "mười lăm", D(15)),
        ("một trăm linh năm người", "một trăm linh năm", D(105)),
        ("một nửa khách hàng", "một nửa", D("0.5")),
        ("khoảng hai triệu đô-la", "hai triệu đô-la", D(2000000)),
    ],
)
def test_number_words_are_soft(sentence: str, text: str, value: Decimal) -> None:
    found = extract_vi(sentence)
    assert [(m.text, m.value, m.soft) for m in found] == [(text, value, True)]


def test_twenty_years_is_not_twenty_five() -> None:
    assert [(m.text, m.value) for m in extract_vi("hai mươi năm qua")] == [("hai mươi", D(20))]


# --- Roman numerals -------------------------------------------------------------------------------


def test_roman_round_trip() -> None:
    assert all(roman_to_int(int_to_roman(n)) == n for n in range(1, 5000))


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "iv", "MMMMM", "XVIIII", "ABC"])
def test_roman_rejects_invalid(text: str) -> None:
    assert roman_to_int(text) is None


def test_int_to_roman_out_of_range() -> None:
    with pytest.raises(ValueError):
        int_to_roman(0)


# --- properties: render a value the Vietnamese way, extract it back -------------------------------

_SCALE_WORDS = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9, "nghìn tỷ": 10**12}


def render_vi(number: Decimal) -> str:
    """Vietnamese digits: ``.`` between thousands, ``,`` before decimals (32.439,8)."""
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer) > 3:
        integer, groups = integer[:-3], [integer[-3:], *groups]
    text = ".".join([integer, *groups])
    return sign + (f"{text},{fraction}" if fraction else text)


_amounts = st.integers(min_value=0, max_value=10**13)
_decimals = st.builds(
    lambda whole, frac, places: Decimal(whole) + Decimal(frac).scaleb(-places),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=99),
    st.sampled_from([2, 3]),
).filter(lambda d: d != d.to_integral_value())


@settings(max_examples=300, deadline=None)
@given(_amounts)
def test_integers_round_trip(n: int) -> None:
    m = one(f"Tổng cộng có {render_vi(Decimal(n))} người tham gia.")
    assert m.value == n or n in m.alternatives


@settings(max_examples=200, deadline=None)
@given(_decimals)
def test_decimals_round_trip(d: Decimal) -> None:
    m = one(f"Chỉ số đạt {render_vi(d)} điểm.")
    assert m.value == d or d in m.alternatives


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(sorted(_SCALE_WORDS)),
)
def test_scaled_amounts_round_trip(whole: int, tenth: int, scale: str) -> None:
    base = Decimal(whole) + Decimal(tenth) / 10
    m = one(f"Doanh thu đạt {render_vi(base.normalize())} {scale} đồng.")
    assert (m.value, m.unit, m.kind) == (base * _SCALE_WORDS[scale], "VND", "number")
    assert m.text.endswith(" đồng")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=0, max_value=9))
def test_percents_round_trip(whole: int, tenth: int) -> None:
    p = Decimal(whole) + Decimal(tenth) / 10
    m = one(f"Tăng trưởng đạt {render_vi(p.normalize())}% so với cùng kỳ.")
    assert (m.kind, m.value) == ("percent", p)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(100, 1, 1), max_value=date(2999, 12, 31)), st.booleans())
def test_dates_round_trip(day: date, in_words: bool) -> None:
    in_words = in_words or day.year < 1000  # three-digit years are written out: ngày 1 tháng 1 năm 938
    text = (
        f"ngày {day.day} tháng {day.month} năm {day.year}"
        if in_words
        else f"{day.day}/{day.month}/{day.year:04d}"
    )
    m = one(f"Sự kiện diễn ra {text} tại Hà Nội.")
    assert (m.kind, m.value) == ("date", DateValue(day.year, day.month, day.day))


# --- speed: measured here, asserted as a ratio against a trivial regex scan of the same sentences -


def test_extraction_cost_is_a_small_multiple_of_a_plain_scan(sample_text: str) -> None:
    import re

    sentences = [s for s in re.split(r"(?<=[.;!?])\s+|\n+", sample_text) if s.strip()]
    digits = re.compile(r"\w+")

    def clock(fn) -> float:
        start = time.perf_counter()
        for _ in range(5):
            for s in sentences:
                fn(s)
        return time.perf_counter() - start

    extract_vi(sample_text)
    ratio = clock(extract_vi) / clock(digits.findall)
    assert ratio < 200, f"extract_vi costs {ratio:.0f}x a word scan"


def test_nfd_text_gives_offsets_into_the_text_as_given() -> None:
    import unicodedata

    nfc = "Thu ngân sách đạt 2.100 tỷ đồng, tăng 39,1%."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    expected = [(m.kind, m.value, m.unit) for m in extract_vi(nfc)]
    found = extract_vi(nfd)
    assert [(m.kind, m.value, m.unit) for m in found] == expected
    assert [m.text for m in found] == [nfd[m.start : m.end] for m in found]
    assert unicodedata.normalize("NFC", found[0].text) == "2.100 tỷ đồng"


def test_dong_before_chi_is_no_currency_in_digits_or_words() -> None:
    for text in ("Có 4 đồng chí dự.", "Có bốn đồng chí dự."):
        assert [m.unit for m in extract_vi(text)] == ["đồng chí"]
    assert [m.unit for m in extract_vi("Giá năm đồng.")] == ["VND"]
