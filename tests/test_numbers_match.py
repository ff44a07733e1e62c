"""Matching by value: equivalences across languages, statuses, report shape and determinism."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vnsumm.numbers import MentionCheck, NumberReport, check

EQUIVALENT = [
    ("Đạt 32.439,8 tỷ đồng.", "It reached VND 32,439.8 billion."),
    ("Đạt 32.439,8 tỷ đồng.", "It reached 32.4398 trillion dong."),
    ("Thu 233,175 nghìn tỷ đồng.", "Revenue was VND 233.175 trillion."),
    ("Thu hút 1.119,7 triệu USD.", "It attracted USD 1.1197 billion."),
    ("Sáng 10/6, đoàn đến.", "On the morning of June 10, the delegation arrived."),
    ("GRDP quý II tăng 6,44%.", "GRDP grew 6.44% in Q2."),
    ("GRDP quý II tăng 6,44%.", "GRDP grew 6.44% in the second quarter."),
    ("Toàn bộ 18/18 huyện đạt chuẩn.", "18 of 18 districts met the standard."),
    ("Toàn bộ 18/18 huyện đạt chuẩn.", "All 18 districts met the standard."),
    ("Có 7 người.", "There were seven people."),
    ("Đại hội lần thứ XVIII.", "The 18th Congress."),
    ("Tăng trưởng 5,5%.", "Growth was 5.5 per cent."),
    ("Sau 3 năm (2019-2022).", "After three years (2019–2022)."),
    ("Tổng 180.000 lượt.", "A total of 180,000 visits."),
]


@pytest.mark.parametrize(("source", "translation"), EQUIVALENT)
def test_equivalent_forms_are_ok(source, translation):
    report = check(source, translation)
    assert report.mentions, "the source number was not extracted"
    assert [m.status for m in report.mentions] == ["ok"] * len(report.mentions)
    assert report.ok


def status_of(source: str, translation: str, **kw) -> list[str]:
    return [m.status for m in check(source, translation, **kw).mentions if not m.source.soft]


def test_changed_digit():
    assert status_of("Có 940 tỷ đồng.", "There was VND 941 billion.") == ["changed"]


def test_changed_scale_word():
    assert status_of("Đạt 32.439,8 tỷ đồng.", "It reached VND 32,439.8 million.") == ["changed"]


def test_ambiguous_vietnamese_group_accepts_either_reading():
    # "2.100" in Vietnamese text may be 2100 or (English-style) 2.1: both renderings are accepted.
    assert status_of("Thu 2.100 tỷ đồng.", "Revenue was VND 2,100 billion.") == ["ok"]


def test_missing_number():
    report = check("Có 6.700 hộ được hỗ trợ.", "Households were supported.")
    assert [m.status for m in report.mentions] == ["missing"]
    assert report.mentions[0].target is None and not report.ok


def test_rounded_is_ok_only_when_allowed():
    source, translation = "Đạt 32.439,8 tỷ đồng.", "It reached VND 32.4 trillion."
    strict_report = check(source, translation)
    assert [m.status for m in strict_report.mentions] == ["rounded"] and not strict_report.ok
    assert check(source, translation, allow_rounding=True).ok


@pytest.mark.parametrize("translation", ["It reached VND 32.439,8 billion.", "They travelled 2.000 miles."])
def test_vietnamese_separators_in_english_are_format(translation):
    source = "Đạt 32.439,8 tỷ đồng." if "32" in translation else "Họ đi 2.000 dặm."
    assert status_of(source, translation) == ["format"]


def test_english_extra_number_is_reported():
    report = check("Có 5 người.", "There were 5 people and 12 dogs.")
    assert [m.text for m in report.extra] == ["12"]
    assert report.ok  # an extra number is shown, but every source number is there


def test_one_to_one_assignment():
    # One English 5 cannot stand for two Vietnamese 5s; which one was lost is unknowable, so both are
    # reported (each keeps the target it was closest to, or none).
    report = check("Có 5 người và 5 con chó.", "There were 5 people and dogs.")
    assert [m.status for m in report.mentions if not m.source.soft] == ["missing", "missing"]
    assert not report.ok


def test_duplicates_fully_present_are_ok():
    assert status_of("Có 5 người và 5 con chó.", "There were 5 people and 5 dogs.") == ["ok", "ok"]


def test_the_article_renders_vietnamese_one():
    assert status_of("Tôi đã làm 1 nghiên cứu.", "I did a study.") == ["ok"]


def test_soft_words_fail_only_under_strict():
    report = check("Tôi có hai con mèo.", "I have cats.")
    soft = [m for m in report.mentions if m.source.soft]
    assert soft and soft[0].status == "missing"
    assert report.ok
    assert not check("Tôi có hai con mèo.", "I have cats.", strict=True).ok


def test_to_dict_shape_and_offsets():
    report = check("Có 5 người.", "There were 5 people and 12 dogs.")
    d = report.to_dict(source_offset=100, target_offset=1000)
    assert set(d) == {"ok", "mentions", "extra"}
    (m,) = d["mentions"]
    assert set(m) == {"source", "kind", "value", "status", "target", "unit", "soft"}
    assert m["source"] == {"text": "5", "start": 103, "end": 104}
    assert m["target"] == {"text": "5", "start": 1011, "end": 1012}
    assert d["extra"] == [{"text": "12", "start": 1024, "end": 1026}]
    assert m["value"] == 5 and m["status"] == "ok"


def test_report_types_are_frozen():
    report = check("Có 5 người.", "There were 5 people.")
    assert isinstance(report, NumberReport) and isinstance(report.mentions[0], MentionCheck)
    with pytest.raises(AttributeError):
        report.mentions[0].status = "missing"  # type: ignore[misc]


def test_deterministic():
    source = "Có 5 người, 5 con chó, 3 con mèo và 10/6 là ngày đó."
    translation = "There were five people, 5 dogs, 3 cats and June 10 was the day."
    assert check(source, translation).to_dict() == check(source, translation).to_dict()


def test_empty_texts():
    report = check("", "")
    assert report.mentions == () and report.extra == () and report.ok


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200b\u00ad"])
def test_invisible_characters_between_number_and_scale_are_no_false_alarm(invisible: str) -> None:
    source = f"Tổng giá trị đạt 32.439,8{invisible} tỷ đồng."
    report = check(source, "Total value reached VND 32,439.8 billion.")
    (mention,) = report.mentions
    assert report.ok and mention.status == "ok"
    assert source[mention.source.start : mention.source.end] == mention.source.text
    assert mention.source.text.startswith("32.439,8") and mention.source.text.endswith("đồng")
    english = f"Total value reached VND 32,439.8{invisible} billion."
    assert check("Tổng giá trị đạt 32.439,8 tỷ đồng.", english).ok


def test_a_digit_one_matched_only_to_first_elsewhere_is_weak_not_ok() -> None:
    """A vanished ``1 tháng`` must not pass silently on an unrelated English "first"."""
    from vnsumm.numbers import check

    report = check("Anh ấy ở đó 1 tháng, lần đầu tiên.", "He was there for the first time.")
    assert [m.status for m in report.mentions] == ["weak"]
    assert (
        report.ok
        and not check(
            "Anh ấy ở đó 1 tháng, lần đầu tiên.", "He was there for the first time.", strict=True
        ).ok
    )


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Khi cô ấy đến hôm 8 tháng Chín, trời mưa.", "When she arrived on September 8, it rained."),
        ("Vào ngày 25 tháng mười năm 2010, họ ký.", "On 25 Oct. 2010, they signed."),
        ("Tháng 12, 2008 là mốc quan trọng.", "December 2008 was a milestone."),
        ("Có 11 372 doanh nghiệp tham gia.", "11,372 enterprises took part."),
        ("Anh ấy qua đời lúc 1 giờ 30 phút chiều nay.", "He died at 1:30 this afternoon."),
        ("Scotty chết vào năm 1954.", "Scotty died in nineteen fifty-four."),
        ("Nó to bằng 2 lần Manhattan.", "It is twice the size of Manhattan."),
        ("Họ cứu 190 triệu trẻ em.", "They saved 190m children."),
        ("Tần số 400 MHz.", "A 400-MHz chip."),
        ("Nhiệt độ là - 63 độ F.", "It was -63F."),
        ("Giá xe là 13 ngàn đô la.", "The car costs $13 thousands."),
        ("Trước đó, các buổi xét hỏi diễn ra từ ngày 27 đến 31/5.", "Hearings ran from the 27th to May 31."),
        ("Xe mang BKS 51 B -282.62 nhập cảnh.", "The bus, BKS 51 B -282.62, entered."),
        ("Tai nạn trên đường ĐH406.", "The accident on road ĐH406."),
        ("Arsenal (700 triệu bảng).", "Arsenal (£700m)."),  # a currency the Vietnamese leaves to context
    ],
)
def test_news_forms_pass(source: str, english: str) -> None:
    from vnsumm.numbers import check

    report = check(source, english)
    assert report.ok and all(m.status == "ok" for m in report.mentions), report.to_dict()


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Sau 2 năm, họ về.", "After two dollars, they returned."),  # a counted noun is no currency
        ("Có 2 gái bán dâm bị bắt.", "2 kg were arrested."),  # a bare number gains a measure
        ("Giá xe là 13 ngàn đô la.", "The car costs $13000 thousands."),  # 13 million
        ("Xe mang BKS 72 A -085.31.", "The car 72 A -085.32."),
        # an age the Vietnamese does not state: a count of something else, an amount, a label, a date
        ("Cầu thủ đập bóng an toàn cứ 10 lần.", "A 10-year-old player is safe."),
        ("Vụ tai nạn khiến 1 người tử vong.", "The 1-year-old news agency reported."),
        ("Bà chịu mức phạt 13.250.000 đồng.", "The 13250000-year-old woman was fined."),
        ("Cháu trú tại thôn 4, xã Hợp Tiến.", "The 4-year-old lives in Hop Tien."),
        ("Ngày 18/9 tòa mở phiên xử.", "On 9 / 18-year-old the court opened."),
        # a day the source does not name
        ("Bầu cử tổng thống vào tháng 4.", "The presidential election in April 21."),
        # a currency on a small bare count; "2 m" reads neither 2 metres nor 2 million for ``2 gái``
        ("Chúng tôi đã mở 1 quầy nếm thử nhỏ.", "We opened 1 pounds at the store."),
        ("Cung cấp cho 2 gái bán dâm.", "Supplied the 2 m girls."),
        # a lunar date is no solar date
        ("Vụ án xảy ra hôm 24 tháng Chạp.", "The crime happened on December 24."),
        ("Lễ hội diễn ra ngày 15/8 âm lịch.", "The festival takes place on August 15."),
        # a span of time the counter does not give, or given to a counted noun
        ("Sau 6 tháng, họ về.", "After 6 years, they returned."),
        ("Có 5 người chết.", "5 days died."),
        ("Có 3 vị toàn quyền.", "There were 3-year-part."),
        # ``đồng chí`` is comrades, never the currency
        ("Có 4 đồng chí tham dự.", "There were VND 4."),
        # a prison term is no age
        ("Bị cáo lĩnh 4 năm tù.", "The 4-year-old defendant was sentenced."),
    ],
)
def test_a_number_given_another_quantity_is_changed(source: str, english: str) -> None:
    from vnsumm.numbers import check

    assert [m.status for m in check(source, english).mentions] == ["changed"]


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Tôm, 18 tuổi, bị bắt.", "Tom, 18-year-old, was arrested."),
        ("Cây cổ thụ 50 năm tuổi.", "A 50-year-old tree."),
        ("Lúc đó tôi khoảng 8, 9 tuổi.", "I was about 8 or 9 years old."),
        ("Nhóm có 14 da đen.", "The group has 14-year-old blacks."),  # a bare count may be an age implied
        ("Khoản lỗ 700 triệu bảng.", "A loss of £700m."),  # an amount may leave its currency unsaid
        ("Lỗ 190 triệu.", "A loss of 190m."),  # "190m" read as 190 million
        ("Vào thứ 5 tuần này.", "On Thursday this week."),
        ("Vào tháng 4 năm 2019.", "In April 2019."),
        ("Sáng 10/6, đoàn đến.", "On the morning of June 10, 2024, they came."),  # a year may be added
        ("Vụ án xảy ra hôm 24 tháng Chạp.", "It happened on the 24th day of the 12th lunar month."),
        ("Lễ hội diễn ra ngày 15/8 âm lịch.", "The festival is on August 15 (lunar calendar)."),
        ("Cây đa 300 năm.", "A 300-year-old banyan."),  # the age of a thing, in years
        ("Mất 3 tiếng.", "It took 3 hours."),
        ("Trẻ dưới 5 tuổi.", "Children under 5 years."),  # an age is a span of years
        ("Kế hoạch trong 5 năm.", "A 5-year plan."),
        ("Sau 6 ngày.", "After 6 days."),
        ("Bị cáo lĩnh 4 năm tù.", "The defendant got 4 years in prison."),
        ("Lãi suất tăng 30%.", "Interest rose 30."),  # a stated percent sign left out is no other number
        ("Từ 1-20 người.", "From 1-20 people."),  # a range that ends below the years
        ("Giai đoạn 2019-2022.", "In 2019-2022."),
    ],
)
def test_an_age_or_a_lunar_date_the_source_states_passes(source: str, english: str) -> None:
    from vnsumm.numbers import check

    assert all(m.status == "ok" for m in check(source, english).mentions)


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Trú thôn Đức Bố 2, xã Tam Anh.", "Lives in Duc Bo 2.000, Tam Anh."),  # reads two thousand
        ("Khoảng hơn 13h chiều qua.", "At about 13 pm yesterday."),  # a 24-hour clock with a p.m.
        ("Ông sinh năm 2005.", "He was born in 2,005."),  # a year grouped like a count
        ("Hôm 27/2, ông Vũ cho biết.", "The 2 / 27-2-2, Mr Vu said."),  # glued into a chain of digits
        ("Ông sinh năm 1987 tại Hà Nội.", "He was born in 30-1987 in Hanoi."),  # a day glued to a year
    ],
)
def test_a_form_that_reads_another_way_is_format(source: str, english: str) -> None:
    from vnsumm.numbers import check

    assert [m.status for m in check(source, english).mentions] == ["format"]


def test_an_ordinal_that_is_no_weekday_is_not_found_in_a_weekday() -> None:
    from vnsumm.numbers import check

    assert [m.status for m in check("Tên thứ 5 bị bắt hôm qua.", "Thursday was arrested.").mentions] == [
        "missing"
    ]


def test_one_end_of_an_english_ratio_the_source_does_not_state_is_weak() -> None:
    from vnsumm.numbers import check

    said_more = check("Ít nhất một đứa trong số 14 đứa trẻ.", "At least fourteen of the 20 children.")
    assert [m.status for m in said_more.mentions] == ["weak"]
    both_ends = check("Có 14 trong số 20 người.", "There were 14 of the 20 people.")
    assert [m.status for m in both_ends.mentions] == ["ok", "ok"]


def test_one_end_of_an_english_range_the_source_does_not_state_is_weak() -> None:
    from vnsumm.numbers import check

    glued = check("Ông sẽ công du từ ngày 3 đến 14/11.", "He will travel at about 3 to 1411.")
    assert [m.status for m in glued.mentions][0] == "weak"
    both_ends = check("Mỗi nhà có 3 hoặc 4 người.", "Each house has 3 to 4 people.")
    assert [m.status for m in both_ends.mentions] == ["ok", "ok"]


def test_a_label_matched_only_to_a_number_word_is_weak() -> None:
    from vnsumm.numbers import check

    report = check("Theo điểm n khoản 2 Điều 249.", "Under two to two. Article 249.")
    assert [m.status for m in report.mentions] == ["weak", "ok"]


def test_a_count_matched_only_to_an_ordinal_word_is_weak() -> None:
    from vnsumm.numbers import check

    assert [
        m.status for m in check("Chúng tôi nhận ra 2 điều.", "We noticed the second thing.").mentions
    ] == ["weak"]
    assert [m.status for m in check("Chúng tôi nhận ra 2 điều.", "We noticed two things.").mentions] == ["ok"]


def test_an_ordinal_matched_only_to_a_plain_figure_is_weak() -> None:
    from vnsumm.numbers import check

    assert [m.status for m in check("Ông đắc cử nhiệm kỳ thứ 4.", "He won the victory of 4.").mentions] == [
        "weak"
    ]
    assert [m.status for m in check("Kỳ họp thứ 7 khai mạc.", "The 7th session opened.").mentions] == ["ok"]
    assert [m.status for m in check("Nhóm 6 người đến.", "A 6th-century group came.").mentions] == ["weak"]
    assert [m.status for m in check("Nhóm 6 người đến.", "A group of 6 came.").mentions] == ["ok"]


@pytest.mark.parametrize(
    ("source", "english", "status"),
    [
        ("Anh sống ở quận 5.", "He lives in 5 districts.", "weak"),
        ("Văn phòng ở tầng 3.", "The office is on 3 upper floors.", "weak"),
        ("Theo Điều 139 Bộ luật.", "Under 139 articles of the Code.", "weak"),
        ("Anh sống ở quận 5.", "He lives in District 5.", "ok"),
        ("Cư dân quận 5 vui mừng.", "District 5 residents are happy.", "ok"),
        ("Tuyến 1 chạy từ sáng.", "Route 1 runs from the morning.", "ok"),
        ("Quận 1 có 5 phường.", "District 1 has 5 wards.", "ok"),
        ("Người dân phường 5 đến.", "Residents of 5 districts came.", "weak"),
        ("Giá vé 1,6 triệu đồng.", "Only 1.6 million tickets.", "weak"),
        ("Phạt 1,6 triệu đồng.", "A fine of 1.6 million dong.", "ok"),
        ("Phạt 1,6 triệu đồng.", "He was fined 1.6 million in fines.", "ok"),
        ("Giá 20.000 đồng.", "It costs 20,000 VND.", "ok"),
        ("Giá 5 đô la.", "It costs 5 dollars.", "ok"),
        ("Khoản vay 200 triệu won.", "A loan of 200 million wons.", "ok"),
        # a label with no label word before it and a plural after it is read as a count
        ("Lữ đoàn 105 Vệ binh đã thắng.", "The military 105 Veterans won.", "weak"),
        ("Lữ đoàn 105 Vệ binh đã thắng.", "Brigade 105 Veterans won.", "ok"),
        ("Người dân hẻm 58 vui mừng.", "People in the 58 streets are happy.", "weak"),
        ("Xe chạy trên quốc lộ 1 qua đây.", "The car passed 1 people here.", "weak"),
        ("Tuyến 1 chạy từ sáng.", "Line 1 runs from the morning.", "ok"),
        ("Nhà ở ngõ 58 phố Huế.", "The house is in Lane 58 of Hue Street.", "ok"),
    ],
)
def test_a_number_whose_english_noun_counts_something_else_is_weak(
    source: str, english: str, status: str
) -> None:
    from vnsumm.numbers import check

    assert [m.status for m in check(source, english).mentions][0] == status


def test_decomposed_vietnamese_reads_the_same() -> None:
    """Scraped news is often NFD: its labels and currency words are read as in NFC."""
    import unicodedata

    for source, english, status in [
        ("Kỳ thi vào lớp 10 năm nay.", "The exam for 10 births this year.", "weak"),
        ("Arsenal (700 triệu bảng).", "Arsenal (£700m).", "ok"),
    ]:
        assert [m.status for m in check(unicodedata.normalize("NFD", source), english).mentions] == [status]


@pytest.mark.parametrize(
    ("source", "english", "status"),
    [
        ("Khoảng 10h (16 h giờ Việt Nam).", "At about 10 a.m. (16 hours Vietnam time).", "missing"),
        ("Khoảng 10h (16 h giờ Việt Nam).", "At about 10 a.m. (4 p.m. Vietnam time).", "ok"),
        ("Mưa lớn trong 72h qua.", "Heavy rain in the past 72 hours.", "ok"),
        ("Máy bay Boeing 747 hạ cánh.", "The seven hundred forty-seven landed.", "weak"),
        ("Máy bay Boeing 747 hạ cánh.", "The Boeing 747 landed.", "ok"),
        ("Tàu ngầm Type 093 ra khơi.", "The submarine 0093 set sail.", "changed"),
        ("Tàu ngầm Type 093 ra khơi.", "The Type 093 submarine set sail.", "ok"),
        ("Phát trên kênh VTV 9.", "Aired on VTV9.", "ok"),
        ("Phòng PC 02 cho biết.", "Department PC 2 said.", "ok"),
        ("Phát trên kênh VTV 9.", "Aired on VTV 19.", "changed"),
        ("SĐK: VD -26480-17, Mayervas.", "STK: VD - 26.48 thousand-17, Mayervas.", "changed"),
        ("SĐK: VD -26480-17, Mayervas.", "Registration VD-26480-17, Mayervas.", "ok"),
        ("Tối 10/11/2018, trường tổ chức.", "On 10/11/2018, the school held it.", "format"),
        ("Tối 13/11/2018, trường tổ chức.", "On 13/11/2018, the school held it.", "ok"),
        ("Tối 10/11/2018, trường tổ chức.", "On November 10, 2018, the school held it.", "ok"),
        ("Gói trị giá 1,5 triệu tại Hà Nội.", "A package worth $1.5 million in Hanoi.", "weak"),
        ("Gói trị giá 1,5 triệu tại Hà Nội.", "A package worth 1.5 million dong in Hanoi.", "ok"),
        ("Kỷ niệm 990 năm danh xưng.", "Marking hundreds of 990s of the name.", "weak"),
        ("Chuỗi gần 90 cửa hàng.", "A chain of nearly 90 stores.", "ok"),
        ("Kỳ thi vào lớp 10 năm nay.", "The exam for 10 births this year.", "weak"),
        ("Kỳ thi vào lớp 10 năm nay.", "The grade 10 entrance exam this year.", "ok"),
        ("Cả nước có 800 đô thị.", "The country has $800.", "changed"),  # towns, not dollars
        ("Bắt 20 đồng phạm.", "Arrested VND 20.", "changed"),  # accomplices, not dong
        ("Sau 5 năm, họ về.", "After 5 five stages, they returned.", "weak"),
        ("Sau 5 năm, họ về.", "After 5 long years, they returned.", "ok"),
        ("Trên 341.000 ngày công.", "More than 341,000 workdays.", "ok"),
    ],
)
def test_a_time_a_model_number_or_a_code_in_another_role_is_not_ok(
    source: str, english: str, status: str
) -> None:
    """A clock time read as a span of hours, a model number as a count, a code padded anew."""
    assert [m.status for m in check(source, english).mentions][-1] == status


def test_a_score_lost_in_translation_is_caught() -> None:
    """``hòa 1-1`` rendered as ``a 1 draw`` lost the score: the 1 and the article prove nothing."""
    from vnsumm.numbers import check

    assert [
        m.status
        for m in check("Hai đội hòa 1-1.", "The teams played out a 1-1 draw.").mentions
        if not m.source.soft
    ] == ["ok"]
    assert not check("Hai đội hòa 1-1.", "The teams played a 1 draw.").ok
    assert not check("Họ thắng 2-0.", "They won 2-1.").ok


@pytest.mark.parametrize(
    ("source", "english"),
    [
        (
            "Nó đi theo luồng khí ở lò phản ứng 1 vào thứ bảy.",
            "It followed a blast at reactor 2 on Saturday.",
        ),
        (
            "Thứ tốt nhất bạn mua được với 1 đô la là kẹo.",
            "One of the best things you can get with $2 is candy.",
        ),
        (
            "Cho nên, 1 ngày, tôi quyết định lại chỗ người quản lý.",
            "So I day decided to pay a visit to the manager.",
        ),
    ],
)
def test_a_lost_one_does_not_borrow_a_far_article_or_word(source: str, english: str) -> None:
    """A label after its noun is no article; an amount in dollars is not the "one" of "one of"."""
    from vnsumm.numbers import check

    assert not check(source, english).ok


def test_a_list_dash_is_no_minus_but_a_temperature_keeps_it() -> None:
    from vnsumm.numbers import extract_vi

    assert [m.value for m in extract_vi("- 86,9 triệu đô la")] == [Decimal("86900000")]
    assert [m.value for m in extract_vi("lạnh tới - 63 độ F")] == [Decimal(-63)]


# ---------------------------------------------------------------- changed, not missing


def targets_of(source: str, translation: str) -> list[tuple[str, str | None]]:
    return [(m.status, m.target.text if m.target else None) for m in check(source, translation).mentions]


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        # word order put the changed number far from where position expects it
        ("Cứ 10 lần thì có 3 lần như vậy.", "Three times out of 11.", [("changed", "11"), ("ok", "Three")]),
        # a range's end changed, written as two English numbers
        ("Tuổi từ 18 đến 30.", "Between the ages of 19 and 30.", [("changed", "19 and 30")]),
        ("Khuếch đại lên 10 đến 22 lần.", "Amplified 11 to the 22 times.", [("changed", "11 to the 22")]),
        # a number changed inside an English ratio
        ("Cứ 3 người đàn ông thì có một người.", "One out of four men.", [("changed", "One out of four")]),
        # a range of number words against a range of digits
        (
            "Lành trong vòng từ 4 đến 7 ngày.",
            "They clear up in five to seven days.",
            [("changed", "five to seven")],
        ),
        # twins in crossed order: the changed one is the twin in its own place
        ("Lúc đó tôi khoảng 8, 9 tuổi.", "I was about nine or nine.", [("changed", "nine"), ("ok", "nine")]),
        # an English "one" that a Vietnamese "một" outside every mention accounts for is not the changed 5
        (
            "Cứ 5 thanh niên thì có một đứa bỏ nhà đi.",
            "One in six young people runs away.",
            [("changed", "six")],
        ),
    ],
)
def test_a_changed_number_is_found_where_it_went(source, translation, expected):
    assert targets_of(source, translation) == expected


def test_crossed_twins_point_at_the_twin_in_order():
    report = check("Lúc đó tôi khoảng 8, 9 tuổi.", "I was about nine or nine.")
    changed, matched = report.mentions
    assert changed.target is not None and matched.target is not None
    assert changed.target.start < matched.target.start  # 8 before 9: the first "nine" is the 8


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Những luồng tiền âm 4 trong 6 năm.", "Negative cash flows for four of the six years."),  # a sign
        ("Cứ 9 người thì có một người vô tội.", "For every people executed, one was innocent."),  # "một"
        ("Cứ 10 lần thì có 3 lần như vậy.", "Three times out of 90."),  # far away, and far in size
    ],
)
def test_no_change_is_invented_from_a_number_of_another_size_or_sign(source, translation):
    statuses = [status for status, _target in targets_of(source, translation)]
    assert "missing" in statuses and "changed" not in statuses


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Năm nay có 107 thí sinh đạt giải.", "This year, 107 per cent won prizes."),
        ("Có 25 hộ dân bị ảnh hưởng.", "25% of households were affected."),
        # ``thứ 6`` after a noun of a sequence is "sixth", whatever follows it
        ("Tại kỳ họp thứ 6, Quốc hội thông qua luật.", "On Friday, the National Assembly passed the law."),
    ],
)
def test_a_percent_or_a_weekday_the_source_never_states_is_not_ok(source: str, english: str) -> None:
    from vnsumm.numbers import check

    assert [m.status for m in check(source, english).mentions] == ["missing"]
