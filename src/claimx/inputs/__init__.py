"""Reading what users hold: text files, saved web pages, corpus exports, standard input.

Every reader yields, in order, an `Article` (the text exactly as decoded: every claim offset points
into it) or a `Problem` (one line naming the file, and the row where there is one). Nothing here
raises for bad input and nothing here imports spaCy.

    iter_inputs(paths, ReadOptions(...))  ->  Article | Problem, ...

One module per kind of source:

- `decode`   bytes -> str: BOMs, UTF-8, replacement of a few bad bytes, detection, binary data
- `textfile` a plain-text article (``.txt`` and anything not known below)
- `html`     a saved web page (``.html``, ``.htm``): main text and metadata via trafilatura
- `corpus`   one article per row or line (``.csv``, ``.tsv``, ``.jsonl``, ``.ndjson``, ``.parquet``),
             streamed, columns found by their usual names or named with ``--column``
- `partitions` the same inputs cut into partitions that are read apart (``extract --dask``):
             byte ranges of JSON Lines and CSV files, row ranges of Parquet files, groups of files
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional

from claimx import errors

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES
STDIN_FORMATS = ("text", "html", "jsonl", "csv", "tsv")


@dataclass
class Meta:
    """Metadata given with a text (corpus columns, a page's metadata, command-line overrides).

    A field left None is read from the article's own text where it states it, else stays null.
    """

    title: Optional[str] = None
    outlet: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date or date-time
    url: Optional[str] = None

    def over(self, base: "Meta") -> "Meta":
        """These fields where set, ``base``'s elsewhere."""
        return Meta(**{f.name: getattr(self, f.name) if getattr(self, f.name) is not None
                       else getattr(base, f.name) for f in fields(Meta)})

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(Meta)}


@dataclass
class Article:
    """One document to extract: its text as read and what is known about it."""

    id: str
    text: str
    path: Optional[str] = None        # the file read (for a corpus row, the corpus file); None for stdin
    meta: Meta = field(default_factory=Meta)
    encoding: Optional[str] = None    # the codec used where the text was not UTF-8
    where: str = ""                   # how messages name it: "seeds/a.txt", "export.csv:12", "-"
    warnings: list[str] = field(default_factory=list)  # one-line notes the reader had (replaced bytes)

    def __post_init__(self):
        if not self.where:
            self.where = self.path or "-"


@dataclass
class Problem:
    """An input that gives no article: one line for the user, naming file (and row)."""

    where: str
    message: str


@dataclass
class ReadOptions:
    """How to read: column names, which files of a folder, what standard input holds, overrides."""

    columns: dict[str, str] = field(default_factory=dict)  # field -> column name ("text" -> "body")
    glob: Optional[str] = None                             # folders: only files matching this
    stdin_format: str = "text"                             # text | html | jsonl | csv | tsv
    overrides: Meta = field(default_factory=Meta)          # --outlet, --published, --title
    stdin: Optional[BinaryIO] = None                       # instead of sys.stdin.buffer (tests)


class DocIds:
    """Document ids unique within a run: a repeat of ``base`` becomes ``base~2``, ``base~3``, ..."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}
        self._files: dict[str, int] = {}

    def file_number(self, stem: str) -> int:
        """How many corpus files named ``stem`` this run has opened, this one included: the rows
        of the second ``export.csv`` get ids ``export:1~2``, ... without remembering every row."""
        self._files[stem] = self._files.get(stem, 0) + 1
        return self._files[stem]

    def unique(self, base: str) -> str:
        n = self._seen.get(base, 0) + 1
        self._seen[base] = n
        return base if n == 1 else f"{base}~{n}"


def kind_of(path: str) -> str:
    """``text``, ``html`` or ``corpus``, by the file's suffix (a ``.gz`` suffix is looked through)."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(CORPUS_SUFFIXES):
        return "corpus"
    return "text"


def expand_paths(paths: Iterable[str], glob: Optional[str] = None) -> Iterator[str | Problem]:
    """The files a list of paths names, in order: folders give every supported file below them
    (sorted; only those matching ``glob`` if given), ``-`` stays ``-``, a missing path a Problem."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted((p for p in path.rglob(glob or "*")
                            if p.is_file() and (kind_of(p.name) != "text" or p.name.lower().endswith(TEXT_SUFFIXES))
                            and not p.name.startswith(".")),
                           key=lambda p: p.as_posix())
            if not found:
                yield Problem(raw, errors.NO_SUPPORTED_FILES.format(
                    path=raw, suffixes=" ".join(SUPPORTED_SUFFIXES)))
            for p in found:
                yield p.as_posix()
        elif path.exists() or path.is_symlink():
            yield raw
        else:
            yield Problem(raw, errors.NO_SUCH_PATH.format(path=raw))


def input_files(paths: Iterable[str], glob: Optional[str] = None) -> list[str]:
    """The real files a run reads (for refusing ``-o`` onto one of them)."""
    return [p for p in expand_paths(paths, glob) if isinstance(p, str) and p != "-"]


def _open_regular(path: str) -> Optional[Problem]:
    """A Problem unless ``path`` is a regular file (a FIFO would block the whole run)."""
    try:
        st = os.stat(path)
    except OSError as err:
        return Problem(path, errors.UNREADABLE.format(path=path, reason=err.strerror or err))
    if stat.S_ISDIR(st.st_mode) or not stat.S_ISREG(st.st_mode):
        return Problem(path, errors.NOT_A_FILE.format(path=path))
    return None


def _stdin(options: ReadOptions) -> BinaryIO | Problem:
    if options.stdin is not None:
        return options.stdin
    if sys.stdin is None or sys.stdin.closed:
        return Problem("-", errors.STDIN_CLOSED)
    try:
        return sys.stdin.buffer
    except AttributeError:  # replaced by a text stream without a buffer
        return Problem("-", errors.STDIN_CLOSED)


def iter_inputs(paths: Iterable[str], options: Optional[ReadOptions] = None) -> Iterator[Article | Problem]:
    """Articles (or Problems) from files, folders and ``-`` (standard input), in order."""
    from claimx.inputs import corpus, html, textfile

    options = options or ReadOptions()
    ids = DocIds()
    stdin_used = False
    for item in expand_paths(paths, options.glob):
        if isinstance(item, Problem):
            yield item
            continue
        if item != "-":
            yield from iter_file(item, options, ids)
            continue
        if stdin_used:
            yield Problem("-", errors.STDIN_TWICE)
            continue
        stdin_used = True
        stream = _stdin(options)
        if isinstance(stream, Problem):
            yield stream
            continue
        fmt = options.stdin_format
        if fmt in ("jsonl", "csv", "tsv"):
            yielded = corpus.iter_corpus(stream, "-", fmt, options.columns, ids)
        elif fmt == "html":
            yielded = [html.read_html(_read_all(stream), "-", ids.unique("stdin"))]
        else:
            yielded = [textfile.article_from_bytes(_read_all(stream), "-", ids.unique("stdin"))]
        yield from _with_overrides(yielded, options)


def iter_file(item: str, options: ReadOptions, ids: DocIds) -> Iterator[Article | Problem]:
    """The articles (or Problems) of one file, as `iter_inputs` reads it within a run whose ids
    are ``ids`` (the Dask path reads files one by one on its workers through this)."""
    from claimx.inputs import corpus, html, textfile

    problem = _open_regular(item)
    if problem:
        yield problem
        return
    kind = kind_of(item)
    if kind == "corpus":
        yielded = corpus.iter_corpus(Path(item), item, None, options.columns, ids)
    elif kind == "html":
        yielded = [html.read_html_file(Path(item), item, ids.unique(_stem(item)))]
    else:
        yielded = [textfile.read_text_file(Path(item), item, ids.unique(_stem(item)))]
    yield from _with_overrides(yielded, options)


def _with_overrides(items: Iterable[Article | Problem], options: ReadOptions) -> Iterator[Article | Problem]:
    """Articles with the command line's --outlet, --published, --title over their own metadata."""
    for got in items:
        if isinstance(got, Article) and options.overrides != Meta():
            got = replace(got, meta=options.overrides.over(got.meta))
        yield got


def _read_all(stream: BinaryIO) -> bytes:
    data = stream.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def _stem(path: str) -> str:
    """A file's name without its extension (and without ``.gz``)."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = Path(name).stem if Path(name).suffix else name
    return stem or name
