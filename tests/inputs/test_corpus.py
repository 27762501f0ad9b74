"""Corpus files (claimx.inputs.corpus): real CSV, TSV, JSONL, JSONL.gz, NDJSON and Parquet files
built in tmp_path from the project's seed articles, read one article per row."""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from claimx import errors
from claimx.inputs import Article, DocIds, Meta, Problem, ReadOptions
from claimx.inputs import corpus
from claimx.inputs.corpus import iter_corpus, published_iso

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]

# What each seed row says about itself, in every format (published as written in the file, and
# as it must come out).
ROWS = [
    {"id": "cgtn-1", "title": "Israel, Egypt meet in effort to solidify Gaza truce", "outlet": "CGTN",
     "published": "2021-05-30 22:47:00", "url": "https://example.org/a/1", "author": None},
    {"id": "ahram-2", "title": "Egypt intensifies Gaza cease-fire efforts", "outlet": "Example Wire",
     "published": "2024-05-02T13:05:00Z", "url": "https://example.org/a/2", "author": "Jane Roe"},
    {"id": "x-3", "title": "Third, with a comma", "outlet": "The \"Quoted\" Post",
     "published": "20240502T130500Z", "url": None, "author": None},
    {"id": "x-4", "title": "Fourth", "outlet": None, "published": "May 2, 2024",
     "url": "https://example.org/a/4", "author": "A. Writer"},
    {"id": "x-5", "title": None, "outlet": "Fifth Daily", "published": "2024-05-02",
     "url": None, "author": None},
]
PUBLISHED = ["2021-05-30T22:47:00", "2024-05-02T13:05:00", "2024-05-02T13:05:00", "2024-05-02", "2024-05-02"]

# Each format under other usual column names: field -> the file's column.
NAMES = {
    "csv": {"id": "stories_id", "title": "title", "outlet": "media_name", "published": "publish_date",
            "url": "url", "author": "byline", "text": "text"},
    "tsv": {"id": "guid", "title": "headline", "outlet": "publisher", "published": "published_at",
            "url": "link", "author": "author", "text": "body"},
    "jsonl": {"id": "id", "title": "title", "outlet": "outlet", "published": "published",
              "url": "url", "author": "author", "text": "text"},
    "jsonl.gz": {"id": "Doc_ID", "title": "Title", "outlet": "Source_Name", "published": "Date",
                 "url": "URL", "author": "Creator", "text": "Content"},
    "ndjson": {"id": "uuid", "title": "headline", "outlet": "site_name", "published": "pubdate",
               "url": "permalink", "author": "authors", "text": "maintext"},
    "parquet": {"id": "article_id", "title": "title", "outlet": "source_name", "published": "publication_date",
                "url": "canonical_url", "author": "author", "text": "full_text"},
}


def records(names: dict[str, str], texts=TEXTS, rows=ROWS) -> list[dict]:
    return [{names[f]: (text if f == "text" else row[f]) for f in names} for row, text in zip(rows, texts)]


def write(path: Path, recs: list[dict]) -> Path:
    """``recs`` written in the format ``path``'s suffix names (csv module, json, pyarrow)."""
    name = path.name
    if name.endswith((".csv", ".tsv")):
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(recs[0]), delimiter="\t" if name.endswith(".tsv") else ",")
            writer.writeheader()
            writer.writerows(recs)
    elif name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for r in recs)
    elif name.endswith((".jsonl", ".ndjson")):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    elif name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(recs), path, row_group_size=2)
    return path


def read(path: Path, columns=None, ids=None) -> list:
    return list(iter_corpus(path, str(path), None, columns or {}, ids or DocIds()))


def articles(items) -> list[Article]:
    assert all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Problem)]
    return items


def test_seeds_are_there():
    assert len(TEXTS) == 5 and all(TEXTS)


@pytest.mark.parametrize("fmt", list(NAMES))
def test_every_format_gives_one_article_per_row(tmp_path, fmt):
    recs = records(NAMES[fmt])
    if fmt == "parquet":  # a real timestamp column in Parquet
        for r, when in zip(recs, PUBLISHED):
            r[NAMES[fmt]["published"]] = (dt.datetime.fromisoformat(when) if "T" in when
                                          else dt.datetime.fromisoformat(when + "T00:00:00"))
    path = write(tmp_path / f"export.{fmt}", recs)
    got = articles(read(path))
    assert [a.text for a in got] == TEXTS  # exactly as written: nothing stripped or normalised
    assert [a.id for a in got] == [r["id"] for r in ROWS]
    assert [a.where for a in got] == [f"{path}:{n}" for n in range(1, 6)]
    assert {a.path for a in got} == {str(path)}
    for a, row, published in zip(got, ROWS, PUBLISHED):
        expected = Meta(title=row["title"], outlet=row["outlet"], author=row["author"],
                        published=published, url=row["url"])
        if fmt == "parquet" and "T" not in published:
            expected.published = published + "T00:00:00"  # a timestamp column holds a time
        assert a.meta == expected
        assert a.warnings == [] and a.encoding is None


def test_csv_keeps_quoting_commas_and_crlf_inside_fields(tmp_path):
    text = 'He said, "we\'ll see",\r\nthen left.\n\n  "Fine," she said.  \n'
    path = write(tmp_path / "q.csv", [{"text": text, "title": "  padded title \n"}])
    [a] = articles(read(path))
    assert a.text == text
    assert a.meta.title == "padded title"


def test_a_text_over_the_csv_field_limit(tmp_path):
    text = ("He said the plan would work. " * 20_000)[:500_000]
    [a] = articles(read(write(tmp_path / "big.csv", [{"id": "big", "text": text}])))
    assert a.text == text


@pytest.mark.parametrize("columns, expected", [
    ({"text": "body"}, "the body"),                     # both usual names present: the named one
    ({"text": "Article_Body", "outlet": "newsroom"}, "the article body"),
    ({"text": "article_body"}, "the article body"),     # case and _ ignored when not exact
])
def test_columns_named_on_the_command_line(tmp_path, columns, expected):
    path = write(tmp_path / "named.jsonl", [
        {"text": "a summary", "body": "the body", "Article_Body": "the article body", "newsroom": "Desk"}])
    [a] = articles(read(path, columns))
    assert a.text == expected
    assert a.meta.outlet == ("Desk" if "outlet" in columns else None)


def test_a_named_column_the_file_lacks_is_one_problem(tmp_path):
    path = write(tmp_path / "m.csv", [{"body": t, "media": "X"} for t in TEXTS])
    got = read(path, {"text": "body", "outlet": "media_name"})
    assert len(got) == 1 and isinstance(got[0], Problem)
    assert got[0].message == errors.CORPUS_NO_COLUMN.format(
        path=path, field="outlet", column="media_name", columns="body, media")


@pytest.mark.parametrize("name", ["n.csv", "n.jsonl", "n.parquet"])
def test_no_text_column_is_one_problem(tmp_path, name):
    path = write(tmp_path / name, [{"headline": "A", "summary": "B"}, {"headline": "C", "summary": "D"}])
    got = read(path)
    assert len(got) == 1 and isinstance(got[0], Problem)
    assert got[0].where == str(path)
    assert "no text column" in got[0].message and "headline, summary" in got[0].message


@pytest.mark.parametrize("name", ["newsapi.jsonl", "newsapi.parquet"])
def test_newsapi_nested_source_and_authors(tmp_path, name):
    path = write(tmp_path / name, [{
        "source": {"id": None, "name": "Reuters"}, "authors": ["Ann Lee", " Bo Chen ", "Ann Lee"],
        "title": "T", "url": "https://example.org/n", "publishedAt": "2024-05-02T13:05:00Z",
        "content": TEXTS[0], "stories_id": 123456}])
    [a] = articles(read(path))
    assert a.meta == Meta(title="T", outlet="Reuters", author="Ann Lee, Bo Chen",
                          published="2024-05-02T13:05:00", url="https://example.org/n")
    assert a.id == "123456" and a.text == TEXTS[0]


@pytest.mark.parametrize("value, expected", [
    ("2024-05-02", "2024-05-02"),
    ("2024-05-02 13:05:00", "2024-05-02T13:05:00"),
    ("2024-05-02T13:05:00Z", "2024-05-02T13:05:00"),
    ("2024-05-02T23:30:00-04:00", "2024-05-02T23:30:00"),   # wall-clock kept, offset dropped
    ("2024-05-02T13:05:00.123456+00:00", "2024-05-02T13:05:00"),
    ("  2024-05-02  ", "2024-05-02"),
    ("20240502T130500Z", "2024-05-02T13:05:00"),             # GDELT seendate
    ("20240502130500", "2024-05-02T13:05:00"),               # GDELT DATEADDED
    (20240502, "2024-05-02"),                                # GDELT SQLDATE
    (1714655100, "2024-05-02T13:05:00"),                     # epoch seconds (UTC)
    (1714655100000, "2024-05-02T13:05:00"),                  # epoch milliseconds
    (1714655100.5, "2024-05-02T13:05:00"),
    ("1714655100", "2024-05-02T13:05:00"),
    (dt.datetime(2024, 5, 2, 13, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))), "2024-05-02T13:05:00"),
    (dt.date(2024, 5, 2), "2024-05-02"),
    ("Thu, 02 May 2024 13:05:00 GMT", "2024-05-02T13:05:00"),  # RSS
    ("May 2, 2024", "2024-05-02"),
    ("2 May 2024", "2024-05-02"),
    ("13/05/2024", "2024-05-13"),
    ({"$date": "2024-05-02T13:05:00Z"}, "2024-05-02T13:05:00"),
    # not dates, or not without a guess: null
    ("02/05/2024", None),      # May or February?
    ("May 2024", None),        # no day
    ("yesterday", None),       # would be read from today's clock
    ("3 hours ago", None),
    ("not a date", None),
    ("2024-13-45", None),
    (0, None),
    (float("nan"), None),
    ("", None),
    (None, None),
])
def test_published_is_normalised(value, expected):
    assert published_iso(value) == expected


def test_an_unparseable_date_warns_once_per_file(tmp_path):
    dates = ["2024-05-02", "sometime in May", "soon", "2024-05-03", ""]
    path = write(tmp_path / "d.csv", [{"text": t, "date": d} for t, d in zip(TEXTS, dates)])
    got = articles(read(path))
    assert [a.meta.published for a in got] == ["2024-05-02", None, None, "2024-05-03", None]
    assert got[1].warnings == [errors.BAD_PUBLISHED.format(path=f"{path}:2", value="sometime in May")]
    assert [a.warnings for a in got[2:]] == [[], [], []] and got[0].warnings == []


def test_ids_from_the_id_column_unique_else_file_and_row(tmp_path):
    ids = DocIds()
    with_ids = write(tmp_path / "w.jsonl", [{"id": i, "text": t} for i, t in zip(["a", "a", 7, 7.0, " "], TEXTS)])
    assert [a.id for a in articles(read(with_ids, ids=ids))] == ["a", "a~2", "7", "7~2", "w:5"]
    # the same run: a second and third file with the same stem number their rows with ~2, ~3
    # (one counter a file name, not a set of every row id: memory stays flat)
    without = write(tmp_path / "w.csv", [{"text": t} for t in TEXTS[:2]])
    assert [a.id for a in articles(read(without, ids=ids))] == ["w:1~2", "w:2~2"]
    again = write(tmp_path / "w.tsv", [{"text": t} for t in TEXTS[:2]])
    assert [a.id for a in articles(read(again, ids=ids))] == ["w:1~3", "w:2~3"]
    fresh = DocIds()
    assert [a.id for a in articles(read(without, ids=fresh))] == ["w:1", "w:2"]


@pytest.mark.parametrize("name", ["r.csv", "r.jsonl", "r.parquet"])
def test_a_row_without_text_is_a_problem_and_the_rest_still_come(tmp_path, name):
    texts = [TEXTS[0], None, "   \n ", "", TEXTS[1]]
    path = write(tmp_path / name, [{"title": f"t{i}", "text": t} for i, t in enumerate(texts)])
    got = read(path)
    assert [type(g).__name__ for g in got] == ["Article", "Problem", "Problem", "Problem", "Article"]
    assert got[1] == Problem(f"{path}:2", errors.ROW_NO_TEXT.format(path=path, row=2, column="text"))
    assert [g.where for g in got] == [f"{path}:{n}" for n in range(1, 6)]
    assert got[4].text == TEXTS[1] and got[4].meta.title == "t4"


def test_a_bad_json_line_costs_that_line_only(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join([
        json.dumps({"text": TEXTS[0], "title": "first"}),
        "",
        '{"text": "cut off',
        "[1, 2]",
        '"just a string"',
        json.dumps({"text": {"p": 1}}),
        json.dumps({"text": TEXTS[1]}),
    ]).encode("utf-8") + b"\n\n")
    got = read(path)
    assert [(type(g).__name__, g.where) for g in got] == [
        ("Article", f"{path}:1"), ("Problem", f"{path}:3"), ("Problem", f"{path}:4"),
        ("Problem", f"{path}:5"), ("Problem", f"{path}:6"), ("Article", f"{path}:7")]
    assert got[0].meta.title == "first" and got[0].text == TEXTS[0]   # the BOM is not in a key
    assert got[1].message.startswith(f"{path}:3: not JSON") and got[1].message.endswith("row skipped")
    assert "a list in JSON, not an object" in got[2].message
    assert "column 'text' holds an object, not text" in got[4].message
    assert got[5].id == "b:7" and got[5].text == TEXTS[1]   # JSONL rows are line numbers


def test_ragged_csv_rows_are_read_by_header_names(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text('title,text,url\nshort,"only text"\nlong,"text, too",https://e.org,extra,more\n\n'
                    'none\n', encoding="utf-8")
    got = read(path)
    assert [(a.meta.title, a.text, a.meta.url) for a in got[:2]] == [
        ("short", "only text", None), ("long", "text, too", "https://e.org")]
    assert got[2] == Problem(f"{path}:3", errors.ROW_NO_TEXT.format(path=path, row=3, column="text"))


def claim_line() -> dict:
    return {"id": "a#1", "doc": {"id": "a", "path": "a.txt"}, "kind": "direct", "act": "assertion",
            "text": "x", "span": [0, 1], "speaker": None, "cue": None}


@pytest.mark.parametrize("name, content", [
    ("claims.jsonl", json.dumps(claim_line()) + "\n"),
    ("claims.ndjson", "\n" + json.dumps(claim_line()) + "\n" + json.dumps(claim_line()) + "\n"),
    ("doc.jsonl", json.dumps({"schema": 2, "documents": [], "claims": [claim_line()]}) + "\n"),
    ("pretty.jsonl", json.dumps({"schema": 2, "documents": [], "claims": []}, indent=2) + "\n"),
    ("claims.csv", "doc_id,outlet,published,kind,act,speaker_name,speaker_type,text,start,end\n"
                   "a,X,,direct,assertion,Ann,person,hello,0,5\n"),
])
def test_claimx_output_is_refused(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read(path) == [Problem(str(path), errors.CORPUS_IS_CLAIMS.format(path=path))]


def test_claims_parquet_is_refused(tmp_path):
    path = write(tmp_path / "claims.parquet", [claim_line()])
    assert read(path) == [Problem(str(path), errors.CORPUS_IS_CLAIMS.format(path=path))]


@pytest.mark.parametrize("content", [
    json.dumps([{"text": "a"}, {"text": "b"}], indent=2),
    json.dumps({"articles": [{"text": "a"}]}, indent=2),
])
def test_one_json_document_is_not_json_lines(tmp_path, content):
    path = tmp_path / "doc.jsonl"
    path.write_text(content, encoding="utf-8")
    assert read(path) == [Problem(str(path), errors.CORPUS_NOT_JSONL.format(path=path))]


def test_a_truncated_gzip_keeps_the_rows_before(tmp_path):
    whole = gzip.compress("".join(json.dumps({"text": f"Row {i}: " + TEXTS[i % 5]}) + "\n"
                                  for i in range(400)).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    got = read(path)
    assert isinstance(got[-1], Problem) and got[-1].where == str(path)
    assert "the rest of the file skipped" in got[-1].message
    kept = articles(got[:-1])
    assert 0 < len(kept) < 400 and [a.id for a in kept] == [f"cut:{n}" for n in range(1, len(kept) + 1)]


def test_a_file_that_is_not_parquet(tmp_path):
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1 not really")
    [p] = read(path)
    assert isinstance(p, Problem) and p.message.startswith(f"{path}: cannot read: ")


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch):
    path = write(tmp_path / "p.parquet", [{"text": "x"}])
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert read(path) == [Problem(str(path), errors.NEEDS_EXTRA.format(
        path=path, what="Parquet files", extra="parquet"))]


def test_empty_file(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(b"")
    assert read(path) == [Problem(str(path), errors.EMPTY_FILE.format(path=path))]


def test_utf8_bom_csv_from_a_spreadsheet(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text('\ufeffTitle,Text\r\n"A ""quoted"" title","Line one\nline two"\r\n', encoding="utf-8")
    [a] = articles(read(path))
    assert (a.meta.title, a.text, a.encoding, a.warnings) == ('A "quoted" title', "Line one\nline two", None, [])


def test_cp1252_csv_is_decoded_and_named(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes('title,text\n"Café talks","The minister said the café – “closed” – was safe."\n'
                     .encode("cp1252"))
    [a] = articles(read(path))
    assert a.text == "The minister said the café – “closed” – was safe."
    assert a.encoding == "cp1252"
    assert a.warnings == [errors.DECODED_AS.format(path=path, encoding="cp1252")]


def test_utf16_tsv_with_bom(tmp_path):
    path = tmp_path / "wide.tsv"
    path.write_bytes('title\ttext\r\nÜber\t"Zwei\r\nZeilen: „gut“"\r\n'.encode("utf-16"))
    [a] = articles(read(path))
    assert (a.meta.title, a.text, a.encoding) == ("Über", "Zwei\r\nZeilen: „gut“", "utf-16")


def test_a_few_bad_bytes_are_replaced_and_counted_on_their_row(tmp_path):
    path = tmp_path / "bytes.jsonl"
    lines = [json.dumps({"text": "Fine – “quoted” text"}, ensure_ascii=False).encode("utf-8"),
             b'{"text": "bad \xff\xfe bytes"}',
             json.dumps({"text": "fine again"}).encode("utf-8")]
    path.write_bytes(b"\n".join(lines) + b"\n")
    got = articles(read(path))
    assert got[1].text == "bad \ufffd\ufffd bytes"
    offset = len(lines[0]) + 1 + lines[1].index(b"\xff")
    assert got[1].warnings == [errors.REPLACED_BYTES.format(path=path, count=2, offset=offset)]
    assert got[0].warnings == got[2].warnings == [] and got[0].encoding is None


def test_binary_data_is_refused(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(bytes(range(256)) * 64)
    [p] = read(path)
    assert p == Problem(str(path), errors.BINARY_FILE.format(path=path))


def test_reading_is_lazy_and_streamed(tmp_path):
    path = tmp_path / "large.jsonl"
    row = {"text": "The minister said on Sunday that talks would continue.", "outlet": "Wire"}
    with path.open("w", encoding="utf-8") as f:
        for i in range(50_000):
            f.write(json.dumps(dict(row, id=f"r{i}")) + "\n")
    size = path.stat().st_size
    with path.open("rb") as stream:
        items = iter_corpus(stream, "-", "jsonl", {}, DocIds())
        assert stream.tell() == 0          # nothing read before the first item is asked for
        first = next(items)
        assert isinstance(first, Article) and first.id == "r0"
        assert stream.tell() < size / 10   # a read-ahead buffer, not the file
        second = next(items)
        assert second.id == "r1" and stream.tell() < size / 10
        items.close()


def test_gzip_stream_without_suffix_is_read_through(tmp_path):
    data = gzip.compress((json.dumps({"text": TEXTS[2]}) + "\n").encode("utf-8"))
    [a] = articles(list(iter_corpus(io.BytesIO(data), "-", "jsonl", {}, DocIds())))
    assert a.text == TEXTS[2] and a.id == "stdin:1" and a.path is None and a.where == "-:1"


@pytest.mark.parametrize("name, fmt", [
    ("a.csv", "csv"), ("a.TSV", "tsv"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"),
    ("a.jsonl.gz", "jsonl"), ("a.csv.gz", "csv"), ("a.parquet", "parquet"), ("a", "jsonl")])
def test_format_by_suffix(name, fmt):
    assert corpus.corpus_format(name) == fmt


# --- through claimx.inputs.iter_inputs ---------------------------------------------------------


@pytest.fixture
def iter_inputs():
    pytest.importorskip("claimx.inputs.textfile", reason="textfile reader not written yet")
    pytest.importorskip("claimx.inputs.html", reason="html reader not written yet")
    from claimx.inputs import iter_inputs

    return iter_inputs


def test_a_folder_with_csv_and_jsonl(tmp_path, iter_inputs):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder / "b.jsonl", [{"text": t, "outlet": "JL"} for t in TEXTS[:2]])
    write(folder / "a.csv", [{"text": t, "media_name": "CS"} for t in TEXTS[2:]])
    got = articles(list(iter_inputs([str(folder)])))
    assert [(a.id, a.meta.outlet) for a in got] == [
        ("a:1", "CS"), ("a:2", "CS"), ("a:3", "CS"), ("b:1", "JL"), ("b:2", "JL")]
    assert [a.text for a in got] == TEXTS[2:] + TEXTS[:2]
    assert got[0].where == f"{folder.as_posix()}/a.csv:1"


def test_stdin_as_jsonl(iter_inputs):
    data = "".join(json.dumps({"text": t, "id": f"s{i}"}) + "\n" for i, t in enumerate(TEXTS)).encode()
    got = articles(list(iter_inputs(["-"], ReadOptions(stdin=io.BytesIO(data), stdin_format="jsonl",
                                                       overrides=Meta(outlet="Given")))))
    assert [a.id for a in got] == [f"s{i}" for i in range(5)]
    assert [a.text for a in got] == TEXTS
    assert {(a.path, a.meta.outlet) for a in got} == {(None, "Given")}
    assert [a.where for a in got] == [f"-:{n}" for n in range(1, 6)]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_csv_line_ends(tmp_path, end):
    path = tmp_path / "ends.csv"
    path.write_bytes(end.join(["id,text", 'one,"First,' + end + 'second line."', "two,Plain", ""]).encode())
    got = articles(read(path))
    assert [(a.id, a.text) for a in got] == [("one", "First," + end + "second line."), ("two", "Plain")]
