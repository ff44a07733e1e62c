"""models.yaml: which translation models exist, where their weights live and how to prompt them.

The file is found in this order: an explicit path, ``$VNSUMM_CONFIG``, ``./models.yaml`` in the working
directory, then the copy packaged with vnsumm (``vnsumm/data/models.yaml``). Every mistake in it becomes a
one-line :class:`~vnsumm.errors.ConfigError` that says what to change.

A model is found by ``hub_id`` (the Hugging Face Hub), ``path`` (a local folder) or ``bundled: true`` (its
weights ship inside the vnsumm package, ``vnsumm/models/<name>/``, so it runs with no network at all). The
top-level ``fallback`` names the model used when no model was asked for by name and the default one is not
available on this machine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .errors import ConfigError
from .number_strategies import DEFAULT_PLACEHOLDER, PLACEHOLDER_FORMS

FAMILIES = ("t5", "marian", "nllb", "m2m100", "mbart50")
# Families whose tokenizer takes a source language code and whose target code starts the output.
LANGUAGE_CODE_FAMILIES = ("nllb", "m2m100", "mbart50")
TGT_LANG_MODES = ("forced_bos", "decoder_start")
# How a model is run: CTranslate2 (converted weights, int8 on CPU) or transformers + torch.
ENGINES = ("ctranslate2", "transformers")
# CTranslate2 weight types: for `compute_type` (at load) and `vnsumm models convert --quantization`.
COMPUTE_TYPES = (
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
CONFIG_ENV = "VNSUMM_CONFIG"
PACKAGED_CONFIG = Path(__file__).resolve().parent / "data" / "models.yaml"
BUNDLED_MODELS = Path(__file__).resolve().parent / "models"

_MODEL_KEYS = {
    "hub_id",
    "path",
    "bundled",
    "family",
    "licence",
    "src_lang",
    "tgt_lang",
    "tgt_lang_as",
    "input_prefix",
    "output_prefix",
    "max_input_tokens",
    "output_ratio",
    "generation",
    "engine",
    "compute_type",
    "inter_threads",
    "intra_threads",
    "ct2_path",
    "placeholder",
}
# generate() arguments that would make output depend on chance: translations must be reproducible.
_SAMPLING_KEYS = {"do_sample", "temperature", "top_k", "top_p", "typical_p", "penalty_alpha"}


@dataclass(frozen=True)
class ModelSpec:
    """One translation model: where to load it from and how to talk to it."""

    name: str
    family: str
    hub_id: str | None
    path: Path | None
    licence: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    input_prefix: str = ""
    output_prefix: str = ""
    max_input_tokens: int | None = None
    generation: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    tgt_lang_as: str = "forced_bos"
    # max_new_tokens is raised to this many output tokens per (padded) input token, so that a long input's
    # English is not cut short; 0 keeps generation.max_new_tokens as a fixed cap.
    output_ratio: float = 1.5
    bundled: bool = False  # the weights ship inside the vnsumm package (``path`` points there)
    # None: CTranslate2 when a converted model exists (see vnsumm.translate.ct2), else transformers.
    engine: str | None = None
    compute_type: str | None = None  # CTranslate2 only; None: int8 on CPU, float16 on CUDA
    inter_threads: int = 1  # CTranslate2: batches translated at once
    intra_threads: int = 0  # CTranslate2: threads per batch (0: its default, up to 4)
    ct2_path: Path | None = None  # where the converted model lives; None: the default place (ct2.py)
    # How numbers are hidden from the model with ``--numbers protect`` (vnsumm.numbers.protect.PLACEHOLDERS):
    # the form this model copies best, by measurement.
    placeholder: str = DEFAULT_PLACEHOLDER

    @property
    def source(self) -> str:
        """Where the weights come from, as a user would write it: the local path if set, else the hub id."""
        if self.bundled:
            return "bundled with vnsumm"
        return str(self.path) if self.path is not None else str(self.hub_id)


@dataclass(frozen=True)
class ModelConfig:
    """All models of one models.yaml and the name of the default one."""

    models: Mapping[str, ModelSpec]
    default: str
    source: Path
    fallback: str | None = None  # used when no model is named and the default one is not on this machine

    def get(self, name: str | None = None) -> ModelSpec:
        """The named model (the default when ``name`` is None); unknown names list the known ones."""
        name = self.default if name is None else name
        if name not in self.models:
            raise ConfigError(
                f"unknown model '{name}' in {self.source}; known models: {', '.join(self.models)}"
            )
        return self.models[name]


def find_config(path: str | Path | None = None) -> Path:
    """The models.yaml to use, by the documented resolution order."""
    if path is not None:
        return _existing(Path(path), "config file")
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return _existing(Path(from_env), f"${CONFIG_ENV}")
    local = Path.cwd() / "models.yaml"
    if local.is_file():
        return local
    return _existing(PACKAGED_CONFIG, "packaged models.yaml")


def _existing(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ConfigError(f"{what} not found: {path}")
    return path


def load_config(path: str | Path | None = None) -> ModelConfig:
    """Read and validate models.yaml (see :func:`find_config` for which file)."""
    source = find_config(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}: cannot be read ({exc})") from None
    return parse_config(text, source)


def parse_config(text: str, source: Path) -> ModelConfig:
    """Validate the YAML text of a models.yaml; ``source`` names it in errors and anchors relative paths."""
    data = _parse_yaml(text, source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping with 'default' and 'models' at the top level")
    unknown = set(data) - {"default", "fallback", "models"}
    if unknown:
        raise ConfigError(f"{source}: unknown top-level key(s) {', '.join(sorted(map(str, unknown)))}")
    entries = data.get("models")
    if not isinstance(entries, dict) or not entries:
        raise ConfigError(f"{source}: 'models' must be a non-empty mapping of model names to settings")
    models = {str(name): parse_model(str(name), entry, source) for name, entry in entries.items()}
    default = data.get("default")
    if default is None:
        raise ConfigError(f"{source}: 'default' is missing; set it to one of: {', '.join(models)}")
    if str(default) not in models:
        raise ConfigError(
            f"{source}: default model '{default}' is not defined; known models: {', '.join(models)}"
        )
    fallback = data.get("fallback")
    if fallback is not None and str(fallback) not in models:
        raise ConfigError(
            f"{source}: fallback model '{fallback}' is not defined; known models: {', '.join(models)}"
        )
    return ModelConfig(
        models=MappingProxyType(models),
        default=str(default),
        source=source,
        fallback=None if fallback is None else str(fallback),
    )


def _parse_yaml(text: str, source: Path) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{source}: invalid YAML{where}: {problem}") from None


def parse_model(name: str, entry: Any, source: Path) -> ModelSpec:
    """One entry of ``models:``, checked field by field."""
    where = f"{source}: model '{name}'"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping of settings")
    unknown = set(entry) - _MODEL_KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s) {', '.join(sorted(map(str, unknown)))}; "
            f"allowed: {', '.join(sorted(_MODEL_KEYS))}"
        )
    family = entry.get("family")
    if family not in FAMILIES:
        raise ConfigError(f"{where}: unknown family {family!r}; expected one of: {', '.join(FAMILIES)}")
    hub_id = _optional_str(entry, "hub_id", where)
    path = _optional_str(entry, "path", where)
    bundled = entry.get("bundled", False)
    if not isinstance(bundled, bool):
        raise ConfigError(f"{where}: 'bundled' must be true or false")
    if bundled and (hub_id is not None or path is not None):
        raise ConfigError(f"{where}: a bundled model ships inside vnsumm: leave out 'hub_id' and 'path'")
    if hub_id is None and path is None and not bundled:
        raise ConfigError(
            f"{where}: set 'hub_id' (a Hugging Face repository), 'path' (a local folder) or 'bundled: true'"
        )
    src_lang = _optional_str(entry, "src_lang", where)
    tgt_lang = _optional_str(entry, "tgt_lang", where)
    if family in LANGUAGE_CODE_FAMILIES and (src_lang is None or tgt_lang is None):
        raise ConfigError(f"{where}: family '{family}' needs both 'src_lang' and 'tgt_lang' language codes")
    tgt_lang_as = entry.get("tgt_lang_as", "forced_bos")
    if tgt_lang_as not in TGT_LANG_MODES:
        raise ConfigError(f"{where}: 'tgt_lang_as' must be one of: {', '.join(TGT_LANG_MODES)}")
    return ModelSpec(
        name=name,
        family=family,
        hub_id=hub_id,
        path=BUNDLED_MODELS / name if bundled else _resolve_path(path, source),
        licence=_optional_str(entry, "licence", where) or "unknown",
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        input_prefix=_optional_str(entry, "input_prefix", where, strip=False) or "",
        output_prefix=_optional_str(entry, "output_prefix", where, strip=False) or "",
        max_input_tokens=_max_input_tokens(entry.get("max_input_tokens"), where),
        generation=MappingProxyType(_generation(entry.get("generation"), where)),
        tgt_lang_as=tgt_lang_as,
        output_ratio=_output_ratio(entry.get("output_ratio", 1.5), where),
        bundled=bundled,
        engine=_choice(entry, "engine", ENGINES, where),
        compute_type=_choice(entry, "compute_type", COMPUTE_TYPES, where),
        inter_threads=_threads(entry, "inter_threads", 1, where),
        intra_threads=_threads(entry, "intra_threads", 0, where),
        ct2_path=_resolve_path(_optional_str(entry, "ct2_path", where), source),
        placeholder=_choice(entry, "placeholder", PLACEHOLDER_FORMS, where) or DEFAULT_PLACEHOLDER,
    )


def _choice(entry: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str | None:
    value = entry.get(key)
    if value is not None and value not in allowed:
        raise ConfigError(f"{where}: '{key}' must be one of: {', '.join(allowed)} (got {value!r})")
    return value


def _threads(entry: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 256:
        raise ConfigError(f"{where}: '{key}' must be a whole number from 0 to 256")
    if key == "inter_threads" and value < 1:
        raise ConfigError(f"{where}: 'inter_threads' must be at least 1")
    return value


def _optional_str(entry: Mapping[str, Any], key: str, where: str, *, strip: bool = True) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or (strip and not value.strip()):
        raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    return value.strip() if strip else value


def _resolve_path(path: str | None, source: Path) -> Path | None:
    if path is None:
        return None
    local = Path(path).expanduser()
    return local if local.is_absolute() else (source.resolve().parent / local)


def _max_input_tokens(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 8:
        raise ConfigError(f"{where}: 'max_input_tokens' must be an integer of at least 8")
    return value


def _output_ratio(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise ConfigError(f"{where}: 'output_ratio' must be a number from 0 to 10")
    return float(value)


def _generation(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'generation' must be a mapping of generate() arguments")
    sampling = _SAMPLING_KEYS & set(value)
    if sampling - {"do_sample"} or value.get("do_sample"):
        raise ConfigError(
            f"{where}: 'generation' must not sample ({', '.join(sorted(sampling))}); translations are "
            "deterministic beam search"
        )
    for key in ("num_beams", "max_new_tokens"):
        if key in value and (
            isinstance(value[key], bool) or not isinstance(value[key], int) or value[key] < 1
        ):
            raise ConfigError(f"{where}: 'generation.{key}' must be a positive integer")
    return {str(k): v for k, v in value.items()}
