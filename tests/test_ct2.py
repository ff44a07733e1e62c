"""The CTranslate2 engine on the tiny models of every family, converted at test time.

What it promises: with float32 weights it gives the same English as transformers (greedy and beam, every
family, untied T5 heads and mBART's decoder_start mode included); it is chosen when a converted copy exists;
the converted copy carries its tokenizer; one clear line when it is missing; the CLI converts and lists.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from vnsumm.cli import main
from vnsumm.config import ModelSpec, load_config, parse_config
from vnsumm.errors import ConfigError, ModelUnavailableError
from vnsumm.segment import segment
from vnsumm.translate import Translator, ct2, families, model_statuses

from tiny_models import TINY_MODELS, build_t5, tiny_config  # noqa: F401  (fixture)

pytest.importorskip("ctranslate2")
FAMILY_MODELS = list(TINY_MODELS)


pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def config(tiny_config):  # noqa: F811
    return load_config(tiny_config)


@pytest.fixture(scope="module")
def texts(sample_text):
    """The first 20 sentences of the sample: with MAX_INPUT_TOKENS 48, long ones are split, as in real use."""
    return [s.text for s in segment(sample_text).sentences[:20]]


@pytest.fixture(scope="module")
def converted(config, tmp_path_factory):
    """name -> spec whose float32 CTranslate2 copy lives in a folder of its own (``ct2_path``), so that the
    shared tiny models stay transformers-only for the other test modules."""
    root = tmp_path_factory.mktemp("ct2")
    specs = {}
    for name in FAMILY_MODELS:
        spec = dataclasses.replace(config.get(name), ct2_path=root / name, intra_threads=1)
        ct2.convert(spec, "float32")
        specs[name] = spec
    return specs


def engines(spec: ModelSpec, **generation) -> tuple[Translator, Translator]:
    """(transformers, CTranslate2 float32) translators of ``spec`` with these generation settings."""
    spec = dataclasses.replace(spec, generation={**spec.generation, **generation})
    torch_side = Translator.load(dataclasses.replace(spec, engine="transformers"), device="cpu")
    ct2_side = Translator.load(
        dataclasses.replace(spec, engine="ctranslate2", compute_type="float32"), device="cpu"
    )
    return torch_side, ct2_side


# --- equivalence -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("beams", [1, 2], ids=["greedy", "beam2"])
@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_float32_ctranslate2_gives_the_tokens_of_transformers(name, beams, converted, texts):
    torch_side, ct2_side = engines(converted[name], num_beams=beams)
    assert ct2_side.engine == "ctranslate2" and torch_side.engine == "transformers"
    expected = torch_side.translate_texts(texts)
    assert ct2_side.translate_texts(texts) == expected
    assert len(set(expected)) > 5  # the inputs really lead to different outputs


def test_mbart_decoder_start_mode_on_both_engines(config, tmp_path, texts):
    spec = dataclasses.replace(
        config.get("tiny-mbart50"), tgt_lang_as="decoder_start", ct2_path=tmp_path / "ct2", intra_threads=1
    )
    ct2.convert(spec, "float32")
    assert json.loads((tmp_path / "ct2" / "config.json").read_text())["decoder_start_token"] is None
    for beams in (1, 2):
        torch_side, ct2_side = engines(spec, num_beams=beams)
        assert ct2_side.translate_texts(texts) == torch_side.translate_texts(texts)


def test_untied_t5_head_is_not_scaled(tmp_path, config, texts):
    """transformers 5 reports tie_word_embeddings=True for every T5; the untied (T5 v1.1, envit5) flag is
    scale_decoder_outputs=False. Converting by the former would scale the outputs and change beams."""
    build_t5(tmp_path / "untied", tied=False)
    spec = dataclasses.replace(
        config.get("tiny-t5"), path=tmp_path / "untied", ct2_path=tmp_path / "ct2", intra_threads=1
    )
    from transformers import AutoModelForSeq2SeqLM

    tokenizer = Translator.load(dataclasses.replace(spec, engine="transformers")).tokenizer
    model = AutoModelForSeq2SeqLM.from_pretrained(spec.path)
    assert model.config.scale_decoder_outputs is False and model.config.tie_word_embeddings is True
    assert not isinstance(ct2._model_spec(spec, model, tokenizer).decoder.scale_outputs, float)
    tied = AutoModelForSeq2SeqLM.from_pretrained(config.get("tiny-t5").path)
    assert ct2._model_spec(spec, tied, tokenizer).decoder.scale_outputs == pytest.approx(16**-0.5)
    ct2.convert(spec, "float32")
    for beams in (1, 2):
        torch_side, ct2_side = engines(spec, num_beams=beams)
        assert ct2_side.translate_texts(texts) == torch_side.translate_texts(texts)


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_float32_ctranslate2_gives_the_alternatives_of_transformers(name, converted, texts):
    torch_side, ct2_side = engines(converted[name], num_beams=2)
    expected = torch_side.translate_alternatives(texts[:8], 3)
    assert ct2_side.translate_alternatives(texts[:8], 3) == expected
    assert [len(a) for a in expected] == [3] * 8


@pytest.mark.parametrize("name", ["tiny-t5", "tiny-marian", "tiny-nllb"])
def test_ctranslate2_output_does_not_depend_on_batch_size(name, converted, texts):
    _, ct2_side = engines(converted[name])
    one_by_one = Translator(
        ct2_side.spec, ct2_side.tokenizer, ct2_side.model, device="cpu", batch_size=1
    ).translate_texts(texts)
    assert one_by_one == ct2_side.translate_texts(texts)


def test_int8_runs_and_two_batches_at_once_give_the_same_english(converted, texts):
    spec = dataclasses.replace(converted["tiny-marian"], engine="ctranslate2", compute_type="int8")
    one_worker = Translator.load(spec, device="cpu", batch_size=4).translate_texts(texts)
    two_workers = Translator.load(
        dataclasses.replace(spec, inter_threads=2), device="cpu", batch_size=4
    ).translate_texts(texts)
    assert two_workers == one_worker and all(one_worker)


# --- family rules ------------------------------------------------------------------------------------------


def test_m2m100_target_code_is_not_left_in_the_english(converted, texts):
    spec = converted["tiny-m2m100"]
    torch_side, ct2_side = engines(spec)
    english = torch_side.translate_texts(texts)
    assert not any("__en__" in text for text in english)
    tokenizer = torch_side.tokenizer
    target = tokenizer.get_lang_id("en")
    assert "__en__" in tokenizer.decode([2, target, 50], skip_special_tokens=True)  # the tokenizer's bug
    assert "__en__" not in families.decode(spec, tokenizer, [2, target, 50])
    assert families.ct2_target_prefix(spec, tokenizer) == [target]


@pytest.mark.parametrize(
    ("name", "source_token", "target_token"),
    [
        ("tiny-nllb", "vie_Latn", "eng_Latn"),
        ("tiny-m2m100", "__vi__", "__en__"),
        ("tiny-mbart50", "vi_VN", "en_XX"),
    ],
)
def test_ctranslate2_gets_the_source_code_and_the_target_prefix(name, source_token, target_token, converted):
    _, ct2_side = engines(converted[name])
    model = ct2_side.model
    ids = ct2_side.tokenizer(["Hà Nội mưa lớn."])["input_ids"][0]
    assert model.vocabulary[ids[0]] == source_token
    assert [model.vocabulary[i] for i in ct2_side.ct2_prefix] == [target_token]


def test_t5_and_marian_have_no_target_prefix(converted):
    for name in ("tiny-t5", "tiny-marian"):
        _, ct2_side = engines(converted[name])
        assert ct2_side.ct2_prefix is None
    assert families.model_input(converted["tiny-t5"], "Hà Nội") == "vi: Hà Nội"


# --- choosing the engine, missing conversions ----------------------------------------------------------


def test_engine_is_ctranslate2_exactly_when_a_converted_copy_exists(config, converted, tmp_path):
    assert ct2.engine_of(converted["tiny-marian"]) == "ctranslate2"
    assert Translator.load(converted["tiny-marian"], device="cpu").engine == "ctranslate2"
    assert (
        ct2.engine_of(dataclasses.replace(converted["tiny-marian"], engine="transformers")) == "transformers"
    )
    plain = dataclasses.replace(config.get("tiny-marian"), ct2_path=tmp_path / "none")
    assert ct2.engine_of(plain) == "transformers"
    with pytest.raises(
        ModelUnavailableError, match="no CTranslate2 conversion .* 'vnsumm models convert tiny-marian'"
    ):
        Translator.load(dataclasses.replace(plain, engine="ctranslate2"), device="cpu")


def test_conversion_for_other_settings_is_refused(converted):
    spec = dataclasses.replace(converted["tiny-mbart50"], tgt_lang_as="decoder_start")
    with pytest.raises(ModelUnavailableError, match="made for other settings.*convert tiny-mbart50' again"):
        Translator.load(spec, device="cpu")


def test_converted_copy_runs_without_the_transformers_weights(config, tmp_path, texts):
    shutil.copytree(config.get("tiny-nllb").path, tmp_path / "nllb")
    spec = dataclasses.replace(config.get("tiny-nllb"), path=tmp_path / "nllb", intra_threads=1)
    ct2.convert(spec, "float32")
    assert ct2.converted_path(spec) == tmp_path / "nllb" / "ctranslate2"
    expected = Translator.load(dataclasses.replace(spec, engine="transformers")).translate_texts(texts[:3])
    (tmp_path / "nllb" / "model.safetensors").unlink()
    translator = Translator.load(dataclasses.replace(spec, compute_type="float32"), device="cpu")
    assert translator.engine == "ctranslate2" and translator.translate_texts(texts[:3]) == expected


def test_hub_models_convert_into_vnsumm_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("VNSUMM_CACHE", str(tmp_path / "cache"))
    spec = ModelSpec(name="x", family="marian", hub_id="Helsinki-NLP/opus-mt-vi-en", path=None, licence="-")
    assert ct2.converted_path(spec) == tmp_path / "cache" / "ctranslate2" / "Helsinki-NLP--opus-mt-vi-en"
    assert ct2.read_converted(spec) is None


def test_ctranslate2_device_names():
    from vnsumm.translate.engine import _ct2_device

    assert _ct2_device("cpu") == "cpu"
    assert _ct2_device("auto") in ("cpu", "cuda")
    with pytest.raises(ConfigError, match="unknown device 'gpu'"):
        _ct2_device("gpu")


# --- models.yaml and the CLI -------------------------------------------------------------------------------


def test_engine_settings_in_models_yaml(tmp_path):
    def parse(extra: str):
        text = f"default: m\nmodels:\n  m:\n    family: marian\n    path: here\n{extra}"
        return parse_config(text, tmp_path / "models.yaml").get("m")

    settings = (
        "engine: ctranslate2\n    compute_type: int8_float32\n    inter_threads: 2\n    intra_threads: 1"
    )
    spec = parse(f"    {settings}\n")
    assert (spec.engine, spec.compute_type, spec.inter_threads, spec.intra_threads) == (
        "ctranslate2",
        "int8_float32",
        2,
        1,
    )
    assert parse("    ct2_path: conv\n").ct2_path == tmp_path / "conv"
    default = parse("")
    assert (default.engine, default.compute_type, default.inter_threads, default.intra_threads) == (
        None,
        None,
        1,
        0,
    )
    for bad, message in [
        ("    engine: onnx\n", "'engine' must be one of: ctranslate2, transformers"),
        ("    compute_type: int4\n", "'compute_type' must be one of"),
        ("    inter_threads: 0\n", "'inter_threads' must be at least 1"),
        ("    intra_threads: -1\n", "'intra_threads' must be a whole number"),
        ("    intra_threads: true\n", "'intra_threads' must be a whole number"),
    ]:
        with pytest.raises(ConfigError, match=message):
            parse(bad)


def test_cli_convert_then_list_and_translate(config, tmp_path, capsys, sample_text):
    shutil.copytree(config.get("tiny-marian").path, tmp_path / "marian")
    entry = {
        "path": "marian",
        "family": "marian",
        "max_input_tokens": 48,
        "output_ratio": 0,
        "licence": "test",
    }
    entry["generation"] = {"num_beams": 2, "max_new_tokens": 8}
    models = tmp_path / "models.yaml"
    models.write_text(yaml.safe_dump({"default": "m", "models": {"m": entry}}), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(sample_text, encoding="utf-8")

    assert main(["translate", str(article), "--config", str(models), "--device", "cpu"]) == 0
    before = capsys.readouterr().out
    assert main(["models", "list", "--config", str(models)]) == 0
    listing = capsys.readouterr().out
    assert "engine" in listing and "compute" in listing and " transformers " in listing

    assert main(["models", "convert", "m", "--config", str(models), "--quantization", "float32"]) == 0
    assert "CTranslate2 model (float32" in capsys.readouterr().out
    assert (tmp_path / "marian" / "ctranslate2" / "model.bin").is_file()
    assert main(["models", "list", "--config", str(models)]) == 0
    listing = capsys.readouterr().out.splitlines()[1]
    assert (
        " ctranslate2 " in listing
        and "int8 (float32)" in listing
        and "KB" in listing
        and "present" in listing
    )

    entry["compute_type"] = "float32"
    models.write_text(yaml.safe_dump({"default": "m", "models": {"m": entry}}), encoding="utf-8")
    assert main(["translate", str(article), "--config", str(models), "--device", "cpu"]) == 0
    assert capsys.readouterr().out == before  # same English, now from CTranslate2

    assert main(["models", "convert", "nope", "--config", str(models)]) == 2
    assert "unknown model 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["models", "convert", "m", "--config", str(models), "--quantization", "int4"])
    assert usage.value.code == 2 and "invalid choice: 'int4'" in capsys.readouterr().err


def test_model_statuses_report_engine_and_size(converted, config):
    statuses = {s.name: s for s in model_statuses(config)}
    assert statuses["tiny-t5"].engine == "transformers" and statuses["tiny-t5"].size > 0
    assert statuses["tiny-t5"].compute_type == "-"


# --- the benchmark's code, on toy sizes -------------------------------------------------------------------


def test_speed_benchmark_smoke(tmp_path, capsys, monkeypatch):
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "translation_speed.py"
    loaded = importlib.util.spec_from_file_location("translation_speed", path)
    module = importlib.util.module_from_spec(loaded)
    monkeypatch.setitem(sys.modules, "translation_speed", module)
    loaded.loader.exec_module(module)
    out = tmp_path / "speed.json"
    argv = ["--tiny", "--in-process", "--sentences", "3", "--new-tokens", "3", "--arch", "opus-mt"]
    assert module.main([*argv, "--rows", "0,1,2,4", "--work", str(tmp_path), "--json", str(out)]) == 0
    report = json.loads(out.read_text())["architectures"]["opus-mt"]
    assert report["output_tokens"] == 9 and len(report["rows"]) == 4
    float32 = report["rows"][2]
    assert float32["row"]["weights"] == "float32" and float32["same_tokens_as_transformers"] == 3
    assert all(r["x_anchor"] > 0 and r["size_mb"] > 0 for r in report["rows"])
    assert "| CTranslate2 int8, batches of 16 |" in capsys.readouterr().out
    signature = json.loads(out.read_text())["signature"]  # benchmarks/common.py: what the figures came from
    assert signature["arguments"]["tiny"] and signature["versions"]["ctranslate2"]
