"""Shared fixtures: the sample article and the ../shared data folder (absent in a user's clone)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge behaviour, not speed: on a busy shared machine input generation and single examples
# run slow, which must not fail a test.
settings.register_profile("vnsumm", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("vnsumm")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SAMPLE_VI = SAMPLES / "hanoi-hagiang-2024-06-11.vi.txt"


@pytest.fixture(scope="session")
def sample_text() -> str:
    from vnsumm.textio import read_text

    return read_text(SAMPLE_VI)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip cleanly where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is absent (only the project's machines have it)")
    return SHARED


@pytest.fixture(scope="session")
def benchmark_module() -> Iterator[Callable[[str], ModuleType]]:
    """``load(name)``: benchmarks/NAME.py as a module, so that guards run the benchmarks' own code.

    The benchmarks' folder goes on sys.path (they import ``common`` from it) for the session.
    """
    loaded: dict[str, ModuleType] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "benchmarks"))

        def load(name: str) -> ModuleType:
            if name not in loaded:
                path = ROOT / "benchmarks" / f"{name}.py"
                spec = importlib.util.spec_from_file_location(f"vnsumm_benchmark_{name}", path)
                module = importlib.util.module_from_spec(spec)
                patch.setitem(sys.modules, spec.name, module)
                spec.loader.exec_module(module)
                loaded[name] = module
            return loaded[name]

        yield load


@pytest.fixture()
def files(tmp_path: Path) -> Callable[[str, str], str]:
    """Write a UTF-8 text file in the test's folder; returns its path (for CLI arguments)."""

    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture(scope="module")
def one_torch_thread():
    """Small models run fastest on one thread, and a shared machine makes several threads crawl."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


from tiny_models import tiny_config  # noqa: E402,F401  (session fixture: tiny models of every family)
