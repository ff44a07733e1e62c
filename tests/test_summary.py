"""The summary stage: scorer loading, selection rules, the sample article, batch lines, training smoke."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnsumm.batch import run_jsonl as run_jobs
from vnsumm.document import Document, Paragraph, Role, Sentence, Word
from vnsumm.errors import ConfigError
from vnsumm.jobs import SummaryJob, summary_record
from vnsumm.segment import segment
from vnsumm.summary import WORD_ROLES, SentenceScorer, Summary, lead, summarise, textrank
from vnsumm.summary.features import FEATURE_NAMES, document_features, sentence_tokens
from vnsumm.summary.scorer import default_scorer
from vnsumm.summary.select import select

from conftest import ROOT


def make_document(paragraphs: list[tuple[Role, list[str]]]) -> Document:
    """A Document built by hand: whitespace words, sentences joined by spaces, paragraphs by blank lines."""
    text_parts, built, cursor, index = [], [], 0, 0
    for p_index, (role, sentences) in enumerate(paragraphs):
        if p_index:
            text_parts.append("\n\n")
            cursor += 2
        p_start, made = cursor, []
        for s_number, sentence in enumerate(sentences):
            if s_number:
                text_parts.append(" ")
                cursor += 1
            words, offset = [], 0
            for token in sentence.split(" "):
                words.append(Word(token, cursor + offset, cursor + offset + len(token)))
                offset += len(token) + 1
            made.append(Sentence(index, p_index, sentence, cursor, cursor + len(sentence), tuple(words)))
            text_parts.append(sentence)
            cursor += len(sentence)
            index += 1
        built.append(Paragraph(p_index, role, " ".join(sentences), p_start, cursor, tuple(made)))
    return Document("".join(text_parts), tuple(built))


BODY = [
    "Sáng 10/6 , đoàn công tác Hà Nội đã làm việc với tỉnh Hà Giang về hợp tác phát triển .",
    "Tỉnh Hà Giang đạt tăng trưởng kinh tế 5,5 % trong năm 2023 .",
    "Lượng khách du lịch đến Hà Giang đạt trên 3 triệu lượt người .",
    "Hai bên thống nhất tăng cường hợp tác trong các lĩnh vực du lịch và nông nghiệp .",
    "Đoàn đã trao quà cho các gia đình chính sách .",
    "Thời tiết hôm đó có mưa nhỏ .",
]
HEADLINE = "Hà Nội và Hà Giang tăng cường hợp tác phát triển"


@pytest.fixture()
def article() -> Document:
    return make_document(
        [
            (Role.HEADLINE, [HEADLINE]),
            (Role.DATELINE, ["10:41 11-06-2024"]),
            (Role.BODY, BODY[:3]),
            (Role.CAPTION, ["Đoàn công tác Hà Nội tại Hà Giang hợp tác phát triển du lịch"]),
            (Role.BODY, BODY[3:]),
            (Role.SOURCE, ["Theo HNP"]),
        ]
    )


def test_scorer_loads_offline_from_package_data() -> None:
    scorer = SentenceScorer.load()
    assert scorer.feature_names == FEATURE_NAMES
    assert default_scorer() is default_scorer()  # read once, then cached
    scores = scorer.score(np.zeros((2, len(FEATURE_NAMES))))
    assert scores.shape == (2,) and np.all((scores > 0) & (scores < 1))


def test_scorer_refuses_parameters_for_other_features(tmp_path) -> None:
    data = json.loads(SentenceScorer.load().to_json())
    data["features"] = data["features"][:-1] + ["something_else"]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError):
        SentenceScorer.load(path)
    with pytest.raises(ConfigError):
        SentenceScorer.load(tmp_path / "absent.json")


@pytest.mark.parametrize("method", [summarise, lead, textrank])
def test_only_body_sentences_in_document_order(article: Document, method) -> None:
    body_indices = {s.index for s in article.body_sentences}
    summary = method(article, 3)
    indices = [s.index for s in summary.sentences]
    assert len(indices) == 3
    assert set(indices) <= body_indices
    assert indices == sorted(indices)
    for s in summary.sentences:
        assert article.text[s.start : s.end] == s.text
    # the headline and caption share many words with the body, yet are never chosen
    all_of_them = method(article, 100)
    assert {s.index for s in all_of_them.sentences} == body_indices


@pytest.mark.parametrize("method", [summarise, lead, textrank])
def test_n_and_ratio(article: Document, method) -> None:
    assert len(method(article, 1).sentences) == 1
    assert len(method(article, 4).sentences) == 4
    assert len(method(article, ratio=0.5).sentences) == 3  # round(0.5 * 6)
    assert len(method(article, 1, ratio=0.01).sentences) == 1  # at least one
    assert len(method(article, 1, ratio=1.0).sentences) == 6  # ratio wins over n
    with pytest.raises(ConfigError):
        method(article, 0)
    with pytest.raises(ConfigError):
        method(article, ratio=1.5)


def test_lead_is_the_first_body_sentences(article: Document) -> None:
    assert [s.text for s in lead(article, 4).sentences] == BODY[:4]


def test_summarise_is_deterministic_and_serialises(article: Document) -> None:
    first, second = summarise(article), summarise(article)
    assert first == second
    assert isinstance(first, Summary) and first.method == "learned"
    data = first.to_dict()
    assert set(data) == {"method", "sentences"}
    assert set(data["sentences"][0]) == {"index", "text", "start", "end", "score"}
    json.dumps(data)


def test_features_have_one_row_per_body_sentence(article: Document) -> None:
    body, features = document_features(article)
    assert features.shape == (len(article.body_sentences), len(FEATURE_NAMES))
    assert np.all(np.isfinite(features))
    assert features[0, FEATURE_NAMES.index("is_first")] == 1.0


def test_article_features_act_through_position(article: Document) -> None:
    _, features = document_features(article)
    column = {name: i for i, name in enumerate(FEATURE_NAMES)}
    first_recall = features[0, column["headline_recall"]]
    assert first_recall > 0
    assert features[0, column["is_first*lead_headline_recall"]] == pytest.approx(first_recall)
    assert np.all(features[1:, column["is_first*lead_headline_recall"]] == 0)
    assert np.all(features[3:, column["is_third*lead3_headline_recall"]] == 0)
    log_n = features[0, column["log_body_sentences"]]
    for i in range(len(features)):
        assert features[i, column["inverse_position*log_body_sentences"]] == pytest.approx(log_n / (i + 1))
    # the first three sentences cover at least as much of the headline as the first one alone
    lead3 = features[2, column["is_third*lead3_headline_recall"]]
    assert lead3 >= first_recall


def test_lead_style_is_told_from_a_scene_setting_opening() -> None:
    """The same sentences in another order: an opening that restates the headline gets the lead-style
    signal and a higher score than a scene-setting opening, which gets none."""
    scene = "Trời mưa nhỏ từ sáng sớm trên những con phố cổ ."
    lead_style = make_document([(Role.HEADLINE, [HEADLINE]), (Role.BODY, [BODY[0], scene, *BODY[1:5]])])
    scene_first = make_document([(Role.HEADLINE, [HEADLINE]), (Role.BODY, [scene, BODY[0], *BODY[1:5]])])
    column = FEATURE_NAMES.index("is_first*lead_headline_recall")
    assert document_features(lead_style)[1][0, column] > document_features(scene_first)[1][0, column] == 0
    scorer = default_scorer()
    lead_logits = scorer.logits(document_features(lead_style, prior=scorer.prior)[1])
    scene_logits = scorer.logits(document_features(scene_first, prior=scorer.prior)[1])
    assert lead_logits[0] > scene_logits[0]


def test_select_keeps_document_order_and_breaks_ties_by_index() -> None:
    words = [("a",), ("b",), ("c",), ("d",)]
    assert select([0.5, 0.5, 0.5, 0.5], words, 2) == [0, 1]
    assert select([0.1, 0.9, 0.2, 0.8], words, 2) == [1, 3]
    assert select([0.1, 0.9], words[:2], 5) == [0, 1]


def test_mmr_passes_over_a_duplicated_sentence() -> None:
    words = [("x", "y", "z"), ("x", "y", "z"), ("p", "q"), ("r", "s")]
    scores = [0.9, 0.9, 0.3, 0.2]
    assert select(scores, words, 2, redundancy=0.0) == [0, 2]  # exact repeat never taken twice
    near = [("x", "y", "z", "w"), ("x", "y", "z"), ("p", "q"), ("r", "s")]
    assert select([0.9, 0.85, 0.3, 0.2], near, 2, redundancy=0.0) == [0, 1]
    assert select([0.9, 0.85, 0.3, 0.2], near, 2, redundancy=1.0) == [0, 2]


def test_repeated_sentence_is_not_summarised_twice() -> None:
    doc = make_document([(Role.HEADLINE, [HEADLINE]), (Role.BODY, [BODY[0], BODY[0], *BODY[1:]])])
    texts = [s.text for s in summarise(doc, 3).sentences]
    assert len(texts) == len(set(texts)) == 3


def test_fewer_body_sentences_than_n_gives_all() -> None:
    doc = make_document([(Role.HEADLINE, [HEADLINE]), (Role.BODY, BODY[:2])])
    assert [s.text for s in summarise(doc, 3).sentences] == BODY[:2]
    headline_only = make_document([(Role.HEADLINE, [HEADLINE]), (Role.CAPTION, ["Ảnh minh họa"])])
    assert summarise(headline_only).sentences == ()


def test_sample_article_gives_three_body_sentences(sample_text: str) -> None:
    document = segment(sample_text)
    summary = summarise(document)
    body = {s.index for s in document.body_sentences}
    assert len(summary.sentences) == 3
    assert all(s.index in body for s in summary.sentences)
    assert all(sample_text[s.start : s.end] == s.text for s in summary.sentences)


def test_summary_needs_only_headline_and_body_words(sample_text: str) -> None:
    """The batch segments only WORD_ROLES' words; the summary is the one of the fully segmented article."""
    full = segment(sample_text)
    assert summary_record(sample_text) == {"summary": summarise(full).to_dict()}
    partial = segment(sample_text, word_roles=WORD_ROLES)
    for method in (summarise, textrank, lead):
        assert method(partial) == method(full)
    np.testing.assert_array_equal(document_features(partial)[1], document_features(full)[1])


_word_text = st.text(alphabet="aĐđ Ê1٣_.,-% ", min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_word_text, min_size=1, max_size=10))
def test_sentence_tokens_follow_their_regex_definition(texts: list[str]) -> None:
    """Letter-only words skip the regexes; every word is still counted as the regexes define it."""
    import re

    words = tuple(Word(t, 0, len(t)) for t in texts)
    tokens = sentence_tokens(Sentence(0, 0, " ".join(texts), 0, 1, words))
    kept = [(i, t) for i, t in enumerate(texts) if re.search(r"[^\W_]", t)]
    assert tokens.words == tuple(t.lower() for _, t in kept)
    assert tokens.numbers == sum(1 for _, t in kept if re.search(r"\d", t))
    assert tokens.capitalised == sum(
        1 for i, t in kept if not re.search(r"\d", t) and i > 0 and t[0].isupper()
    )


def test_batch_lines_in_order_with_errors() -> None:
    good = "Hà Nội tăng cường hợp tác\n\n" + " ".join(BODY)
    lines = [
        json.dumps({"id": "a", "text": good}),
        "{not json",
        json.dumps({"id": "b"}),
        "",
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": "d", "text": good.replace("\n\n", "\r\n\r\n")}),
    ]
    out = io.StringIO()
    errors = run_jobs(lines, out, SummaryJob(2, None))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert errors == 3
    assert [r.get("id") for r in records] == ["a", None, "b", "c", "d"]
    assert ["error" in r for r in records] == [False, True, True, True, False]
    for record in (records[0], records[4]):
        sentences = record["summary"]["sentences"]
        assert len(sentences) == 2
        assert all(s["text"] in good for s in sentences)
        assert [s["index"] for s in sentences] == sorted(s["index"] for s in sentences)


def test_batch_refuses_bad_options_before_output() -> None:
    out = io.StringIO()
    with pytest.raises(ConfigError):
        run_jobs(['{"id": 1, "text": "x"}'], out, SummaryJob(3, 0))
    assert out.getvalue() == ""


def test_training_script_smoke(shared_dir, tmp_path) -> None:
    out = tmp_path / "scorer.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_summariser.py"),
            "--train",
            "12",
            "--tune",
            "6",
            "--shared",
            str(shared_dir),
            "--out",
            str(out),
            "--redundancies",
            "0.0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode == 0, result.stderr
    scorer = SentenceScorer.load(out)
    assert scorer.feature_names == FEATURE_NAMES
    assert "Lead-3" in result.stdout


def test_training_script_refuses_to_tune_on_training_articles(shared_dir, tmp_path) -> None:
    out = tmp_path / "scorer.json"
    command = [sys.executable, str(ROOT / "scripts" / "train_summariser.py"), "--shared", str(shared_dir)]
    command += ["--train", "20", "--train-stride", "10", "--tune-start", "150", "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "overlap" in result.stderr
    assert not out.exists()


@settings(max_examples=200, deadline=None)
@given(
    scores=st.lists(st.floats(-5, 5, allow_nan=False), min_size=0, max_size=12),
    n=st.integers(1, 6),
    redundancy=st.floats(0, 3),
    data=st.data(),
)
def test_select_properties(scores, n, redundancy, data) -> None:
    words = [data.draw(st.lists(st.sampled_from("abcde"), max_size=4)) for _ in scores]
    chosen = select(scores, words, n, redundancy)
    assert chosen == sorted(set(chosen))  # document order, no repeats
    assert len(chosen) == min(n, len(scores))
    assert chosen == select(scores, words, n, redundancy)  # deterministic
    if scores and not redundancy:
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        assert best in chosen  # the best sentence is always taken first


def test_fragments_are_taken_last() -> None:
    doc = make_document([(Role.HEADLINE, [HEADLINE]), (Role.BODY, ["Khi Tr .", *BODY[:4]])])
    assert "Khi Tr ." not in [s.text for s in summarise(doc, 3).sentences]
    assert len(summarise(doc, 5).sentences) == 5  # still taken when nothing else is left
