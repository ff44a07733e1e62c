"""Vocabulary of Vietnamese numbers (spaCy's ``lang/<code>/lex_attrs.py`` is the model; units: :mod:`.units`).

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
    tầng, sản phẩm, mặt hàng, công trình, tuyến, km, lĩnh vực, dân tộc, địa phương, quốc gia, thành viên,
    năm tù, tháng tù, đồng chí
""".split(",")
)

# Counters that make a count an age or a span of years (``16 tuổi``, ``50 năm tuổi``, ``cây đa 300 năm``): the
# only counted nouns English may turn into "-year-old". Any other counter (``10 người``, ``cứ 10 lần``) is no
# age, nor is a prison term (``4 năm tù``, the counter ``năm tù`` above).
AGE_COUNTERS: frozenset[str] = frozenset({"tuổi", "năm"})

# Counters that are spans of time, by the name lex_en.DURATION_WORDS gives them; an age in years is a span
# of years ("children under 5 years" for ``dưới 5 tuổi``).
DURATION_COUNTERS: dict[str, str] = {
    "giây": "second", "phút": "minute", "giờ": "hour", "tiếng": "hour", "ngày": "day", "ngày công": "day",
    "tuần": "week", "tháng": "month", "tháng tù": "month", "năm": "year", "năm tù": "year", "tuổi": "year",
    "thập niên": "decade", "thập kỷ": "decade", "thập kỉ": "decade",
}  # fmt: skip

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

# The spelled-out number words a run of them may contain (``hai mươi mốt``, ``một trăm linh năm``).
NUMBER_WORDS: tuple[str, ...] = tuple(
    sorted(
        {*DIGIT_WORDS, *TEN_WORDS, *HUNDRED_WORDS, *FILLER_WORDS, "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "nửa"}
        - {"không"}
    )
)
# Alone, these are more often "year", "father", "fourth"... than numbers: taken only before a counter or unit.
AMBIGUOUS_NUMBER_WORDS: frozenset[str] = frozenset(
    {"năm", "ba", "tư", "sáu", "bảy", "bẩy", "tám", "chín", "trăm"}
)
# A number word after these is part of a fixed phrase (``thứ hai`` Monday, ``hàng trăm`` hundreds of).
BEFORE_NO_NUMBER_WORD: tuple[str, ...] = (
    "thứ", "hàng", "hằng", "vài", "mấy", "mỗi", "cuối", "đầu", "giữa", "những", "các", "cả", "của", "tháng",
    "phân",
)  # fmt: skip
# ``một`` before these is an article or a fixed phrase (``một số`` some, ``một chút`` a little).
AFTER_MOT_NO_NUMBER: frozenset[str] = frozenset(
    {"số", "cách", "chút", "vài", "mình", "khi", "lúc", "ít", "chiều", "thời", "phần"}
)
# ``đồng`` or ``đô`` followed by these is another word, never the currency (``4 đồng chí``, four comrades;
# ``20 đồng phạm``, twenty accomplices; ``800 đô thị``, 800 towns); ``đồng chí`` is a counter (COUNTERS).
AFTER_DONG_NO_CURRENCY: tuple[str, ...] = (
    "chí", "bào", "nghiệp", "đội", "hương", "minh", "ý", "thời", "hồ", "bằng", "phục", "loạt", "tình",
    "sáng lập", "chủ trì", "chủ tịch", "môn", "nghĩa", "cảm", "lòng", "hành", "thuận", "phạm", "thị", "thành",
    "đốc", "vật",
)  # fmt: skip
# A scale word followed by these is another word (``tỷ lệ`` rate, ``triệu phú`` millionaire).
AFTER_SCALE_NO_SCALE: tuple[str, ...] = ("lệ", "số", "chứng", "tập", "phú", "hồi")
# Parts of the day that shift an hour (``7 giờ tối`` is 19:00).
DAY_PERIODS: tuple[str, ...] = ("sáng", "trưa", "chiều", "tối", "đêm", "khuya")
# Words that introduce a decade (``những năm 90``, ``thập niên 1990``).
DECADE_HEADS: tuple[str, ...] = ("những năm", "thập niên", "thập kỷ", "thập kỉ")
# Words a Roman numeral follows as an ordinal (``khóa XV``, ``thế kỷ XXI``, ``quân khu IV``).
ROMAN_HEADS: tuple[str, ...] = (
    "thứ", "khóa", "khoá", "đại hội", "kỳ", "kì", "thế kỷ", "thế kỉ", "phần", "tập", "chương",
    "hội nghị trung ương", "trung ương", "giai đoạn", "cấp", "hạng", "nhóm", "loại", "vùng", "quân khu",
)  # fmt: skip
# Words a digit ordinal follows (``thứ 7``, ``thế kỷ 21``, ``mùa 3``).
ORDINAL_HEADS: tuple[str, ...] = ("thứ", "thế kỷ", "thế kỉ", "phần", "tập", "mùa")
# Nouns ``thứ N`` numbers in a sequence: after them ``thứ 6`` is "sixth", never Friday (``kỳ họp thứ 6``, the
# sixth session; ``lần thứ 2``, the second time), whatever follows.
SEQUENCE_NOUNS: tuple[str, ...] = (
    "kỳ họp", "kì họp", "phiên", "lần", "khóa", "khoá", "đợt", "vòng", "hội nghị", "đại hội", "kỳ", "kì",
    "lớp", "hạng", "giải", "trận", "ván", "hiệp", "con", "người", "năm", "tuần", "tháng", "vị trí",
)  # fmt: skip
# Names a number identifies rather than counts (``Vành đai 4``, ``Nghị quyết số 44``, ``phòng 302``).
NAMED_HEADS: tuple[str, ...] = (
    "vành đai", "quốc lộ", "tỉnh lộ", "đường tỉnh", "cao tốc", "nghị quyết", "nghị định", "quyết định",
    "thông tư", "chỉ thị", "công văn", "kết luận", "kế hoạch", "điều", "khoản", "phường", "quận",
    "tổ dân phố", "khu phố", "thôn", "xóm", "ấp", "phòng", "tầng", "cổng", "tuyến", "hội nghị trung ương",
    "ql", "tl", "lữ đoàn", "sư đoàn", "trung đoàn", "tiểu đoàn", "quân đoàn", "hạm đội",
    "hẻm", "ngõ", "ngách", "lớp",
)  # fmt: skip
# A Vietnamese syllable written without diacritics, in its parts: a capitalised Latin word that is none
# (``Boeing``, ``Type``, ``Galaxy``) is a foreign name, and a number right after it names a model rather than
# counting (``Boeing 747``); ``Sau``, ``Mai``, ``Giang`` before a number are Vietnamese words and names.
SYLLABLE_ONSETS: tuple[str, ...] = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
SYLLABLE_NUCLEI: tuple[str, ...] = (
    "oai", "oay", "oeo", "uay", "uya", "uye", "uyu", "ieu", "yeu", "uoi", "uou", "ai", "ao", "au", "ay",
    "eo", "eu", "ia", "ie", "iu", "oa", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ye",
    "a", "e", "i", "o", "u", "y",
)  # fmt: skip
SYLLABLE_CODAS: tuple[str, ...] = ("ch", "ng", "nh", "c", "m", "n", "p", "t")
# Words before an hour that make it a span of hours, not a clock time (``trong 24h qua``: the last 24 hours).
HOUR_SPAN_CUES: tuple[str, ...] = ("trong", "trong vòng", "suốt", "mất", "kéo dài")
# Month names in words (``tháng Giêng`` January, ``tháng Chạp`` December); news writes them in any case.
MONTH_WORDS: dict[str, int] = {
    "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}  # fmt: skip
# Month names of the lunar calendar only (``24 tháng Chạp``, ``rằm tháng Giêng``), and the marks that make a
# date after them lunar (``15/8 âm lịch``, ``ngày 10/3 (ÂL)``).
LUNAR_MONTH_WORDS: frozenset[str] = frozenset({"giêng", "chạp"})
LUNAR_MARKS: tuple[str, ...] = ("âm lịch", "Âm lịch", "ÂL", "AL")
# A ``D tháng M`` without ``ngày`` before it is a duration, not a date, when one of these follows
# (``2 tháng 3 ngày``: two months and three days).
AFTER_DURATION: tuple[str, ...] = ("ngày", "tuần", "năm", "tháng", "giờ", "lần", "tuổi", "phút")
# Words near ``2-1`` that make it a match score, not a range (``hòa 1-1``, ``thắng 2-0``, ``tỷ số 3-2``).
SCORE_CUES: tuple[str, ...] = (
    "tỷ số", "tỉ số", "hòa", "hoà", "thắng", "thua", "gỡ", "dẫn", "bàn thắng", "trận", "đánh bại",
    "chung kết",
)  # fmt: skip
# Titles before a ruler's name that a Roman numeral follows (``vua Charles IX``, ``Giáo hoàng Benedict XVI``).
RULER_TITLES: tuple[str, ...] = ("vua", "hoàng đế", "nữ hoàng", "giáo hoàng", "hoàng hậu", "quốc vương")
# After these, ``1`` is an idiom that moves with its sentence (``1 chút`` a bit, ``1 số`` some): the English
# article it became may stand anywhere in the sentence.
IDIOMS_AFTER_ONE: tuple[str, ...] = ("chút", "số", "ít", "vài", "cách", "lúc", "thời")
# Before these, a ``1`` ends its noun phrase: a label (``lò phản ứng 1 vào thứ bảy``), never an article.
AFTER_A_LABEL: tuple[str, ...] = (
    "vào", "ở", "tại", "và", "của", "trong", "với", "cho", "là", "đã", "được", "thì", "mà", "hay", "hoặc",
)  # fmt: skip
