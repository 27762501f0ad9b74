"""Corpus files: one article per row or line (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.parquet``).

    iter_corpus(source, shown, fmt, columns, ids)  ->  Article | Problem, ... in row order

Everything is streamed, so a 10 GB JSON Lines file or a Parquet file of a million rows never sits
in memory whole: JSON Lines is read a line at a time, CSV/TSV a record at a time (``csv`` over
lines, so quoted fields may hold newlines), Parquet a batch of rows at a time with only the columns
needed (pyarrow, imported only for Parquet; memory follows the file's row groups, which is how
Parquet is written to be read). ``.gz`` is read through (by suffix or by the gzip
magic bytes, so ``zcat``-less pipes work too).

**Columns** are found by their usual names (``rules/columns.json``; case, spaces, ``_`` and ``-``
ignored, so ``publishedAt`` is ``published_at``; the first name of each list the file has wins), or named with ``--column FIELD=NAME``. A named column the
file lacks, or no text column at all, is one Problem for the file. For JSON Lines the first object
stands for the header; a later object that lacks a column just has no value there.

**Rows and ids.** A CSV/TSV row number counts data records from 1 (not the header, not blank
lines: the ``df.iloc[n - 1]`` a pandas user would look at); a JSON Lines row number is the line
number in the file (``sed -n Np``), blank lines counted but never read; a Parquet row number
counts rows from 1. A document's id is its id column's value, else ``<file stem>:<row>``
(``stdin:<row>`` for standard input); a repeat gets ``~2``, ``~3``, ... (``DocIds``). Every article
and every row Problem is named ``<file>:<row>``.

**Values.** The text column's value is the document text exactly as read: nothing stripped or
normalised, so every claim offset points into it. Metadata values are trimmed (empty -> None);
nested values are flattened the way news APIs nest them (NewsAPI's ``source: {"id": ...,
"name": "Reuters"}`` -> "Reuters"; ``authors: ["A", "B"]`` -> "A, B"); numbers become strings.

**Publication dates** become ISO 8601: ``YYYY-MM-DD`` for a date, ``YYYY-MM-DDTHH:MM:SS`` for a
date-time. The offset of a date-time is dropped and the wall-clock time kept as written
(``2024-05-02T23:30:00-04:00`` -> ``2024-05-02T23:30:00``): the calendar day is the one the outlet
printed (what relative dates in the text are read against), every row of a corpus gets the same
sortable form, and it matches the contract's examples. Epoch seconds/milliseconds and GDELT's
``20240502T130500Z`` are UTC. Accepted: ISO strings, epoch numbers, compact ``YYYYMMDD[HHMM[SS]]``,
RFC 2822 and written dates with day, month and year (``claimx.datetimes.parse_published``, then
dateparser, which is never allowed to fill a missing part from today's date, nor to guess
between ``02/05/2024`` as May or February). A value that is not a date is left null, with one
warning per file on the article where it was first met.

**Text encoding.** UTF-8 (a BOM is dropped); UTF-16/32 with a BOM; any other encoding is picked
from the first 64 KB and named in ``Article.encoding``. A line with a few invalid UTF-8 bytes is
decoded with U+FFFD and a warning on that row's article.

**TSV** is read with CSV quoting (a field starting with ``"`` is quoted), as pandas and the
``csv`` module write it.

**Never raises for bad input**: a row without text or a line that is not a JSON object is a
Problem for that row; a file cut short (bad gzip data, a Parquet error, a CSV error) is one
Problem and the rows before it are kept; claimx's own output (claims as JSON Lines, CSV or
Parquet, or a ``--format json`` document) is refused, so ``claimx extract out/`` does not read
its own claims as articles.
"""
from __future__ import annotations

import codecs
import csv
import itertools
import datetime as dt
import gzip
import io
import math
import re
import threading
import zlib
from email.utils import parsedate_tz
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

import msgspec

from claimx import errors, rules
from claimx.inputs import Article, DocIds, Meta, Problem, _stem

FIELDS = ("text", "id", "outlet", "published", "title", "author", "url")
META_FIELDS = ("title", "outlet", "author", "published", "url")
SUFFIX_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".parquet": "parquet"}
PARQUET_BATCH_ROWS = 256   # rows per Parquet batch: article texts are large, keep batches small
PREFIX_BYTES = 1 << 16     # read ahead to pick the text encoding
_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Keys that name a nested value: NewsAPI's source {"id", "name"}, author objects, MongoDB exports.
_NAME_KEYS = ("name", "title", "label", "text", "value", "href", "url", "$date", "$numberlong",
              "$oid", "id")
_MAX_LISTED_COLUMNS = 30

_json = msgspec.json.Decoder()


def _raise_csv_field_limit() -> None:
    """Article texts exceed the csv module's 128 KB default field limit; raise it as far as the
    platform's C long allows."""
    limit = 2**31 - 1
    while limit > 1 << 17:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


_raise_csv_field_limit()


# ---------------------------------------------------------------------------------------------
# Entry point


def iter_corpus(source: Union[Path, BinaryIO], shown: str, fmt: Optional[str],
                columns: dict[str, str], ids: DocIds) -> Iterator[Union[Article, Problem]]:
    """The articles of one corpus file (or stream), in row order, and a Problem for each row or
    file that gives none. ``fmt``: None to decide by the file's suffix, else ``jsonl``, ``csv``,
    ``tsv`` (or ``parquet``). Lazy: nothing is read before the first item is asked for."""
    name = source.name if isinstance(source, Path) else ""
    gz = name.lower().endswith(".gz")
    if fmt is None:
        fmt = corpus_format(name)
    rows = _Rows(shown, columns, ids)
    if fmt == "parquet":
        if gz:
            yield Problem(shown, errors.UNREADABLE.format(
                path=shown, reason="a gzip-compressed Parquet file cannot be streamed; gunzip it "
                                   "(Parquet compresses its columns itself)"))
            return
        yield from _read_parquet(source, rows)
        return
    opened = None
    if isinstance(source, Path):
        try:
            opened = source.open("rb")
        except OSError as err:
            yield Problem(shown, errors.UNREADABLE.format(path=shown, reason=err.strerror or err))
            return
    try:
        text = _open_text(opened or source, rows)
        if isinstance(text, Problem):
            yield text
            return
        stream, decoder = text
        if fmt in ("csv", "tsv"):
            yield from _read_csv(stream, decoder, rows, "\t" if fmt == "tsv" else ",")
        else:
            yield from _read_jsonl(stream, decoder, rows)
    finally:
        if opened is not None:
            opened.close()


def corpus_format(name: str) -> str:
    """``csv``, ``tsv``, ``jsonl`` or ``parquet`` by a file name's suffix (``.gz`` looked
    through); ``jsonl`` when the suffix says nothing."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for suffix, fmt in SUFFIX_FORMATS.items():
        if lower.endswith(suffix):
            return fmt
    return "jsonl"


# ---------------------------------------------------------------------------------------------
# Columns


@lru_cache(maxsize=1)
def _column_rules() -> dict:
    return rules.load("columns.json")


def column_aliases(field: str) -> list[str]:
    """The usual names of a field's column, in the order they are tried."""
    return list(_column_rules()[field])


def find_columns(names: Iterable[str], named: dict[str, str]) -> tuple[dict[str, str], Optional[tuple[str, str]]]:
    """(field -> the file's column for it, the first ``(field, column)`` named with ``--column``
    that the file does not have). Names are matched exactly first, then case-insensitively."""
    names = [n for n in names if isinstance(n, str)]
    exact = set(names)
    folded: dict[str, str] = {}
    for n in names:
        folded.setdefault(_fold(n), n)
    found: dict[str, str] = {}
    missing = None
    for field in FIELDS:
        if named.get(field):
            want = named[field]
            column = want if want in exact else folded.get(_fold(want))
            if column is None:
                missing = missing or (field, want)
            else:
                found[field] = column
            continue
        for alias in _column_rules()[field]:
            column = folded.get(_fold(alias))
            if column is not None:
                found[field] = column
                break
    return found, missing


def _fold(name: str) -> str:
    """A column name as matched: case, spaces, ``_`` and ``-`` ignored (``publishedAt`` is
    ``published_at``, ``Full Text`` is ``full_text``)."""
    return re.sub(r"[\s_\-]+", "", name).lower()


def looks_like_claims(names: Iterable[str]) -> bool:
    """True when a record's keys (or a file's columns) are those of claimx's own output."""
    have = {n.lower() for n in names if isinstance(n, str)}
    data = _column_rules()
    return any(set(data[key]) <= have
               for key in ("claims_keys", "claims_document_keys", "claims_csv_columns"))


def _listed(names: Iterable[str]) -> str:
    names = [str(n) for n in names]
    shown = ", ".join(names[:_MAX_LISTED_COLUMNS])
    if len(names) > _MAX_LISTED_COLUMNS:
        shown += f", ... ({len(names)} in all)"
    return shown or "none"


class _Rows:
    """One corpus file being read: its name, columns, ids, and notes owed to the next article."""

    def __init__(self, shown: str, columns: dict[str, str], ids: DocIds) -> None:
        self.shown = shown
        self.path = None if shown == "-" else shown
        self.stem = "stdin" if shown == "-" else _stem(shown)
        n = ids.file_number(self.stem)
        self.repeat = f"~{n}" if n > 1 else ""  # a second file of this name: its row ids get ~2
        self.named = {f: c for f, c in (columns or {}).items() if f in FIELDS and c}
        self.ids = ids
        self.encoding: Optional[str] = None
        self.file_notes: list[str] = []   # for the first article (decoded as cp1252, ...)
        self.published_warned = False
        self.columns: dict[str, str] = {}

    def where(self, row: int) -> str:
        return f"{self.shown}:{row}"

    def use_columns(self, names: list[str]) -> Optional[Problem]:
        """Pick this file's columns from its header; a Problem when the file cannot be read."""
        if looks_like_claims(names):
            return Problem(self.shown, errors.CORPUS_IS_CLAIMS.format(path=self.shown))
        found, missing = find_columns(names, self.named)
        if missing:
            field, column = missing
            return Problem(self.shown, errors.CORPUS_NO_COLUMN.format(
                path=self.shown, field=field, column=column, columns=_listed(names)))
        if "text" not in found:
            looked = ", ".join(column_aliases("text")) + "; its columns: " + _listed(names)
            return Problem(self.shown, errors.CORPUS_NO_TEXT_COLUMN.format(path=self.shown, looked=looked))
        self.columns = found
        return None

    def build(self, row: int, values: dict[str, Any], notes: list[str] = ()) -> Union[Article, Problem]:
        """An Article from one row's values (field -> raw value), or a Problem naming the row."""
        where = self.where(row)
        column = self.columns.get("text", "text")
        text = values.get("text")
        if isinstance(text, (bytes, bytearray, memoryview)):
            try:
                text = bytes(text).decode("utf-8")
            except UnicodeDecodeError:
                return Problem(where, errors.ROW_BAD.format(
                    path=self.shown, row=row, reason=f"column {column!r} is not UTF-8 text"))
        if isinstance(text, float) and math.isnan(text):
            text = None
        if text is not None and not isinstance(text, str):
            return Problem(where, errors.ROW_BAD.format(
                path=self.shown, row=row, reason=f"column {column!r} holds {_kind(text)}, not text"))
        if not text or not text.strip():
            return Problem(where, errors.ROW_NO_TEXT.format(path=self.shown, row=row, column=column))
        warnings = self.file_notes + list(notes)
        self.file_notes = []
        raw_published = values.get("published")
        published = published_iso(raw_published)
        if published is None and not self.published_warned and _given(raw_published):
            self.published_warned = True
            warnings.append(errors.BAD_PUBLISHED.format(path=where, value=_shown_value(raw_published)))
        meta = Meta(title=meta_text(values.get("title")), outlet=meta_text(values.get("outlet")),
                    author=meta_text(values.get("author")), published=published,
                    url=meta_text(values.get("url")))
        given_id = meta_text(values.get("id"))
        # a row-numbered id is unique by construction: not remembered, so memory stays flat over
        # millions of rows; ids from a column are (a repeat gets ~2)
        doc_id = self.ids.unique(given_id) if given_id else f"{self.stem}:{row}{self.repeat}"
        return Article(id=doc_id, text=text, path=self.path, meta=meta,
                       encoding=self.encoding, where=where, warnings=warnings)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a {type(value).__name__}"


def _given(value: Any) -> bool:
    return meta_text(value) is not None


def _shown_value(value: Any) -> str:
    text = meta_text(value) or ""
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------------------------------------
# Values


def meta_text(value: Any) -> Optional[str]:
    """A metadata value as one trimmed string, or None when empty.

    Nested values are flattened: an object gives its name (``{"id": null, "name": "Reuters"}``
    -> "Reuters"), a list its items joined (``["A", "B"]`` -> "A, B"); numbers become strings
    (``12.0`` -> "12"); NaN (pandas' missing value) is None.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8").strip() or None
        except UnicodeDecodeError:
            return None
    if isinstance(value, dict):
        by_key = {str(k).lower(): v for k, v in value.items()}
        for key in _NAME_KEYS:
            if key in by_key:
                got = meta_text(by_key[key])
                if got:
                    return got
        return None
    if isinstance(value, (list, tuple)):
        parts: list[str] = []
        for item in value:
            got = meta_text(item)
            if got and got not in parts:
                parts.append(got)
        return ", ".join(parts) or None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() or None


def published_iso(value: Any) -> Optional[str]:
    """A publication date as ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``, offset dropped,
    wall-clock time kept), or None when it is empty or not a date. See the module docstring."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return _iso_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _from_number(value)
    if isinstance(value, (list, tuple)):
        for item in value:
            if _given(item):
                return published_iso(item)
        return None
    text = meta_text(value)
    if text is None:
        return None
    return _published_from_text(text)


def _iso_datetime(value: dt.datetime) -> str:
    return value.replace(tzinfo=None).isoformat(timespec="seconds")


_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
                  r"(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
                  r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?Z?", re.IGNORECASE)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
# All-numeric dates such as "02/05/2024": day and month order is a guess unless one part is > 12.
_NUMERIC_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")
_PROBE_BASES = (dt.datetime(2001, 1, 1), dt.datetime(2002, 7, 15))
_RFC2822 = re.compile(r"(?:[a-z]{3},?\s+)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
                      r"(?:\s+(?:[+-]\d{4}|[a-z]{1,5}))?", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _published_from_text(text: str) -> Optional[str]:
    m = _ISO.fullmatch(text)
    if m:
        return _from_parts(*m.groups())
    m = _COMPACT.fullmatch(text)
    if m and (m.group(4) is not None or len(text) == 8):
        got = _from_parts(*m.groups())
        if got:
            return got
    if _NUMBER.fullmatch(text):
        number = float(text) if "." in text else int(text)
        return _from_number(number)
    if len(text) > 100 or not any(c.isdigit() for c in text):
        return None  # a full date has a year
    if _RFC2822.fullmatch(text):  # RSS and e-mail dates: common in feeds, and fast this way
        parts = parsedate_tz(text)
        got = _from_parts(*parts[:6]) if parts else None
        if got:
            return got
    from claimx.datetimes import parse_published

    got = parse_published(text)
    if got:
        m = _ISO.fullmatch(got)
        return _from_parts(*m.groups()) if m else None
    return _dateparser(text)


def _from_parts(year, month, day, hour=None, minute=None, second=None) -> Optional[str]:
    try:
        if hour is None:
            date = dt.date(int(year), int(month), int(day))
            return date.isoformat() if 1800 <= date.year <= 2200 else None
        stamp = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    return _iso_datetime(stamp) if 1800 <= stamp.year <= 2200 else None


def _from_number(number: Union[int, float]) -> Optional[str]:
    """Epoch seconds, milliseconds, micro- or nanoseconds (by magnitude, UTC), or a compact
    ``YYYYMMDD`` / ``YYYYMMDDHHMM[SS]`` number (GDELT's SQLDATE and DATEADDED)."""
    if isinstance(number, float) and not math.isfinite(number):
        return None
    if number <= 0:
        return None
    if isinstance(number, int) or number.is_integer():
        digits = str(int(number))
        if len(digits) in (8, 12, 14):
            m = _COMPACT.fullmatch(digits)
            got = _from_parts(*m.groups()) if m else None
            if got:
                return got
    seconds = float(number)
    for scale in (1e3, 1e3, 1e3):  # milliseconds, microseconds, nanoseconds
        if seconds < 1e11:
            break
        seconds /= scale
    try:
        stamp = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return _iso_datetime(stamp)


def _dateparser(text: str) -> Optional[str]:
    """A written date with day, month and year, or None: dateparser, read from two far-apart
    base dates so that nothing relative ("yesterday", "2 hours ago") is taken from the clock."""
    m = _NUMERIC_DMY.match(text)
    if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2):
        return None
    import dateparser

    answers = set()
    for base in _PROBE_BASES:
        try:
            parsed = dateparser.parse(text, settings={
                "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                "RETURN_AS_TIMEZONE_AWARE": False, "RELATIVE_BASE": base})
        except Exception:  # dateparser has raised on odd input (overflow, bad tz names)
            return None
        if parsed is None:
            return None
        answers.add(_iso_datetime(parsed) if _TIME.search(text) else parsed.date().isoformat())
    return answers.pop() if len(answers) == 1 else None


# ---------------------------------------------------------------------------------------------
# Text files: bytes -> lines of str


class _Tally(threading.local):
    bad = 0
    first: Optional[int] = None


_tally = _Tally()


def _replace_counting(err: UnicodeDecodeError):
    _tally.bad += err.end - err.start
    if _tally.first is None:
        _tally.first = err.start
    return "\ufffd", err.end


_REPLACE = "claimx.corpus.replace"
codecs.register_error(_REPLACE, _replace_counting)


class _Replay(io.RawIOBase):
    """A binary stream whose first bytes were read ahead (to sniff them) and are given back."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._read = getattr(rest, "read1", None) or rest.read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._read(len(buffer))
        if isinstance(data, str):  # a text stream handed in as stdin
            data = data.encode("utf-8")
        n = len(data)
        buffer[:n] = data
        return n


def _read_upto(stream, size: int) -> bytes:
    parts, got = [], 0
    while got < size:
        data = stream.read(size - got)
        if not data:
            break
        if isinstance(data, str):
            data = data.encode("utf-8")
        parts.append(data)
        got += len(data)
    return b"".join(parts)


_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)  # gzip.BadGzipFile is an OSError


def _open_text(raw: BinaryIO, rows: _Rows) -> Union[tuple[BinaryIO, "_Lines"], Problem]:
    """The (decompressed) stream and its line decoder, or a Problem (empty, binary, unreadable)."""
    shown = rows.shown
    try:
        head = _read_upto(raw, 2)
        stream: BinaryIO = io.BufferedReader(_Replay(head, raw), buffer_size=PREFIX_BYTES)
        if head == _GZIP_MAGIC:
            stream = gzip.GzipFile(fileobj=stream, mode="rb")
        prefix = _read_upto(stream, PREFIX_BYTES)
    except _READ_ERRORS as err:
        return Problem(shown, errors.UNREADABLE.format(path=shown, reason=errors.one_line(err)))
    if not prefix.strip():
        return Problem(shown, errors.EMPTY_FILE.format(path=shown))
    codec = _choose_codec(prefix, rows)
    if isinstance(codec, Problem):
        return codec
    return io.BufferedReader(_Replay(prefix, stream), buffer_size=PREFIX_BYTES), _Lines(codec, rows)


def _choose_codec(prefix: bytes, rows: _Rows) -> Union[str, Problem]:
    """The codec of a text file, from its first bytes: a BOM, UTF-8 (with a few bad bytes
    allowed), else the detected legacy encoding (recorded in ``rows.encoding``)."""
    shown = rows.shown
    for bom, codec in _BOMS:
        if prefix.startswith(bom):
            if codec == "utf-8":
                return "utf-8"  # the BOM is dropped from the first line (utf-8-sig would drop
                                # a U+FEFF at the start of every line)
            rows.encoding = codec
            return codec
    decoder = codecs.getincrementaldecoder("utf-8")(errors=_REPLACE)
    _tally.bad, _tally.first = 0, None
    text = decoder.decode(prefix, final=False)
    if not _tally.bad:
        return "utf-8"
    bad, first = _tally.bad, _tally.first
    # A few stray bytes in a text that is otherwise UTF-8 (valid multi-byte characters outnumber
    # the bad bytes) stay UTF-8, with the bad bytes replaced and counted row by row.
    if sum(1 for c in text if c > "\x7f" and c != "\ufffd") > bad:
        return "utf-8"
    if b"\x00" in prefix:
        return Problem(shown, errors.BINARY_FILE.format(path=shown))
    encoding = _detect_encoding(prefix)
    if encoding is None:
        return Problem(shown, errors.UNDECODABLE.format(path=shown, offset=first))
    rows.encoding = encoding
    rows.file_notes.append(errors.DECODED_AS.format(path=shown, encoding=encoding))
    return encoding


def _detect_encoding(prefix: bytes) -> Optional[str]:
    """The legacy encoding of a file that is not UTF-8, judged on its first bytes by the same rule
    as a text file's (`claimx.inputs.decode.detect_encoding`); None for UTF-16/32 without a BOM,
    whose lines cannot be split on b"\\n"."""
    from claimx.inputs.decode import detect_encoding

    found = detect_encoding(prefix)
    if found is None:
        return None
    codec = found[1]
    try:
        codecs.lookup(codec)
    except LookupError:
        return None
    if codec.replace("_", "").replace("-", "").lower().startswith(("utf16", "utf32")):
        return None
    return codec


_BARE_CR = re.compile(r"(?<=\r)(?!\n)")


class _Lines:
    """Binary lines -> str in the file's codec. A line with invalid bytes is decoded with U+FFFD;
    its note (how many bytes, where) waits in ``notes`` for the row that line belongs to."""

    def __init__(self, codec: str, rows: _Rows, offset: int = 0) -> None:
        self.codec = codec
        self.rows = rows
        self.offset = offset  # where the next line starts in the file: > 0 for a partition
        self.notes: list[str] = []
        # UTF-16/32 cannot be split at b"\n": those go through a text wrapper instead.
        self.wide = codec in ("utf-16", "utf-32")

    def take_notes(self) -> list[str]:
        notes, self.notes = self.notes, []
        return notes

    def lines(self, stream: BinaryIO, split_cr: bool = False) -> Iterator[str]:
        if self.wide:
            for line in io.TextIOWrapper(stream, encoding=self.codec, newline=""):
                yield line
            return
        codec = self.codec
        first = self.offset == 0  # a BOM is dropped at the start of the file only
        for raw in stream:
            start = self.offset
            self.offset += len(raw)
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError:
                _tally.bad, _tally.first = 0, None
                line = raw.decode(codec, _REPLACE)
                self.notes.append(errors.REPLACED_BYTES.format(
                    path=self.rows.shown, count=_tally.bad, offset=start + (_tally.first or 0)))
            if first:
                first = False
                if line.startswith("\ufeff"):
                    line = line[1:]
            if split_cr and "\r" in line and _BARE_CR.search(line):
                # Old Mac line ends (CR only): the csv module needs them as separate lines.
                for piece in _BARE_CR.split(line):
                    if piece:
                        yield piece
            else:
                yield line


def _next(iterator: Iterator, rows: _Rows, what: str) -> Any:
    """The next item, None at the end, or a CORPUS_BROKEN Problem when reading fails midway."""
    try:
        return next(iterator)
    except StopIteration:
        return None
    except (csv.Error, UnicodeDecodeError, *_READ_ERRORS) as err:
        return Problem(rows.shown, errors.CORPUS_BROKEN.format(
            path=rows.shown, reason=f"{what}: {errors.one_line(err)}"))


# ---------------------------------------------------------------------------------------------
# JSON Lines


_DOCUMENT_KEYS = ('"schema"', '"claims"', '"documents"')


def _read_jsonl(stream: BinaryIO, decoder: _Lines, rows: _Rows, number: int = 0,
                header: Optional[tuple] = None) -> Iterator[Union[Article, Problem]]:
    """``number``, ``header``: for a partition that starts after line ``number``, the keys of the
    file's first object (whose columns ``rows`` already uses)."""
    lines = decoder.lines(stream)
    started = header is not None  # a non-blank line was seen
    cache: dict[tuple, dict[str, str]] = {} if header is None else {header: rows.columns}
    while True:
        line = _next(lines, rows, f"line {number + 1}")
        if line is None:
            return
        if isinstance(line, Problem):
            yield line
            return
        number += 1
        if not line.strip():
            continue
        where = rows.where(number)
        try:
            obj = _json.decode(line)
        except msgspec.DecodeError as err:
            decoder.take_notes()
            if not started:
                started = True
                problem = _json_document(line, lines, rows)
                if problem:
                    yield problem
                    return
            yield Problem(where, errors.ROW_BAD.format(path=rows.shown, row=number,
                                                        reason=f"not JSON ({err})"))
            continue
        started = True
        if not isinstance(obj, dict):
            decoder.take_notes()
            yield Problem(where, errors.ROW_BAD.format(path=rows.shown, row=number,
                                                        reason=f"{_kind(obj)} in JSON, not an object"))
            continue
        keys = tuple(obj)
        if header is None:
            problem = rows.use_columns(list(keys))
            if problem:
                yield problem
                return
            header = keys
            cache[keys] = rows.columns
        mapping = cache.get(keys)
        if mapping is None:
            # A later object with other keys: its columns are found again; a field it lacks
            # keeps the file's column (and so has no value in this row).
            found, _ = find_columns(keys, rows.named)
            mapping = {**rows.columns, **found}
            if len(cache) > 256:
                cache.clear()
            cache[keys] = mapping
        values = {f: obj.get(column) for f, column in mapping.items()}
        yield rows.build(number, values, decoder.take_notes())


def _json_document(line: str, lines: Iterator[str], rows: _Rows) -> Optional[Problem]:
    """A Problem for the whole file when its first line shows one JSON document (an array, or
    an object printed over many lines, such as claimx's own ``--format json``); else None."""
    first = line.strip()
    if first.startswith("["):
        return Problem(rows.shown, errors.CORPUS_NOT_JSONL.format(path=rows.shown))
    if first != "{":
        return None
    for _ in range(20):
        following = _next(lines, rows, "JSON")
        if not isinstance(following, str):
            break
        if following.strip():
            if following.strip().startswith(_DOCUMENT_KEYS):
                return Problem(rows.shown, errors.CORPUS_IS_CLAIMS.format(path=rows.shown))
            break
    return Problem(rows.shown, errors.CORPUS_NOT_JSONL.format(path=rows.shown))


# ---------------------------------------------------------------------------------------------
# CSV and TSV


def _read_csv(stream: BinaryIO, decoder: _Lines, rows: _Rows, delimiter: str,
              header: Optional[list] = None, row: int = 0) -> Iterator[Union[Article, Problem]]:
    """``header``, ``row``: for a partition that starts after data record ``row``, the file's
    header (whose columns ``rows`` already uses) and ``delimiter`` as the file's first line chose it."""
    lines = decoder.lines(stream, split_cr=True)
    if header is None:
        if delimiter == ",":
            first = next(lines, None)
            if first is not None:
                delimiter = csv_delimiter(first)
                lines = itertools.chain([first], lines)
        reader = csv.reader(lines, delimiter=delimiter)
        while not header:
            header = _next(reader, rows, "header")
            if header is None:
                return  # only blank lines
            if isinstance(header, Problem):
                yield header
                return
        decoder.take_notes()
        problem = rows.use_columns(header)
        if problem:
            yield problem
            return
    else:
        reader = csv.reader(lines, delimiter=delimiter)
    index = {f: header.index(column) for f, column in rows.columns.items()}
    while True:
        record = _next(reader, rows, f"row {row + 1}")
        if record is None:
            return
        if isinstance(record, Problem):
            yield record
            return
        if not record:  # a blank line (csv.DictReader skips them too)
            continue
        row += 1
        # As csv.DictReader: a short row has no value for the missing columns, extra fields go.
        values = {f: record[i] if i < len(record) else None for f, i in index.items()}
        yield rows.build(row, values, decoder.take_notes())


def csv_delimiter(first_line: str) -> str:
    """The delimiter of a ``.csv`` file, from its first line: Excel in much of Europe writes ';'
    between fields: a header line with more ';' than ','."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


# ---------------------------------------------------------------------------------------------
# Parquet


def _read_parquet(source: Union[Path, BinaryIO], rows: _Rows,
                  part: Optional[tuple[int, int]] = None) -> Iterator[Union[Article, Problem]]:
    """``part``: only rows ``start < row <= end`` (numbered from 1), reading only the row groups
    that hold them (a partition of the file)."""
    shown = rows.shown
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Problem(shown, errors.NEEDS_EXTRA.format(path=shown, what="Parquet files", extra="parquet"))
        return
    try:
        parquet = pq.ParquetFile(source)
        names = list(parquet.schema_arrow.names)
    except Exception as err:  # pyarrow's errors: ArrowInvalid (a ValueError), OSError, ...
        yield Problem(shown, errors.UNREADABLE.format(path=shown, reason=errors.one_line(err)))
        return
    try:
        problem = rows.use_columns(names)
        if problem:
            yield problem
            return
        needed = list(dict.fromkeys(rows.columns.values()))
        row, start, end = 0, 0, None
        if part is None:
            batches = parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=needed)
        else:
            start, end = part
            groups, first = [], 0
            for g in range(parquet.metadata.num_row_groups):
                n = parquet.metadata.row_group(g).num_rows
                if first < end and first + n > start:
                    if not groups:
                        row = first
                    groups.append(g)
                first += n
            batches = parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups, columns=needed)
        while True:
            try:
                batch = next(batches)
                data = {name: batch.column(i).to_pylist() for i, name in enumerate(batch.schema.names)}
            except StopIteration:
                return
            except Exception as err:
                yield Problem(shown, errors.CORPUS_BROKEN.format(
                    path=shown, reason=f"row {row + 1}: {errors.one_line(err)}"))
                return
            for i in range(batch.num_rows):
                row += 1
                if row <= start:
                    continue
                if end is not None and row > end:
                    return
                yield rows.build(row, {f: data[column][i] for f, column in rows.columns.items()})
    finally:
        try:
            parquet.close()
        except Exception:  # pragma: no cover - older pyarrow has no close()
            pass
