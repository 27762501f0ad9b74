"""The one output sink: records go to stdout or to an ``-o`` file, as jsonl, json or a table.

Files are written atomically: to a temporary file beside the target, renamed over it only when
everything was written, so a crash or Ctrl-C never leaves a half-written file behind.
"""
from __future__ import annotations

import enum
import io
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence

import msgspec


class Format(str, enum.Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


_encoder = msgspec.json.Encoder()


@contextmanager
def open_output(path: Path | None) -> Iterator[BinaryIO]:
    """Yield a binary stream: stdout (None or "-"), or a temp file renamed onto ``path`` on success."""
    if path is None or str(path) == "-":
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_jsonl(records: Iterable, out: BinaryIO) -> int:
    """One JSON object a line; returns how many were written."""
    n = 0
    for record in records:
        out.write(_encoder.encode(record))
        out.write(b"\n")
        n += 1
    return n


def write_json(obj, out: BinaryIO) -> None:
    out.write(msgspec.json.format(_encoder.encode(obj), indent=2))
    out.write(b"\n")


def write_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence], out: BinaryIO) -> None:
    """A rich table for people. On a terminal it fits the screen; into a file or pipe, 160 columns."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    to_terminal = out is sys.stdout.buffer and sys.stdout.isatty()
    buf = io.StringIO()
    console = Console(file=buf, width=None if to_terminal else 160, force_terminal=to_terminal,
                      no_color=not to_terminal)
    console.print(table)
    out.write(buf.getvalue().encode("utf-8"))
