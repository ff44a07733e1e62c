"""The translation engine on tiny random-weight models of every family (real classes, real tokenizers).

Nothing here judges translation quality (the weights are random); it checks what the engine promises:
one English text per sentence by index, determinism, batch-size invariance, per-family prompting,
splitting instead of truncation, and one clear line when weights are absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from vnsumm.config import ModelSpec, load_config
from vnsumm.errors import ConfigError, ModelUnavailableError
from vnsumm.segment import segment
from vnsumm.translate import Translation, Translator, families, loading, model_statuses, pull_model
from vnsumm.translate.split import padded_length, plan_batches, split_to_fit

from tiny_models import MAX_INPUT_TOKENS, TINY_MODELS, tiny_config  # noqa: F401  (fixture)

FAMILY_MODELS = list(TINY_MODELS)


pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def document(sample_text):
    return segment(sample_text)


@pytest.fixture(scope="module")
def config(tiny_config):  # noqa: F811
    return load_config(tiny_config)


@pytest.fixture(scope="module")
def translators(config):
    return {name: Translator.load(config.get(name), device="cpu", batch_size=16) for name in FAMILY_MODELS}


@pytest.fixture(scope="module")
def translations(translators, document):
    return {name: translator.translate_document(document) for name, translator in translators.items()}


def rebatched(translator: Translator, batch_size: int) -> Translator:
    return Translator(
        translator.spec, translator.tokenizer, translator.model, device="cpu", batch_size=batch_size
    )


# --- every family, end to end -------------------------------------------------------------------------


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_one_translation_per_sentence_by_index(name, translations, document):
    translation = translations[name]
    assert isinstance(translation, Translation) and translation.model == name
    assert [t.index for t in translation.sentences] == [s.index for s in document.sentences]
    assert [t.source for t in translation.sentences] == [s.text for s in document.sentences]
    assert all(t.text.strip() for t in translation.sentences)  # random weights still emit tokens
    last = document.sentences[-1]
    assert translation.text_of(last.index) == translation.sentences[-1].text
    with pytest.raises(KeyError):
        translation.text_of(len(document.sentences) + 5)
    as_json = json.loads(json.dumps(translation.to_dict(), ensure_ascii=False))
    assert as_json["model"] == name and len(as_json["sentences"]) == len(document.sentences)


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_deterministic_across_loads(name, config, translations, document):
    again = Translator.load(config.get(name), device="cpu").translate_document(document)
    assert again == translations[name]


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_batch_size_one_equals_batch_size_sixteen(name, translators, translations, document):
    one_by_one = rebatched(translators[name], 1).translate_document(document)
    assert one_by_one == translations[name]


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_alternatives_are_n_per_text_whatever_the_batch(name, translators, document):
    texts = [s.text for s in document.sentences[:8]] + ["  "]
    alternatives = translators[name].translate_alternatives(texts, 3)
    assert [len(a) for a in alternatives] == [3] * len(texts)
    assert alternatives[-1] == ["  "] * 3  # blank texts pass through
    assert rebatched(translators[name], 1).translate_alternatives(texts, 3) == alternatives
    assert any(len(set(a)) > 1 for a in alternatives)  # really different hypotheses


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_each_input_is_encoded_bit_identically_alone_and_batched(name, translators, document):
    """Float-level reason for batch invariance: padding never changes an input's tensor shape.

    (Plain longest-in-batch padding changes encoder states in the last bits for most of these inputs.)
    """
    translator = translators[name]
    pieces = [p for s in document.sentences[:20] for p in translator.pieces_of(s.text)]
    inputs = [families.model_input(translator.spec, p) for p in pieces]
    lengths = [translator.count_tokens(p) for p in pieces]
    encoder = translator.model.get_encoder()
    with torch.inference_mode():
        for batch in plan_batches(lengths, 16, 8):
            together = encoder(**translator.encode_batch([inputs[i] for i in batch])).last_hidden_state
            for row, i in enumerate(batch):
                alone = encoder(**translator.encode_batch([inputs[i]])).last_hidden_state[0]
                assert torch.equal(together[row], alone)


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_long_sentence_is_split_translated_and_rejoined(name, translators, document):
    translator = translators[name]
    long_sentence = " ".join(s.text for s in document.body_sentences[:4])
    assert translator.count_tokens(long_sentence) > translator.max_input_tokens == MAX_INPUT_TOKENS
    pieces = translator.pieces_of(long_sentence)
    assert len(pieces) > 1
    assert all(translator.count_tokens(p) <= MAX_INPUT_TOKENS for p in pieces)
    assert "".join(pieces).replace(" ", "") == long_sentence.replace(" ", "")  # nothing dropped
    whole = translator.translate_texts([long_sentence])[0]
    assert whole == " ".join(translator.translate_texts(pieces))


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_blank_texts_pass_through_without_the_model(name, translators, monkeypatch):
    translator = translators[name]
    calls = []
    real_generate = translator.model.generate
    monkeypatch.setattr(
        translator.model, "generate", lambda *a, **k: calls.append(1) or real_generate(*a, **k)
    )
    assert translator.translate_texts(["", "  \n", "\u00a0"]) == ["", "  \n", "\u00a0"]
    assert calls == []
    out = translator.translate_texts(["", "Hà Nội mưa lớn."])
    assert out[0] == "" and out[1] and len(calls) == 1


# --- per-family prompting ------------------------------------------------------------------------------


def first_tokens(translator: Translator, text: str) -> list[str]:
    ids = translator.encode_batch([families.model_input(translator.spec, text)])["input_ids"][0]
    return translator.tokenizer.convert_ids_to_tokens(ids.tolist())


def generated_ids(translator: Translator, text: str) -> list[int]:
    encoded = translator.encode_batch([families.model_input(translator.spec, text)])
    with torch.inference_mode():
        return translator.model.generate(**encoded, **translator.generate_kwargs)[0].tolist()


def test_t5_prompt_prefix_added_and_answer_prefix_stripped(translators):
    translator = translators["tiny-t5"]
    spec = translator.spec
    assert families.model_input(spec, "Hà Nội") == "vi: Hà Nội"
    ids = translator.encode_batch([families.model_input(spec, "Hà Nội")])["input_ids"][0]
    assert translator.tokenizer.decode(ids, skip_special_tokens=True).startswith("vi:")
    assert families.model_output(spec, "en:  Hanoi  is  hot ") == "Hanoi is hot"
    assert families.model_output(spec, "Hanoi en: is") == "Hanoi en: is"  # only a leading prefix goes
    assert "forced_bos_token_id" not in translator.generate_kwargs


def test_marian_is_plain(translators):
    translator = translators["tiny-marian"]
    assert families.model_input(translator.spec, "Hà Nội") == "Hà Nội"
    assert set(translator.generate_kwargs) == {
        "num_beams",
        "max_new_tokens",
        "do_sample",
        "num_return_sequences",
        "early_stopping",  # beam search ends when num_beams hypotheses finished, as on CTranslate2
        "forced_eos_token_id",  # None: no forced </s> at the output cap, as on CTranslate2
    }
    assert translator.generate_kwargs["forced_eos_token_id"] is None


@pytest.mark.parametrize(
    ("name", "source_token", "target_token"),
    [
        ("tiny-nllb", "vie_Latn", "eng_Latn"),
        ("tiny-m2m100", "__vi__", "__en__"),
        ("tiny-mbart50", "vi_VN", "en_XX"),
    ],
)
def test_language_codes_source_token_and_forced_target(name, source_token, target_token, translators):
    translator = translators[name]
    tokens = first_tokens(translator, "Hà Nội mưa lớn.")
    assert tokens[0] == source_token and tokens[tokens.index("</s>") - 1] != source_token
    target_id = translator.tokenizer.convert_tokens_to_ids(target_token)
    assert translator.generate_kwargs["forced_bos_token_id"] == target_id
    output = generated_ids(translator, "Hà Nội mưa lớn.")
    decoder_start = translator.model.config.decoder_start_token_id
    assert output[0] == decoder_start and output[1] == target_id


def test_mbart_target_code_as_decoder_start(config, translators):
    base = config.get("tiny-mbart50")
    spec = ModelSpec(**{**base.__dict__, "tgt_lang_as": "decoder_start"})
    translator = Translator(spec, translators["tiny-mbart50"].tokenizer, translators["tiny-mbart50"].model)
    target_id = translator.tokenizer.convert_tokens_to_ids("en_XX")
    assert translator.generate_kwargs["decoder_start_token_id"] == target_id
    assert "forced_bos_token_id" not in translator.generate_kwargs
    assert generated_ids(translator, "Hà Nội mưa lớn.")[0] == target_id


def test_unknown_language_code_is_a_config_error(config, translators):
    base = config.get("tiny-nllb")
    spec = ModelSpec(**{**base.__dict__, "tgt_lang": "xxx_Latn"})
    with pytest.raises(ConfigError, match="no target language code 'xxx_Latn'"):
        Translator(spec, translators["tiny-nllb"].tokenizer, translators["tiny-nllb"].model)


# --- progress, device -----------------------------------------------------------------------------------


def test_progress_bar_only_when_asked(translators, capsys):
    translator = translators["tiny-marian"]
    Translator(translator.spec, translator.tokenizer, translator.model, progress=True).translate_texts(
        ["Hà Nội."]
    )
    assert "translating (tiny-marian)" in capsys.readouterr().err
    Translator(translator.spec, translator.tokenizer, translator.model, progress=False).translate_texts(
        ["Hà Nội."]
    )
    assert capsys.readouterr().err == ""


def test_device_resolution():
    assert loading.resolve_device("auto") == ("cuda" if torch.cuda.is_available() else "cpu")
    assert loading.resolve_device("cpu") == "cpu"
    with pytest.raises(ConfigError, match="unknown device 'gpu0'"):
        loading.resolve_device("gpu0")


# --- weights absent, models list / pull -------------------------------------------------------------------


def hub_spec(name: str = "envit5") -> ModelSpec:
    return load_config(Path(__file__).resolve().parents[1] / "models.yaml").get(name)


def test_absent_hub_weights_offline_give_one_line_without_network(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setattr(
        loading, "hub_reachable", lambda *a: pytest.fail("offline mode must not probe the network")
    )
    with pytest.raises(ModelUnavailableError) as caught:
        Translator.load(hub_spec(), device="cpu")
    message = str(caught.value)
    assert "\n" not in message and caught.value.exit_code == 3
    assert message.startswith("model 'envit5' (VietAI/envit5-translation) is not available locally")
    assert "run 'vnsumm models pull envit5' on a machine with network access" in message
    assert "set 'path:' for it in models.yaml" in message


def test_absent_hub_weights_unreachable_hub(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setattr(loading, "hub_reachable", lambda *a: False)
    with pytest.raises(
        ModelUnavailableError, match="vnsumm models pull nllb-600m.*the hub cannot be reached"
    ):
        Translator.load(hub_spec("nllb-600m"), device="cpu")


def test_hub_probe_gives_up_on_a_closed_port(monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # discard port: nothing listens there
    assert loading.hub_reachable(timeout=1.0) is False


def test_missing_local_path_names_the_folder(tmp_path):
    spec = ModelSpec(name="mine", family="marian", hub_id=None, path=tmp_path / "nowhere", licence="x")
    with pytest.raises(ModelUnavailableError, match=r"model 'mine' has no loadable weights at .*nowhere"):
        Translator.load(spec, device="cpu")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelUnavailableError, match="model 'mine' has no loadable weights"):
        Translator.load(ModelSpec(**{**spec.__dict__, "path": tmp_path / "empty"}), device="cpu")


def test_model_statuses_for_local_and_cached_models(config, tmp_path, monkeypatch):
    statuses = {s.name: s for s in model_statuses(config)}
    assert set(statuses) == set(FAMILY_MODELS)
    assert all(s.present for s in statuses.values())
    assert [s.name for s in statuses.values() if s.default] == ["tiny-t5"]
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    shipped = load_config(Path(__file__).resolve().parents[1] / "models.yaml")
    assert [s.name for s in model_statuses(shipped) if s.present] == ["vnsumm-mini"]  # ships in the package
    fake_snapshot(tmp_path / "hf" / "hub", "Helsinki-NLP/opus-mt-vi-en", ["config.json", "pytorch_model.bin"])
    fake_snapshot(tmp_path / "hf" / "hub", "VietAI/envit5-translation", ["config.json"])  # no weights
    present = {s.name: s.present for s in model_statuses(shipped)}
    assert present == {name: name in ("opus-mt", "vnsumm-mini") for name in shipped.models}


def fake_snapshot(cache: Path, repo: str, files: list[str]) -> None:
    """The layout huggingface_hub's cache uses (refs/main -> snapshots/<commit>/<file>)."""
    commit = "0" * 40
    folder = cache / f"models--{repo.replace('/', '--')}"
    (folder / "refs").mkdir(parents=True)
    (folder / "refs" / "main").write_text(commit)
    (folder / "snapshots" / commit).mkdir(parents=True)
    for name in files:
        (folder / "snapshots" / commit / name).write_text("{}")


def test_pull_refuses_local_models_and_offline_mode(config, monkeypatch):
    with pytest.raises(ModelUnavailableError, match="read from the local path .* nothing to pull"):
        pull_model(config.get("tiny-t5"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError, match="cannot pull model 'envit5'.*offline mode is set"):
        pull_model(hub_spec())
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr("vnsumm.translate.hub.hub_reachable", lambda *a: False)
    with pytest.raises(ModelUnavailableError, match="cannot pull model 'envit5'.*cannot be reached"):
        pull_model(hub_spec())


# --- splitting and batching, no model --------------------------------------------------------------------


def fits_in(limit: int):
    return lambda text: len(text) <= limit


def test_split_prefers_semicolons_then_commas_and_keeps_every_character():
    text = "Một hai ba, bốn năm sáu; bảy tám chín, mười một mười hai"
    pieces = split_to_fit(text, fits_in(32))
    assert "".join(pieces) == text
    assert pieces == ["Một hai ba, bốn năm sáu; ", "bảy tám chín, mười một mười hai"]
    assert split_to_fit(text, fits_in(20)) == [
        "Một hai ba, ",
        "bốn năm sáu; ",
        "bảy tám chín, ",
        "mười một mười hai",
    ]
    assert split_to_fit(text, fits_in(len(text))) == [text]


def test_split_never_cuts_decimal_commas_or_clock_times_when_it_need_not():
    text = "Giá tăng 5,5% lúc 10:41 sáng, theo số liệu mới công bố hôm nay"
    pieces = split_to_fit(text, fits_in(35))
    assert "".join(pieces) == text
    assert any("5,5%" in p for p in pieces) and any("10:41" in p for p in pieces)


def test_split_falls_back_to_words_then_characters():
    words = "mot hai ba bon nam sau bay tam chin muoi"
    pieces = split_to_fit(words, fits_in(12))
    assert "".join(pieces) == words and all(len(p.strip()) <= 12 for p in pieces) and len(pieces) > 3
    word = "x" * 25
    assert split_to_fit(word, fits_in(10)) == ["x" * 10, "x" * 10, "x" * 5]


def test_plan_batches_share_one_padded_length_and_cover_everything():
    lengths = [3, 17, 9, 8, 16, 1, 24, 12, 12, 40, 2, 7]
    batches = plan_batches(lengths, 3, 8)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len({padded_length(lengths[i], 8) for i in batch}) == 1
    assert plan_batches(lengths, 3, 8) == batches
    with pytest.raises(ValueError):
        plan_batches(lengths, 0, 8)


def test_output_budget_grows_with_long_inputs_within_position_limit(config, translators):
    marian = translators["tiny-marian"]
    spec = ModelSpec(**{**marian.spec.__dict__, "output_ratio": 1.5})
    translator = Translator(spec, marian.tokenizer, marian.model)
    assert translator.max_new_tokens_for(4) == 8  # the configured max_new_tokens when the input is short
    assert translator.max_new_tokens_for(48) == 72
    assert translator.max_new_tokens_for(1000) == marian.model.config.max_position_embeddings - 2
    fixed = Translator(ModelSpec(**{**spec.__dict__, "output_ratio": 0.0}), marian.tokenizer, marian.model)
    assert fixed.max_new_tokens_for(48) == 8


def test_sentencepiece_only_tokenizer_loads_or_names_protobuf(config, tmp_path):
    """Repos that ship only spiece.model need protobuf under transformers 5: load, or say so in one line."""
    import shutil

    from tiny_models import train_sentencepiece

    folder = tmp_path / "spm-only"
    shutil.copytree(config.get("tiny-t5").path, folder)
    (folder / "tokenizer.json").unlink()
    (folder / "spiece.model").write_bytes(train_sentencepiece("unigram"))
    spec = ModelSpec(name="spm-only", family="t5", hub_id=None, path=folder, licence="x", input_prefix="vi: ")
    try:
        import google.protobuf  # noqa: F401
    except ImportError:
        with pytest.raises(ModelUnavailableError, match="needs the 'protobuf' package.*pip install protobuf"):
            Translator.load(spec, device="cpu")
        return
    assert Translator.load(spec, device="cpu").translate_texts(["Hà Nội."])[0]
