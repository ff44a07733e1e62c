"""Provenance stamps: vnsumm.provenance, the shipped summariser parameters, and the benchmarks' --json."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from vnsumm import __version__
from vnsumm.provenance import json_safe, machine, package_version, source_commit, versions
from vnsumm.summary import SentenceScorer

from conftest import ROOT

PARAMETERS = ROOT / "src" / "vnsumm" / "data" / "summariser.json"


@pytest.fixture
def common(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("common")


def test_versions_name_vnsumm_python_and_the_packages() -> None:
    found = versions(("numpy", "no-such-package-here"))
    assert found["vnsumm"] == __version__ and found["python"].count(".") == 2
    assert found["numpy"] == package_version("numpy") is not None
    assert found["no-such-package-here"] is None


def test_source_commit_of_this_checkout_and_of_a_plain_folder(tmp_path: Path) -> None:
    commit = source_commit(ROOT)
    if commit is not None:  # a git checkout (an sdist has none)
        assert len(commit.removesuffix("+dirty")) == 40
    assert source_commit(tmp_path) is None


def test_machine_and_json_safe() -> None:
    assert machine()["cpu_count"] >= 1
    value = {"out": Path("a/b"), "sizes": (1, 2), "seen": {"b", "a"}, 3: None}
    assert json_safe(value) == {"out": "a/b", "sizes": [1, 2], "seen": ["a", "b"], "3": None}
    inside, beside, elsewhere = ROOT / "src" / "x.json", ROOT.parent / "shared", Path("/")
    assert json_safe([inside, beside, elsewhere], root=ROOT) == ["src/x.json", "../shared", "/"]


def test_shipped_parameters_say_where_they_came_from() -> None:
    provenance = json.loads(PARAMETERS.read_text(encoding="utf-8"))["provenance"]
    assert provenance["arguments"]["train"] == 10000 and provenance["arguments"]["shared"] == "../shared"
    assert set(provenance["versions"]) >= {"vnsumm", "python", "underthesea", "numpy"}
    assert len(provenance["commit"].removesuffix("+dirty")) == 40


def test_loader_ignores_provenance_and_rewrites_the_file_unchanged(tmp_path: Path) -> None:
    shipped = PARAMETERS.read_text(encoding="utf-8")
    provenance = json.loads(shipped)["provenance"]
    assert SentenceScorer.load().to_json(provenance) == shipped  # what the training script writes
    data = json.loads(shipped)
    data["provenance"] = {"anything": [{"nested": True}]}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert SentenceScorer.load(path) == SentenceScorer.load()


def test_benchmark_json_carries_figures_and_signature(common: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    args = argparse.Namespace(limit=3, shared=ROOT.parent / "shared", json=out)
    common.write_json(out, {"rows": [1, 2]}, "/any/where/summary.py", args, ("ctranslate2",))
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["rows"] == [1, 2]
    signature = report["signature"]
    assert signature["benchmark"] == "summary.py"
    assert signature["arguments"] == {"limit": 3, "shared": "../shared"}  # where the JSON goes: left out
    assert set(signature["versions"]) >= {"vnsumm", "python", "torch", "underthesea", "ctranslate2"}
    assert {"commit", "machine", "written"} <= set(signature)
    common.write_json(None, {}, "summary.py", args)  # no --json: nothing written, no error


def test_vietnews_reader_takes_a_strided_sample(common: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "split.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"id": str(i)}) + "\n" for i in range(20))
    ids = [a["id"] for a in common.read_vietnews(path, 3, offset=5, stride=4)]
    assert ids == ["5", "9", "13"]
    assert [a["id"] for a in common.read_vietnews(path, 100)] == [str(i) for i in range(20)]


def test_benchmarks_use_the_shared_helpers() -> None:
    """One place for paths, pinning and --json: no benchmark defines its own."""
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        if path.name == "common.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "from common import" in source, path.name
        assert "--json" in source or "add_json_option" in source, path.name
        assert "def pin" not in source and "parents[1]" not in source, path.name
        assert path.stem not in sys.stdlib_module_names, path.name
