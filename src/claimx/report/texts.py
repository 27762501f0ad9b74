"""Where the report finds each article's text, and whether the claims' offsets fit it.

The report never re-reads articles the way `claimx extract` does (no spaCy, no trafilatura): a
text is shown only when every claim of the article holds at its offsets
(``text[start:end] == claim.text``), so every highlight is exact. In order:

1. **The claims document.** `claimx extract --format json` lists every document with its ``text``
   (`claimx.claimfiles.read_claim_file_with_texts`).
2. **The file in ``doc.path``**, for JSON Lines: a plain-text file (``.txt``, ``.txt.gz``, any
   file of no known kind), read where the path points from the current folder, else from the
   claim file's folder (claims are often kept beside the articles they came from). Bytes are
   decoded as `claimx extract` decodes them (`claimx.inputs.decode`), or with the codec
   ``doc.encoding`` names. A corpus file (``.csv``, ``.jsonl``, ...: the offsets point into one
   row's text) and a web page (the offsets point into its extracted text) are not read at all.
3. **None**: the article's claims are listed without their text, and the report says why.

Each file is read once however many documents name it. No spaCy here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional, Sequence

from claimx import errors
from claimx.schema import Claim, DocInfo, DocText

TextSource = Literal["document", "file", "none"]
# A file larger than this is not an article (a log, a dump): not read.
MAX_TEXT_BYTES = 32 << 20


@dataclass(frozen=True)
class ArticleText:
    """An article's text (None when no source fits its claims), where it came from, and a note
    for the reader: how it was read, or why there is no text."""

    text: Optional[str]
    source: TextSource
    note: str


def mismatch(text: str, claims: Sequence[Claim]) -> Optional[Claim]:
    """The first claim whose content is not ``text[start:end]``, or None when all fit."""
    for c in claims:
        start, end = c.span
        if not (0 <= start <= end <= len(text)) or text[start:end] != c.text:
            return c
    return None


@dataclass
class _Read:
    """A file as read: its text under each codec tried, or why it could not be read."""

    texts: list[tuple[str, str]]   # (text, codec shown)
    problem: Optional[str] = None


class TextFinder:
    """Finds the text of each article (see the module docstring)."""

    def __init__(self, documents: dict[str, tuple[DocText, str]] | None = None, cwd: Path | None = None):
        # doc id -> (the document with its text, the name of the claims file that listed it)
        self.documents = documents or {}
        self.cwd = cwd or Path.cwd()
        self._files: dict[tuple[Path, Optional[str]], _Read] = {}

    def find(self, doc: DocInfo, claims: Sequence[Claim], base: Optional[Path] = None) -> ArticleText:
        """The text of ``doc`` that its ``claims`` fit; ``base`` is the folder of the claim file
        that held them (relative ``doc.path`` values are tried there too)."""
        why: list[str] = []
        listed = self.documents.get(doc.id)
        if listed is not None and listed[0].text:
            text = listed[0].text
            bad = mismatch(text, claims)
            if bad is None:
                return ArticleText(text, "document", errors.TEXT_FROM_DOCUMENT.format(name=listed[1]))
            why.append(errors.TEXT_MISMATCH.format(where=f"the text in {listed[1]}", claim=bad.id))
        elif listed is not None:
            why.append(errors.TEXT_NOT_IN_DOCUMENT)
        found = self._from_file(doc, claims, base, why)
        if found is not None:
            return found
        return ArticleText(None, "none", errors.TEXT_NONE.format(why="; ".join(why)))

    def _from_file(self, doc: DocInfo, claims: Sequence[Claim], base: Optional[Path],
                   why: list[str]) -> Optional[ArticleText]:
        from claimx.inputs import kind_of

        if not doc.path:
            if not why:
                why.append(errors.TEXT_NO_PATH)
            return None
        kind = kind_of(doc.path)
        if kind != "text":
            why.append((errors.TEXT_CORPUS if kind == "corpus" else errors.TEXT_HTML).format(path=doc.path))
            return None
        path = self._locate(Path(doc.path), base)
        if path is None:
            why.append(errors.TEXT_MISSING.format(path=doc.path))
            return None
        encoding = doc.encoding if isinstance(doc.encoding, str) else None
        read = self._read(path, doc.path, encoding)
        if read.problem is not None:
            why.append(read.problem)
            return None
        bad = None
        for text, codec in read.texts:
            bad = mismatch(text, claims)
            if bad is None:
                return ArticleText(text, "file", errors.TEXT_FROM_FILE.format(path=doc.path, encoding=codec))
        if bad is not None:
            why.append(errors.TEXT_MISMATCH.format(where=doc.path, claim=bad.id))
        return None

    def _locate(self, path: Path, base: Optional[Path]) -> Optional[Path]:
        candidates = [path] if path.is_absolute() else [self.cwd / path] + ([base / path] if base else [])
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        return None

    def _read(self, path: Path, shown: str, encoding: Optional[str]) -> _Read:
        key = (path.resolve(), encoding)
        if key not in self._files:
            self._files[key] = _read_text(path, shown, encoding)
        return self._files[key]


def _read_text(path: Path, shown: str, encoding: Optional[str]) -> _Read:
    """A text file decoded as `claimx extract` decodes it, and with ``encoding`` (``doc.encoding``:
    the codec extraction used) first when one is named."""
    import codecs

    from claimx.inputs import Problem
    from claimx.inputs.decode import BOMS, decode_bytes
    from claimx.inputs.textfile import read_file_bytes

    try:
        size = path.stat().st_size
    except OSError as exc:
        return _Read([], errors.TEXT_UNREADABLE.format(path=shown, reason=exc.strerror or errors.one_line(exc)))
    if size > MAX_TEXT_BYTES:
        return _Read([], errors.TEXT_TOO_LARGE.format(path=shown, limit=MAX_TEXT_BYTES >> 20))
    data = read_file_bytes(path, shown)
    if isinstance(data, Problem):
        return _Read([], data.message)
    texts: list[tuple[str, str]] = []
    if encoding:
        body = data
        for bom, _codec, _name in BOMS:
            if body.startswith(bom):
                body = body[len(bom):]
                break
        try:
            codecs.lookup(encoding)
            texts.append((body.decode(encoding, errors="replace"), encoding))
        except LookupError:
            pass
    decoded = decode_bytes(data, shown)
    if isinstance(decoded, Problem):
        if not texts:
            return _Read([], decoded.message)
    else:
        texts.append((decoded.text, decoded.encoding or "UTF-8"))
    return _Read(texts)
