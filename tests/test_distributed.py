"""The Dask path (`claimx.distributed`, `claimx.inputs.partitions`): partitions read apart give what
one whole read gives; on a real LocalCluster of two worker processes, `claimx extract --dask` gives
the bytes a local run gives (JSON Lines, JSON, CSV, a Parquet dataset DuckDB reads as one table),
the same problems, and --resume skips what an interrupted run finished.

The CLI and the command-line cluster (`dask scheduler`, `dask worker`, one worker killed mid-run)
are in tests/cli/test_extract_dask.py.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimx
from claimx.cli.app import app
from claimx.inputs import Article, Meta, Problem, ReadOptions, iter_file
from claimx.inputs.partitions import RawIds, read_part, split_corpus
from tests.conftest import ROOT, SEEDS

try:
    import distributed
except ImportError:  # pragma: no cover - the dask extra is part of the test install
    if os.environ.get("CI"):
        raise
    distributed = None

needs_dask = pytest.mark.skipif(distributed is None, reason="needs the dask extra: pip install 'claimx[dask]'")

# Short articles written for these tests.
ARTICLES = [
    "Harbour gets its second crane\n\nThe port authority said on Monday that the second crane had "
    "been installed.\n\"It is the biggest investment the harbour has seen in fifty years,\" said port "
    "director Ruth Engel.\n",
    "Valley school stays open\n\n\"Every child in the valley can now walk to class,\" said Oskar Lind, "
    "the head teacher.\nThe council said 40 pupils had signed up.\n",
    "Bridge repairs delayed\n\nThe transport ministry said the repairs would take at least six more "
    "weeks.\nAccording to the city council, the work will cost $12 million.\n",
    "Clinic opens late\n\nDoctors at the new clinic told reporters that they had treated more than "
    "300 patients in the first week.\n\"We need more nurses,\" said director Amal Haddad.\n",
    "Fares to rise\n\nThe rail operator said fares would rise by 5 percent in June.\nUnion leader "
    "Petra Novak said the rise was unfair to commuters.\n",
    "Storm cuts power\n\nAbout 2,000 homes lost power on Sunday, the utility said.\n\"Crews are out "
    "in every district,\" a spokeswoman said.\n",
]


def corpus_rows(n: int, pad: int = 600) -> list[dict]:
    """``n`` rows of the articles above: ids that repeat (-> ~2), a date that is not one, an
    empty text, and a wide column the reader never looks at (so files are large, texts short)."""
    rows = []
    for k in range(n):
        rows.append({"id": f"art-{k % 9}", "outlet": ["Harbour Post", "Valley Times"][k % 2],
                     "published": "yesterday-ish" if k % 10 == 3 else f"2024-05-{1 + k % 28:02d}",
                     "text": "" if k % 17 == 5 else ARTICLES[k % len(ARTICLES)],
                     "raw_html": "<div>" + "x" * pad + "</div>"})
    return rows


def write_jsonl(path: Path, rows: list[dict], bad_lines: bool = True) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for k, row in enumerate(rows):
            fh.write(json.dumps(row) + "\n")
            if bad_lines and k % 7 == 2:
                fh.write("\n")
            if bad_lines and k % 11 == 4:
                fh.write("{not json\n")
    return path


def write_csv(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        for k, row in enumerate(rows):
            writer.writerow(row)
            if k % 5 == 1:
                fh.write("\r\n")  # a blank line: no row number
    return path


def write_parquet(path: Path, rows: list[dict], group: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group)
    return path


# ---------------------------------------------------------------------------------------------
# Partitions read apart = one whole read (no Dask needed)


def _items(items) -> list[tuple]:
    out = []
    for x in items:
        if isinstance(x, Problem):
            out.append(("problem", x.where, x.message))
        else:
            out.append(("article", x.id, x.text, x.meta, x.where, x.encoding, tuple(x.warnings)))
    return out


def _first_published_warning(items: list[tuple]) -> list[tuple]:
    """What the run keeps of a file's "published is not a date" warnings: the first."""
    seen, out = False, []
    for item in items:
        if item[0] == "article":
            kept = []
            for line in item[6]:
                if line.endswith("is not a date; left null"):
                    if seen:
                        continue
                    seen = True
                kept.append(line)
            item = item[:6] + (tuple(kept),)
        out.append(item)
    return out


def _cp1252_jsonl(path: Path) -> Path:
    with path.open("wb") as fh:
        for k in range(40):
            text = ARTICLES[k % 6].replace("said", "sa\u00efd", 1) + "Caf\u00e9 \u2013 na\u00efve.\n"
            fh.write(json.dumps({"headline": f"Caf\u00e9 {k}", "body": text}, ensure_ascii=False).encode("cp1252") + b"\n")
    return path


def _bom_jsonl(path: Path) -> Path:
    with path.open("wb") as fh:
        fh.write(b"\xef\xbb\xbf")
        for k in range(40):
            fh.write(json.dumps({"text": ARTICLES[k % 6]}, ensure_ascii=False).encode() + b"\n")
            if k == 20:
                fh.write(b'{"text": "A bad \xff byte, the mayor said on Monday."}\n')
    return path


def _quoted_newlines_csv(path: Path) -> Path:
    return write_csv(path, [{"headline": f"H{k}", "content": ARTICLES[k % 6] * 2, "media_name": "Wire"}
                            for k in range(40)], delimiter=";")


def _bare_cr_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("text,id\r")
        for k in range(30):
            fh.write('"' + ARTICLES[k % 6].replace("\n", " ").replace('"', '""') + f'",cr{k}\r')
    return path


def _no_text_column(path: Path) -> Path:
    return write_jsonl(path, [{"body_html": "x" * 300, "n": k} for k in range(30)], bad_lines=False)


@pytest.mark.parametrize("make, size, cut", [
    pytest.param(lambda p: write_jsonl(p / "a.jsonl", corpus_rows(60)), 2000, True, id="jsonl: blank and bad lines, repeated ids"),
    pytest.param(lambda p: _cp1252_jsonl(p / "b.jsonl"), 1500, True, id="jsonl in cp1252"),
    pytest.param(lambda p: _bom_jsonl(p / "c.jsonl"), 1200, True, id="jsonl with a BOM and a bad byte"),
    pytest.param(lambda p: write_csv(p / "d.csv", corpus_rows(40)), 2500, True, id="csv with blank lines"),
    pytest.param(lambda p: _quoted_newlines_csv(p / "e.csv"), 1000, True, id="csv ';' with newlines in quoted fields"),
    pytest.param(lambda p: write_csv(p / "f.tsv", corpus_rows(30), delimiter="\t"), 2000, True, id="tsv"),
    pytest.param(lambda p: _bare_cr_csv(p / "g.csv"), 1000, False, id="csv with bare CR line ends: whole"),
    pytest.param(lambda p: _no_text_column(p / "h.jsonl"), 1000, False, id="jsonl without a text column: whole"),
    pytest.param(lambda p: write_parquet(p / "i.parquet", corpus_rows(50), group=7), 3000, True, id="parquet, small row groups"),
    pytest.param(lambda p: write_parquet(p / "j.parquet", corpus_rows(50), group=1000), 1000, True, id="parquet, one row group"),
])
def test_partitions_read_apart_give_one_whole_read(tmp_path, make, size, cut):
    path = str(make(tmp_path))
    whole = _items(iter_file(path, ReadOptions(), RawIds()))
    parts = split_corpus(path, size)
    apart = [item for part in parts for item in _items(read_part(part, ReadOptions(), RawIds(part.file_number)))]
    assert (len(parts) > 2) == cut, len(parts)
    assert _first_published_warning(apart) == whole
    assert any(item[0] == "article" for item in whole) or "h.jsonl" in path


def test_a_partition_names_rows_as_the_whole_file_does(tmp_path):
    path = str(write_jsonl(tmp_path / "export.jsonl", corpus_rows(40)))
    parts = split_corpus(path, 1500)
    last = list(read_part(parts[-1], ReadOptions(overrides=Meta(outlet="Wire")), RawIds()))
    whole = list(iter_file(path, ReadOptions(overrides=Meta(outlet="Wire")), RawIds()))
    assert [x.where for x in last] == [x.where for x in whole[-len(last):]]
    assert int(last[0].where.rsplit(":", 1)[1]) > 30  # a line number counted over the whole file
    assert {x.meta.outlet for x in last if isinstance(x, Article)} == {"Wire"}


# ---------------------------------------------------------------------------------------------
# On a LocalCluster of two worker processes


@pytest.fixture(scope="module")
def cluster():
    if distributed is None:
        pytest.skip("needs the dask extra")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def shared_nlp(nlp, monkeypatch):
    """Local runs build their pipeline through claimx.pipeline.build_pipeline: hand them the session's."""
    import claimx.pipeline

    monkeypatch.setattr(claimx.pipeline, "build_pipeline", lambda model=claimx.DEFAULT_MODEL: nlp)
    return nlp


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder of text files (the seeds, the tests' own articles, one stem twice, an empty file)
    and a corpus file between them."""
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    shutil.copy(SEEDS / "000_3dd9c1427ddf2f02.txt", root / "000_3dd9c1427ddf2f02.txt")
    for p in sorted((ROOT / "tests" / "data").glob("*.txt")):
        shutil.copy(p, root / "b" / p.name)
    shutil.copy(ROOT / "tests" / "data" / "wire_flood.txt", root / "wire_flood.txt")  # a second "wire_flood"
    (root / "b" / "empty.txt").write_text("")
    write_jsonl(root / "b" / "c.jsonl", corpus_rows(20, pad=100))
    return root


def _run(runner, args):
    result = runner.invoke(app, ["extract", *args, "--no-progress"])
    return result.exit_code, result.stdout_bytes, result.stderr


@needs_dask
def test_same_output_as_a_local_run(tmp_path, folder, cluster, runner, shared_nlp):
    corpus = str(write_jsonl(tmp_path / "export.jsonl", corpus_rows(30)))
    for inputs, fmt in (([corpus], "jsonl"), ([str(folder)], "jsonl"), ([corpus], "json")):
        local = _run(runner, [*inputs, "-f", fmt])
        remote = _run(runner, [*inputs, "-f", fmt, "--dask", cluster, "--partition-size", "2KB"])
        assert remote[0] == local[0] == 1  # the empty file, the empty texts, the lines that are not JSON
        assert remote[1] == local[1] and local[1]
        assert sorted(remote[2].splitlines()) == sorted(local[2].splitlines())
        assert "not JSON" in local[2] or inputs == [str(folder)]
        if fmt == "jsonl":
            ids = {json.loads(line)["doc"]["id"] for line in local[1].splitlines()}
            assert ("art-0~2" in ids) if inputs == [corpus] else ("wire_flood~2" in ids)


@needs_dask
def test_parquet_dataset_reads_as_one_table(tmp_path, cluster, runner, shared_nlp):
    import duckdb

    corpus = write_jsonl(tmp_path / "export.jsonl", corpus_rows(40))
    rows = corpus_rows(30)
    parquet_corpus = write_parquet(tmp_path / "more.parquet", rows, group=4)
    inputs = [str(corpus), str(parquet_corpus)]
    assert _run(runner, [*inputs, "-f", "parquet", "-o", str(tmp_path / "local.parquet")])[0] == 1
    out = tmp_path / "claims"
    out.mkdir()
    (out / "part-00099.parquet").write_bytes(b"left by another run")
    (out / "notes.txt").write_text("mine")
    code, _, err = _run(runner, [*inputs, "-f", "parquet", "-o", str(out), "--dask", cluster,
                                 "--partition-size", "3KB"])
    assert code == 1, err
    parts = sorted(p.name for p in out.glob("*.parquet"))
    assert len(parts) > 5 and parts[0] == "part-00000.parquet"
    assert (out / "notes.txt").exists() and not (tmp_path / "claims.claimx-parts").exists()
    assert not (tmp_path / "claims.claimx-resume").exists()
    local = duckdb.sql(f"SELECT * FROM '{tmp_path / 'local.parquet'}'").fetchall()
    dataset = duckdb.sql(f"SELECT * FROM '{out}/*.parquet'").fetchall()
    assert dataset == local and len(local) > 50
    assert duckdb.sql(f"SELECT count(*) FROM '{out}/*.parquet'").fetchall() == [(len(local),)]


class _Stop(Exception):
    """Stands for Ctrl-C after some documents."""


def _interrupted(paths, output: Path, cluster: str, fmt: str, after: int) -> int:
    """A --dask run stopped after ``after`` documents: what it leaves behind (journal, parts)."""
    from claimx.distributed import DaskOptions
    from claimx.extraction import ExtractRun
    from claimx.sinks import Format

    done = []

    def document():
        done.append(1)
        if len(done) >= after:
            raise _Stop()

    options = DaskOptions(address=cluster, partition_bytes=2500)
    run = ExtractRun(paths=paths, fmt=fmt, output=output, model=claimx.DEFAULT_MODEL, dask=options,
                     dataset=fmt == Format.parquet.value and output.suffix != ".parquet", on_document=document)
    run.check()
    run.connect()
    try:
        with pytest.raises(_Stop):
            if run.dataset:
                run.write_dataset()
            else:
                run.journal_all()
    finally:
        run.disconnect()
        run.journal.close()
    return run.journal.count


@needs_dask
@pytest.mark.parametrize("fmt, name", [("jsonl", "claims.jsonl"), ("parquet", "claims")])
def test_resume_skips_finished_partitions(tmp_path, cluster, runner, shared_nlp, fmt, name):
    import duckdb

    corpus = str(write_jsonl(tmp_path / "export.jsonl", corpus_rows(60)))
    local_out = tmp_path / f"local.{fmt}"
    assert _run(runner, [corpus, "-f", fmt, "-o", str(local_out)])[0] == 1
    out = tmp_path / name
    journalled = _interrupted([corpus], out, cluster, fmt, after=25)
    assert journalled >= 25 and not out.exists()

    client = distributed.Client(cluster, set_as_default=False)
    try:
        with distributed.get_task_stream(client) as stream:
            code, _, err = _run(runner, [corpus, "-f", fmt, "-o", str(out), "--dask", cluster,
                                         "--partition-size", "2500", "--resume"])
        keys = [t["key"] for t in stream.data]
    finally:
        client.close()
    assert code == 1, err
    assert f"{journalled} document(s) already done" in err
    assert err.count("not JSON") == 6  # problems are named again, as in a local resumed run
    extracted = {k for k in keys if "claimx-part-" in str(k)}
    read_only = {k for k in keys if "claimx-read-" in str(k)}
    assert read_only and 0 < len(extracted) < len(split_corpus(corpus, 2500)) - 2
    if fmt == "jsonl":
        assert out.read_bytes() == local_out.read_bytes()
    else:
        local = duckdb.sql(f"SELECT * FROM '{local_out}'").fetchall()
        assert duckdb.sql(f"SELECT * FROM '{out}/*.parquet'").fetchall() == local
    assert not Path(str(out) + ".claimx-resume").exists()
