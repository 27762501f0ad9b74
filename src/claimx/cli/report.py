"""claimx report: one self-contained HTML page from claim files. Reads JSON, never imports spaCy."""
from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional, get_args

import typer

from claimx import errors
from claimx.cli.options import EventThresholdOpt, OutputOpt, SkipInvalidOpt, WindowDaysOpt, report_skipped
from claimx.schema import Act

ActChoice = enum.Enum("ReportActChoice", {v: v for v in (*get_args(Act), "all")}, type=str)


def report(
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="CLAIMS", show_default=False,
        help="Claim files: the --format json document of claimx extract (it carries the articles' "
             "texts) or JSON Lines (texts read from doc.path where the offsets fit). "
             "- or none reads standard input.")] = None,
    output: OutputOpt = None,
    title: Annotated[Optional[str], typer.Option(
        "--title", show_default=False, metavar="TEXT", help="The page's title (default: how many articles and outlets).")] = None,
    act: Annotated[Optional[list[ActChoice]], typer.Option(
        "--act", "-a", show_default=False, case_sensitive=False, metavar="ACT",
        help="Compare claims of this act across outlets: assertion, belief, intention, topic, or all (repeatable). Default: "
             "assertion and belief; claims without an act (the outlet's own figures) always take part. "
             "Every claim is shown in its article whatever the act.")] = None,
    window_days: WindowDaysOpt = 3,
    event_threshold: EventThresholdOpt = 0.15,
    skip_invalid: SkipInvalidOpt = False,
) -> None:
    """Write one HTML page that shows how outlets reported each event: their claims side by side (shared, conflicting figures with their sources, attributed differently, reported by one outlet only), and every article with its claims, speakers, cues and figures highlighted; click a claim for its details, filter by speaker, outlet and act.

    The page is one file with nothing to fetch: open it in a browser, mail it, archive it. Events and comparisons are those of claimx events and claimx diff --by outlet (same options). Article texts come from the claims document of claimx extract --format json, or, for JSON Lines, from the text files named in doc.path when the claims' offsets fit them; otherwise an article's claims are listed without its text.

    Example: claimx extract seeds/ --format json -o claims.json && claimx report claims.json -o report.html

    Example: claimx extract articles/ | claimx report --title "Gaza truce talks" > report.html

    Example: claimx report claims.jsonl --act all --window-days 7 -o report.html
    """  # noqa: E501 - one line a paragraph: the help screen wraps it to the terminal
    from claimx.diff import DiffSettings
    from claimx.events import EventSettings

    if output is None and sys.stdout is not None and not sys.stdout.closed and sys.stdout.isatty():
        errors.error(errors.REPORT_TERMINAL)
        raise typer.Exit(errors.EXIT_USAGE)
    files, code = _read_inputs(list(paths or []), output, skip_invalid)
    try:
        from claimx.report import ReportSettings, build_report, render_report
        import jinja2  # noqa: F401 - the 'report' extra
    except ImportError as exc:
        errors.error(errors.REPORT_NEEDS_JINJA.format(reason=errors.one_line(exc)))
        raise typer.Exit(errors.EXIT_PIPELINE)

    acts = None if act and any(a.value == "all" for a in act) else (
        tuple(a.value for a in act) if act else DiffSettings.acts)
    settings = ReportSettings(diff=DiffSettings(acts=acts),
                              events=EventSettings(window_days=window_days, threshold=event_threshold),
                              title=title)
    built = build_report(files, settings)
    if built.repeated:
        errors.warn(errors.REPORT_REPEATED.format(count=len(built.repeated), first=built.repeated[0]))
    page = render_report(built).encode("utf-8")

    from claimx.sinks import open_output

    try:
        with open_output(output) as out:
            out.write(page)
    except BrokenPipeError:
        raise typer.Exit(errors.EXIT_BROKEN_PIPE)
    except OSError as exc:
        errors.error(errors.OUTPUT_FAILED.format(path=output or "standard output", reason=exc.strerror or exc))
        raise typer.Exit(errors.EXIT_OUTPUT)
    c = built.counts
    texts = ", ".join(f"{n} {what}" for n, what in ((c["text_document"], "from the claims document"),
                                                     (c["text_file"], "from files"),
                                                     (c["text_none"], "not available")) if n) or "none"
    print(errors.REPORT_DONE.format(articles=c["articles"], claims=c["claims"], events=c["events"], texts=texts),
          file=sys.stderr)
    if code:
        raise typer.Exit(code)


def _read_inputs(paths: list[str], output: Optional[Path], skip_invalid: bool) -> tuple[list, int]:
    """The claim files with their documents' texts, as `claimx.cli.options.read_claim_inputs`
    reads claims: a missing or unreadable file is named and skipped (exit code 1 at the end; when
    no file can be read, nothing is written), a line that is not a claim stops (exit code 3)."""
    from claimx.claimfiles import InvalidClaim, ReadStats, read_claim_file_with_texts

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            errors.error(errors.NO_CLAIM_INPUT.format(command="report"))
            raise typer.Exit(errors.EXIT_USAGE)
        paths = ["-"]
    if paths.count("-") > 1:
        errors.error(errors.STDIN_TWICE)
        raise typer.Exit(errors.EXIT_USAGE)
    if output is not None and str(output) != "-":
        target = Path(output).resolve()
        for path in paths:
            if path != "-" and Path(path).resolve() == target:
                errors.error(errors.OUTPUT_IS_INPUT.format(path=output))
                raise typer.Exit(errors.EXIT_USAGE)
    stats = ReadStats()
    files = []
    failed = 0
    for path in paths:
        if path != "-" and Path(path).is_dir():
            errors.error(errors.CLAIMS_FOLDER.format(path=path, command="report"))
            failed += 1
            continue
        try:
            files.append(read_claim_file_with_texts(path, skip_invalid=skip_invalid, stats=stats))
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
    return files, errors.EXIT_PARTIAL if failed else errors.EXIT_OK
