"""Finding and loading a model's weights: a local folder, or a Hugging Face Hub id through the local cache.

Loading never waits on an unreachable network: the cache is tried first without any network access, the
hub only when it is allowed (``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` unset) and answers a quick
connection probe. Environment variables are read at call time (huggingface_hub reads them only once, on
import), and every way of not finding weights ends in one :class:`~vnsumm.errors.ModelUnavailableError` line.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..config import ModelSpec
from ..errors import ConfigError, ModelUnavailableError
from .families import tokenizer_kwargs

_TRUE = {"1", "true", "yes", "on"}
DEFAULT_ENDPOINT = "https://huggingface.co"
PROBE_TIMEOUT_S = 3.0


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache, by the variables huggingface_hub honours, read now."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home).expanduser() / "huggingface" / "hub"


def hub_offline() -> bool:
    """Whether the user asked for no network access (``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``)."""
    return any(
        os.environ.get(name, "").strip().lower() in _TRUE
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def hub_reachable(timeout: float = PROBE_TIMEOUT_S) -> bool:
    """A TCP connection to the hub endpoint opens within ``timeout`` seconds (no request is sent).

    The probe runs in a daemon thread so that a hanging name lookup cannot hold the caller past ``timeout``.
    """
    endpoint = urlparse(os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT)
    address = (endpoint.hostname or "", endpoint.port or (80 if endpoint.scheme == "http" else 443))
    answers: list[bool] = []
    probe = threading.Thread(target=lambda: answers.append(_connects(address, timeout)), daemon=True)
    probe.start()
    probe.join(timeout)
    return bool(answers and answers[0])


def _connects(address: tuple[str, int], timeout: float) -> bool:
    try:
        with socket.create_connection(address, timeout=timeout):
            return True
    except OSError:
        return False


def unavailable_message(spec: ModelSpec, reason: str | None = None) -> str:
    """The one line that tells a user how to get the weights of ``spec``."""
    if spec.bundled:
        message = (
            f"model '{spec.name}' should ship inside vnsumm but its files are missing at {spec.path}: "
            "reinstall vnsumm"
        )
    elif spec.path is not None:
        message = (
            f"model '{spec.name}' has no loadable weights at {spec.path}: "
            "put a save_pretrained folder there, or fix 'path:' for it in models.yaml"
        )
    else:
        message = (
            f"model '{spec.name}' ({spec.hub_id}) is not available locally: run 'vnsumm models pull "
            f"{spec.name}' on a machine with network access, or set 'path:' for it in models.yaml"
        )
    return f"{message} ({_one_line(reason)})" if reason else message


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _NotCached(Exception):
    """The hub cache lacks a file of the model (only raised by a cache-only load)."""


def load_pretrained(spec: ModelSpec) -> tuple[Any, Any]:
    """(tokenizer, model) of ``spec`` from its local path, else from the hub cache, else from the hub."""
    if spec.path is not None:
        if not spec.path.is_dir():
            raise ModelUnavailableError(unavailable_message(spec, "no such folder"))
        if not (spec.path / "config.json").is_file():
            raise ModelUnavailableError(unavailable_message(spec, "no config.json in it"))
        return _from_pretrained(spec, str(spec.path), {})
    cache = {"cache_dir": str(hf_cache_dir())}
    try:
        return _from_pretrained(spec, str(spec.hub_id), {**cache, "local_files_only": True})
    except _NotCached:
        if hub_offline():
            raise ModelUnavailableError(unavailable_message(spec, "offline mode is set")) from None
        if not hub_reachable():
            raise ModelUnavailableError(unavailable_message(spec, "the hub cannot be reached")) from None
    return _from_pretrained(spec, str(spec.hub_id), cache)


def _from_pretrained(spec: ModelSpec, source: str, options: dict[str, Any]) -> tuple[Any, Any]:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **options, **tokenizer_kwargs(spec))
        model = AutoModelForSeq2SeqLM.from_pretrained(source, **options)
    except ImportError as exc:
        raise ModelUnavailableError(_missing_package(spec, str(exc))) from None
    except OSError:  # transformers' and huggingface_hub's "file not found" errors are OSErrors
        if options.get("local_files_only"):
            raise _NotCached from None
        raise ModelUnavailableError(unavailable_message(spec)) from None
    except (ValueError, KeyError) as exc:  # files found but unusable: say why
        if _needs_protobuf(str(exc)):
            raise ModelUnavailableError(_missing_package(spec, "protobuf")) from None
        raise ModelUnavailableError(unavailable_message(spec, str(exc) or type(exc).__name__)) from None
    return tokenizer, model


def _needs_protobuf(message: str) -> bool:
    """transformers 5 converts sentencepiece-only tokenizers with protobuf (else tries tiktoken and fails)."""
    return "protobuf" in message or "`tiktoken` is required" in message


def _missing_package(spec: ModelSpec, detail: str) -> str:
    if _needs_protobuf(detail):
        return (
            f"model '{spec.name}': its sentencepiece tokenizer needs the 'protobuf' package to load; "
            "run 'pip install protobuf'"
        )
    return f"model '{spec.name}' needs a Python package that is not installed: {_one_line(detail, 160)}"


def resolve_device(device: str = "auto") -> str:
    """``auto`` means CUDA when present, else CPU; an explicit device must exist."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        parsed = torch.device(device)
    except RuntimeError:
        raise ConfigError(f"unknown device '{device}'; use auto, cpu, cuda or cuda:N") from None
    if parsed.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(f"device '{device}' was asked for but CUDA is not available here; use --device cpu")
    return device
