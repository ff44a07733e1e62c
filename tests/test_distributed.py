"""Ray Data integration on a local Ray instance (2 CPUs): the output is the local batch's, byte for byte.

The default run has one Ray execution (``check --pairs --ray`` resuming an interrupted output); the
library-level runs of both jobs (summarising: each actor loads underthesea) are marked slow.

Ray starts once for this module (start-up is the slow part, ~10-20 s); deselect with ``-m "not ray"``.
"""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray")

from test_batch import PAIR, articles, jsonl  # noqa: E402

from vnsumm.batch import BatchOptions, run_batch  # noqa: E402
from vnsumm.cli import main  # noqa: E402
from vnsumm.distributed import run_ray  # noqa: E402
from vnsumm.jobs import CheckJob, SummaryJob  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.fixture()
def source(tmp_path):
    rows = [{**row, **PAIR} for row in articles(9)]
    rows[3] = {**rows[3], "translation": "There was VND 941 billion."}
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl(rows[:5]) + b'{"id": "bad", "text": 7}\n' + jsonl(rows[5:]) + jsonl(rows[:1]))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("job", [SummaryJob(2), CheckJob()], ids=["summarise", "check"])
def test_ray_output_equals_the_local_batch(tmp_path, source, job) -> None:
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    expected = run_batch(job, str(source), BatchOptions(str(local), workers=1))
    tally = run_ray(job, str(source), BatchOptions(str(remote)), actors=2)
    assert remote.read_bytes() == local.read_bytes()
    assert (tally.written, tally.errors, tally.exit_code) == (expected.written, expected.errors, 4)
    assert [json.loads(line)["id"] for line in local.read_text().splitlines()][-2:] == ["a8", "a0"]


def test_cli_ray_flag_resumes_like_a_local_batch(tmp_path, source, capsys) -> None:
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    args = ["check", "--pairs", str(source)]
    assert main([*args, "-o", str(local), "--workers", "1"]) == 4
    lines = local.read_bytes().splitlines(keepends=True)
    remote.write_bytes(b"".join(lines[:4]) + lines[4][:10])  # an interrupted earlier run
    assert main([*args, "-o", str(remote), "--ray"]) == 4
    assert remote.read_bytes() == local.read_bytes()
    assert "Traceback" not in capsys.readouterr().err
