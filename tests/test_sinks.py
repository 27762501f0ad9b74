"""claimx.sinks: every output format, written to real files from the seeds' real claims, read back
with the tools users read them with (json, csv, pyarrow, pandas, DuckDB, claimx.claimfiles); and
`open_output`'s promises: atomic, umask, symlinks, existing modes."""
from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections import Counter
from pathlib import Path
from typing import Optional

import msgspec
import pytest

from claimx import schema
from claimx.claimfiles import decode_claims
from claimx.schema import Claim, ClaimsDocument, DocInfo, DocText
from claimx.sinks import (Format, JsonSink, ParquetSink, TableSink, claim_arrow_schema, csv_columns,
                          make_sink, open_output, short_id, write_json)

from .conftest import SEEDS

QUIET = "The harbour was quiet on Sunday.\n"
# Our own short text: a character outside the BMP before the claims (offsets are str indices),
# brackets that rich would read as markup, a corpus-row id too long for the table.
TRICKY_ID = "export_2024_may:12345"
TRICKY = ('\U0001F30A Storm note\n\n"We heard [inaudible] shouting and then the line went dead," said '
          'Mara Velde, a harbour official, on Tuesday. About 40 boats were damaged, the coast guard said.\n')

# the columns the contract promises, in this order (more may sit between them: encoding, act, ...)
CONTRACT_COLUMNS = ["id", "doc_id", "path", "title", "outlet", "author", "published", "url", "kind",
                    "text", "start", "end", "speaker_text", "speaker_name", "speaker_type",
                    "speaker_title", "speaker_start", "speaker_end", "cue_text", "cue_lemma",
                    "cue_start", "cue_end", "date_value", "date_text", "date_basis", "figures",
                    "sentence"]


@pytest.fixture(scope="module")
def docs(nlp) -> list[tuple[DocText, list[Claim]]]:
    """(DocText, claims) for every seed, a document without claims and the tricky one: the
    components' claims typed as the pipeline types them."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    texts["quiet"] = QUIET
    texts[TRICKY_ID] = TRICKY
    out = []
    for (doc_id, text), doc in zip(texts.items(), nlp.pipe(texts.values())):
        head = doc._.article or {}
        meta = {k: head.get(k) for k in ("title", "outlet", "author", "published")}
        info = DocInfo(id=doc_id, path=f"seeds/{doc_id}.txt", **meta)
        claims = [msgspec.structs.replace(c, id=f"{doc_id}#{n}", doc=info, within=f"{doc_id}{c.within}" if c.within else None)
                  for n, c in enumerate(doc._.claims or [])]
        out.append((DocText(id=doc_id, path=info.path, text=text, **meta), claims))
    assert sum(len(c) for _, c in out) > 40 and not out[-2][1] and out[-1][1]
    return out


def all_claims(docs) -> list[Claim]:
    return [c for _, claims in docs for c in claims]


def texts_of(docs) -> dict[str, str]:
    return {d.id: d.text for d, _ in docs}


def write(path: Path, fmt: str, docs, **kw) -> Path:
    with open_output(path) as out:
        sink = make_sink(fmt, out, **kw)
        for doc, claims in docs:
            sink.write(doc, claims)
        sink.close()
    return path


def assert_offsets(text: str, claim: dict) -> None:
    s, e = claim["span"]
    assert text[s:e] == claim["text"]
    for key in ("speaker", "cue"):
        if claim.get(key):
            s, e = claim[key]["span"]
            assert text[s:e] == claim[key]["text"], key
    for fig in claim["figures"]:
        s, e = fig["span"]
        assert text[s:e] == fig["text"]


def as_rows(claims: list[Claim]) -> list[dict]:
    """Claims as plain dicts, an absent ``doc.encoding`` as null (as columnar formats give it)."""
    rows = json.loads(msgspec.json.encode(claims))
    for row in rows:
        row["doc"].setdefault("encoding", None)
    return rows


# ---------------------------------------------------------------------------------------------
# jsonl and json

def test_jsonl_is_one_claim_a_line(docs, tmp_path):
    path = write(tmp_path / "c.jsonl", "jsonl", docs)
    data = path.read_bytes()
    assert data.count(b"\n") == len(all_claims(docs))
    assert decode_claims(data) == all_claims(docs)
    assert data == b"".join(schema.encode_line(c) + b"\n" for c in all_claims(docs))


def test_json_lists_every_document_with_its_text(docs, tmp_path):
    path = write(tmp_path / "c.json", "json", docs)
    with open(path, encoding="utf-8") as fh:
        obj = json.load(fh)
    assert obj["schema"] == schema.SCHEMA_VERSION
    assert [d["id"] for d in obj["documents"]] == [d.id for d, _ in docs]
    assert "quiet" in [d["id"] for d in obj["documents"]]
    assert {d["id"]: d["text"] for d in obj["documents"]} == texts_of(docs)
    assert len(obj["claims"]) == len(all_claims(docs))
    texts = texts_of(docs)
    for claim in obj["claims"]:
        assert_offsets(texts[claim["doc"]["id"]], claim)
    assert decode_claims(path.read_bytes()) == all_claims(docs)


@pytest.mark.parametrize("pick", [slice(None), slice(0, 0), slice(-2, -1), slice(-2, None)],
                         ids=["all", "no documents", "one without claims", "without then with"])
def test_json_bytes_are_those_of_the_whole_document(docs, tmp_path, pick):
    """Streaming gives exactly what formatting the whole ClaimsDocument at once gives."""
    chosen = docs[pick]
    path = write(tmp_path / "c.json", "json", chosen)
    whole = io.BytesIO()
    write_json(ClaimsDocument(schema=schema.SCHEMA_VERSION, documents=[d for d, _ in chosen],
                              claims=all_claims(chosen)), whole)
    assert path.read_bytes() == whole.getvalue()
    json.loads(path.read_bytes())


def test_json_spools_claims_beside_the_output_file(tmp_path):
    with open_output(tmp_path / "c.json") as out:
        assert JsonSink(out)._spool_dir == str(tmp_path.resolve())
    assert JsonSink(io.BytesIO())._spool_dir is None


# ---------------------------------------------------------------------------------------------
# csv

def test_csv_rows_are_the_claims(docs, tmp_path):
    path = write(tmp_path / "c.csv", "csv", docs)
    assert b"\r\n" in path.read_bytes() and not path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == csv_columns()
    assert [c for c in reader.fieldnames if c in CONTRACT_COLUMNS] == CONTRACT_COLUMNS
    claims = all_claims(docs)
    assert len(rows) == len(claims)
    texts = texts_of(docs)
    for row, claim in zip(rows, claims):
        text = texts[row["doc_id"]]
        assert row["id"] == claim.id and row["kind"] == claim.kind and row["outlet"] == (claim.doc.outlet or "")
        assert text[int(row["start"]):int(row["end"])] == row["text"] == claim.text
        if claim.speaker is None:
            assert row["speaker_name"] == row["speaker_start"] == ""   # null: an empty cell
        else:
            assert text[int(row["speaker_start"]):int(row["speaker_end"])] == row["speaker_text"]
            assert row["speaker_name"] == claim.speaker.name
        if claim.cue is not None:
            assert text[int(row["cue_start"]):int(row["cue_end"])] == row["cue_text"]
        figures = json.loads(row["figures"])
        assert figures == json.loads(msgspec.json.encode(claim.figures))
        assert ", " not in row["figures"]  # compact
        for fig in figures:
            assert text[fig["span"][0]:fig["span"][1]] == fig["text"]
        assert row["sentence"] == claim.sentence


def test_csv_without_claims_has_its_header(docs, tmp_path):
    for chosen in ([], [d for d in docs if not d[1]]):
        path = write(tmp_path / "c.csv", "csv", chosen)
        assert path.read_bytes() == (",".join(csv_columns()) + "\r\n").encode()


class ClaimPlus(Claim, kw_only=True):
    """A claim with a field added later (as `act` and `within` were)."""

    stance: Optional[str] = None


def test_new_claim_fields_get_columns_by_themselves(docs, tmp_path):
    cols = csv_columns(ClaimPlus)
    assert cols[cols.index("kind") + 1:cols.index("kind") + 4] == ["act", "within", "stance"]
    assert [c for c in cols if c != "stance"] == csv_columns()
    assert "stance" in set(claim_arrow_schema(ClaimPlus).names)

    claim = all_claims(docs)[1]
    plus = ClaimPlus(**msgspec.structs.asdict(claim), stance="for")
    from claimx.sinks import CsvSink

    buf = io.BytesIO()
    sink = CsvSink(buf, claim_type=ClaimPlus)
    sink.write(docs[0][0], [plus])
    sink.close()
    (row,) = csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"), newline=""))
    assert (row["stance"], row["act"], row["text"]) == ("for", claim.act or "", claim.text)


# ---------------------------------------------------------------------------------------------
# parquet

def test_parquet_round_trips_the_jsonl(docs, tmp_path):
    import pyarrow.parquet as pq

    jsonl = write(tmp_path / "c.jsonl", "jsonl", docs)
    path = write(tmp_path / "c.parquet", "parquet", docs)
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line["doc"].setdefault("encoding", None)
    table = pq.read_table(path)
    assert table.schema.metadata[b"claimx_schema"] == str(schema.SCHEMA_VERSION).encode()
    rows = table.to_pylist()
    assert rows == lines == as_rows(all_claims(docs))
    texts = texts_of(docs)
    for row in rows:
        assert_offsets(texts[row["doc"]["id"]], row)


def test_parquet_reads_in_pandas(docs, tmp_path):
    pd = pytest.importorskip("pandas")

    path = write(tmp_path / "c.parquet", "parquet", docs)
    df = pd.read_parquet(path)
    claims = all_claims(docs)
    assert df["id"].tolist() == [c.id for c in claims]
    assert df["text"].tolist() == [c.text for c in claims]
    assert [list(s) for s in df["span"]] == [list(c.span) for c in claims]
    assert [None if s is None else s["name"] for s in df["speaker"]] == [
        None if c.speaker is None else c.speaker.name for c in claims]
    assert [d["outlet"] for d in df["doc"]] == [c.doc.outlet for c in claims]


def test_parquet_reads_in_duckdb(docs, tmp_path):
    import duckdb

    path = write(tmp_path / "c.parquet", "parquet", docs)
    got = dict(duckdb.sql(f"SELECT speaker.name, count(*) FROM '{path}' GROUP BY 1").fetchall())
    assert got == Counter(c.speaker.name if c.speaker else None for c in all_claims(docs))
    rows = duckdb.sql(f"SELECT id, doc.id, span[1], span[2], len(figures) FROM '{path}'").fetchall()
    assert rows == [(c.id, c.doc.id, c.span[0], c.span[1], len(c.figures)) for c in all_claims(docs)]


def test_parquet_without_claims_is_a_valid_empty_file(docs, tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    path = write(tmp_path / "c.parquet", "parquet", [d for d in docs if not d[1]])
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.names == [f.name for f in msgspec.structs.fields(Claim)]
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(0,)]


def test_parquet_writes_row_groups_as_it_goes(docs, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "c.parquet"
    with open_output(path) as out:
        sink = ParquetSink(out, row_group_size=10)
        for doc, claims in docs:
            sink.write(doc, claims)
            assert len(sink._rows) < 10  # whole groups are written at once, never held
        sink.close()
    n = len(all_claims(docs))
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == n and meta.num_row_groups == -(-n // 10)


class Unseekable(io.RawIOBase):
    """A pipe-like stream: write only, no seek, no tell."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += bytes(b)
        return len(b)


def test_parquet_needs_no_seeking(docs):
    import pyarrow.parquet as pq

    out = Unseekable()
    sink = make_sink(Format.parquet, out)
    for doc, claims in docs:
        sink.write(doc, claims)
    sink.close()
    assert not out.closed  # the sink finishes the output, the caller closes the stream
    assert pq.read_table(io.BytesIO(bytes(out.data))).num_rows == len(all_claims(docs))


def test_arrow_schema_has_every_field_of_the_contract():
    import pyarrow as pa

    def check(struct_type, arrow_type):
        fields = msgspec.structs.fields(struct_type)
        assert [f.name for f in fields] == [arrow_type.field(i).name for i in range(arrow_type.num_fields)]

    arrow = claim_arrow_schema()
    check(Claim, pa.struct(list(arrow)))
    for name, sub in (("doc", schema.DocInfo), ("speaker", schema.Speaker), ("cue", schema.Cue),
                      ("date", schema.ClaimDate)):
        check(sub, arrow.field(name).type)
    check(schema.Figure, arrow.field("figures").type.value_type)
    assert arrow.field("span").type == pa.list_(pa.int64())
    assert arrow.field("speaker").nullable and not arrow.field("text").nullable


# ---------------------------------------------------------------------------------------------
# table

def test_table_fits_80_columns_and_shows_every_claim(docs, tmp_path):
    from rich.cells import cell_len

    path = write(tmp_path / "c.txt", "table", docs)
    out = path.read_text(encoding="utf-8")
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert lines[0].split() == ["doc", "/", "outlet", "speaker", "/", "kind", "claim", "figures"]
    joined = " ".join(line.strip() for line in lines)
    for claim in all_claims(docs):
        words, first = " ".join(claim.text.split()).split(" "), ""
        for word in words:   # the first words, as many as fit on the claim column's first line
            if len(first) + len(word) + 1 > 28:
                break
            first = f"{first} {word}".strip()
        assert (first or words[0][:20]) in out, claim.text
    assert "[inaudible]" in out and "(no claims)" in joined
    assert short_id(TRICKY_ID, 15) in out and "Mara Velde" in out
    assert lines[-1] == f"{len(all_claims(docs))} claims in {len(docs)} documents"


@pytest.mark.parametrize("act, within, shown", [
    ("topic", "x#1", "indirect topic within"),
    ("assertion", None, "indirect assertion"),
    (None, None, "indirect"),
])
def test_table_shows_the_act_and_a_chain(docs, act, within, shown):
    doc, claims = docs[0]
    claim = msgspec.structs.replace(next(c for c in claims if c.speaker), kind="indirect", act=act, within=within)
    buf = io.BytesIO()
    sink = TableSink(buf, width=120)
    sink.write(doc, [claim])
    sink.close()
    lines = buf.getvalue().decode("utf-8").splitlines()
    start = lines[0].index("speaker / kind")
    column = " ".join(line[start:start + 17].strip() for line in lines[2:]).split()
    assert " ".join(column[column.index("indirect"):]).startswith(shown)
    assert ("within" in column) == bool(within) and ("topic" in column) == (act == "topic")


def test_table_shows_text_not_markup_or_escapes(docs):
    doc, claims = docs[0]
    odd = msgspec.structs.replace(claims[0], text="said [bold]x[/bold] \x1b[31mred\x1b[0m\n\nthen")
    buf = io.BytesIO()
    sink = TableSink(buf)
    sink.write(doc, [odd])
    sink.close()
    out = buf.getvalue().decode("utf-8")
    assert "\x1b" not in out
    assert "said [bold]x[/bold]" in out and "\ufffd[31mred\ufffd[0m then" in out


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_width(docs, width):
    from rich.cells import cell_len

    buf = io.BytesIO()
    sink = make_sink("table", buf, width=width)
    for doc, claims in docs:
        sink.write(doc, claims)
    sink.close()
    lines = buf.getvalue().decode("utf-8").splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert "\u2500" * width in lines  # the rule under the header spans the width


def test_table_on_a_terminal_takes_its_width():
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 132, 0, 0))
        with open(slave, "wb", buffering=0, closefd=False) as tty:
            assert TableSink(tty).width == 132
            assert TableSink(tty, width=90).width == 90  # an explicit width wins
    finally:
        os.close(master)
        os.close(slave)
    assert TableSink(io.BytesIO()).width == 80


@pytest.mark.parametrize("doc_id, width, expected", [
    ("000_3dd9c1427ddf2f02", 20, "000_3dd9c1427ddf2f02"),
    ("000_3dd9c1427ddf2f02", 15, "000_3dd…ddf2f02"),
    ("export_2024_may:12345", 15, "export_2…:12345"),
    ("a_very_long_corpus_file:7", 12, "a_very_lo…:7"),
    ("corpus:123456789012", 12, "corpu…789012"),   # the row number too long to keep whole
    ("short", 12, "short"),
])
def test_short_id(doc_id, width, expected):
    assert short_id(doc_id, width) == expected
    assert len(short_id(doc_id, width)) <= width


# ---------------------------------------------------------------------------------------------
# every format: empty runs, the sink protocol

@pytest.mark.parametrize("fmt, expected", [
    ("jsonl", b""),
    ("json", b'{\n  "schema": %d,\n  "documents": [],\n  "claims": []\n}\n' % schema.SCHEMA_VERSION),
    ("csv", (",".join(csv_columns()) + "\r\n").encode()),
    ("table", None),
    ("parquet", None),
])
def test_no_documents_is_a_valid_empty_output(tmp_path, fmt, expected):
    path = write(tmp_path / f"empty.{fmt}", fmt, [])
    if expected is not None:
        assert path.read_bytes() == expected
    elif fmt == "table":
        assert path.read_text(encoding="utf-8").splitlines()[-1] == "0 claims in 0 documents"
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(path).num_rows == 0


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_sink_protocol(docs, fmt):
    buf = io.BytesIO()
    with make_sink(fmt, buf) as sink:
        for doc, claims in docs:
            sink.write(doc, claims)
    assert sink.closed and (sink.documents, sink.claims) == (len(docs), len(all_claims(docs)))
    size = len(buf.getvalue())
    sink.close()  # idempotent
    assert len(buf.getvalue()) == size and not buf.closed
    with pytest.raises(ValueError):
        sink.write(*docs[0])


def test_a_failed_json_sink_releases_its_spool(docs):
    with pytest.raises(RuntimeError):
        with make_sink("json", io.BytesIO()) as sink:
            sink.write(*docs[0])
            spool = sink._spool
            raise RuntimeError("boom")
    assert spool.closed and sink.closed


# ---------------------------------------------------------------------------------------------
# open_output

def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def umask():
    """Set the umask for one test, restored after."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_to(value: int) -> None:
        os.umask(value)

    yield set_to
    os.umask(saved)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_failed_write_leaves_nothing(tmp_path, error):
    target = tmp_path / "c.jsonl"
    with pytest.raises(error):
        with open_output(target) as out:
            out.write(b"half")
            assert leftovers(tmp_path) and not target.exists()  # the .part is being written
            raise error()
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "c.jsonl"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError):
        with open_output(target) as out:
            out.write(b"new\n")
            raise RuntimeError()
    assert target.read_bytes() == b"old\n" and leftovers(tmp_path) == []


def test_part_file_name(tmp_path):
    with open_output(tmp_path / "c.jsonl") as out:
        (part,) = leftovers(tmp_path)
        assert part.startswith(".c.jsonl.") and len(part) > len(".c.jsonl..part")
        out.write(b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["c.jsonl"]


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_file_respects_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    with open_output(tmp_path / "c.jsonl") as out:
        out.write(b"x")
    assert mode(tmp_path / "c.jsonl") == expected


@pytest.mark.parametrize("mask, existing", [(0o022, 0o640), (0o077, 0o664), (0o022, 0o600)])
def test_existing_file_keeps_its_mode(tmp_path, umask, mask, existing):
    umask(mask)
    target = tmp_path / "c.jsonl"
    target.write_bytes(b"old")
    os.chmod(target, existing)
    with open_output(target) as out:
        out.write(b"new")
    assert target.read_bytes() == b"new" and mode(target) == existing


def test_symlink_writes_its_target(tmp_path):
    real = tmp_path / "store" / "claims.jsonl"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link_dir = tmp_path / "links"
    link_dir.mkdir()
    link = link_dir / "claims.jsonl"
    link.symlink_to(os.path.relpath(real, link_dir))
    with open_output(link) as out:
        out.write(b"new")
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(real, link_dir)
    assert real.read_bytes() == b"new"
    assert leftovers(real.parent) == [] and leftovers(link_dir) == []


def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "out.jsonl"
    link.symlink_to("made.jsonl")
    with open_output(link) as out:
        out.write(b"x")
    assert link.is_symlink() and (tmp_path / "made.jsonl").read_bytes() == b"x"


@pytest.mark.parametrize("name", ["missing/c.jsonl", "folder"])
def test_unwritable_target_is_an_oserror(tmp_path, name):
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):
        with open_output(tmp_path / name) as out:
            out.write(b"x")
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "folder") == []


def test_devices_and_pipes_are_written_in_place(tmp_path):
    with open_output(Path(os.devnull)) as out:
        out.write(b"x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the device, not a file put there
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting: opening to write won't block
    try:
        with open_output(fifo) as out:
            out.write(b"through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and leftovers(tmp_path) == []


def test_relative_name_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_output(Path("c.csv"), binary=False) as out:
        out.write("a,b\r\nü,2\r\n")
    assert (tmp_path / "c.csv").read_bytes() == "a,b\r\nü,2\r\n".encode("utf-8")


@pytest.mark.parametrize("path", [None, "-", Path("-")])
def test_stdout(capsysbinary, path):
    with open_output(path) as out:
        out.write(b"one\n")
    with open_output(path, binary=False) as out:
        out.write("twö\n")
    assert capsysbinary.readouterr().out == "one\ntwö\n".encode("utf-8")
