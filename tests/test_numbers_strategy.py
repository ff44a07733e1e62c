"""Numbers made right: placeholders (protect), the strategies check / repair / protect, and their report.

The strategies take any function that translates a list of sentences, so these tests use small scripted
translators that behave like real failures: a model that drops a number, mangles a placeholder or writes a
wrong digit. Every verdict must be the final check of the final English.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm import Pipeline, segment
from vnsumm.number_strategies import PLACEHOLDER_FORMS, STRATEGIES
from vnsumm.numbers import check, extract_vi
from vnsumm.numbers.protect import PLACEHOLDERS, protect, unprotect
from vnsumm.numbers.render_en import render
from vnsumm.numbers.report import check_numbers
from vnsumm.numbers.strategy import mention_repairs, secure

from tiny_models import TINY_MODELS

SOURCE = "Doanh thu đạt 32.439,8 tỷ đồng, tăng 5,5% so với năm 2023."


# ---------------------------------------------------------------- placeholders


def test_the_placeholder_table_is_the_one_models_yaml_validates_against() -> None:
    assert tuple(PLACEHOLDERS) == PLACEHOLDER_FORMS


@pytest.mark.parametrize("form", PLACEHOLDER_FORMS)
def test_a_copied_placeholder_comes_back_as_the_rendering(form: str) -> None:
    protected = protect(SOURCE, form)
    assert [s.mention.text for s in protected.slots] == ["32.439,8 tỷ đồng", "5,5%", "năm 2023"]
    assert all(s.mention.text not in protected.text for s in protected.slots)
    english = f"Revenue reached {protected.slots[0].placeholder}, up {protected.slots[1].placeholder} "
    english += f"from {protected.slots[2].placeholder}."
    restored = unprotect(english, protected)
    assert restored == "Revenue reached VND 32,439.8 billion, up 5.5% from 2023."
    assert check(SOURCE, restored).ok


@pytest.mark.parametrize("form", ["tag", "token"])
@pytest.mark.parametrize(
    "damage",
    [
        lambda e, p: e.replace(p, ""),  # lost
        lambda e, p: e.replace(p, f"{p} and {p}"),  # duplicated
        lambda e, p: e.replace(p, p[:-1] + " " + p[-1]),  # mangled
        lambda e, p: e.replace(p, p + "s"),  # glued to a word
    ],
)
def test_a_damaged_placeholder_gives_no_english(form: str, damage: Callable[[str, str], str]) -> None:
    protected = protect(SOURCE, form)
    first = protected.slots[0].placeholder
    english = " ".join(["Revenue", *(s.placeholder for s in protected.slots)])
    assert unprotect(english, protected) is not None
    assert unprotect(damage(english, first), protected) is None


def test_a_known_misspelling_of_a_token_is_read_as_the_token() -> None:
    protected = protect(SOURCE, "token")
    a, b, c = (s.placeholder for s in protected.slots)
    assert unprotect(f"Revenue {a}{a[-1]}, up {b} from {c}.", protected) == (
        "Revenue VND 32,439.8 billion, up 5.5% from 2023."
    )
    assert unprotect(f"Revenue {a} {a}{a[-1]}, up {b} from {c}.", protected) is None  # written both ways
    assert unprotect(f"Revenue {a}{a[-1]} {a}{a[-1]}, up {b} from {c}.", protected) is None  # twice
    tags = protect(SOURCE, "tag")
    assert unprotect("Revenue <n11>, up <n2> from <n3>.", tags) is None  # tags have no known misspelling


def test_number_words_are_left_to_the_translator() -> None:
    protected = protect("Hai người mất 3 ngày.", "token")
    assert [s.mention.text for s in protected.slots] == ["3"]
    assert protected.text.startswith("Hai người")


def test_a_placeholder_already_in_the_source_protects_nothing() -> None:
    protected = protect("Mẫu XA có giá 5 triệu đồng.", "token")
    assert protected.slots == () and protected.text == protected.source


def test_a_sentence_without_digits_is_unchanged() -> None:
    protected = protect("Hôm nay trời đẹp.", "tag")
    assert protected.text == "Hôm nay trời đẹp." and unprotect("Nice day.", protected) == "Nice day."


_NUMBERS = st.sampled_from(
    ["32.439,8 tỷ đồng", "5,5%", "10/6", "11-06-2024", "18/18", "lần thứ XVIII", "2019-2022", "1.500", "7 km"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_NUMBERS, min_size=1, max_size=4), st.sampled_from(["tag", "token"]))
def test_property_an_echoed_protected_text_restores_every_number(numbers: list[str], form: str) -> None:
    """A 'translator' that copies its input exactly gives back every number as its rendering."""
    source = "Báo cáo: " + ", rồi ".join(numbers) + "."
    protected = protect(source, form)
    restored = unprotect(protected.text, protected)
    assert restored is not None
    for slot in protected.slots:
        assert render(slot.mention) in restored


# ---------------------------------------------------------------- scripted translators


def scripted(table: dict[str, str]) -> Callable[[list[str]], list[str]]:
    """A translator from a table; protected inputs are looked up with their placeholders in them."""
    calls: list[list[str]] = []

    def translate(texts: list[str]) -> list[str]:
        calls.append(list(texts))
        return [table.get(text, "No number here.") for text in texts]

    translate.calls = calls  # type: ignore[attr-defined]
    return translate


def _truthful(secured) -> None:
    for done in secured:
        fresh = check(done.source, done.english)
        assert [m.status for m in fresh.mentions] == [m.status for m in done.report.mentions]


def test_check_changes_nothing() -> None:
    translate = scripted({SOURCE: "Revenue reached VND 32,439.8 billion, up 5.6% from 2023."})
    [done] = secure([SOURCE], translate, "check")
    assert done.route == "plain" and done.english == done.raw and not done.report.ok
    _truthful([done])


def test_repair_rewrites_a_changed_span_and_says_so() -> None:
    translate = scripted({SOURCE: "Revenue reached VND 32,439.8 billion, up 5.6% from 2023."})
    [done] = secure([SOURCE], translate, "repair")
    assert done.english == "Revenue reached VND 32,439.8 billion, up 5.5% from 2023."
    assert done.route == "repaired" and done.report.ok
    notes = mention_repairs(done)
    assert [(n.how, n.status_before) for n in notes] == [(None, "ok"), ("edit", "changed"), (None, "ok")]
    assert notes[1].before.text == "5.6%" and notes[1].after.text == "5.5%"
    assert len(translate.calls) == 1  # nothing failed after the edit: no second translation
    _truthful([done])


def test_repair_translates_again_with_protection_when_a_number_was_dropped() -> None:
    protected = protect(SOURCE, "token")
    a, b, c = (s.placeholder for s in protected.slots)
    translate = scripted(
        {SOURCE: "Revenue rose from 2023.", protected.text: f"Revenue reached {a}, up {b} from {c}."}
    )
    [done] = secure([SOURCE], translate, "repair", placeholder="token")
    assert done.route == "retranslated" and done.report.ok
    assert done.raw == "Revenue rose from 2023."
    assert done.english == "Revenue reached VND 32,439.8 billion, up 5.5% from 2023."
    notes = mention_repairs(done)
    assert [(n.how, n.status_before) for n in notes] == [
        ("retranslation", "missing"),
        ("retranslation", "missing"),
        (None, "ok"),
    ]
    _truthful([done])


def test_repair_keeps_the_plain_english_when_the_retranslation_is_no_better() -> None:
    translate = scripted({SOURCE: "Revenue rose from 2023."})  # protected inputs: "No number here."
    [done] = secure([SOURCE], translate, "repair", placeholder="token")
    assert done.route == "plain" and done.english == "Revenue rose from 2023."
    assert [m.status for m in done.report.problems] == ["missing", "missing"]
    notes = mention_repairs(done)
    assert not any(n.repaired for n in notes)
    assert notes[0].reason.startswith("still missing: no retranslation keeps it")
    _truthful([done])


def test_a_long_sentence_is_retranslated_clause_by_clause_as_a_last_resort() -> None:
    source = "Tỉnh thu 940 tỷ đồng, giải quyết việc làm cho 18.000 lao động, và giảm 7.821 hộ nghèo."
    whole = protect(source, "token")
    table = {source: "The province collected VND 940 billion.", whole.text: "The province collected."}
    from vnsumm.numbers.strategy import _clauses

    for clause in _clauses(source):
        p = protect(clause, "token")
        table[p.text] = " ".join(s.placeholder for s in p.slots) + "."
    [done] = secure([source], scripted(table), "repair", placeholder="token")
    assert done.route == "retranslated" and done.report.ok
    _truthful([done])


def test_no_clause_is_cut_inside_a_number() -> None:
    from vnsumm.numbers.strategy import CLAUSE_CHARS, _clauses

    source = (
        "Một nhóm người bán đang rao bán những chiếc xe ôtô chất lượng tốt với giá 13 ngàn đô la, rồi đi."
    )
    assert source.index("ngàn") < CLAUSE_CHARS < source.index(" la,")  # the plain cut would split it
    assert any("13 ngàn đô la" in clause for clause in _clauses(source))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["giá 13 ngàn đô la", "tăng 5,5%", "ngày 10/6/2024", "xe cũ", "và"]), max_size=12
    )
)
def test_property_pieces_keep_every_number_whole(words: list[str]) -> None:
    from vnsumm.numbers.strategy import _clauses, _number_pieces

    source = " ".join(words)
    for cut in (_clauses, _number_pieces):
        pieces = cut(source)
        assert " ".join(pieces).split() == source.split()
        assert sorted(m.text for p in pieces for m in extract_vi(p)) == sorted(
            m.text for m in extract_vi(source)
        )


def test_the_next_best_hypothesis_is_taken_when_it_keeps_the_numbers() -> None:
    good = "Revenue reached VND 32,439.8 billion, up 5.5% from 2023."

    def alternatives(texts: list[str]) -> list[list[str]]:
        return [["Revenue rose from 2023.", good] if t == SOURCE else ["No number here."] * 2 for t in texts]

    [done] = secure(
        [SOURCE], scripted({SOURCE: "Revenue rose from 2023."}), "repair", alternatives=alternatives
    )
    assert done.route == "retranslated" and done.english == good and done.report.ok
    _truthful([done])


def test_a_roman_ordinal_the_model_garbles_is_tried_in_digits() -> None:
    from vnsumm.numbers.strategy import roman_in_digits

    source = "Đại hội lần thứ XVIII Đảng bộ Thành phố khai mạc."
    assert roman_in_digits(source) == "Đại hội lần thứ 18 Đảng bộ Thành phố khai mạc."
    assert roman_in_digits("Dưới triều vua Charles IX, lịch được cải cách.") is None  # a ruler's name stays
    assert roman_in_digits("Có 5 người.") is None
    table = {
        source: "The XVIIIII's Party Congress opened.",
        "Đại hội lần thứ 18 Đảng bộ Thành phố khai mạc.": "The 18th City Party Congress opened.",
    }
    [done] = secure([source], scripted(table), "repair", placeholder="rendering")
    assert done.route == "retranslated" and done.english == "The 18th City Party Congress opened."
    assert done.report.ok
    _truthful([done])


def test_the_last_resort_cuts_before_every_number() -> None:
    from vnsumm.numbers.strategy import _number_pieces

    source = "Bây giờ thử làm 1 bài toán gấp 6 lần"
    assert _number_pieces(source) == ["Bây giờ thử làm", "1 bài toán gấp", "6 lần"]
    table = {"Bây giờ thử làm": "Now try", "1 bài toán gấp": "1 problem", "6 lần": "6 times"}
    [done] = secure([source], scripted(table), "repair", placeholder="rendering")
    assert done.english == "Now try 1 problem 6 times" and done.report.ok


def test_protect_puts_renderings_in_and_falls_back_when_a_placeholder_is_lost() -> None:
    second = "Toàn bộ 18/18 huyện đạt chuẩn."
    first, other = protect(SOURCE, "token"), protect(second, "token")
    a, b, c = (s.placeholder for s in first.slots)
    table = {
        first.text: f"Revenue reached {a}, up {b} from {c}.",
        other.text: "All districts met the standard.",  # the placeholder was lost
        second: "All 18 of 18 districts met the standard.",
    }
    done = secure([SOURCE, second], scripted(table), "protect", placeholder="token")
    assert [d.route for d in done] == ["protected", "plain"]
    assert done[0].raw is None and done[0].report.ok
    assert done[1].english == "All 18 of 18 districts met the standard." and done[1].report.ok
    assert [n.how for n in mention_repairs(done[0])] == ["protection"] * 3
    _truthful(done)


def test_an_unknown_strategy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown number strategy"):
        secure([SOURCE], scripted({}), "magic")


def test_the_document_report_carries_the_repair_fields() -> None:
    document = segment("Hà Giang\n\nSáng 10/6, tỉnh thu 940 tỷ đồng.")
    table = {"Hà Giang": "Ha Giang", document.sentences[1].text: "On June 10, it collected VND 940 million."}
    done = secure([s.text for s in document.sentences], scripted(table), "repair")

    class Final:
        @staticmethod
        def text_of(index: int) -> str:
            return done[index].english

    report = check_numbers(document, Final(), secured=dict(enumerate(done)))
    assert report.ok
    repaired = [f for f in report.findings if f.repaired]
    assert [
        (f.text, f.repair.status_before, f.repair.before.text, f.repair.after.text) for f in repaired
    ] == [("940 tỷ đồng", "changed", "VND 940 million", "VND 940 billion")]
    entry = repaired[0].to_dict()["repair"]
    assert entry["repaired"] is True and entry["how"] == "edit"


# ---------------------------------------------------------------- tiny models of every family


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
@pytest.mark.parametrize("model", sorted(TINY_MODELS))
def test_every_strategy_runs_on_every_family_and_reports_the_final_truth(
    tiny_config, model: str, strategy: str
) -> None:
    text = "Hà Giang thu 940 tỷ đồng\n\nSáng 10/6, tỉnh thu 32.439,8 tỷ đồng, tăng 5,5%. Toàn bộ 18/18 huyện."
    result = Pipeline.from_config(tiny_config, model=model, numbers=strategy).run(text)
    for finding in result.numbers.findings:
        sentence = result.document.sentences[finding.sentence]
        fresh = check(sentence.text, result.translation.text_of(sentence.index))
        match = [m for m in fresh.mentions if m.source.start == finding.start - sentence.start]
        assert match and match[0].status == finding.status
        if finding.repaired:
            assert finding.status == "ok" or finding.status in ("converted", "weak")
            after = finding.repair.after
            assert result.translation.text_of(sentence.index)[after.start : after.end] == after.text
        if strategy == "check":
            assert not finding.repaired
    changed = [s for s in result.translation.sentences if "raw" in s.to_dict()]
    assert strategy != "check" or not changed
    assert len(extract_vi(text)) >= 5


def test_every_renderer_shows_what_was_made_right() -> None:
    from vnsumm.pipeline import Result
    from vnsumm.render import render_json, render_markdown, render_text
    from vnsumm.render_html import render_html
    from vnsumm.summary import summarise
    from vnsumm.translate.result import SentenceTranslation, Translation

    document = segment("Hà Giang\n\nSáng 10/6, tỉnh thu 940 tỷ đồng.")
    table = {"Hà Giang": "Ha Giang", document.sentences[1].text: "On June 10, it collected VND 940 million."}
    done = secure([s.text for s in document.sentences], scripted(table), "repair")
    translation = Translation(
        "scripted",
        tuple(
            SentenceTranslation(s.index, s.text, d.english, d.raw) for s, d in zip(document.sentences, done)
        ),
    )
    numbers = check_numbers(document, translation, secured=dict(enumerate(done)))
    result = Result(document, translation, summarise(document, 1), numbers, model="scripted")
    markdown = render_markdown(result)
    assert "### Made right by vnsumm" in markdown and "| edit |" in markdown and "VND 940 million" in markdown
    assert "made right (edit): '940 tỷ đồng' was 'VND 940 million' (changed)" in render_text(result)
    assert "the model wrote “VND 940 million” (changed)" in render_html(result)
    data = json.loads(render_json(result))
    assert data["translation"]["sentences"][1]["raw"] == "On June 10, it collected VND 940 million."
    assert "raw" not in data["translation"]["sentences"][0]
