"""claimx extract on real files in every format it reads and writes, built from the seeds.

Each corpus form holds the five seed articles, one a row, with outlet and date in columns; the
claims must be the same as from the .txt files (ids and metadata aside), every offset must point
into the document text the JSON output carries, and the metadata must come from the columns.
"""
from __future__ import annotations

import codecs
from collections import Counter
import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from tests.conftest import SEEDS, assert_offsets

SEED_FILES = sorted(SEEDS.glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEED_FILES]
ROWS = [{"stories_id": f"s{i}", "media_name": f"Outlet {i}", "publish_date": f"2024-05-0{i + 1} 10:30:00",
         "title": f"Seed {i}", "url": f"https://news.example/{i}", "body": text} for i, text in enumerate(TEXTS)]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(autouse=True)
def shared(nlp, monkeypatch):
    import claimx.pipeline

    monkeypatch.setattr(claimx.pipeline, "build_pipeline", lambda model=None: nlp)


@pytest.fixture(scope="module")
def txt_claims(nlp):
    """The claims of the seeds as .txt files, without ids and doc: what every form must give."""
    import claimx

    return [[_bare(c) for c in claimx.extract(t, nlp=nlp)] for t in TEXTS]


def _bare(claim: dict) -> dict:
    """A claim without what names its document (its id, its doc, the document part of ``within``)."""
    within = claim.get("within")
    return {**{k: v for k, v in claim.items() if k not in ("id", "doc")},
            "within": within and "#" + within.rsplit("#", 1)[1]}


def _json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _check(doc: dict, txt_claims) -> None:
    """Five documents with the columns' metadata, the seeds' claims, and offsets into their text."""
    texts = {d["id"]: d["text"] for d in doc["documents"]}
    assert [d["id"] for d in doc["documents"]] == [r["stories_id"] for r in ROWS]
    assert [d["text"] for d in doc["documents"]] == TEXTS
    for d, row in zip(doc["documents"], ROWS):
        assert (d["outlet"], d["published"], d["title"], d["url"]) == (
            row["media_name"], row["publish_date"].replace(" ", "T"), row["title"], row["url"])
    by_doc: dict[str, list] = {}
    for c in doc["claims"]:
        assert_offsets(texts[c["doc"]["id"]], c)
        by_doc.setdefault(c["doc"]["id"], []).append(_bare(c))
    for row, expected in zip(ROWS, txt_claims):
        got = by_doc.get(row["stories_id"], [])
        # the given date may date claims the text left undated: compare all but the date
        assert [{**c, "date": None} for c in got] == [{**c, "date": None} for c in expected]


def _write_csv(path: Path, delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ROWS[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(ROWS)
    return path


def _write_jsonl(path: Path) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def _write_parquet(path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(ROWS), path, row_group_size=2)
    return path


@pytest.mark.parametrize("name, write", [
    ("export.csv", _write_csv),
    ("export.tsv", lambda p: _write_csv(p, "\t")),
    ("export.jsonl", _write_jsonl),
    ("export.ndjson", _write_jsonl),
    ("export.jsonl.gz", _write_jsonl),
    ("export.parquet", _write_parquet),
])
def test_corpus_files(runner, tmp_path, txt_claims, name, write):
    path = write(tmp_path / name)
    result = runner.invoke(app, ["extract", str(path), "-f", "json", "--column", "text=body"])
    _check(_json(result), txt_claims)
    assert result.stderr == ""


def test_csv_quoting_and_embedded_newlines_survive(runner, tmp_path, txt_claims):
    path = _write_csv(tmp_path / "export.csv")
    raw = path.read_text(encoding="utf-8")
    assert '"' in raw and raw.count("\n") > len(ROWS) + 1  # quoted fields with newlines inside
    _check(_json(runner.invoke(app, ["extract", str(path), "-f", "json", "-c", "text=body"])), txt_claims)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
def test_corpus_on_stdin(runner, tmp_path, txt_claims, fmt):
    if fmt == "jsonl":
        data = _write_jsonl(tmp_path / "x.jsonl").read_bytes()
    else:
        data = _write_csv(tmp_path / "x.csv", "," if fmt == "csv" else "\t").read_bytes()
    result = runner.invoke(app, ["extract", "-", "--input-format", fmt, "-c", "text=body", "-f", "json"],
                           input=data)
    doc = _json(result)
    _check(doc, txt_claims)
    assert all(d["path"] is None for d in doc["documents"])


def test_a_row_without_text_is_named_and_the_rest_read(runner, tmp_path):
    rows = [dict(r) for r in ROWS]
    rows[1]["body"] = "   "
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "-c", "text=body", "-f", "json"])
    assert result.exit_code == 1
    assert f"{path}:2: no text in column 'body'" in result.stderr
    doc = json.loads(result.stdout)
    assert [d["id"] for d in doc["documents"]] == ["s0", "s2", "s3", "s4"]


def test_claimx_output_is_not_read_as_articles(runner, tmp_path):
    out = tmp_path / "claims.jsonl"
    assert runner.invoke(app, ["extract", str(SEEDS), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["extract", str(out)])
    assert result.exit_code == 1 and "holds claimx claims, not articles" in result.stderr


# ---------------------------------------------------------------------------------------------
# Plain text in other encodings, and files that give nothing


@pytest.mark.parametrize("codec, bom", [
    ("utf-16", b""),              # Python writes the BOM
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("cp1252", b""),
])
def test_text_in_other_encodings(runner, tmp_path, txt_claims, codec, bom):
    text = TEXTS[0].replace("—", "-") if codec == "cp1252" else TEXTS[0]
    path = tmp_path / "seed.txt"
    path.write_bytes(bom + text.encode(codec, errors="strict"))
    doc = _json(runner.invoke(app, ["extract", str(path), "-f", "json"]))
    (d,) = doc["documents"]
    assert d["text"] == text
    assert d["title"] and not d["title"].startswith("\ufeff")
    for c in doc["claims"]:
        assert_offsets(d["text"], c)
        assert "\ufeff" not in json.dumps(c["speaker"] or {})
    assert len(doc["claims"]) >= len(txt_claims[0]) - 1


def test_empty_and_binary_files_are_named_and_skipped(runner, tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "c_good.txt").write_text(TEXTS[2], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "json"])
    assert result.exit_code == 1
    assert "a_empty.txt: empty file" in result.stderr and "b_binary.txt: binary data" in result.stderr
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["c_good"]


def test_overrides_set_what_the_text_does_not_state(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[4], encoding="utf-8")
    doc = _json(runner.invoke(app, ["extract", str(path), "-f", "json", "--outlet", "The Ledger",
                                    "--published", "2024-05-02", "--title", "A title of my own"]))
    (d,) = doc["documents"]
    assert (d["outlet"], d["published"], d["title"]) == ("The Ledger", "2024-05-02", "A title of my own")
    assert all(c["doc"]["outlet"] == "The Ledger" for c in doc["claims"])
    dated = [c for c in doc["claims"] if c["date"] and c["date"]["basis"] == "published"]
    assert all(c["date"]["value"] == "2024-05-02" for c in dated)


@pytest.mark.parametrize("args, message", [
    (["--column", "body"], "--column takes FIELD=NAME"),
    (["--column", "colour=body"], "--column takes FIELD=NAME"),
    (["--published", "May"], "not a date"),
    (["-f", "parquet"], "give -o FILE"),
    (["--resume"], "--resume continues a run that writes to a file"),
])
def test_bad_usage(runner, args, message):
    result = runner.invoke(app, ["extract", str(SEED_FILES[0]), *args])
    assert result.exit_code == 2
    assert message in result.output or message in result.stderr


def test_title_needs_a_single_document(runner):
    result = runner.invoke(app, ["extract", str(SEEDS), "--title", "One title"])
    assert result.exit_code == 2 and "single file" in result.output


def test_output_may_not_name_an_input(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(path)])
    assert result.exit_code == 2 and "is one of the input files" in result.stderr
    assert path.read_text(encoding="utf-8") == TEXTS[0]


def test_unwritable_output_is_exit_5(runner, tmp_path):
    result = runner.invoke(app, ["extract", str(SEED_FILES[0]), "-o", str(tmp_path / "no" / "such" / "out.jsonl")])
    assert result.exit_code == 5 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_a_fifo_is_refused_not_waited_on(runner, tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["extract", str(fifo), str(SEED_FILES[0])])
    assert result.exit_code == 1 and "not a regular file" in result.stderr


def test_closed_and_binary_stdin(runner):
    import subprocess

    from tests.cli.test_runs import CMD

    closed = subprocess.run(["bash", "-c", " ".join(CMD) + " extract - <&-"], capture_output=True, text=True)
    assert closed.returncode == 1 and "standard input is closed" in closed.stderr
    assert "Traceback" not in closed.stderr
    result = runner.invoke(app, ["extract", "-"], input=bytes(range(256)) * 10)
    assert result.exit_code == 1 and "binary data" in result.stderr


# ---------------------------------------------------------------------------------------------
# Outputs


def test_csv_output(runner, tmp_path):
    out = tmp_path / "claims.csv"
    assert runner.invoke(app, ["extract", str(SEEDS), "-f", "csv", "-o", str(out)]).exit_code == 0
    jsonl = [json.loads(x) for x in runner.invoke(app, ["extract", str(SEEDS)]).stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(jsonl)
    for row, claim in zip(rows, jsonl):
        text = (SEEDS / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        assert row["id"] == claim["id"] and row["kind"] == claim["kind"]
        assert text[int(row["start"]):int(row["end"])] == row["text"] == claim["text"]
        assert json.loads(row["figures"]) == claim["figures"]


def test_parquet_output_reads_in_duckdb(runner, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "claims.parquet"
    assert runner.invoke(app, ["extract", str(SEEDS), "-f", "parquet", "-o", str(out)]).exit_code == 0
    jsonl = [json.loads(x) for x in runner.invoke(app, ["extract", str(SEEDS)]).stdout.splitlines()]
    got = duckdb.sql(f"SELECT id, doc.id AS doc, speaker.name AS who, span[1] AS s, span[2] AS e, text "
                     f"FROM '{out}'").fetchall()
    assert [g[0] for g in got] == [c["id"] for c in jsonl]
    for (_, doc, who, s, e, text), claim in zip(got, jsonl):
        assert who == (claim["speaker"] or {}).get("name")
        assert (SEEDS / f"{doc}.txt").read_text(encoding="utf-8")[s:e] == text


def test_table_fits_80_columns(runner):
    result = runner.invoke(app, ["extract", str(SEEDS), "-f", "table"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and max(len(x) for x in lines) <= 80
    assert "Ashkenazi" in result.stdout and "CGTN" in result.stdout


def test_output_file_respects_the_umask_and_symlinks(runner, tmp_path):
    import os
    import stat

    target = tmp_path / "real.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    old = os.umask(0o022)
    try:
        assert runner.invoke(app, ["extract", str(SEED_FILES[0]), "-o", str(link)]).exit_code == 0
    finally:
        os.umask(old)
    assert link.is_symlink() and target.exists() and target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.jsonl", "real.jsonl"]


# ---------------------------------------------------------------------------------------------
# Saved web pages and long articles


def test_saved_page_through_the_command(runner, tmp_path):
    from tests.inputs.test_html import CANONICAL, news_page

    page = tmp_path / "flood-wall.html"
    page.write_text(news_page(), encoding="utf-8")
    doc = _json(runner.invoke(app, ["extract", str(page), "-f", "json"]))
    (d,) = doc["documents"]
    assert d["outlet"] == "The Lakeside Courier" and d["url"] == CANONICAL and d["published"].startswith("2024-05-02")
    assert "<p>" not in d["text"] and "cookie" not in d["text"].lower()
    assert any(c["speaker"] and "Brandt" in c["speaker"]["name"] for c in doc["claims"])
    for c in doc["claims"]:
        assert_offsets(d["text"], c)
        assert "<" not in c["text"]


def test_an_article_over_spacy_max_length(runner, tmp_path, nlp):
    import claimx

    """1.2 MB in one file (spaCy's own limit is 1,000,000 characters): extracted whole, offsets exact,
    a quotation near a piece boundary still one claim."""
    body = "".join(
        f'"The pier at berth {i} will reopen in the spring, and the ferries will run again," '
        f"said harbour master Ruth Engel{i}.\n\nThe council said on Monday that the repairs had cost "
        f"${i} million, according to the city's budget office.\n\n"
        f"\u201cWe will not close the quay again,\u201d Engel{i} told reporters. \u201cNot this year.\n\n"
        f"\u201cAnd not next year either,\u201d she added.\n\n" for i in range(40))
    n = 1_200_000 // len(body) + 1
    text = "Harbour transcript\n\n" + body * n
    path = tmp_path / "transcript.txt"
    path.write_text(text, encoding="utf-8")
    assert len(text) > nlp.max_length
    doc = _json(runner.invoke(app, ["extract", str(path), "-f", "json"]))
    (d,) = doc["documents"]
    assert d["text"] == text
    # every copy of the body gives the claims it gives alone, wherever the pieces were cut
    once = Counter((c["kind"], c["text"]) for c in claimx.extract(body, nlp=nlp))
    assert Counter((c["kind"], c["text"]) for c in doc["claims"]) == Counter({k: v * n for k, v in once.items()})
    for c in doc["claims"]:
        assert_offsets(text, c)
    assert [c["id"] for c in doc["claims"]] == [f"transcript#{i}" for i in range(len(doc["claims"]))]
