"""models.yaml: the shipped models, where the file is found, and one-line errors for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnsumm.config import CONFIG_ENV, FAMILIES, PACKAGED_CONFIG, load_config, parse_config
from vnsumm.errors import ConfigError

from conftest import ROOT

TOP_LEVEL = ROOT / "models.yaml"


def write(folder: Path, text: str, name: str = "models.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal(model: str = "family: marian\n    hub_id: org/model", default: str = "one") -> str:
    return f"default: {default}\nmodels:\n  one:\n    {model}\n"


def test_packaged_copy_is_identical_to_the_top_level_file():
    assert PACKAGED_CONFIG.read_bytes() == TOP_LEVEL.read_bytes()


def test_shipped_models_and_their_prompting():
    config = load_config(TOP_LEVEL)
    assert config.default == "envit5"
    assert {"envit5", "opus-mt", "nllb-600m", "m2m100-418m", "vinai-v2"} <= set(config.models)
    envit5 = config.get()
    assert (envit5.family, envit5.hub_id, envit5.input_prefix, envit5.output_prefix) == (
        "t5",
        "VietAI/envit5-translation",
        "vi: ",
        "en: ",
    )
    nllb = config.get("nllb-600m")
    assert (nllb.family, nllb.src_lang, nllb.tgt_lang, nllb.licence) == (
        "nllb",
        "vie_Latn",
        "eng_Latn",
        "CC-BY-NC-4.0",
    )
    m2m = config.get("m2m100-418m")
    assert (m2m.family, m2m.src_lang, m2m.tgt_lang) == ("m2m100", "vi", "en")
    vinai = config.get("vinai-v2")
    assert (vinai.family, vinai.src_lang, vinai.tgt_lang, vinai.licence) == (
        "mbart50",
        "vi_VN",
        "en_XX",
        "AGPL-3.0",
    )
    assert config.get("opus-mt").family == "marian"
    for spec in config.models.values():
        assert spec.family in FAMILIES and spec.licence
        assert (spec.hub_id and spec.path is None) or (spec.bundled and spec.hub_id is None)
        assert not spec.generation.get("do_sample", False)
        assert spec.generation["num_beams"] >= 1 and spec.generation["max_new_tokens"] >= 1


def test_resolution_order(tmp_path, monkeypatch):
    explicit = write(tmp_path, minimal(), "explicit.yaml")
    from_env = write(tmp_path, minimal(default="two").replace("one:", "two:"), "env.yaml")
    workdir = tmp_path / "work"
    workdir.mkdir()
    in_workdir = write(workdir, minimal(default="three").replace("one:", "three:"))
    monkeypatch.chdir(workdir)
    monkeypatch.setenv(CONFIG_ENV, str(from_env))
    assert load_config(explicit).source == explicit
    assert load_config().source == from_env
    monkeypatch.delenv(CONFIG_ENV)
    assert load_config().source == in_workdir and load_config().default == "three"
    in_workdir.unlink()
    assert load_config().source == PACKAGED_CONFIG


def test_missing_files_are_config_errors(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "absent.yaml")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "absent.yaml"))
    with pytest.raises(ConfigError, match=CONFIG_ENV):
        load_config()


def test_relative_path_resolves_against_the_yaml_folder(tmp_path, monkeypatch):
    folder = tmp_path / "conf"
    folder.mkdir()
    source = write(folder, minimal("family: marian\n    path: weights/opus"))
    monkeypatch.chdir(tmp_path)
    spec = load_config(source).get("one")
    assert spec.path == folder.resolve() / "weights" / "opus"
    assert spec.source == str(spec.path)


def test_unknown_model_lists_known_ones():
    config = load_config(TOP_LEVEL)
    with pytest.raises(ConfigError, match="unknown model 'gpt'.*envit5, opus-mt"):
        config.get("gpt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (minimal("family: rnn\n    hub_id: a/b"), r"unknown family 'rnn'; expected one of: t5, marian"),
        (minimal("family: t5"), r"set 'hub_id' .*, 'path' .* or 'bundled: true'"),
        (
            minimal("family: nllb\n    hub_id: a/b\n    src_lang: vie_Latn"),
            r"needs both 'src_lang' and 'tgt_lang'",
        ),
        (minimal("family: t5\n    hub_id: a/b\n    hubid: c"), r"unknown setting\(s\) hubid"),
        (minimal("family: t5\n    hub_id: a/b\n    generation: {do_sample: true}"), r"must not sample"),
        (minimal("family: t5\n    hub_id: a/b\n    generation: {temperature: 0.7}"), r"must not sample"),
        (
            minimal("family: t5\n    hub_id: a/b\n    generation: {num_beams: 0}"),
            r"num_beams' must be a positive",
        ),
        (
            minimal("family: t5\n    hub_id: a/b\n    max_input_tokens: many"),
            r"'max_input_tokens' must be an",
        ),
        (minimal("family: t5\n    hub_id: a/b\n    tgt_lang_as: prefix"), r"'tgt_lang_as' must be one of"),
        (minimal(default="other"), r"default model 'other' is not defined; known models: one"),
        ("models: {}\n", r"'models' must be a non-empty mapping"),
        ("- a\n- b\n", r"expected a mapping"),
    ],
)
def test_invalid_settings_give_one_line_errors(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_bad_yaml_names_the_line(tmp_path):
    text = "default: one\nmodels:\n  one:\n    family: t5\n    hub_id: [unclosed\n"
    with pytest.raises(ConfigError, match=r"invalid YAML at line \d+, column \d+") as caught:
        parse_config(text, tmp_path / "models.yaml")
    line = int(str(caught.value).split("line ")[1].split(",")[0])
    assert 5 <= line <= 6  # the error is reported where the flow sequence breaks, not at line 1


def test_output_ratio_default_and_validation(tmp_path):
    assert load_config(write(tmp_path, minimal())).get("one").output_ratio == 1.5
    with pytest.raises(ConfigError, match="'output_ratio' must be a number from 0 to 10"):
        load_config(write(tmp_path, minimal("family: t5\n    hub_id: a/b\n    output_ratio: -1")))


def test_placeholder_is_a_choice_from_the_table(tmp_path) -> None:
    from vnsumm.number_strategies import DEFAULT_PLACEHOLDER

    body = "default: m\nmodels:\n  m:\n    hub_id: x/y\n    family: marian\n"
    good = tmp_path / "good.yaml"
    good.write_text(body + "    placeholder: tag\n", encoding="utf-8")
    assert load_config(good).get("m").placeholder == "tag"
    plain = tmp_path / "plain.yaml"
    plain.write_text(body, encoding="utf-8")
    assert load_config(plain).get("m").placeholder == DEFAULT_PLACEHOLDER
    bad = tmp_path / "bad.yaml"
    bad.write_text(body + "    placeholder: emoji\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'placeholder' must be one of: rendering, tag, token"):
        load_config(bad)
