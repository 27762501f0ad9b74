"""Reading claim files: the JSON Lines `claimx extract` prints, or its `--format json` document.

Every claim is decoded with msgspec straight into `claimx.schema.Claim`, strictly (no type
coercion), so a claim that reaches `query` or `diff` has the contract's shape. A line that is not a
claim raises `InvalidClaim` naming the file and line; with ``skip_invalid=True`` it is skipped and
counted in `ReadStats` instead. Empty input is not an error: it gives no claims.

Both forms are recognised by content, not by file name::

    {"id": "a#1", "doc": {...}, "kind": "direct", ...}          one claim a line (JSON Lines)
    {"schema": 1, "documents": [...], "claims": [...]}           one document (`--format json`)

No spaCy here: `query` and `diff` must start fast.
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import msgspec

from claimx.schema import Act, Claim, DocInfo, DocText, FigureKind, Kind, SpeakerType

STDIN = "-"
STDIN_NAME = "<stdin>"

_claim_decoder = msgspec.json.Decoder(Claim)
_any_decoder = msgspec.json.Decoder()
_BOM = b"\xef\xbb\xbf"


class _Document(msgspec.Struct):
    """The `--format json` document, its claims kept raw so each is checked (and located) alone."""

    claims: list[msgspec.Raw]
    schema: Union[int, None] = None
    documents: Union[list[DocInfo], None] = None


# --- what `claimx query` reads of each line ---------------------------------------------------
# A query reads 100,000 claims to print a few: it decodes only the fields its filters and groups
# look at (same names and nesting as `Claim`, so the same code reads either), keeps each line's
# bytes, and prints the lines that match unchanged (decoding them fully first: a printed claim is
# always a checked one).


class _DocView(msgspec.Struct, gc=False):
    id: str
    outlet: Optional[str] = None


class _SpeakerView(msgspec.Struct, gc=False):
    text: str
    name: str
    type: SpeakerType


class _DateView(msgspec.Struct, gc=False):
    value: Optional[str] = None


class _FigureView(msgspec.Struct, gc=False):
    value: Union[int, float]
    unit: Optional[str] = None
    subject: Optional[str] = None
    kind: Optional[FigureKind] = None


class ClaimView(msgspec.Struct, gc=False):
    """The fields of a claim that `claimx.query` filters and groups on (not tracked by the
    cyclic GC: views hold no cycles, and 100,000 of them made every collection slow)."""

    id: str
    doc: _DocView
    kind: Kind
    text: str
    figures: list[_FigureView]
    act: Optional[Act] = None
    speaker: Optional[_SpeakerView] = None
    date: Optional[_DateView] = None


_view_decoder = msgspec.json.Decoder(ClaimView)


class InvalidClaim(ValueError):
    """A line (or a claim of a JSON document) that is not a claim of the contract."""

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass
class ReadStats:
    """What reading saw: claims read, and the invalid lines skipped (path, line, reason)."""

    claims: int = 0
    skipped: list[tuple[str, int, str]] = field(default_factory=list)


def display_name(source: str | Path) -> str:
    return STDIN_NAME if str(source) == STDIN else str(source)


def read_claims(sources: Iterable[str | Path], *, skip_invalid: bool = False,
                stats: ReadStats | None = None, stdin: bytes | None = None) -> list[Claim]:
    """Every claim of every source, in order. ``-`` reads standard input (or ``stdin`` if given).

    Raises `InvalidClaim` for the first bad line unless ``skip_invalid``; `OSError` if a file
    cannot be read (the caller decides whether that is fatal).
    """
    claims: list[Claim] = []
    for source in sources:
        claims.extend(read_claim_file(source, skip_invalid=skip_invalid, stats=stats, stdin=stdin))
    return claims


def read_claim_file(source: str | Path, *, skip_invalid: bool = False,
                    stats: ReadStats | None = None, stdin: bytes | None = None) -> list[Claim]:
    """The claims of one file (or ``-`` for standard input)."""
    if str(source) == STDIN:
        data = stdin if stdin is not None else sys.stdin.buffer.read()
    else:
        data = Path(source).read_bytes()
    return decode_claims(data, display_name(source), skip_invalid=skip_invalid, stats=stats)


@dataclass
class ClaimFile:
    """One claim file as `claimx report` reads it: its claims, and the documents a `--format json`
    document lists (with their ``text``; none for JSON Lines). ``path`` is the file read (None for
    standard input): relative ``doc.path`` values may be relative to its folder."""

    name: str
    path: Path | None
    claims: list[Claim]
    documents: list[DocText] = field(default_factory=list)


class _Texts(msgspec.Struct):
    """The documents of a `--format json` document, with their texts (`_Document` skips them)."""

    documents: Union[list[DocText], None] = None


def read_claim_file_with_texts(source: str | Path, *, skip_invalid: bool = False,
                               stats: ReadStats | None = None, stdin: bytes | None = None) -> ClaimFile:
    """The claims of one file (or ``-``), as `read_claim_file` reads them, with the documents of a
    `--format json` document (texts included, so every offset can be checked). A document list
    that does not decode gives no documents: the claims are what the file is read for."""
    if str(source) == STDIN:
        data = stdin if stdin is not None else sys.stdin.buffer.read()
        path = None
    else:
        path = Path(source)
        data = path.read_bytes()
    name = display_name(source)
    claims = decode_claims(data, name, skip_invalid=skip_invalid, stats=stats)
    documents: list[DocText] = []
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    if _is_document(body):
        try:
            documents = msgspec.json.decode(body, type=_Texts).documents or []
        except (msgspec.DecodeError, UnicodeDecodeError):
            documents = []
    return ClaimFile(name=name, path=path, claims=claims, documents=documents)


def decode_claims(data: bytes, name: str = STDIN_NAME, *, skip_invalid: bool = False,
                  stats: ReadStats | None = None) -> list[Claim]:
    """Decode claim JSON Lines or a claims document from bytes; ``name`` is used in errors."""
    stats = stats if stats is not None else ReadStats()
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    with no_gc():
        if _is_document(data):
            claims = list(_decode_document(data, name, skip_invalid, stats))
        else:
            claims = list(_decode_lines(data, name, skip_invalid, stats))
    stats.claims += len(claims)
    return claims


@contextmanager
def no_gc():
    """Decoding makes many small objects and no cycles: the cyclic collector, running again and
    again as they pile up, would take half the time (msgspec's own advice)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# JSON Lines are read this much at a time: the memory of a query is a block and what it keeps
_BLOCK = 1 << 22


def read_claim_views(source: str | Path, *, skip_invalid: bool = False, stats: ReadStats | None = None,
                     stdin: bytes | None = None, keep: Optional[Callable[[ClaimView], bool]] = None,
                     ) -> list[tuple[Union[ClaimView, Claim], bytes, tuple[str, int]]]:
    """The claims of one file (or ``-``) as (view, JSON bytes of the claim, (file, line)), for
    filtering: JSON Lines are decoded as `ClaimView`s, each with its line as written; a `--format
    json` document is decoded in full (its claims are `Claim`s, with their JSON). `full_claim`
    turns the bytes into a checked `Claim`.

    With ``keep``, only the records whose view it accepts are returned: JSON Lines are then read
    and decoded 4 MiB at a time and every other view is dropped as soon as it is made, so the
    memory (and the time the system spends giving it) follows what is kept, not the file. Every
    line is still decoded and checked, kept or not."""
    name = display_name(source)
    stats = stats if stats is not None else ReadStats()
    if str(source) == STDIN and stdin is not None:
        handle = None
        first = stdin
    else:
        handle = sys.stdin.buffer if str(source) == STDIN else open(source, "rb")
        first = handle.read(_BLOCK if keep is not None else -1)
    try:
        if first.startswith(_BOM):
            first = first[len(_BOM):]
        if keep is None or handle is None or not _starts_with_a_claim(first):
            data = first + handle.read() if handle is not None else first
            out = _views_of(data, name, skip_invalid, stats)
            if keep is not None:
                out = [r for r in out if keep(r[0])]
            stats.claims += len(out)
            return out
        out = []
        lineno = 0
        rest = b""                           # the start of a line the next block ends
        block = first
        with no_gc():
            while block:
                lines = block.split(b"\n")  # (split, not joined to what is left: no copy of a block)
                lines[0] = rest + lines[0]
                rest = lines.pop()           # (the last line goes on in the next block, or is the last)
                more = handle.read(_BLOCK)
                if not more and rest:
                    lines.append(rest)
                crlf = b"\r" in block or b"\r" in lines[0]   # (a line's "\r" may end the block before)
                views = _line_views(lines, lineno, name, skip_invalid, stats, crlf)
                out.extend(r for r in views if keep(r[0]))
                lineno += len(lines)
                block = more
        stats.claims += len(out)
        return out
    finally:
        if handle is not None and handle is not sys.stdin.buffer:
            handle.close()


def _starts_with_a_claim(data: bytes) -> bool:
    """The first line of ``data`` is a whole claim: the file is JSON Lines (not a document)."""
    end = data.find(b"\n")
    if end < 0:
        return False
    try:
        _view_decoder.decode(data[:end])
    except (msgspec.DecodeError, UnicodeDecodeError):
        return False
    return True


def _views_of(data: bytes, name: str, skip_invalid: bool, stats: ReadStats) -> list:
    if _is_document(data):
        claims = decode_claims(data, name, skip_invalid=skip_invalid, stats=stats)
        encode = msgspec.json.Encoder().encode
        return [(c, encode(c), (name, 0)) for c in claims]
    with no_gc():
        return _line_views(data.split(b"\n"), 0, name, skip_invalid, stats, b"\r" in data)


def _line_views(lines: list[bytes], before: int, name: str, skip_invalid: bool, stats: ReadStats,
                crlf: bool) -> list:
    """(view, line, (file, line number)) of each claim of ``lines``, the first of them line
    ``before`` + 1 of the file; ``crlf``: some end in a carriage return."""
    if not crlf:
        decode = _view_decoder.decode
        try:                     # every line a claim (or empty): one tight pass
            return [(decode(line), line, (name, n)) for n, line in enumerate(lines, before + 1) if line]
        except (msgspec.DecodeError, UnicodeDecodeError):
            pass
    return _careful_views(lines, name, skip_invalid, stats, before)


def _careful_views(lines: list[bytes], name: str, skip_invalid: bool, stats: ReadStats, before: int = 0) -> list:
    """`read_claim_views` line by line: blank lines and CRLF endings, bad lines named or skipped."""
    out = []
    for lineno, line in enumerate(lines, before + 1):
        line = line.rstrip(b"\r")
        if not line.strip():
            continue
        try:
            out.append((_view_decoder.decode(line), line, (name, lineno)))
        except (msgspec.DecodeError, UnicodeDecodeError) as exc:
            reason = _reason(exc)
            if not skip_invalid:
                raise InvalidClaim(name, lineno, reason) from None
            stats.skipped.append((name, lineno, reason))
    return out


def full_claim(raw: bytes) -> Claim:
    """A claim's JSON bytes as a checked `Claim` (`msgspec.ValidationError` if it is not one)."""
    return _claim_decoder.decode(raw)


def _is_document(data: bytes) -> bool:
    """A single JSON object with a "claims" key (JSON Lines stop parsing after the first line)."""
    head = data.lstrip()
    if not head.startswith(b"{"):
        return False
    try:
        obj = _any_decoder.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError):
        # Trailing data after the first object: JSON Lines. Or broken JSON: let the line reader
        # report it, unless it plainly opens a document (`{` alone on the first line).
        first = head.split(b"\n", 1)[0].strip()
        return first == b"{" or first.startswith(b'{"schema"')
    return isinstance(obj, dict) and "claims" in obj


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, max(0, offset)) + 1


def _reason(exc: Exception) -> str:
    return str(exc).replace("\n", " ").strip() or type(exc).__name__


def _decode_lines(data: bytes, name: str, skip_invalid: bool, stats: ReadStats) -> Iterator[Claim]:
    for lineno, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            yield _claim_decoder.decode(line)
        except (msgspec.DecodeError, UnicodeDecodeError) as exc:
            reason = _reason(exc)
            if not skip_invalid:
                raise InvalidClaim(name, lineno, reason) from None
            stats.skipped.append((name, lineno, reason))


def _decode_document(data: bytes, name: str, skip_invalid: bool, stats: ReadStats) -> Iterator[Claim]:
    try:
        doc = msgspec.json.decode(data, type=_Document)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        reason = _reason(exc)
        line = _error_line(data, reason)
        if not skip_invalid:
            raise InvalidClaim(name, line, reason) from None
        stats.skipped.append((name, line, f"{reason} (the whole document skipped)"))
        return
    pos = data.find(b'"claims"')
    for i, raw in enumerate(doc.claims):
        text = bytes(raw)
        found = data.find(text, max(pos, 0))
        if found >= 0:
            pos = found + len(text)
        try:
            yield _claim_decoder.decode(text)
        except msgspec.DecodeError as exc:
            # (counted only for a bad claim: counting lines before every claim is quadratic)
            line = _line_of(data, found) if found >= 0 else 1
            reason = f"claims[{i}]: {_reason(exc)}"
            if not skip_invalid:
                raise InvalidClaim(name, line, reason) from None
            stats.skipped.append((name, line, reason))


def _error_line(data: bytes, reason: str) -> int:
    """msgspec names the byte offset of a syntax error ("... (byte 1234)"): turn it into a line.
    Truncated input breaks at its end."""
    import re

    m = re.search(r"byte (\d+)", reason)
    if m:
        return _line_of(data, int(m.group(1)))
    if "truncated" in reason:
        return _line_of(data, len(data.rstrip()))
    return 1


def as_claims(records: Iterable[Claim | dict]) -> list[Claim]:
    """Contract claim dicts (from `claimx.extract`) or `Claim` structs, as `Claim` structs.

    A struct passes straight through (the same object); a dict is converted once, with
    `msgspec.convert` (strictly, as a claim line is decoded), never by way of JSON bytes. The
    library's entry points (`claimx.query`, `claimx.diff`, `claimx.names`) call this once on
    what they are given.
    """
    return [record if isinstance(record, Claim) else msgspec.convert(record, Claim)
            for record in records]
