"""claimx extract --dask through Typer's test runner: usage errors, Dask missing or unreachable,
``--dask local``, and a real command-line cluster (``dask scheduler``, ``dask worker`` processes)
that loses a worker mid-run and still gives a local run's bytes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx import errors
from claimx.cli.app import app
from tests.conftest import ROOT, SEEDS
from tests.test_distributed import corpus_rows, write_jsonl

try:
    import distributed
except ImportError:  # pragma: no cover - the dask extra is part of the test install
    if os.environ.get("CI"):
        raise
    distributed = None

needs_dask = pytest.mark.skipif(distributed is None, reason="needs the dask extra: pip install 'claimx[dask]'")
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def shared_nlp(nlp, monkeypatch):
    import claimx.pipeline

    monkeypatch.setattr(claimx.pipeline, "build_pipeline", lambda model=claimx.DEFAULT_MODEL: nlp)
    return nlp


def _extract(runner, *args):
    result = runner.invoke(app, ["extract", *map(str, args), "--no-progress"])
    return result.exit_code, result.stdout_bytes, result.stderr


def test_without_dask_one_line_names_the_extra(runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    code, out, err = _extract(runner, SEEDS, "--dask", "local")
    assert code == errors.EXIT_CLUSTER == 6
    assert err.count("\n") == 1 and "pip install 'claimx[dask]'" in err and not out


@pytest.mark.parametrize("args, message", [
    (["-", "--dask", "local"], "standard input (-) cannot go there"),
    ([SEEDS, "--partition-size", "1MB"], "--partition-size goes with --dask"),
    ([SEEDS, "--dask", "local", "--partition-size", "lots"], "takes a size such as"),
    ([SEEDS, "-o", SEEDS], "is a folder: give a file name"),
    ([SEEDS, "--dask", "local", "-o", SEEDS, "-f", "jsonl"], "is a folder: give a file name"),
])
def test_usage_errors(runner, args, message):
    code, out, err = _extract(runner, *args)
    assert code == errors.EXIT_USAGE, err
    assert message in " ".join(err.split()) and not out


@needs_dask
def test_an_unreachable_scheduler_is_one_line(runner):
    import dask

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, out, err = _extract(runner, SEEDS, "--dask", f"tcp://127.0.0.1:{port}")
    assert code == errors.EXIT_CLUSTER
    assert err.startswith(f"claimx: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: ")
    assert err.count("\n") == 1 and not out


@needs_dask
def test_dask_local_starts_its_own_workers(tmp_path, runner, shared_nlp):
    inputs = [SEEDS / "000_3dd9c1427ddf2f02.txt", ROOT / "tests" / "data" / "wire_flood.txt",
              write_jsonl(tmp_path / "export.jsonl", corpus_rows(12, pad=50))]
    local = _extract(runner, *inputs, "-f", "json")
    remote = _extract(runner, *inputs, "-f", "json", "--dask", "local", "-j", "2", "--partition-size", "1KB")
    assert remote == local and local[0] == 1 and b'"claims"' in local[1]


# ---------------------------------------------------------------------------------------------
# A cluster started the way a user starts one: dask scheduler, dask worker


def _start(args: list[str], log: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), *args], stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)


def _stop(procs: list[subprocess.Popen]) -> None:
    """Workers first (a scheduler that goes first keeps them trying to reconnect), then the scheduler."""
    for group in (procs[1:], procs[:1]):
        for proc in group:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in group:
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@needs_dask
@pytest.mark.parametrize("failures", [None, 0], ids=["dask reruns the partition", "one article per task"])
def test_a_worker_killed_mid_run_costs_nothing(tmp_path, runner, shared_nlp, failures):
    """Two worker processes; the first to start a partition is killed while it holds it (each
    partition waits half a second first, a hook only tests set). The scheduler gives that partition
    to the other worker; where it allows no failure (``allowed-failures`` 0: as when a partition
    has killed more workers than allowed) claimx reads it again and runs one article per task. Either way the
    output is a local run's, byte for byte."""
    from claimx.distributed import TEST_DELAY_ENV, TEST_STARTED_ENV

    corpus = write_jsonl(tmp_path / "export.jsonl", corpus_rows(24, pad=200))
    started = tmp_path / "started"
    started.mkdir()
    env = {**os.environ, TEST_DELAY_ENV: "0.5", TEST_STARTED_ENV: str(started)}
    if failures is not None:  # a partition that loses more workers than this: one article per task
        env["DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES"] = str(failures)
    address_file = tmp_path / "scheduler.json"
    procs = [_start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(address_file)], tmp_path / "scheduler.log", env)]
    try:
        for _ in range(300):
            if address_file.exists() and address_file.stat().st_size:
                break
            time.sleep(0.1)
        for k in range(2):
            procs.append(_start(["worker", "--scheduler-file", str(address_file), "--nthreads", "1",
                                 "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"],
                                tmp_path / f"worker{k}.log", env))
        with distributed.Client(scheduler_file=str(address_file), set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
            address = client.scheduler.address

        killed: list[int] = []

        def kill_the_first_busy_worker():
            for _ in range(1200):
                busy = [int(p.suffix[1:]) for p in started.glob("part.*")]
                if busy:
                    os.kill(busy[0], signal.SIGKILL)
                    killed.append(busy[0])
                    return
                time.sleep(0.05)

        watcher = threading.Thread(target=kill_the_first_busy_worker, daemon=True)
        watcher.start()
        remote = _extract(runner, corpus, "--dask", address, "--partition-size", "4KB")
        watcher.join(5)
        dead = [p.pid for p in procs if p.poll() is not None]
        local = _extract(runner, corpus)
    finally:
        _stop(procs)
    assert killed and dead == killed and killed[0] in {p.pid for p in procs[1:]}
    assert bool(list(started.glob("one.*"))) == (failures == 0)
    assert remote[1] == local[1] and local[1].count(b"\n") > 20
    assert remote[0] == local[0] == 1 and sorted(remote[2].splitlines()) == sorted(local[2].splitlines())
