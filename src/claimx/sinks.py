"""The one place that writes claims: where output goes (`open_output`) and in which format (`Sink`).

    with open_output(path) as out:            # stdout for None or "-", else an atomic file
        sink = make_sink(Format.csv, out)
        for doc, claims in results:           # one document at a time, in input order
            sink.write(doc, claims)
        sink.close()                          # closing brackets, Parquet footer, ...

Every format streams: memory does not grow with the number of documents or claims.

- ``jsonl``   one claim a line, flushed after each document (the default; `claimx.claimfiles` reads it).
- ``json``    ``{"schema": N, "documents": [...], "claims": [...]}``: each document with its ``text``
              (documents without claims included). Documents are written as they come; claims are
              spooled to a temporary file (beside the output file, where there is one) and appended
              at `close`. The bytes are those of ``msgspec.json.format(ClaimsDocument, indent=2)``.
- ``csv``     one row per claim, flat columns (`csv_columns`), UTF-8 without BOM, RFC 4180: the
              csv module's quoting and ``\\r\\n`` line ends (a value's own newlines are kept, inside
              quotes). Null is an empty cell; ``figures`` is a compact JSON array in one cell.
- ``parquet`` one row per claim with its nested fields (`claim_arrow_schema`), written in row
              groups of `ROW_GROUP_SIZE` claims through ``pyarrow.parquet.ParquetWriter``. pyarrow is
              imported only here. Any writable binary file works (no seeking is needed), but the CLI
              refuses Parquet on standard output: a binary file does not belong on a terminal.
- ``table``   for people (`TableSink`).

No spaCy here.
"""
from __future__ import annotations

import csv
import enum
import errno
import io
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, Callable, Iterable, Iterator, Optional, Sequence

import msgspec
import msgspec.inspect as mi

from claimx import schema
from claimx.schema import Claim, DocText

__all__ = ["Format", "open_output", "Sink", "JsonlSink", "JsonSink", "CsvSink", "ParquetSink",
           "TableSink", "make_sink", "csv_columns", "claim_arrow_schema", "write_jsonl", "write_json",
           "write_table", "ROW_GROUP_SIZE"]


class Format(str, enum.Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"
    table = "table"


_encoder = msgspec.json.Encoder()


# ---------------------------------------------------------------------------------------------
# Where output goes

@contextmanager
def open_output(path: Path | str | None, *, binary: bool = True) -> Iterator[IO]:
    """Yield a stream to write to: standard output (``None`` or ``"-"``), or a file written atomically.

    A file is written under a temporary name beside its target (``.<name>.<random>.part``) and
    renamed onto it only when the ``with`` block ends without an exception; on any exception the
    temporary file is removed and the target is left as it was. The finished file has the mode a new
    file gets under the current umask (created with 0o666, the kernel applies umask and default
    ACLs), or, when the target already exists, that file's mode. A symlink is followed: its target
    is replaced and the link stays a link. A device or named pipe (``/dev/null``, ``/dev/stdout``)
    is written in place. A missing folder, a folder as target, or no permission
    raise `OSError` before anything is written (the CLI turns it into exit code 5).

    ``binary=False`` yields a UTF-8 text stream (``newline=""``: write line ends yourself).
    """
    if path is None or str(path) == "-":
        if sys.stdout is None or sys.stdout.closed:  # started with >&-
            raise OSError(errno.EBADF, "standard output is closed")
        sys.stdout.flush()
        if binary:
            out = sys.stdout.buffer
            yield out
            out.flush()
            return
        text = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # leave sys.stdout.buffer open
        return

    mode, kw = ("wb", {}) if binary else ("w", {"encoding": "utf-8", "newline": ""})
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        # a device, a named pipe, /dev/stdout: written in place, there is no file to replace
        # (renaming onto /dev/null would replace the device with a regular file)
        with open(path, mode, **kw) as fh:
            yield fh
        return

    target = os.path.realpath(os.fspath(path))
    if os.path.isdir(target):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
    folder, name = os.path.split(target)
    try:
        keep_mode: Optional[int] = stat.S_IMODE(os.stat(target).st_mode) & 0o777
    except FileNotFoundError:
        keep_mode = None
    fd, part = _create_part(folder, name, 0o666 if keep_mode is None else keep_mode)
    try:
        fh = open(part, mode, opener=lambda _path, _flags: fd, **kw)
    except BaseException:
        os.close(fd)
        _unlink(part)
        raise
    try:
        with fh:
            yield fh
            fh.flush()
            if keep_mode is not None:  # the umask may have narrowed it at creation
                os.fchmod(fh.fileno(), keep_mode)
            os.fsync(fh.fileno())
        os.replace(part, target)
    except BaseException:
        _unlink(part)
        raise
    _fsync_folder(folder)


def _create_part(folder: str, name: str, mode: int) -> tuple[int, str]:
    """A new, empty ``.<name>.<random>.part`` in ``folder``, opened for writing (``O_EXCL``)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        part = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(part, flags, mode), part
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", os.path.join(folder, f".{name}.*.part"))


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------
# Sinks: one document at a time

class Sink:
    """Writes documents and their claims to a binary stream, one document at a time.

    Call `write` once per document, in input order (also for documents without claims), then
    `close` once to finish the output; `close` does not close the stream. As a context manager
    the sink is closed when the block ends without an exception (else its resources are released
    and the output is left unfinished: `open_output` discards it anyway).
    """

    def __init__(self, out: BinaryIO):
        self.out = out
        self.documents = 0   # documents written
        self.claims = 0      # claims written
        self.closed = False

    def write(self, doc: DocText, claims: list[Claim]) -> None:
        """One document and its claims."""
        if self.closed:
            raise ValueError("write to a closed sink")
        self.documents += 1
        self.claims += len(claims)
        self._write(doc, claims)

    def close(self) -> None:
        """Finish the output (idempotent)."""
        if not self.closed:
            self.closed = True
            self._finish()

    def discard(self) -> None:
        """Release what the sink holds without finishing the output (after a failure)."""
        self.closed = True

    def __enter__(self) -> "Sink":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def _write(self, doc: DocText, claims: list[Claim]) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        self.out.flush()


def make_sink(fmt: Format | str, out: BinaryIO, *, width: int | None = None) -> Sink:
    """The sink for ``fmt`` writing to ``out``; ``width`` is the table's width (see `TableSink`)."""
    fmt = Format(fmt)
    if fmt is Format.jsonl:
        return JsonlSink(out)
    if fmt is Format.json:
        return JsonSink(out)
    if fmt is Format.csv:
        return CsvSink(out)
    if fmt is Format.parquet:
        return ParquetSink(out)
    return TableSink(out, width=width)


class JsonlSink(Sink):
    """One claim a line (compact JSON, the contract's key order), flushed after each document."""

    def _write(self, doc: DocText, claims: list[Claim]) -> None:
        if claims:
            self.out.write(b"".join(_encoder.encode(c) + b"\n" for c in claims))
            self.out.flush()


def _nested(obj: Any) -> bytes:
    """``obj`` formatted with indent 2, as an element of a top-level array (4 more spaces a line).
    JSON strings hold no raw newlines, so every newline is between tokens."""
    return b"    " + msgspec.json.format(_encoder.encode(obj), indent=2).replace(b"\n", b"\n    ")


class JsonSink(Sink):
    """``{"schema": N, "documents": [...], "claims": [...]}``, byte for byte as
    ``write_json(ClaimsDocument(...))`` would print it, without holding the claims in memory."""

    def __init__(self, out: BinaryIO, spool_dir: str | None = None):
        super().__init__(out)
        if spool_dir is None:  # beside the output file (same disk, which needs the room anyway)
            name = getattr(out, "name", None)
            folder = os.path.dirname(name) if isinstance(name, str) else ""
            spool_dir = folder if folder and os.path.isdir(folder) else None
        self._spool_dir = spool_dir
        self._spool: Optional[IO[bytes]] = None

    def _write(self, doc: DocText, claims: list[Claim]) -> None:
        head = b'{\n  "schema": %d,\n  "documents": [\n' % schema.SCHEMA_VERSION if self.documents == 1 else b",\n"
        self.out.write(head + _nested(doc))
        if claims:
            sep = b",\n"
            if self._spool is None:
                self._spool = tempfile.TemporaryFile(dir=self._spool_dir, prefix=".claimx-json.")
                sep = b""
            self._spool.write(sep + b",\n".join(_nested(c) for c in claims))
        self.out.flush()

    def _finish(self) -> None:
        out = self.out
        if self.documents:
            out.write(b"\n  ],\n")
        else:
            out.write(b'{\n  "schema": %d,\n  "documents": [],\n' % schema.SCHEMA_VERSION)
        if self._spool is None:
            out.write(b'  "claims": []\n}\n')
        else:
            out.write(b'  "claims": [\n')
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, out, 1 << 20)
            out.write(b"\n  ]\n}\n")
            self._spool.close()
            self._spool = None
        out.flush()

    def discard(self) -> None:
        super().discard()
        if self._spool is not None:
            self._spool.close()
            self._spool = None


# --- csv ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Column:
    """A CSV column: the value at ``path`` (attribute names, then an index into an offsets pair)."""

    name: str
    path: tuple

    def get(self, claim: Claim) -> Any:
        value: Any = claim
        for step in self.path:
            if value is None:
                return None
            value = value[step] if isinstance(step, int) else getattr(value, step, None)
            if value is msgspec.UNSET:
                return None
        return value


# Where the contract's fields go among the columns; any other field of `Claim` (a field added
# later, such as `act` or `within`) goes right after `kind`, in the struct's order.
_CSV_HEAD = ("id", "doc", "kind")
_CSV_TAIL = ("text", "span", "speaker", "cue", "date", "figures", "sentence")


def _bare(info: mi.Type) -> mi.Type:
    """The type without its metadata (``Annotated[..., msgspec.Meta(description=...)]``)."""
    while isinstance(info, mi.Metadata):
        info = info.type
    return info


def _flatten(info: mi.Type) -> mi.Type:
    """The type inside ``Optional[...]`` (and its description)."""
    info = _bare(info)
    if isinstance(info, mi.UnionType):
        inner = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if len(inner) == 1:
            return _bare(inner[0])
    return info


def _is_offsets(info: mi.Type) -> bool:
    info = _bare(info)
    return isinstance(info, mi.TupleType) and len(info.item_types) == 2 and all(
        isinstance(t, mi.IntType) for t in info.item_types)


def _columns_of(field: mi.Field, prefix: str, path: tuple) -> list[_Column]:
    """The flat columns of one field: an offsets pair becomes ``<prefix>start``/``<prefix>end``, a
    struct its fields as ``<prefix><field>_...``, anything else (scalars, lists) one column."""
    info = _flatten(field.type)
    path = (*path, field.name)
    if _is_offsets(info):
        return [_Column(f"{prefix}start", (*path, 0)), _Column(f"{prefix}end", (*path, 1))]
    if isinstance(info, mi.StructType):
        return [col for sub in info.fields for col in _columns_of(sub, f"{prefix}{field.name}_", path)]
    return [_Column(f"{prefix}{field.name}", path)]


def _csv_plan(claim_type: type = Claim) -> list[_Column]:
    fields = {f.name: f for f in mi.type_info(claim_type).fields}
    middle = [n for n in fields if n not in _CSV_HEAD and n not in _CSV_TAIL]
    order = [n for n in (*_CSV_HEAD, *middle, *_CSV_TAIL) if n in fields]
    claim_level = (set(fields) - {"doc", "span"}) | {"start", "end"}
    cols: list[_Column] = []
    for name in order:
        if name != "doc":
            cols.extend(_columns_of(fields[name], "", ()))
            continue
        # doc_id, then each other document field under its own name (path, title, ..., url,
        # encoding); doc_<name> where a claim column has that name
        for sub in _flatten(fields[name].type).fields:
            clash = sub.name == "id" or sub.name in claim_level
            cols.extend(_columns_of(sub, "doc_" if clash else "", ("doc",)))
    return cols


_CSV_PLAN: Optional[list[_Column]] = None


def csv_columns(claim_type: type = Claim) -> list[str]:
    """The CSV header, derived from `claimx.schema.Claim` so a new field shows up by itself:

    ``id``; ``doc_id`` and every other `DocInfo` field by its name (``path`` ... ``url``,
    ``encoding``); ``kind``; then any Claim field not named here (``act``, ``within``, ...), in the
    struct's order; ``text``, ``start``, ``end``; ``speaker_*``, ``cue_*`` and ``date_*`` (a struct's
    fields, its span as ``_start``/``_end``); ``figures`` (JSON); ``sentence``.
    """
    return [c.name for c in _plan(claim_type)]


def _plan(claim_type: type = Claim) -> list[_Column]:
    global _CSV_PLAN
    if claim_type is not Claim:
        return _csv_plan(claim_type)
    if _CSV_PLAN is None:
        _CSV_PLAN = _csv_plan()
    return _CSV_PLAN


def _cell(value: Any) -> Any:
    if value is None or value is msgspec.UNSET:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return value
    return _encoder.encode(value).decode("utf-8")  # lists, structs: compact JSON


class CsvSink(Sink):
    """One row per claim under `csv_columns`; the header is written even when no claim comes."""

    def __init__(self, out: BinaryIO, claim_type: type = Claim):
        super().__init__(out)
        self._plan = _plan(claim_type)
        self._header = False

    def _rows(self, rows: Iterable[Sequence[Any]]) -> None:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        if not self._header:
            writer.writerow([c.name for c in self._plan])
            self._header = True
        writer.writerows(rows)
        self.out.write(buf.getvalue().encode("utf-8"))
        self.out.flush()

    def _write(self, doc: DocText, claims: list[Claim]) -> None:
        if claims or not self._header:
            self._rows([_cell(col.get(c)) for col in self._plan] for c in claims)

    def _finish(self) -> None:
        if not self._header:
            self._rows([])
        self.out.flush()


# --- parquet -----------------------------------------------------------------------------------

ROW_GROUP_SIZE = 10_000


def _arrow_type(info: mi.Type):
    """The Arrow type of a msgspec type: strings and literals -> string, int -> int64, a number that
    may be int or float -> float64, an offsets pair -> list<int64> (as in JSON), a list -> list, a
    struct -> struct (nullable where the field may be null or absent)."""
    import pyarrow as pa

    info = _flatten(info)
    if isinstance(info, (mi.StrType, mi.LiteralType)):
        if isinstance(info, mi.LiteralType) and not all(isinstance(v, str) for v in info.values):
            raise TypeError(f"no Arrow type for {info!r}")
        return pa.string()
    if isinstance(info, mi.BoolType):
        return pa.bool_()
    if isinstance(info, mi.IntType):
        return pa.int64()
    if isinstance(info, mi.FloatType):
        return pa.float64()
    if isinstance(info, mi.UnionType) and all(
            isinstance(t, (mi.IntType, mi.FloatType, mi.NoneType)) for t in info.types):
        return pa.float64()
    if isinstance(info, mi.TupleType) and len({type(t) for t in info.item_types}) == 1:
        return pa.list_(_arrow_type(info.item_types[0]))
    if isinstance(info, (mi.ListType, mi.VarTupleType)):
        return pa.list_(_arrow_type(info.item_type))
    if isinstance(info, mi.StructType):
        return pa.struct([_arrow_field(f) for f in info.fields])
    raise TypeError(f"no Arrow type for {info!r}")


def _nullable(field: mi.Field) -> bool:
    t = _bare(field.type)
    return not field.required or (isinstance(t, mi.UnionType) and any(
        isinstance(x, mi.NoneType) for x in t.types))


def _arrow_field(field: mi.Field):
    import pyarrow as pa

    return pa.field(field.name, _arrow_type(field.type), nullable=_nullable(field))


def claim_arrow_schema(claim_type: type = Claim):
    """The Arrow schema of a claim row, derived from `claimx.schema.Claim` (built once per sink):
    every field of the contract, nested as in JSON, so a new field shows up by itself. The file's
    metadata holds ``claimx_schema`` (`claimx.schema.SCHEMA_VERSION`)."""
    import pyarrow as pa

    info = mi.type_info(claim_type)
    return pa.schema([_arrow_field(f) for f in info.fields],
                     metadata={"claimx_schema": str(schema.SCHEMA_VERSION)})


class ParquetSink(Sink):
    """Claims as Parquet rows, buffered `ROW_GROUP_SIZE` at a time (one row group each), so memory
    stays flat. No claims still gives a valid Parquet file with the schema and no rows."""

    def __init__(self, out: BinaryIO, row_group_size: int = ROW_GROUP_SIZE, claim_type: type = Claim):
        import pyarrow.parquet as pq

        super().__init__(out)
        self._schema = claim_arrow_schema(claim_type)
        self._rows: list[dict] = []
        self._size = row_group_size
        self._writer = pq.ParquetWriter(out, self._schema)

    def _write(self, doc: DocText, claims: list[Claim]) -> None:
        self._rows.extend(msgspec.to_builtins(claims))
        if len(self._rows) >= self._size:
            self._flush(whole_groups=True)

    def _flush(self, whole_groups: bool = False) -> None:
        """Write the buffered claims as row groups (only full ones while the run goes on)."""
        import pyarrow as pa

        while self._rows and (len(self._rows) >= self._size or not whole_groups):
            batch, self._rows = self._rows[:self._size], self._rows[self._size:]
            self._writer.write_table(pa.Table.from_pylist(batch, schema=self._schema),
                                     row_group_size=self._size)

    def _finish(self) -> None:
        self._flush()
        self._writer.close()
        self.out.flush()

    def discard(self) -> None:
        super().discard()
        self._rows = []


# --- table -------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shown(value: Optional[str]) -> str:
    """Text for a terminal: whitespace runs as one space, control characters (escape sequences
    included) as U+FFFD, so nothing in a claim can move the cursor or colour the screen."""
    if not value:
        return ""
    return _CONTROL.sub("\ufffd", _SPACES.sub(" ", value).strip())


def short_id(doc_id: str, width: int = 14) -> str:
    """``doc_id`` in at most ``width`` characters: kept whole when it fits; else a corpus row's
    ``:<row>`` (or a claim's ``#<n>``) suffix is kept whole behind an ellipsis, and otherwise the
    middle is cut (``000_3dd…ddf2f02``), since ids differ at the start (file) and the end (hash, row)."""
    if len(doc_id) <= width:
        return doc_id
    cut = max(doc_id.rfind(":"), doc_id.rfind("#"))
    if cut > 0 and len(doc_id) - cut <= width - 4:
        suffix = doc_id[cut:]
        return doc_id[:width - 1 - len(suffix)] + "\u2026" + suffix
    head = (width - 1) // 2
    return doc_id[:head] + "\u2026" + doc_id[len(doc_id) - (width - 1 - head):]


class TableSink(Sink):
    """Claims for people, readable at 80 columns and streamed: nothing is held but one document.

    Layout: a header line and a rule, then one borderless rich table per document (the same fixed
    column widths each time, so they line up, the header not repeated), a rule between documents,
    and at the end a line counting claims and documents. Four columns, narrow ones stacked so the
    claim text gets the room::

        doc / outlet     speaker / kind    claim                            figures
        ────────────────────────────────────────────────────────────────────────────────
        000_3dd…ddf2f02  (outlet)          Egypt sponsored an Israel-Hamas  11 days;
        CGTN             unattributed      truce implemented on May 21      two; at
        2021-05-30       2021-05-21        after 11 days of fighting        least 248;
                                           between the two sides, which     12
                                           left at least 248 Palestinians
                                           and 12 Israelis dead

                         Gabi Ashkenazi    We will discuss establishing a
                         direct assertion  permanent ceasefire with ...

    ``doc / outlet``: the document id (shortened with an ellipsis, `short_id`), its outlet and
    publication date, on its first row only; ``speaker / kind``: the speaker's name (``(outlet)``
    for the outlet's own claims), the kind and act ("within" when it is inside another's report)
    and the claim's date (unless it is only the publication date); ``claim``: its text, whitespace
    folded; ``figures``: the figures as written. A document without claims gets one row saying so.
    Cells are `rich.text.Text`, so brackets in claims ("[inaudible]") are never read as markup.

    Width: ``width`` when given; else the terminal's width when ``out`` is a terminal; else 80.
    Colour only on a terminal; elsewhere plain text without trailing spaces.
    """

    DOC, SPEAKER, FIGURES, GAP = 15, 16, 12, 2

    def __init__(self, out: BinaryIO, width: int | None = None):
        super().__init__(out)
        self._terminal = _isatty(out)
        if width is None:
            width = _terminal_width(out) if self._terminal else 80
        self.width = max(40, width)
        narrow = (self.DOC, self.SPEAKER, self.FIGURES)
        if self.width < 80:  # shrink the narrow columns with the screen, keep the claim readable
            narrow = tuple(max(8, n * self.width // 80) for n in narrow)
        elif self.width > 100:  # a wide screen: the claim keeps most of it, figures get some
            narrow = (self.DOC, self.SPEAKER, min(24, self.FIGURES + (self.width - 100) // 3))
        self._widths = narrow
        self._claim_width = self.width - sum(narrow) - 3 * self.GAP
        self._header = False

    def _console(self, buf: io.StringIO):
        from rich.console import Console

        return Console(file=buf, width=self.width, force_terminal=self._terminal,
                       no_color=not self._terminal, highlight=False, emoji=False, markup=False,
                       legacy_windows=False, soft_wrap=False)

    def _table(self, header: bool):
        from rich.table import Table

        table = Table(box=None, show_header=header, show_edge=False, pad_edge=False, padding=(0, 1),
                      header_style="bold" if self._terminal else "", expand=False)
        doc_w, speaker_w, figures_w = self._widths
        table.add_column("doc / outlet", width=doc_w, overflow="fold", no_wrap=False)
        table.add_column("speaker / kind", width=speaker_w, overflow="fold")
        table.add_column("claim", width=self._claim_width, overflow="fold")
        table.add_column("figures", width=figures_w, overflow="fold")
        return table

    def _emit(self, render: Callable) -> None:
        buf = io.StringIO()
        render(self._console(buf))
        text = buf.getvalue()
        if not self._terminal:
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        self.out.write(text.encode("utf-8"))
        self.out.flush()

    def _start(self, console) -> None:
        if not self._header:
            console.print(self._table(header=True))
            self._header = True
        console.print("\u2500" * self.width, style="dim")

    def _write(self, doc: DocText, claims: list[Claim]) -> None:
        from rich.text import Text

        table = self._table(header=False)
        doc_cell = "\n".join(x for x in (short_id(doc.id, self._widths[0]), _shown(doc.outlet),
                                         (doc.published or "")[:10]) if x)
        if not claims:
            table.add_row(Text(doc_cell), Text(""), Text("(no claims)", style="dim"), Text(""))
        for n, c in enumerate(claims):
            if n:
                table.add_row()  # a blank line between claims
            speaker = _shown(c.speaker.name) if c.speaker is not None else "(outlet)"
            # the claim's own date; one that is only the publication date would repeat on every row
            dated = c.date is not None and c.date.value and c.date.basis != "published"
            # (a claim within another's report is marked "within")
            kind = " ".join(x for x in (c.kind, c.act, "within" if c.within else "") if x)
            who = "\n".join(x for x in (speaker, kind, c.date.value if dated else "") if x)
            figures = "; ".join(_shown(f.text) for f in c.figures)
            table.add_row(Text(doc_cell if n == 0 else ""), Text(who), Text(_shown(c.text)), Text(figures))

        def render(console):
            self._start(console)
            console.print(table)
        self._emit(render)

    def _finish(self) -> None:
        def render(console):
            self._start(console)
            docs = "document" if self.documents == 1 else "documents"
            claims = "claim" if self.claims == 1 else "claims"
            console.print(f"{self.claims} {claims} in {self.documents} {docs}")
        self._emit(render)


def _isatty(out) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _terminal_width(out) -> int:
    try:
        return os.get_terminal_size(out.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return shutil.get_terminal_size((80, 24)).columns


# ---------------------------------------------------------------------------------------------
# Whole-result helpers (query, diff and schema print what they hold in memory)

def write_jsonl(records: Iterable, out: BinaryIO) -> int:
    """One JSON object a line; returns how many were written."""
    n = 0
    for record in records:
        out.write(_encoder.encode(record))
        out.write(b"\n")
        n += 1
    return n


def write_json(obj, out: BinaryIO) -> None:
    """``obj`` as indented JSON (indent 2) and a newline."""
    out.write(msgspec.json.format(_encoder.encode(obj), indent=2))
    out.write(b"\n")


def write_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence], out: BinaryIO,
                *, width: int | None = None) -> None:
    """A rich table for people; cells are rich markup (escape what is not). On a terminal it fits
    the screen; into a file or pipe ``width`` columns (default 160, as query and diff print)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    to_terminal = out is sys.stdout.buffer and sys.stdout.isatty()
    buf = io.StringIO()
    console = Console(file=buf, width=None if to_terminal and width is None else (width or 160),
                      force_terminal=to_terminal, no_color=not to_terminal)
    console.print(table)
    out.write(buf.getvalue().encode("utf-8"))
