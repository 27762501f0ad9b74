"""One extraction run, from the paths a user gives to a finished output: inputs -> pipeline ->
(journal, when writing a file) -> sink.

`ExtractRun` is what ``claimx extract`` does, without the command line: the CLI parses options,
builds a run, and turns its outcome into messages and an exit code. What it guarantees:

- every input problem and every failed document is reported through ``on_problem`` with one line
  naming the file (and row) and counted; every other document's claims are written;
- with an output file, nothing is written there until the run is complete (a journal keeps what is
  finished; see `claimx.resume`), so an interrupted run leaves the file untouched and can resume;
- ``-o`` never names one of the input files;
- with ``dask`` (`claimx.distributed`), the same documents, messages and output, the work done on
  a Dask cluster: `connect` opens it, `results` settles partitions in input order.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from claimx import errors
from claimx.inputs import Article, Problem, ReadOptions, input_files, iter_inputs
from claimx.resume import Journal, JournalError, entry_key, journal_path


class RunError(Exception):
    """The run cannot start or finish: one line for the user and the exit code it ends with."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


@dataclass
class Outcome:
    documents: int = 0      # documents finished in this run (failed ones included)
    resumed: int = 0        # documents an earlier run had finished
    failed: int = 0         # documents whose extraction failed (this run and resumed)
    problems: int = 0       # inputs that gave no document (missing, empty, a row without text)
    claims: int = 0

    @property
    def total(self) -> int:
        return self.documents + self.resumed + self.problems


@dataclass
class ExtractRun:
    paths: list[str]
    read: ReadOptions = field(default_factory=ReadOptions)
    fmt: str = "jsonl"
    output: Optional[Path] = None
    resume: bool = False
    model: Optional[str] = None
    batch_size: int = 8
    n_process: int = 1
    nlp: object = None                                   # a loaded pipeline, else built from ``model``
    on_problem: Callable[[str, Optional[str]], None] = lambda line, detail: None
    on_warning: Callable[[str], None] = lambda line: None
    on_document: Callable[[], None] = lambda: None       # progress: one more document done
    outcome: Outcome = field(default_factory=Outcome)
    journal: Optional[Journal] = None
    dask: object = None                                  # a claimx.distributed.DaskOptions: run there
    dataset: bool = False                                # with dask: -o DIR, one Parquet file per partition
    session: object = None                               # the open claimx.distributed.Session

    # --- before any work ----------------------------------------------------------------------
    def check(self) -> None:
        """Refuse what cannot work before loading anything: -o onto an input, a foreign journal."""
        if self.dask is not None and "-" in self.paths:
            raise RunError(errors.DASK_STDIN, errors.EXIT_USAGE)
        if self.output is None:
            if self.resume:
                raise RunError(errors.RESUME_NEEDS_OUTPUT, errors.EXIT_USAGE)
            return
        target = os.path.realpath(self.output)
        for path in input_files(self.paths, self.read.glob):
            if os.path.realpath(path) == target:
                raise RunError(errors.OUTPUT_IS_INPUT.format(path=self.output), errors.EXIT_USAGE)
        self.journal = Journal(journal_path(self.output), self._fingerprint(), keep_text=self.fmt == "json")
        if self.journal.exists():
            if not self.resume:
                raise RunError(errors.RESUME_EXISTS.format(state=self.journal.path), errors.EXIT_USAGE)
            try:
                self.journal.reopen()
            except JournalError as exc:
                raise RunError(errors.RESUME_MISMATCH.format(state=self.journal.path, what=exc),
                               errors.EXIT_USAGE) from None
            self.outcome.resumed = self.journal.count
            self.outcome.failed = self.journal.failed
            for where, why in self.journal.failures:  # named again: the exit code says so
                self.on_problem(errors.DOC_FAILED_BEFORE.format(where=where, reason=why), None)
        else:
            self.journal.start()

    def _fingerprint(self) -> dict:
        """What must be the same for a journal to be continued (the claims' schema too: a journal
        of schema-1 claims is not finished with schema-2 ones)."""
        from claimx.schema import SCHEMA_VERSION

        o = self.read.overrides
        more = {}
        if self.dataset:  # which documents make each part file
            from claimx.distributed import partition_bytes

            more["dataset"] = {"partition_bytes": partition_bytes(self)}
        return {**more, "schema": SCHEMA_VERSION, "paths": [os.path.realpath(p) if p != "-" else p for p in self.paths], "format": self.fmt,
                "model": self.model, "columns": dict(sorted(self.read.columns.items())),
                "glob": self.read.glob, "stdin_format": self.read.stdin_format,
                "overrides": {k: v for k, v in o.as_dict().items() if v is not None}}

    # --- the run ------------------------------------------------------------------------------
    def connect(self) -> None:
        """With ``dask``: open the cluster (a `RunError` when it cannot be used)."""
        from claimx.distributed import Session

        self.session = Session(self, self.dask).open()

    def disconnect(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def note_problem(self, message: str) -> None:
        """An input that gave no document: reported and counted."""
        self.outcome.problems += 1
        self.on_problem(message, None)

    def count(self, result) -> None:
        """A finished document: counted, its failure reported."""
        self.outcome.documents += 1
        if result.error is not None:
            self.outcome.failed += 1
            self.on_problem(errors.DOC_FAILED.format(where=result.where, reason=result.error), result.detail)
        self.outcome.claims += len(result.claims)

    def articles(self) -> Iterator[Article]:
        """The articles still to extract; problems reported and counted on the way."""
        for item in iter_inputs(self.paths, self.read):
            if isinstance(item, Problem):
                self.note_problem(item.message)
                continue
            if self.journal is not None and entry_key(item.id) in self.journal.done:
                continue
            for line in item.warnings:
                self.on_warning(line)
            yield item

    def results(self):
        """Every remaining document's `DocResult`, in input order (the pipeline runs here)."""
        if self.session is not None:
            gen = self.session.results()
        else:
            from claimx.pipeline import extract_articles

            nlp = self.nlp
            if nlp is None:
                from claimx import DEFAULT_MODEL
                from claimx.pipeline import build_pipeline

                nlp = build_pipeline(self.model or DEFAULT_MODEL)
            gen = extract_articles(nlp, self.articles(), batch_size=self.batch_size, n_process=self.n_process)
        try:
            for result in gen:
                self.count(result)
                yield result
                self.on_document()
        finally:
            gen.close()

    def write_to(self, sink) -> None:
        """Stream every result to ``sink`` (standard output: no journal, nothing to resume)."""
        for r in self.results():
            sink.write(r.doc, r.claims)

    def journal_all(self) -> None:
        """Run, recording each finished document in the journal."""
        for r in self.results():
            self.journal.add(entry_key(r.doc.id), r.doc, r.claims, r.error, r.where)

    def write_dataset(self) -> None:
        """With ``dataset``: one Parquet file per partition into the ``-o`` folder, journalled."""
        self.session.write_dataset(self.output)

    def render(self, sink) -> None:
        """Write every journalled document to ``sink`` (the output file), in order."""
        for entry in self.journal.entries():
            sink.write(entry.doc, entry.claims)
