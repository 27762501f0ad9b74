"""A plain-text article: one file (``.txt``, ``.txt.gz``, or any file of no known kind) or standard input.

    read_text_file(path, shown, doc_id)   ->  Article | Problem
    article_from_bytes(data, shown, doc_id) ->  Article | Problem

The bytes are decoded by `claimx.inputs.decode` (BOMs, UTF-8, a few bad bytes replaced, legacy
encodings detected, binary data refused); the text is kept exactly as decoded, so every claim offset
points into it. A gzip file (by its ``.gz`` suffix, or by gzip's magic bytes) is decompressed first.
The article's metadata is left empty: what the text states about itself (title, outlet, date) is
read from it later, by `claimx.header`.
"""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from claimx import errors
from claimx.inputs import Article, Problem
from claimx.inputs.decode import decode_bytes

GZIP_MAGIC = b"\x1f\x8b"


def read_text_file(path: Path, shown: str, doc_id: str) -> Article | Problem:
    """The article in a text file; ``shown`` names it in messages, ``doc_id`` is its id."""
    data = read_file_bytes(path, shown)
    if isinstance(data, Problem):
        return data
    return article_from_bytes(data, shown, doc_id)


def article_from_bytes(data: bytes, shown: str, doc_id: str) -> Article | Problem:
    """The article in ``data`` (a file's bytes, or standard input's when ``shown`` is ``-``)."""
    data = gunzip_if_gzip(data, shown, by_suffix=False)
    if isinstance(data, Problem):
        return data
    decoded = decode_bytes(data, shown)
    if isinstance(decoded, Problem):
        return decoded
    return Article(id=doc_id, text=decoded.text, path=None if shown == "-" else shown,
                   encoding=decoded.encoding, where=shown, warnings=list(decoded.warnings))


def read_file_bytes(path: Path, shown: str) -> bytes | Problem:
    """A file's bytes, decompressed when its name ends in ``.gz``; a Problem when it cannot be read."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return Problem(shown, errors.NOT_A_FILE.format(path=shown))
    except OSError as err:
        return Problem(shown, errors.UNREADABLE.format(path=shown, reason=err.strerror or errors.one_line(err)))
    return gunzip_if_gzip(data, shown, by_suffix=path.name.lower().endswith(".gz"))


def gunzip_if_gzip(data: bytes, shown: str, by_suffix: bool) -> bytes | Problem:
    """``data`` decompressed when it is gzip data: named so (``by_suffix``: a broken file is a
    Problem), or starting with gzip's magic bytes (``zcat``-less pipes; a file that only looks
    like gzip is left as it is, for the decoder to judge)."""
    if not by_suffix and not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        if not by_suffix:
            return data
        return Problem(shown, errors.UNREADABLE.format(path=shown, reason=f"not valid gzip data ({errors.one_line(err)})"))
