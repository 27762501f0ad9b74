"""What a run that writes ``-o FILE`` has finished, kept so an interrupted run can go on.

While it runs, ``claimx extract ... -o FILE`` appends one line per finished document to
``FILE.claimx-resume`` (its metadata, its claims, or why it failed), in input order, flushed as
each document ends. Only when every document is done is ``FILE`` written from it (atomically)
and the journal removed. So whatever stops the run (Ctrl-C, SIGTERM, a crash, a killed machine),
``FILE`` is complete or untouched, and the journal holds every finished document:
``--resume`` reads it, drops a half-written last line, skips the documents it holds without
extracting them again, and appends the rest. The end result has exactly the lines one
uninterrupted run would have had.

The journal's first line records what the run was (inputs, format, options); ``--resume`` refuses a
journal left by another command, and a run without ``--resume`` refuses to overwrite one.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

import msgspec

from claimx.schema import Claim, DocText

SUFFIX = ".claimx-resume"
VERSION = 1


class Header(msgspec.Struct):
    claimx_resume: int
    run: dict


class Entry(msgspec.Struct, omit_defaults=True):
    """One finished document."""

    key: str                        # the document id: unique within a run over the same inputs
    doc: DocText
    claims: list[Claim] = []
    error: Optional[str] = None
    where: Optional[str] = None     # with ``error``: how messages name the document


class JournalError(ValueError):
    """The journal cannot be used (another run's, or not a journal at all)."""


def journal_path(output: Path) -> Path:
    real = Path(os.path.realpath(output))
    return real.with_name(real.name + SUFFIX)


def entry_key(doc_id: str) -> str:
    return doc_id


_entry_decoder = msgspec.json.Decoder(Entry)
_header_decoder = msgspec.json.Decoder(Header)
_encoder = msgspec.json.Encoder()


class Journal:
    """Append-only record of finished documents for one ``-o FILE``."""

    def __init__(self, path: Path, run: dict, keep_text: bool):
        self.path = path
        self.run = run
        self.keep_text = keep_text  # the json format carries document texts; others need none
        self.done: set[str] = set()
        self.count = 0
        self.failed = 0
        self.opened = False  # this run started or continued it (only then may it remove it)
        self.failures: list[tuple[str, str]] = []  # (where, why) of failed documents a resumed journal holds
        self._fh: Optional[BinaryIO] = None

    # --- opening ------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def start(self) -> None:
        """A new journal (replacing none: the caller checks ``exists`` first)."""
        self._fh = open(self.path, "wb")
        self.opened = True
        self._fh.write(_encoder.encode(Header(claimx_resume=VERSION, run=self.run)) + b"\n")
        self._fh.flush()

    def reopen(self) -> None:
        """Continue a journal: check it is this run's, count what it holds, cut a half line."""
        good_end = 0
        with open(self.path, "rb") as fh:
            first = fh.readline()
            try:
                header = _header_decoder.decode(first)
            except msgspec.DecodeError:
                raise JournalError("not a claimx resume file") from None
            if header.run != self.run:
                changed = sorted(k for k in set(header.run) | set(self.run) if header.run.get(k) != self.run.get(k))
                raise JournalError(", ".join(changed) or "another run")
            good_end = fh.tell() if first.endswith(b"\n") else 0
            for line in fh:
                if not line.endswith(b"\n"):
                    break  # the run stopped while writing this line
                try:
                    entry = _entry_decoder.decode(line)
                except msgspec.DecodeError:
                    break
                self.done.add(entry.key)
                self.count += 1
                if entry.error is not None:
                    self.failed += 1
                    self.failures.append((entry.where or entry.key, entry.error))
                good_end += len(line)
        if good_end == 0:
            raise JournalError("not a claimx resume file")
        self._fh = open(self.path, "r+b")
        self.opened = True
        self._fh.truncate(good_end)
        self._fh.seek(good_end)

    # --- writing ------------------------------------------------------------------------------
    def add(self, key: str, doc: DocText, claims: list[Claim], error: Optional[str], where: str) -> None:
        if not self.keep_text:
            doc = msgspec.structs.replace(doc, text="")
        entry = Entry(key=key, doc=doc, claims=claims, error=error, where=where if error else None)
        self._fh.write(_encoder.encode(entry) + b"\n")
        self._fh.flush()  # in the OS's hands: a killed process loses at most the line it was writing
        self.count += 1
        self.failed += error is not None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    # --- reading back -------------------------------------------------------------------------
    def entries(self) -> Iterator[Entry]:
        """Every finished document, in order (for writing the output)."""
        with open(self.path, "rb") as fh:
            fh.readline()
            for line in fh:
                if line.endswith(b"\n"):
                    yield _entry_decoder.decode(line)

    def remove(self) -> None:
        self.close()
        if not self.opened:
            return
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
