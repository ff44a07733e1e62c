"""Which models are present locally, and fetching hub models into the Hugging Face cache.

``model_statuses`` never touches the network: it looks at local folders and the hub cache only. It backs
``vnsumm models list``; ``pull_model`` backs ``vnsumm models pull NAME``; ``choose_model`` decides which model
translates when none is named (the default, or the bundled fallback when the default cannot be had).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ModelConfig, ModelSpec
from ..errors import ModelUnavailableError
from . import ct2
from .loading import hf_cache_dir, hub_offline, hub_reachable

# Files whose presence means a folder or snapshot holds weights (single file or sharded index).
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
# Weights for other frameworks and formats: never needed to run with transformers + torch.
_FOREIGN_WEIGHTS = [
    "*.h5",
    "*.msgpack",
    "*.ot",
    "*.onnx",
    "onnx/*",
    "tf_model*",
    "flax_model*",
    "rust_model*",
]


@dataclass(frozen=True)
class ModelChoice:
    """The model that will translate, and the one-line note a user should see when it is a fallback."""

    spec: ModelSpec
    note: str | None = None


def choose_model(config: ModelConfig, name: str | None = None) -> ModelChoice:
    """The named model; with no name, the default one, unless its weights are not on this machine and
    cannot be fetched (offline), in which case the configured fallback (a bundled model) is used.

    A model asked for by name is never replaced: its absence stays an error the user can act on.
    """
    if name is not None or config.fallback is None:
        return ModelChoice(config.get(name))
    default = config.get()
    if is_present(default) or (not hub_offline() and hub_reachable()):
        return ModelChoice(default)
    fallback = config.get(config.fallback)
    note = (
        f"using the bundled model '{fallback.name}': the default model '{default.name}' is not on this "
        f"machine and cannot be downloaded now; for better English run 'vnsumm models pull {default.name}' "
        "on a machine with network access"
    )
    return ModelChoice(fallback, note)


@dataclass(frozen=True)
class ModelStatus:
    name: str
    family: str
    source: str  # the local path when set, else the hub id
    licence: str
    present: bool
    default: bool
    engine: str = "transformers"  # what translation would run on: ctranslate2 or transformers
    compute_type: str = "-"  # CTranslate2's compute type on a CPU (its converted weights' type in brackets)
    size: int = 0  # bytes on disk of what that engine loads (0 when absent)


def model_statuses(config: ModelConfig) -> list[ModelStatus]:
    """Every model of ``config`` with whether its weights are on this machine (no network access)."""
    return [
        ModelStatus(
            name=spec.name,
            family=spec.family,
            source=spec.source,
            licence=spec.licence,
            present=is_present(spec),
            default=spec.name == config.default,
            **_engine_status(spec),
        )
        for spec in config.models.values()
    ]


def _engine_status(spec: ModelSpec) -> dict[str, Any]:
    engine = ct2.engine_of(spec)
    converted = ct2.read_converted(spec)
    if engine == "ctranslate2":
        stored = f" ({converted.quantization})" if converted is not None else ""
        compute = ct2.default_compute_type(spec, "cpu") + stored
        return {"engine": engine, "compute_type": compute, "size": converted.size if converted else 0}
    return {"engine": engine, "compute_type": "-", "size": _weights_size(spec)}


def _weights_size(spec: ModelSpec) -> int:
    """Bytes of the transformers weight files of ``spec`` on this machine."""
    if spec.path is not None:
        folder: Path | None = spec.path
    else:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(str(spec.hub_id), "config.json", cache_dir=str(hf_cache_dir()))
        folder = Path(found).parent if isinstance(found, str) else None
    if folder is None or not folder.is_dir():
        return 0
    return sum(f.stat().st_size for f in folder.iterdir() if f.suffix in (".safetensors", ".bin"))


def is_present(spec: ModelSpec) -> bool:
    """A local path with a config and weights, a hub snapshot in the cache with both, or a converted
    CTranslate2 copy (which carries its tokenizer and runs without the transformers weights)."""
    if ct2.read_converted(spec) is not None and ct2.engine_of(spec) == "ctranslate2":
        return True
    if spec.path is not None:
        return (spec.path / "config.json").is_file() and any((spec.path / f).is_file() for f in WEIGHT_FILES)
    return _cached(spec, "config.json") and any(_cached(spec, f) for f in WEIGHT_FILES)


def _cached(spec: ModelSpec, filename: str) -> bool:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(str(spec.hub_id), filename, cache_dir=str(hf_cache_dir()))
    return isinstance(found, str)


def pull_model(spec: ModelSpec) -> Path:
    """Download ``spec``'s hub snapshot (PyTorch weights only) into the cache; returns the snapshot folder."""
    if spec.path is not None:
        raise ModelUnavailableError(
            f"model '{spec.name}' is read from the local path {spec.path}: "
            "copy its files there, there is nothing to pull"
        )
    if hub_offline():
        raise ModelUnavailableError(
            f"cannot pull model '{spec.name}' ({spec.hub_id}): offline mode is set (unset HF_HUB_OFFLINE)"
        )
    if not hub_reachable():
        raise ModelUnavailableError(
            f"cannot pull model '{spec.name}' ({spec.hub_id}): "
            "the Hugging Face Hub cannot be reached from here"
        )
    from huggingface_hub import HfApi, snapshot_download

    try:
        files = HfApi().list_repo_files(str(spec.hub_id))
        ignore = _FOREIGN_WEIGHTS + (["*.bin"] if any(f.endswith(".safetensors") for f in files) else [])
        folder = snapshot_download(str(spec.hub_id), cache_dir=str(hf_cache_dir()), ignore_patterns=ignore)
    except (
        Exception
    ) as exc:  # huggingface_hub raises many types (HTTP, OS, validation): all mean "not pulled"
        reason = " ".join(str(exc).split())[:200]
        raise ModelUnavailableError(f"cannot pull model '{spec.name}' ({spec.hub_id}): {reason}") from None
    return Path(folder)
