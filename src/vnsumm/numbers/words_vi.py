"""Vocabulary of Vietnamese numbers: scale words, counters and number words (units: :mod:`.units`).

Kept apart from the extractor so the tables can be read (and extended) without reading regexes.
"""

from __future__ import annotations

from decimal import Decimal

# Scale words multiply the numeral before them; they stack (``nghìn tỷ`` = 1e12, ``tỉ tỉ`` = 1e18).
SCALES: dict[str, Decimal] = {
    "nghìn": Decimal(1000),
    "ngàn": Decimal(1000),
    "vạn": Decimal(10000),
    "triệu": Decimal(10**6),
    "tỷ": Decimal(10**9),
    "tỉ": Decimal(10**9),
    "tá": Decimal(12),
}

# Counter nouns: recorded as the unit of a bare count (``3 triệu lượt``) but not part of the mention's text.
COUNTERS: frozenset[str] = frozenset(
    w.strip()
    for w in """
    lượt, hộ, người, xã, huyện, tỉnh, thành phố, quận, phường, tháng, năm, ngày, tuần, giờ, tiếng, phút,
    giây, thập niên, thập kỷ, thập kỉ, thế kỷ, thế kỉ, lần, chiếc, con, cái, căn, ngôi, tòa, toà, nhà,
    học sinh, sinh viên, trẻ em, lao động, du khách, khách, bệnh nhân, ca, trường hợp, vụ, đơn vị,
    doanh nghiệp, công ty, dự án, tuổi, loại, điều, câu, bài, cuốn, quyển, trang, chai, cây, quả, tấm,
    bức, đứa, em, cán bộ, đảng viên, hội viên, gia đình, thôn, bản, làng, xe, tàu, máy bay, chuyến,
    phòng, giường, ngày công, điểm, bước, nước, quốc gia, thành viên, đối tượng, nhân viên, công nhân,
    nông dân, ngư dân, phụ nữ, cô, cậu, chú, anh, chị, ông, bà, vị, nhóm, đội, trận, bàn thắng, bàn,
    thế hệ, cuộc, chữ, từ, dòng, mẫu, lô, hecta, bao, túi, gói, hộp, thùng, viên, liều, mũi, tập, phần,
    chương, kỳ, khóa, lớp, trường, bệnh viện, giai đoạn, đêm, buổi, mùa, ván, hiệp, vòng, hạng, bậc, cấp,
    tầng, sản phẩm, mặt hàng, công trình, tuyến, km, lĩnh vực, dân tộc, địa phương, quốc gia, thành viên
""".split(",")
)

# Vietnamese number words. ``năm`` and ``ba`` are also "year" and "father": the extractor only takes them
# before a counter noun.
DIGIT_WORDS: dict[str, int] = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
TEN_WORDS: frozenset[str] = frozenset({"mười", "mươi"})
HUNDRED_WORDS: frozenset[str] = frozenset({"trăm"})
FILLER_WORDS: frozenset[str] = frozenset({"linh", "lẻ"})
