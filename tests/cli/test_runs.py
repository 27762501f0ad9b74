"""Nothing lost: one document's failure, interrupted runs and --resume, signals, closed pipes.

The interruption tests run the real command in a subprocess (its own process group) and kill it
mid-run, as Ctrl-C, `timeout`, SLURM or a crash would; they compare the resumed result line by line
with one uninterrupted run.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import claimx
from claimx.cli.app import app
from tests.conftest import ROOT, SEEDS

EXE = ROOT / ".venv" / "bin" / "claimx"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "claimx"]
SUFFIX = ".claimx-resume"


def _corpus(path: Path, copies: int) -> Path:
    """A JSONL corpus of the seeds, ``copies`` times over, each row with its own id and outlet."""
    seeds = sorted(SEEDS.glob("*.txt"))
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for p in seeds:
                row = {"id": f"{p.stem[:3]}-{k}", "outlet": f"Outlet {k}", "publish_date": "2024-05-02",
                       "text": p.read_text(encoding="utf-8")}
                fh.write(json.dumps(row) + "\n")
    return path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _journal_entries(journal: Path) -> int:
    try:
        return max(0, journal.read_bytes().count(b"\n") - 1)
    except FileNotFoundError:
        return 0


def _start(args, cwd) -> subprocess.Popen:
    return subprocess.Popen(CMD + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_for_entries(proc, journal: Path, n: int, limit: float = 240) -> None:
    end = time.monotonic() + limit
    while _journal_entries(journal) < n:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < end, "the run wrote no journal entries"
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    """One uninterrupted run over 20 documents: the reference."""
    tmp = tmp_path_factory.mktemp("full")
    corpus = _corpus(tmp / "corpus.jsonl", 4)
    out = tmp / "full.jsonl"
    proc = subprocess.run(CMD + ["extract", str(corpus), "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return corpus, _lines(out)


@pytest.mark.parametrize("how, code", [
    (signal.SIGKILL, -signal.SIGKILL),   # a crash or a killed machine: no handler runs at all
    (signal.SIGTERM, 143),               # timeout, SLURM, docker stop
    (signal.SIGINT, 130),                # Ctrl-C
])
def test_killed_and_resumed_equals_one_run(tmp_path, full_run, how, code):
    corpus, expected = full_run
    out = tmp_path / "claims.jsonl"
    journal = tmp_path / ("claims.jsonl" + SUFFIX)
    proc = _start(["extract", str(corpus), "-o", str(out)], tmp_path)
    _wait_for_entries(proc, journal, 3)
    os.kill(proc.pid, how)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert not out.exists()                       # -o is complete or untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    if how != signal.SIGKILL:
        assert "--resume" in err.decode() and "Traceback" not in err.decode()
    done = _journal_entries(journal)
    assert 3 <= done < 20
    again = subprocess.run(CMD + ["extract", str(corpus), "-o", str(out), "--resume"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"{done} document(s) already done" in again.stderr
    assert _lines(out) == expected                # the same lines, no duplicate, no half line
    assert not journal.exists()


def _crashed_run(tmp_path, corpus, entries: int) -> tuple[Path, Path]:
    """(output, journal) of a run killed with SIGKILL once its journal holds ``entries`` documents."""
    out = tmp_path / "claims.jsonl"
    journal = tmp_path / ("claims.jsonl" + SUFFIX)
    proc = _start(["extract", str(corpus), "-o", str(out)], tmp_path)
    _wait_for_entries(proc, journal, entries)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    return out, journal


def test_a_half_written_journal_line_is_dropped(tmp_path, full_run):
    corpus, expected = full_run
    out, journal = _crashed_run(tmp_path, corpus, 2)
    with journal.open("ab") as fh:  # as if the machine died in the middle of a line
        fh.write(b'{"key":"half a li')
    again = subprocess.run(CMD + ["extract", str(corpus), "-o", str(out), "--resume"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert _lines(out) == expected


def test_a_journal_is_not_overwritten_or_misused(tmp_path, full_run):
    corpus, _ = full_run
    out, journal = _crashed_run(tmp_path, corpus, 1)
    before = journal.read_bytes()
    fresh = subprocess.run(CMD + ["extract", str(corpus), "-o", str(out)], capture_output=True, text=True)
    assert fresh.returncode == 2 and "--resume" in fresh.stderr
    other = subprocess.run(CMD + ["extract", str(SEEDS), "-o", str(out), "--resume"], capture_output=True, text=True)
    assert other.returncode == 2 and "other inputs or options" in other.stderr
    assert journal.read_bytes() == before


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory):
    """60 documents: with batches of 2 the workers are still busy well after the first entries."""
    return _corpus(tmp_path_factory.mktemp("long") / "corpus.jsonl", 12)


def test_sigterm_with_workers_ends_every_process(tmp_path, long_corpus):
    corpus = long_corpus
    out = tmp_path / "claims.jsonl"
    journal = tmp_path / ("claims.jsonl" + SUFFIX)
    proc = _start(["extract", str(corpus), "-o", str(out), "-j", "2", "--batch-size", "2"], tmp_path)
    _wait_for_entries(proc, journal, 2)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGTERM)  # the parent alone, as `timeout` does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
    lines = err.decode().strip().splitlines()
    assert "Traceback" not in err.decode() and lines and all(x.startswith("claimx: ") for x in lines)
    assert "--resume" in lines[-1]


@pytest.mark.parametrize("send", [os.killpg, os.kill], ids=["process-group", "parent-alone"])
def test_sigint_with_workers(tmp_path, long_corpus, send):
    corpus = long_corpus
    out = tmp_path / "claims.jsonl"
    journal = tmp_path / ("claims.jsonl" + SUFFIX)
    proc = _start(["extract", str(corpus), "-o", str(out), "-j", "2", "--batch-size", "2"], tmp_path)
    _wait_for_entries(proc, journal, 2)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    send(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal (the whole group), or `kill -INT` to the parent
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err.decode() and "--resume" in err.decode()
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


def test_a_closed_pipe_ends_quietly(tmp_path):
    script = f"{' '.join(CMD)} extract {SEEDS} | head -n 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.stdout.strip() in ("0", "141")  # 0 when every line fit in the pipe before head left
    assert proc.stderr == ""


# ---------------------------------------------------------------------------------------------
# One document's failure costs that document only


@Language.component("test_boom")
def _boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("a component met a document it could not handle")
    return doc


@pytest.fixture(scope="module")
def booming_nlp():
    nlp = claimx.load()
    nlp.add_pipe("test_boom", after="claimx_cues")
    return nlp


def test_a_failing_component_costs_one_document(tmp_path, booming_nlp, monkeypatch):
    import claimx.pipeline

    monkeypatch.setattr(claimx.pipeline, "build_pipeline", lambda model=None: booming_nlp)
    seeds = sorted(SEEDS.glob("*.txt"))
    rows = [{"id": p.stem[:3], "text": p.read_text(encoding="utf-8")} for p in seeds]
    rows.insert(2, {"id": "bad", "text": 'BOOM. "This will not parse," said the engineer.'})
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 1
    got = [json.loads(line) for line in result.stdout.splitlines()]
    expected = [c for r in rows if r["id"] != "bad"
                for c in claimx.extract(r["text"], nlp=booming_nlp, doc_id=r["id"], path=str(corpus))]
    assert [c["id"] for c in got] == [c["id"] for c in expected]
    assert {c["doc"]["id"] for c in got} == {"000", "001", "002", "003", "004"}
    assert f"{corpus}:3: extraction failed (ValueError: a component met a document" in result.stderr
    assert "Traceback" not in result.stderr
    debug = CliRunner().invoke(app, ["extract", str(corpus), "--debug"])
    assert "Traceback" in debug.stderr and debug.exit_code == 1


def test_a_failing_component_with_workers(tmp_path, booming_nlp, monkeypatch):
    import claimx.pipeline

    monkeypatch.setattr(claimx.pipeline, "build_pipeline", lambda model=None: booming_nlp)
    rows = [{"id": f"d{i}", "text": f'"The bridge will open in May," said engineer Mia Berg {i}.'} for i in range(12)]
    rows[5]["text"] = "BOOM " + rows[5]["text"]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(corpus), "-j", "2", "--batch-size", "2"])
    assert result.exit_code == 1
    docs = [json.loads(line)["doc"]["id"] for line in result.stdout.splitlines()]
    assert docs == [f"d{i}" for i in range(12) if i != 5]
    assert "c.jsonl:6: extraction failed" in result.stderr


@Language.component("test_die")
def _die(doc):
    if "DIE" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    return doc


def test_a_document_that_kills_its_worker_costs_only_itself(tmp_path, monkeypatch):
    import claimx.pipeline

    nlp = claimx.load()
    nlp.add_pipe("test_die", after="claimx_quotes")
    monkeypatch.setattr(claimx.pipeline, "build_pipeline", lambda model=None: nlp)
    rows = [{"id": f"d{i}", "text": f'"The ferry will run again in May," said captain Ole Berg {i}.'} for i in range(10)]
    rows[3]["text"] = "DIE " + rows[3]["text"]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(corpus), "-j", "2", "--batch-size", "4"])
    assert result.exit_code == 1
    docs = [json.loads(line)["doc"]["id"] for line in result.stdout.splitlines()]
    assert docs == [f"d{i}" for i in range(10) if i != 3]  # its batch neighbours d0-d2 are kept
    assert "c.jsonl:4: extraction failed (its worker process died twice" in result.stderr


def test_resume_from_another_folder_with_the_path_spelled_otherwise(tmp_path, full_run):
    corpus, expected = full_run
    work = tmp_path / "work"
    work.mkdir()
    local = work / "corpus.jsonl"
    local.write_bytes(corpus.read_bytes())
    out = work / "claims.jsonl"
    journal = work / ("claims.jsonl" + SUFFIX)
    proc = _start(["extract", "corpus.jsonl", "-o", "claims.jsonl"], work)
    _wait_for_entries(proc, journal, 3)
    os.kill(proc.pid, signal.SIGTERM)
    proc.communicate(timeout=60)
    again = subprocess.run(CMD + ["extract", str(local), "-o", str(out), "--resume"], capture_output=True,
                           text=True, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert _lines(out) == [line.replace(str(corpus), "corpus.jsonl") for line in expected] or \
        [json.loads(x)["id"] for x in _lines(out)] == [json.loads(x)["id"] for x in expected]
    ids = [json.loads(x)["id"] for x in _lines(out)]
    assert len(ids) == len(set(ids)) == len(expected)
