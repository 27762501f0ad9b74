"""Options shared by `query` and `diff` (Annotated, so each command declares them in one line),
and the claim-file reading they imply: --skip-invalid, the file:line error, exit codes."""
from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimx import errors

class Format(str, enum.Enum):
    """What query and diff print (extract has more: claimx.sinks.Format)."""

    jsonl = "jsonl"
    json = "json"
    table = "table"


FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False, metavar="jsonl|json|table",
    help="jsonl (one record a line, for pipes), json (one document) or table (for people).")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", dir_okay=False, show_default=False, metavar="FILE",
    help="Write to this file (atomically: all or nothing) instead of standard output.")]
WindowDaysOpt = Annotated[int, typer.Option(
    "--window-days", min=0, show_default=True, metavar="DAYS",
    help="Documents published at most this many days apart may report one event.")]
EventThresholdOpt = Annotated[float, typer.Option(
    "--event-threshold", min=0.0, max=1.0, show_default=True, metavar="0-1",
    help="How much a document must share with an event (names, title; 0-1) to join it.")]
SkipInvalidOpt = Annotated[bool, typer.Option(
    "--skip-invalid",
    help="Skip lines that are not claims (and say how many on stderr) instead of stopping "
         f"with exit code {errors.EXIT_INVALID_CLAIMS}.")]


def read_claim_inputs(paths: list[str], command: str, skip_invalid: bool, views: bool = False,
                      keep=None) -> tuple[list, int]:
    """Read claim files (``-`` = standard input; none = standard input if it is not a terminal).

    Returns (claims, exit code so far): a missing or unreadable file is reported and skipped
    (`EXIT_PARTIAL`), or `EXIT_FATAL` when no input could be read at all. A line that is not a
    claim ends the command with `EXIT_INVALID_INPUT` unless ``skip_invalid``. With ``views``, the
    claims are (view, bytes) pairs (`claimx.claimfiles.read_claim_views`), and ``keep`` (a test
    of a view) keeps only those it accepts, as they are read.
    """
    from claimx.claimfiles import InvalidClaim, ReadStats, read_claim_file, read_claim_views

    if views:
        def read(path, **options):
            return read_claim_views(path, keep=keep, **options)
    else:
        read = read_claim_file

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            errors.error(errors.NO_CLAIM_INPUT.format(command=command))
            raise typer.Exit(errors.EXIT_USAGE)
        paths = ["-"]
    if paths.count("-") > 1:
        errors.error(errors.STDIN_TWICE)
        raise typer.Exit(errors.EXIT_USAGE)
    stats = ReadStats()
    claims: list = []
    failed = 0
    for path in paths:
        if path != "-" and Path(path).is_dir():
            errors.error(errors.CLAIMS_FOLDER.format(path=path, command=command))
            failed += 1
            continue
        try:
            claims.extend(read(path, skip_invalid=skip_invalid, stats=stats))
        except InvalidClaim as exc:
            errors.error(errors.INVALID_CLAIM.format(path=exc.path, line=exc.line, reason=exc.reason))
            raise typer.Exit(errors.EXIT_INVALID_CLAIMS)
        except FileNotFoundError:
            errors.error(errors.NO_SUCH_PATH.format(path=path))
            failed += 1
        except OSError as exc:
            errors.error(errors.UNREADABLE.format(path=path, reason=exc.strerror or exc))
            failed += 1
    report_skipped(stats)
    if failed and failed == len(paths):
        raise typer.Exit(errors.EXIT_PARTIAL)
    return claims, errors.EXIT_PARTIAL if failed else errors.EXIT_OK


def report_skipped(stats) -> None:
    if stats.skipped:
        path, line, reason = stats.skipped[0]
        errors.warn(errors.SKIPPED_INVALID.format(count=len(stats.skipped), path=path, line=line,
                                                reason=reason))
