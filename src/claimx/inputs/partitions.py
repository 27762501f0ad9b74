"""Inputs cut into partitions that are read apart, each exactly as one whole run would read it.

The Dask path (`claimx.distributed`) sends each partition to a worker, which reads it there: the
client only lists files and asks where to cut. What a partition gives (articles, problems, row
numbers, warnings) is what `claimx.inputs.iter_inputs` gives for those rows, except for what
depends on the rest of the run: document ids are left as read (`RawIds`; the run makes them unique
in input order), and a file's one "published is not a date" warning may come from each partition.

    Part(number, files=("a.txt", "b.html"))                       whole files, read in order
    Part(number, corpus="x.jsonl", fmt="jsonl", start, end, state) a byte range of a corpus file
    Part(number, corpus="x.parquet", fmt="parquet", start, end)    rows start < row <= end
    read_part(part, options, ids)  ->  Article | Problem, ...

**Where a corpus file is cut.** JSON Lines and CSV/TSV files are cut at line (record) starts, so
that a byte range holds whole rows: `index_text_corpus` reads the file once on a worker (counting
newlines for JSON Lines, parsing records for CSV, whose quoted fields may hold newlines) and
returns, for each byte boundary the client asked for, the first row that starts at or after it and
how many lines (records) come before it: the row numbers every later partition needs. The
index also keeps what the file's start decides for the whole file: the text encoding (chosen from
its first 64 KB, as a whole run chooses it), the header (the first JSON object's keys, the CSV
header record) and the delimiter; cuts come only after the header. A file that cannot be cut
safely (gzip, UTF-16/32, a first line that is not a JSON object, an unreadable header) is one
partition, read as a whole run reads it. Parquet files are cut into row ranges from their footer
(`parquet_ranges`) and read through the row groups that hold them.
"""
from __future__ import annotations

import csv
import io
import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Union

import msgspec

from claimx import errors
from claimx.inputs import (Article, DocIds, Problem, ReadOptions, _open_regular, _with_overrides,
                           iter_file)
from claimx.inputs import corpus

GZIP_MAGIC = b"\x1f\x8b"
COUNT_CHUNK = 1 << 20


@dataclass(frozen=True)
class CutState:
    """What a byte range needs to know about its file: what its start told the index."""

    codec: str                    # chosen from the file's first 64 KB, as a whole run chooses it
    encoding: Optional[str]
    notes: tuple                  # file notes ("decoded as cp1252") for its first article
    header: tuple                 # JSON Lines: the first object's keys; CSV: the header record
    delimiter: str                # CSV/TSV
    before: int                   # lines (JSON Lines) or data records (CSV) before the range


@dataclass(frozen=True)
class TextIndex:
    """Where a JSON Lines or CSV file may be cut (`index_text_corpus`)."""

    codec: str
    encoding: Optional[str]
    header: tuple
    delimiter: str
    notes: tuple                  # file notes ("decoded as cp1252") owed to its first article
    cuts: tuple                   # ((byte offset of a row start, lines/records before it), ...)

    def ranges(self) -> list[tuple[int, Optional[int], CutState]]:
        """(start, end, state) of each partition, the first from the file's start."""
        out: list[tuple[int, Optional[int], CutState]] = []
        starts = [(0, 0)] + list(self.cuts)
        for k, (start, before) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else None
            out.append((start, end, CutState(self.codec, self.encoding, self.notes, self.header,
                                             self.delimiter, before)))
        return out


@dataclass(frozen=True)
class Part:
    """One partition: what one task reads."""

    number: int
    files: tuple = ()                  # whole files (text, html; or one corpus file not cut), in order
    corpus: Optional[str] = None       # a corpus file cut into partitions
    fmt: Optional[str] = None          # its format: jsonl, csv, tsv or parquet
    start: int = 0                     # byte offset (jsonl, csv, tsv) or rows before (parquet)
    end: Optional[int] = None          # where it ends (None: at the end of the file)
    state: Optional[CutState] = None   # byte ranges
    file_number: int = 1               # the n-th corpus file of this name in the run (ids get ~n)

    @property
    def paths(self) -> tuple:
        return (self.corpus,) if self.corpus is not None else self.files

    def describe(self) -> str:
        """How messages name it: ``a.txt .. z.txt``, ``export.jsonl bytes 65536-131072``."""
        if self.corpus is None:
            return self.files[0] if len(self.files) == 1 else f"{self.files[0]} .. {self.files[-1]}"
        what = "rows" if self.fmt == "parquet" else "bytes"
        if self.fmt is None:
            return self.corpus
        return f"{self.corpus} {what} {self.start}-{'' if self.end is None else self.end}"


class RawIds(DocIds):
    """Ids as the files give them, before the run makes them unique: ``unique`` returns its
    argument and notes it in ``used`` (the run replays those calls in input order); every corpus
    file is the ``file_number``-th of its name."""

    def __init__(self, file_number: int = 1) -> None:
        super().__init__()
        self.number = file_number
        self.used: list[str] = []

    def file_number(self, stem: str) -> int:
        return self.number

    def unique(self, base: str) -> str:
        self.used.append(base)
        return base


# ---------------------------------------------------------------------------------------------
# Reading a partition (on a worker)


def read_part(part: Part, options: ReadOptions, ids: DocIds) -> Iterator[Union[Article, Problem]]:
    """The articles and problems of one partition, in order."""
    if part.corpus is None:
        for path in part.files:
            yield from iter_file(path, options, ids)
        return
    if part.fmt is None:  # a corpus file read whole
        yield from iter_file(part.corpus, options, ids)
        return
    yield from _with_overrides(_read_range(part, options, ids), options)


def _read_range(part: Part, options: ReadOptions, ids: DocIds) -> Iterator[Union[Article, Problem]]:
    path = part.corpus
    problem = _open_regular(path)
    if problem:
        yield problem
        return
    if part.fmt == "parquet":
        rows = corpus._Rows(path, options.columns, ids)
        yield from corpus._read_parquet(Path(path), rows, part=(part.start, part.end))
        return
    try:
        fh = open(path, "rb")
    except OSError as err:
        yield Problem(path, errors.UNREADABLE.format(path=path, reason=err.strerror or err))
        return
    with fh:
        state = part.state
        rows = corpus._Rows(path, options.columns, ids)
        rows.encoding = state.encoding
        stream = io.BufferedReader(_Window(fh, part.start, part.end), buffer_size=corpus.PREFIX_BYTES)
        decoder = corpus._Lines(state.codec, rows, offset=part.start)
        if part.start == 0:  # the file's start: read as the whole file is (header, delimiter, BOM)
            rows.file_notes = list(state.notes)
            if part.fmt == "jsonl":
                yield from corpus._read_jsonl(stream, decoder, rows)
            else:
                yield from corpus._read_csv(stream, decoder, rows, "\t" if part.fmt == "tsv" else ",")
            return
        rows.use_columns(list(state.header))  # as the index did: it cannot fail here
        if part.fmt == "jsonl":
            yield from corpus._read_jsonl(stream, decoder, rows, number=state.before, header=state.header)
        else:
            yield from corpus._read_csv(stream, decoder, rows, state.delimiter, header=list(state.header),
                                        row=state.before)


class _Window(io.RawIOBase):
    """Bytes ``start`` to ``end`` (None: the end) of an open file."""

    def __init__(self, fh: BinaryIO, start: int, end: Optional[int]) -> None:
        fh.seek(start)
        self._fh = fh
        self._left = None if end is None else max(0, end - start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        want = len(buffer) if self._left is None else min(len(buffer), self._left)
        if want <= 0:
            return 0
        n = self._fh.readinto(memoryview(buffer)[:want]) or 0
        if self._left is not None:
            self._left -= n
        return n


# ---------------------------------------------------------------------------------------------
# Where to cut (the client asks; a worker reads)


def boundaries(size: int, partition_bytes: int) -> list[int]:
    """The byte offsets where a file of ``size`` bytes would be cut (each then moved to a row start)."""
    return list(range(partition_bytes, size, partition_bytes))


def cuttable(path: str, size: int, partition_bytes: int) -> Optional[str]:
    """The format of a corpus file that may be cut (``jsonl``, ``csv``, ``tsv``, ``parquet``), or
    None: gzip, or small enough to be one partition."""
    if path.lower().endswith(".gz"):
        return None
    fmt = corpus.corpus_format(path)
    # Parquet compresses: its footer tells the size of its data (`parquet_ranges`)
    return fmt if fmt == "parquet" or size > partition_bytes else None


def split_corpus(path: str, partition_bytes: int, file_number: int = 1,
                 find_index=None) -> list[Part]:
    """The partitions of one corpus file (numbered from 0: the run numbers them again): row
    ranges of a Parquet file, byte ranges of a JSON Lines or CSV file (``find_index(path, fmt,
    at)`` gives its `TextIndex`; default: `index_text_corpus` here), else the whole file."""
    size = file_size(path)
    fmt = cuttable(path, size, partition_bytes)
    if fmt == "parquet":
        ranges = parquet_ranges(path, partition_bytes)
        if ranges:
            return [Part(0, corpus=path, fmt=fmt, start=a, end=b, file_number=file_number) for a, b in ranges]
    elif fmt is not None:
        find = find_index or (lambda p, f, at: index_text_corpus(p, f, {}, at))
        index = find(path, fmt, boundaries(size, partition_bytes))
        if index is not None:
            return [Part(0, corpus=path, fmt=fmt, start=a, end=b, state=state, file_number=file_number)
                    for a, b, state in index.ranges()]
    return [Part(0, corpus=path, file_number=file_number)]


def parquet_ranges(path: str, partition_bytes: int) -> Optional[list[tuple[int, int]]]:
    """Row ranges ``(start, end]`` of about ``partition_bytes`` of (uncompressed) data each, from
    the file's footer; None when the footer cannot be read (the file is then read whole, and its
    problem reported as any run would)."""
    try:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        try:
            meta = parquet.metadata
            groups = [(meta.row_group(g).num_rows, meta.row_group(g).total_byte_size)
                      for g in range(meta.num_row_groups)]
        finally:
            parquet.close()
    except Exception:  # noqa: BLE001 - missing pyarrow, a broken file: read whole, reported there
        return None
    ranges: list[tuple[int, int]] = []
    start = row = size = 0
    for rows, nbytes in groups:
        if nbytes > partition_bytes and rows > 1:  # a large row group: cut into row ranges
            if row > start:
                ranges.append((start, row))
            pieces = min(rows, -(-nbytes // partition_bytes))
            for k in range(pieces):
                ranges.append((row + rows * k // pieces, row + rows * (k + 1) // pieces))
            row += rows
            start, size = row, 0
            continue
        row += rows
        size += nbytes
        if size >= partition_bytes:
            ranges.append((start, row))
            start, size = row, 0
    if row > start:
        ranges.append((start, row))
    return ranges if len(ranges) > 1 else None


def index_text_corpus(path: str, fmt: str, columns: dict, at: list[int]) -> Optional[TextIndex]:
    """Where a JSON Lines or CSV/TSV file can be cut near the byte offsets ``at`` (runs on a worker:
    it reads the whole file once, at disk speed for JSON Lines); None when it cannot be cut."""
    rows = corpus._Rows(path, columns, DocIds())
    try:
        with open(path, "rb") as fh:
            if fh.read(2) == GZIP_MAGIC:
                return None
            fh.seek(0)
            opened = corpus._open_text(fh, rows)
            if isinstance(opened, Problem):
                return None
            stream, decoder = opened
            if decoder.wide:
                return None
            if fmt == "jsonl":
                found = _jsonl_cuts(path, stream, decoder, rows, at)
            else:
                found = _csv_cuts(stream, decoder, rows, at, "\t" if fmt == "tsv" else ",")
    except (OSError, EOFError, ValueError, UnicodeDecodeError):
        return None
    if found is None or not found[2]:
        return None
    header, delimiter, cuts = found
    return TextIndex(codec=decoder.codec, encoding=rows.encoding, header=tuple(header), delimiter=delimiter,
                     notes=tuple(rows.file_notes), cuts=tuple(cuts))


def _jsonl_cuts(path, stream, decoder, rows, at):
    """The first non-blank line must be a JSON object with usable columns (else: one partition);
    then newlines are counted in raw bytes."""
    for line in decoder.lines(stream):
        if line.strip():
            break
    else:
        return None
    try:
        first = msgspec.json.decode(line)
    except msgspec.DecodeError:
        return None
    if not isinstance(first, dict) or rows.use_columns(list(first)) is not None:
        return None
    low = decoder.offset  # cuts come after the first object's line
    with open(path, "rb") as fh:
        return tuple(first), ",", _line_cuts(fh, [b for b in at if b >= low])


def _line_cuts(fh: BinaryIO, at: list[int]) -> list[tuple[int, int]]:
    """For each offset in ``at``: the first line start at or after it
    that is before the end of the file, and the number of newlines before it."""
    cuts: list[tuple[int, int]] = []
    targets = iter(sorted(at))
    target = next(targets, None)
    pos = count = 0
    while target is not None:
        chunk = fh.read(COUNT_CHUNK)
        if not chunk:
            break
        end = pos + len(chunk)
        while target is not None and target - 1 < end:
            j = chunk.find(b"\n", max(target - 1 - pos, 0))
            if j < 0:
                break  # the line goes on in the next chunk
            cut = pos + j + 1
            cuts.append((cut, count + chunk.count(b"\n", 0, j + 1)))
            while target is not None and target <= cut:
                target = next(targets, None)
        count += chunk.count(b"\n")
        pos = end
    size = os.fstat(fh.fileno()).st_size
    return [(c, n) for c, n in cuts if c < size]


class _Tracked:
    """Lines handed to the csv reader, remembering the last one (a record ends at a raw line's
    end only when that line ends with a newline: not inside a line cut at a bare CR)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.last = ""

    def __iter__(self):
        return self

    def __next__(self) -> str:
        self.last = next(self._lines)
        return self.last


def _csv_cuts(stream, decoder, rows, at, delimiter):
    lines = decoder.lines(stream, split_cr=True)
    if delimiter == ",":
        first = next(lines, None)
        if first is None:
            return None
        delimiter = corpus.csv_delimiter(first)
        lines = itertools.chain([first], lines)
    tracked = _Tracked(lines)
    reader = csv.reader(tracked, delimiter=delimiter)
    header = None
    try:
        while not header:
            header = next(reader)
    except (StopIteration, csv.Error):
        return None
    if rows.use_columns(header) is not None:
        return None
    targets = iter(sorted(at))
    target = next(targets, None)
    row = 0
    cuts: list[tuple[int, int]] = []
    try:
        for record in reader:
            if record:
                row += 1
            decoder.take_notes()
            while target is not None and target <= decoder.offset and tracked.last.endswith("\n"):
                if not cuts or cuts[-1][0] != decoder.offset:
                    cuts.append((decoder.offset, row))
                target = next(targets, None)
    except (csv.Error, UnicodeDecodeError, OSError, EOFError, ValueError):
        pass  # no cut after this: the partition that holds the error reports it as a run would
    size = decoder.offset
    return header, delimiter, [(c, n) for c, n in cuts if c < size]


def file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
