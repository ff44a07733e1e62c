"""The library API: Pipeline end to end on the sample with tiny models of every family; stages alone."""

from __future__ import annotations

import json

import pytest

import vnsumm
from vnsumm import Pipeline, segment
from vnsumm.document import Role
from vnsumm.pipeline import check_numbers

from tiny_models import TINY_MODELS


@pytest.fixture(scope="module")
def offline_result(sample_text: str) -> vnsumm.Result:
    return Pipeline.from_config(translate=False).run(sample_text)


def test_no_translate_runs_without_any_model(offline_result) -> None:
    assert offline_result.translation is None and offline_result.model is None
    assert offline_result.numbers.checked is False and offline_result.numbers.ok is None
    assert len(offline_result.summary.sentences) == 3


def test_summary_uses_body_sentences_only(offline_result) -> None:
    document = offline_result.document
    for chosen in offline_result.summary.sentences:
        sentence = document.sentences[chosen.index]
        assert document.role_of(sentence) is Role.BODY
        assert sentence.text == chosen.text


def test_number_offsets_point_at_the_source(offline_result) -> None:
    text = offline_result.document.text
    assert offline_result.numbers.findings
    for finding in offline_result.numbers.findings:
        assert text[finding.start : finding.end] == finding.text
        sentence = offline_result.document.sentences[finding.sentence]
        assert sentence.start <= finding.start < finding.end <= sentence.end


def test_to_dict_is_json_and_stable(offline_result) -> None:
    data = offline_result.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["schema"] == "vnsumm.result/1"
    assert "words" not in offline_result.to_dict(words=False)["document"]["paragraphs"][0]["sentences"][0]


def test_pipeline_is_deterministic(sample_text: str, offline_result) -> None:
    again = Pipeline.from_config(translate=False).run(sample_text)
    assert again.to_dict() == offline_result.to_dict()


@pytest.mark.parametrize("model", sorted(TINY_MODELS))
def test_every_family_runs_the_whole_pipeline(tiny_config, sample_text: str, model: str) -> None:
    pipeline = Pipeline.from_config(tiny_config, model=model, batch_size=16)
    result = pipeline.run(sample_text)
    assert result.model == model
    document = result.document
    assert [t.index for t in result.translation.sentences] == [s.index for s in document.sentences]
    assert all(isinstance(result.translation.text_of(s.index), str) for s in document.sentences)
    assert result.numbers.checked is True
    assert len(result.numbers.findings) >= 80
    data = result.to_dict()
    assert len(data["translation"]["paragraphs"]) == len(document.paragraphs)
    assert all(s["translation"] is not None for s in data["summary"]["sentences"])
    # The translator is kept: a second text reuses it and gives the same output for the same input.
    assert pipeline.run(sample_text).to_dict() == data


def test_numbers_stage_alone_on_a_given_translation() -> None:
    document = segment("Hà Giang\n\nSáng 10/6, tỉnh thu 940 tỷ đồng. Toàn bộ 18/18 huyện đạt chuẩn.")
    english = {
        0: "Ha Giang",
        1: "On the morning of June 10, the province collected VND 940 billion.",
        2: "All 18 of 18 districts met the standard.",
    }

    class Given:
        model = "given"

        @staticmethod
        def text_of(index: int) -> str:
            return english[index]

    report = check_numbers(document, Given())
    assert report.ok is True
    assert [f.text for f in report.findings] == ["10/6", "940 tỷ đồng", "18/18"]
    english[1] = "On the morning of June 10, the province collected VND 940 million."
    broken = check_numbers(document, Given())
    assert broken.ok is False
    assert [(f.text, f.status) for f in broken.problems] == [("940 tỷ đồng", "changed")]


def test_allow_rounding_decides_the_document_verdict() -> None:
    document = segment("Hà Giang\n\nTổng giá trị sản phẩm đạt 32.439,8 tỷ đồng.")

    class Rounded:
        model = "given"

        @staticmethod
        def text_of(index: int) -> str:
            return ["Ha Giang", "Gross product reached VND 32.4 trillion."][index]

    strict_report = check_numbers(document, Rounded())
    assert [(f.status, f.target.text) for f in strict_report.findings] == [("rounded", "VND 32.4 trillion")]
    assert strict_report.ok is False and len(strict_report.failures) == 1
    allowed = check_numbers(document, Rounded(), allow_rounding=True)
    assert allowed.ok is True and allowed.failures == ()
    assert [f.status for f in allowed.problems] == ["rounded"]  # still shown to the reader


def test_strict_lists_english_number_words_as_extra_in_the_document_report_as_in_check() -> None:
    """One pass rule: ``summarise --strict`` and ``check --strict`` see the same extras."""
    document = segment("Hà Giang\n\nTỉnh có 18 huyện.")
    english = ["Ha Giang", "The province has 18 districts and seven towns."]

    class Given:
        model = "given"

        @staticmethod
        def text_of(index: int) -> str:
            return english[index]

    for strict in (False, True):
        report = check_numbers(document, Given(), strict=strict)
        checked = vnsumm.numbers.check(document.sentences[1].text, english[1], strict=strict)
        assert [e.span.text for e in report.extra] == [m.text for m in checked.extra]
    assert [e.span.text for e in check_numbers(document, Given(), strict=True).extra] == ["seven"]
    assert check_numbers(document, Given()).extra == ()


def test_unknown_model_fails_early(tiny_config) -> None:
    with pytest.raises(vnsumm.ConfigError, match="nope"):
        Pipeline.from_config(tiny_config, model="nope")
