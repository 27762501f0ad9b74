"""claimx extract: articles in, attributed claims out (parse options, call the library, render)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimx import DEFAULT_MODEL
from claimx.cli import messages as msg
from claimx.cli.output import Format, open_output, write_json, write_jsonl, write_table

TABLE_COLUMNS = ("doc", "kind", "speaker", "type", "claim", "date", "figures")


def _table_row(claim) -> tuple:
    from rich.markup import escape  # claim text is data, not markup: "[inaudible]" stays

    text = claim.text if len(claim.text) <= 140 else claim.text[:137] + "..."
    figures = ", ".join(f.text for f in claim.figures)
    cells = (claim.doc.id, claim.kind, claim.speaker.name if claim.speaker else "",
             claim.speaker.type if claim.speaker else "", text,
             claim.date.value if claim.date and claim.date.value else "", figures)
    return tuple(escape(c) for c in cells)


def _count_inputs(paths: list[str]) -> int:
    n = 0
    for raw in paths:
        p = Path(raw)
        if raw == "-" or p.is_file():
            n += 1
        elif p.is_dir():
            n += sum(1 for f in p.rglob("*.txt") if f.is_file())
    return n


def extract(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", show_default=False,
        help="Article files, folders (every *.txt below them, sorted) or - for standard input.")],
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="jsonl: one claim a line (for jq, pandas, DuckDB, claimx query); "
        "json: one document {schema, documents, claims}; table: for people.")] = Format.jsonl,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", dir_okay=False, help="Write to FILE (atomically: complete or untouched) "
        "instead of standard output.", metavar="FILE")] = None,
    model: Annotated[str, typer.Option(
        "--model", "-m", help="An installed spaCy pipeline with a parser and NER.")] = DEFAULT_MODEL,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch (small is faster "
                                            "and leaner for long articles).")] = 8,
    n_process: Annotated[int, typer.Option("--processes", "-j", min=1,
                                           help="Worker processes for spaCy.")] = 1,
    detect_encoding: Annotated[bool, typer.Option(
        "--detect-encoding", help="Decode files that are not UTF-8 with the encoding detected by "
        "charset-normalizer (named in doc.encoding) instead of skipping them.")] = False,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", help="Progress bar on stderr [default: on when stderr is a terminal].",
        show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Extract dated, attributed claims from news articles.

    Each claim is a quote, reported speech, an "according to" statement or a figure the outlet
    states, with its speaker (named or anonymous), cue, date, figures and character offsets into
    the article.

    Examples:

      claimx extract seeds/ > claims.jsonl

      claimx extract article.txt --format table

      cat article.txt | claimx extract - | jq -r '.speaker.name'

      claimx extract seeds/ -o claims.jsonl && claimx query claims.jsonl --speaker Haniyeh

    Exit codes: 0 ok; 1 some inputs were skipped (missing, empty, not UTF-8, no .txt in a
    folder), the others were still extracted; 2 bad usage; 4 the spaCy pipeline cannot be loaded.
    """
    from claimx.articles import InputProblem, iter_inputs
    from claimx.pipeline import PipelineError, build_pipeline, extract_articles
    from claimx.schema import SCHEMA_VERSION, ClaimsDocument

    problems = 0

    def articles():
        nonlocal problems
        for item in iter_inputs(paths, detect_encoding=detect_encoding):
            if isinstance(item, InputProblem):
                problems += 1
                msg.error(item.message)
                continue
            if item.encoding:
                msg.warn(msg.DECODED_AS.format(path=item.path or "-", encoding=item.encoding))
            yield item

    try:
        nlp = build_pipeline(model)
    except PipelineError as err:
        if debug:
            raise
        msg.error(str(err))
        raise typer.Exit(msg.EXIT_FATAL)

    show_progress = sys.stderr.isatty() if progress is None else progress
    total = _count_inputs(paths) if show_progress else None
    try:
        with open_output(output) as out, _Progress(show_progress, total) as bar:
            results = extract_articles(nlp, articles(), batch_size=batch_size, n_process=n_process)
            if fmt is Format.jsonl:
                for _, claims in results:
                    write_jsonl(claims, out)
                    bar.advance()
            else:
                documents, all_claims = [], []
                for info, claims in results:
                    documents.append(info)
                    all_claims.extend(claims)
                    bar.advance()
                if fmt is Format.json:
                    write_json(ClaimsDocument(schema=SCHEMA_VERSION, documents=documents, claims=all_claims), out)
                else:
                    write_table(None, TABLE_COLUMNS, (_table_row(c) for c in all_claims), out)
    except KeyboardInterrupt:
        msg.error(msg.INTERRUPTED.format(path=output or "-"))
        raise typer.Exit(130)
    except OSError as err:
        if debug:
            raise
        msg.error(msg.OUTPUT_FAILED.format(path=output or "-", reason=err.strerror or err))
        raise typer.Exit(msg.EXIT_FATAL)
    if problems:
        raise typer.Exit(msg.EXIT_PARTIAL)


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: Optional[int]):
        self.enabled = enabled
        self.total = total
        self._progress = None
        self._task = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                                      TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("extract", total=self.total)
        return self

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False
