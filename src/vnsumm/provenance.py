"""Where a figure or a trained file came from: package versions, source commit, machine.

Training scripts and benchmarks stamp what they write with this, so that a number in a JSON file can be
traced to the code, the libraries and the machine that produced it (one place, one format).
"""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__

# The libraries whose versions decide vnsumm's output (segmentation, features, translation engines).
CORE_PACKAGES: tuple[str, ...] = ("underthesea", "numpy")


def package_version(name: str) -> str | None:
    """The installed version of ``name`` (None when it is not installed): read from the package metadata,
    so nothing is imported (torch takes seconds to import)."""
    if name == "vnsumm":
        return __version__
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def versions(packages: Iterable[str] = CORE_PACKAGES) -> dict[str, str | None]:
    """vnsumm, python and each of ``packages``: the versions a result depends on."""
    found: dict[str, str | None] = {"vnsumm": __version__, "python": platform.python_version()}
    for name in packages:
        found[name] = package_version(name)
    return found


def source_commit(root: str | Path) -> str | None:
    """``git rev-parse HEAD`` of the checkout at ``root``, with ``+dirty`` when tracked files differ from it;
    None outside a git checkout (an installed package) or without git."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if changed else "")


def machine() -> dict[str, Any]:
    """What timings depend on: CPUs visible to this process, and the platform."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": usable,
        "platform": platform.platform(),
        "processor": platform.machine(),
    }


def json_safe(value: Any, root: Path | None = None) -> Any:
    """``value`` with paths as strings and tuples/sets as lists, so that argparse namespaces serialise.

    With ``root`` (a checkout), paths inside it or beside it (``../shared``) are written relative to it:
    the same on every machine, and no one's home folder in a shipped file.
    """
    if isinstance(value, Path):
        if root is not None:
            # as written (``../shared`` may be a link to elsewhere) and as resolved
            for path, top in (
                (Path(os.path.abspath(value)), Path(os.path.abspath(root))),
                (value.resolve(), root.resolve()),
            ):
                for base, prefix in ((top, ""), (top.parent, "../")):
                    if path.is_relative_to(base):
                        return prefix + path.relative_to(base).as_posix()
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v, root) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v, root) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json_safe(v, root) for v in value)
    return value
