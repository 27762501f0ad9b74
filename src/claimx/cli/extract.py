"""claimx extract: articles in, attributed claims out (parse options, run, report, exit code)."""
from __future__ import annotations

import enum
import os
import signal
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimx import DEFAULT_MODEL, errors
from claimx.sinks import Format

COLUMN_FIELDS = ("text", "id", "outlet", "published", "title", "author", "url")
InputFormat = enum.Enum("InputFormat", {v: v for v in ("text", "html", "jsonl", "csv", "tsv")}, type=str)


class _Terminated(BaseException):
    """SIGTERM, raised where the run is, like KeyboardInterrupt for Ctrl-C."""


def _on_sigterm(signum, frame):
    raise _Terminated()


def _columns(values: Optional[list[str]]) -> dict[str, str]:
    out = {}
    for value in values or ():
        field, sep, name = value.partition("=")
        if not sep or field.strip() not in COLUMN_FIELDS or not name.strip():
            raise typer.BadParameter(errors.BAD_COLUMN.format(fields=", ".join(COLUMN_FIELDS), value=value),
                                     param_hint="--column")
        out[field.strip()] = name.strip()
    return out


def _published(value: Optional[str]) -> Optional[str]:
    """An ISO date or date-time as the contract writes it ('2024-05-02', '2024-05-02T13:05:00')."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None).isoformat()
    except ValueError:
        raise typer.BadParameter(errors.BAD_OVERRIDE_DATE.format(value=value), param_hint="--published") from None


def extract(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", show_default=False,
        help="Articles: .txt files, saved pages (.html, .htm), corpus files with one article a row "
             "(.csv, .tsv, .jsonl, .ndjson, .parquet; .gz too), folders (every supported file below "
             "them, sorted), or - for standard input.")],
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", case_sensitive=False, metavar="FORMAT",
        help="jsonl: one claim a line (jq, pandas, DuckDB, claimx query); json: one document "
             "{schema, documents (with their text), claims}; csv: flat columns for spreadsheets; "
             "parquet: nested, for DuckDB/pandas/polars (needs -o); table: for people.")] = Format.jsonl,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE: complete or untouched, never half-written. Finished documents are kept "
             "in FILE.claimx-resume until the run ends, so an interrupted run can --resume. With "
             "--dask and --format parquet, a folder (a name without .parquet) gets one Parquet "
             "file per partition.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted run with the same inputs and -o FILE: documents "
                         "already done are not extracted again.")] = False,
    column: Annotated[Optional[list[str]], typer.Option(
        "--column", "-c", metavar="FIELD=NAME", show_default=False,
        help="The column of a corpus file holding FIELD (text, id, outlet, published, title, author, "
             "url), where it is not one of the usual names: --column text=body --column outlet=media_name.")] = None,
    glob: Annotated[Optional[str], typer.Option(
        "--glob", metavar="PATTERN", show_default=False,
        help="In folders, only files matching PATTERN ('*.jsonl', '2024-*/*.html').")] = None,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", case_sensitive=False, metavar="FORMAT",
        help="What standard input holds: text (one article), html (one page), or a corpus stream "
             "(jsonl, csv, tsv).")] = InputFormat.text,
    outlet: Annotated[Optional[str], typer.Option(
        "--outlet", show_default=False, metavar="NAME", help="The outlet of every document (wins over columns and text).")] = None,
    published: Annotated[Optional[str], typer.Option(
        "--published", show_default=False, callback=_published, metavar="DATE",
        help="The publication date of every document: 2024-05-02 or 2024-05-02T13:05.")] = None,
    title: Annotated[Optional[str], typer.Option(
        "--title", show_default=False, metavar="TITLE", help="The title of the one document given.")] = None,
    model: Annotated[str, typer.Option(
        "--model", "-m", metavar="NAME", help="An installed spaCy pipeline with a parser and NER.")] = DEFAULT_MODEL,
    batch_size: Annotated[int, typer.Option(
        min=1, metavar="N", help="Articles per spaCy batch, at most (a batch also holds at most 16,000 "
                                 "characters: the model's memory follows it).")] = 8,
    n_process: Annotated[int, typer.Option(
        "--processes", "-j", min=1, metavar="N",
        help="Worker processes (one pipeline each, forked: one core each, about 150 MiB more each; the "
             "output is the same bytes); with --dask local, the cluster's workers.")] = 1,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", metavar="ADDRESS", show_default=False,
        help="Run on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local (-j worker "
             "processes here). Inputs are read in partitions on the workers; the output is the "
             "same. Needs Dask (the 'dask' extra of claimx); see docs/distributed.md.")] = None,
    partition_size: Annotated[Optional[str], typer.Option(
        "--partition-size", metavar="SIZE", show_default=False,
        help="With --dask: input per task, such as 256KB or 4MB (default: from the input's size, "
             "at most 1MB).")] = None,
    detect_encoding: Annotated[bool, typer.Option(
        "--detect-encoding", hidden=True, help="Kept for old scripts: detection is always on.")] = True,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", show_default=False,
        help="Progress on stderr [default: on when stderr is a terminal].")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of failed documents.")] = False,
) -> None:
    """Extract dated, attributed claims from news articles.

    Each claim is a quote, reported speech, an "according to" statement or a figure the outlet states, with its speaker (named or anonymous), cue, date, figures and character offsets into the document's text.

    Examples:

      claimx extract seeds/ > claims.jsonl

      claimx extract export.csv --column text=body -o claims.parquet -f parquet

      zcat export.jsonl.gz | claimx extract - --input-format jsonl

      claimx extract page.html --format table

      claimx extract corpus/ -o claims.jsonl -j 2   # stopped? the same command with --resume

      claimx extract archive.jsonl --dask tcp://scheduler:8786 -o claims -f parquet   # a folder of part files

    Exit codes: 0 ok; 1 some inputs or documents were skipped or failed (each named on stderr), the others' claims written; 2 bad usage; 4 the spaCy pipeline cannot be loaded; 5 the output cannot be written; 6 the Dask cluster cannot be used (--dask); 130/143 interrupted (resumable with -o); 141 the reader went away.
    """  # noqa: E501 - one line a paragraph: the help screen wraps it to the terminal

    from claimx.extraction import ExtractRun, RunError
    from claimx.inputs import Meta, ReadOptions

    if title is not None and (len(paths) != 1 or (paths[0] != "-" and Path(paths[0]).is_dir())):
        raise typer.BadParameter(errors.TITLE_ONE_FILE, param_hint="--title")
    if output is None and fmt is Format.parquet:
        raise typer.BadParameter(errors.OUTPUT_NEEDS_FILE.format(format=fmt.value), param_hint="--output")
    dask_options, dataset = _dask(dask, partition_size, n_process, output, fmt)
    read = ReadOptions(columns=_columns(column), glob=glob, stdin_format=input_format.value,
                       overrides=Meta(title=title, outlet=outlet, published=published))
    show_progress = sys.stderr.isatty() if progress is None else progress
    if "-" in paths and input_format is InputFormat.text and sys.stdin is not None and sys.stdin.isatty():
        errors.warn(errors.STDIN_TERMINAL)

    from claimx.cli.progress import Progress

    bar = Progress(show_progress)

    def problem(line: str, detail: Optional[str]) -> None:
        bar.clear()
        errors.error(line)
        if debug and detail:
            sys.stderr.write(detail)

    def warning(line: str) -> None:
        bar.clear()
        errors.warn(line)

    run = ExtractRun(paths=paths, read=read, fmt=fmt.value, output=output, resume=resume, model=model,
                     batch_size=batch_size, n_process=n_process, on_problem=problem,
                     on_warning=warning, on_document=bar.advance, dask=dask_options, dataset=dataset)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        run.check()
        if run.outcome.resumed:
            errors.warn(errors.RESUMED.format(path=output, done=run.outcome.resumed))
        _load(run, debug)
        with bar:
            _write(run, fmt, output)
    except RunError as exc:
        errors.error(str(exc))
        raise typer.Exit(exc.code)
    except (KeyboardInterrupt, _Terminated) as exc:
        bar.clear()
        _interrupted(run, output)
        raise typer.Exit(errors.EXIT_TERMINATED if isinstance(exc, _Terminated) else errors.EXIT_INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (`| head`): end quietly, and keep Python from complaining at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(errors.EXIT_BROKEN_PIPE)
    except OSError as exc:
        if debug:
            raise
        errors.error(errors.OUTPUT_FAILED.format(path=output or "standard output", reason=exc.strerror or exc))
        raise typer.Exit(errors.EXIT_OUTPUT)
    finally:
        signal.signal(signal.SIGTERM, previous)
        run.disconnect()
        if run.journal is not None:
            if run.journal.count:
                run.journal.close()
            else:  # nothing finished: nothing to resume, no file left behind
                run.journal.remove()
    outcome = run.outcome
    bad = outcome.failed + outcome.problems
    if bad:
        if bad == outcome.total:
            errors.warn(errors.ALL_FAILED)
        else:
            errors.warn(errors.FAILED_SUMMARY.format(failed=bad, total=outcome.total))
        raise typer.Exit(errors.EXIT_PARTIAL)
    if outcome.total == 0:
        errors.warn(errors.NO_INPUT)


def _dask(address: Optional[str], size: Optional[str], workers: int, output: Optional[Path], fmt: Format):
    """The --dask options (None without --dask), and whether -o names a folder of part files."""
    dataset = False
    if address is None:
        if size is not None:
            raise typer.BadParameter(errors.DASK_ONLY.format(option="--partition-size"), param_hint="--partition-size")
        options = None
    else:
        from claimx.distributed import DaskOptions, is_dataset, parse_size

        nbytes = None
        if size is not None:
            nbytes = parse_size(size)
            if nbytes is None:
                raise typer.BadParameter(errors.DASK_BAD_SIZE.format(value=size), param_hint="--partition-size")
        options = DaskOptions(address=address.strip(), workers=workers, partition_bytes=nbytes)
        dataset = is_dataset(output, fmt.value)
    if output is not None and output.is_dir() and not dataset:
        raise typer.BadParameter(errors.OUTPUT_IS_FOLDER.format(path=output), param_hint="--output")
    return options, dataset


def _load(run, debug: bool) -> None:
    from claimx.extraction import RunError

    if run.dask is not None:
        run.connect()
        return
    from claimx.pipeline import PipelineError, build_pipeline

    try:
        run.nlp = build_pipeline(run.model)
    except PipelineError as exc:
        if debug:
            raise
        raise RunError(str(exc), errors.EXIT_PIPELINE) from None


def _write(run, fmt: Format, output: Optional[Path]) -> None:
    from claimx.sinks import make_sink, open_output

    if run.dataset:
        run.write_dataset()
        run.journal.remove()
        return
    if output is None:
        with open_output(None) as out:
            sink = make_sink(fmt, out)
            run.write_to(sink)
            sink.close()
        return
    run.journal_all()
    with open_output(output) as out:
        sink = make_sink(fmt, out)
        run.render(sink)
        sink.close()
    run.journal.remove()


def _interrupted(run, output: Optional[Path]) -> None:
    done = run.outcome.documents + run.outcome.resumed
    if output is None:
        errors.error(errors.INTERRUPTED_STDOUT.format(done=done))
    elif run.journal is not None and run.journal.count:
        errors.error(errors.INTERRUPTED_SAFE.format(done=run.journal.count, state=run.journal.path))
    else:
        errors.error(errors.INTERRUPTED_NOTHING.format(path=output))
