"""claimx diff: align the claims of two sources, or of every pair of outlets/documents in one file.

Claim files are read as JSON (no spaCy); a folder (or .txt file) of articles is extracted first,
which loads the pipeline only then.
"""
from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional, get_args

import typer

from claimx import errors
from claimx.cli.options import (EventThresholdOpt, Format, FormatOpt, OutputOpt, SkipInvalidOpt, WindowDaysOpt,
                                read_claim_inputs)
from claimx.schema import Act, AlignmentKind

BySource = enum.Enum("BySource", {"outlet": "outlet", "doc": "doc"}, type=str)
KindChoice = enum.Enum("AlignmentKindChoice", {v: v for v in get_args(AlignmentKind)}, type=str)
ActChoice = enum.Enum("DiffActChoice", {v: v for v in (*get_args(Act), "all")}, type=str)

_Unit = dict(min=0.0, max=1.0, show_default=True, metavar="0-1")


def diff(
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE", show_default=False,
        help="Two sources, A and B: claim files (JSON Lines or the --format json document; - reads "
             "standard input) or folders / .txt files of articles, extracted first. With --by, "
             "one or more claim files.")],
    by: Annotated[Optional[BySource], typer.Option(
        "--by", show_default=False, case_sensitive=False, metavar="outlet|doc",
        help="Compare every pair of outlets (or documents) found in the input.")] = None,
    shared_threshold: Annotated[float, typer.Option(
        "--shared-threshold", **_Unit,
        help="Text similarity (0-1) at which claims of the same speaker say the same thing.")] = 0.6,
    attribution_threshold: Annotated[float, typer.Option(
        "--attribution-threshold", **_Unit,
        help="Text similarity (0-1) at which claims of different speakers say the same thing.")] = 0.75,
    name_threshold: Annotated[float, typer.Option(
        "--name-threshold", **_Unit,
        help="Jaro-Winkler similarity (0-1) at which two name words are one ('Haniyeh' ~ 'Haniya'); "
             "1 turns spelling variants off.")] = 0.9,
    tolerance: Annotated[float, typer.Option(
        "--tolerance", min=0.0, max=1.0, show_default=True, metavar="0-1",
        help="Relative width of a qualified figure: 'around 1,200' is 1,200 ± tolerance, 'over N' "
             "N to N×(1+2×tolerance), 'nearly/under N' N×(1-2×tolerance) to N.")] = 0.1,
    max_days: Annotated[int, typer.Option(
        "--max-days", min=0, show_default=True, metavar="DAYS",
        help="Compare figures only about days at most this many apart: the date a claim names ('on Oct. 7'), "
             "else its publication date (a total 'since Oct. 7' is about the day reported). Undated figures "
             "are compared with any; a large number compares figures of any days.")] = 3,
    act: Annotated[Optional[list[ActChoice]], typer.Option(
        "--act", "-a", show_default=False, case_sensitive=False, metavar="ACT",
        help="Align claims of this act: assertion, belief, intention, topic, or all (repeatable). Default: assertion and belief; "
             "claims without an act (the outlet's own figures) always take part.")] = None,
    across_events: Annotated[bool, typer.Option(
        "--across-events",
        help="Compare every claim with every claim, not only within events (claimx events).")] = False,
    window_days: WindowDaysOpt = 3,
    event_threshold: EventThresholdOpt = 0.15,
    only: Annotated[Optional[list[KindChoice]], typer.Option(
        "--only", show_default=False, case_sensitive=False, metavar="KIND",
        help="Print only records of this kind: shared, conflict, attribution, only_a or only_b (the summary "
             "still counts all). Repeatable.")] = None,
    model: Annotated[Optional[str], typer.Option(
        "--model", show_default=False, metavar="NAME",
        help="spaCy pipeline for extracting folders of articles (default: claimx's).")] = None,
    format: FormatOpt = Format.jsonl,
    output: OutputOpt = None,
    skip_invalid: SkipInvalidOpt = False,
) -> None:
    """Align the claims of two sources: shared, conflict, attribution, only_a, only_b.

    The documents are first grouped into events (claimx events: publication dates within --window-days and shared names and title words), and claims are compared within each event only; every record names its event. Only assertion and belief claims are aligned by default (--act).

    Records are JSON Lines (fields: docs/query-and-diff.md, schema: claimx schema --diff); a one-line summary of counts goes to stderr.

    Example: claimx diff ledger.jsonl wire.jsonl --format table

    Example: claimx extract seeds/ | claimx diff - --by outlet --only conflict
    """  # noqa: E501 - one line a paragraph: the help screen wraps it to the terminal
    from claimx.diff import DiffSettings, diff_events, diff_sources, split_sources, summarize
    from claimx.events import EventSettings

    acts = None if act and any(a.value == "all" for a in act) else (
        tuple(a.value for a in act) if act else DiffSettings.acts)
    settings = DiffSettings(shared_threshold=shared_threshold,
                            attribution_threshold=attribution_threshold,
                            name_threshold=name_threshold, tolerance=tolerance, max_days=max_days, acts=acts)
    if by is None and len(sources) != 2 or by is not None and not sources:
        errors.error(errors.DIFF_SOURCES)
        raise typer.Exit(errors.EXIT_USAGE)

    code = errors.EXIT_OK
    if by is None:
        named = []
        for source in sources:
            claims, c = _load_source(source, skip_invalid, model)
            code = max(code, c)
            named.append((source if source != "-" else "<stdin>", claims))
    else:
        claims, code = read_claim_inputs(list(sources), "diff", skip_invalid)
        named = split_sources(claims, by.value)
        if len(named) == 1:
            errors.warn(errors.DIFF_ONE_SOURCE.format(by=by.value, name=named[0][0]))

    if across_events:
        events, records = None, diff_sources(named, settings)
    else:
        events, records = diff_events(named, settings, EventSettings(window_days=window_days,
                                                                      threshold=event_threshold),
                                      every_pair=by is None)
    counts = summarize(records)
    if only:
        wanted = {k.value for k in only}
        records = [r for r in records if r.kind in wanted]

    from claimx.sinks import open_output, write_json, write_jsonl

    with open_output(output) as out:
        if format is Format.table:
            _write_tables(records, named, out)
        elif format is Format.json:
            write_json(records, out)
        else:
            write_jsonl(records, out)
    pairs = len(named) * (len(named) - 1) // 2
    _summary(counts, pairs if by is not None else 0, len(events) if events is not None else None)
    if code:
        raise typer.Exit(code)


# files of articles (extracted first); .jsonl is read as claims, as claimx extract writes them
_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".csv", ".tsv", ".parquet")


def _load_source(source: str, skip_invalid: bool, model: Optional[str]) -> tuple[list, int]:
    """One side of `diff A B`: a claim file, or articles (a folder or .txt file) extracted now."""
    path = Path(source)
    if source != "-" and (path.is_dir() or path.suffix.lower() in _ARTICLE_SUFFIXES):
        if not path.exists():
            errors.error(errors.NO_SUCH_PATH.format(path=source))
            raise typer.Exit(errors.EXIT_PARTIAL)
        return _extract(source, model)
    claims, code = read_claim_inputs([source], "diff", skip_invalid)
    return claims, code


def _extract(source: str, model: Optional[str]) -> tuple[list, int]:
    """The claims of a folder or file of articles, as the `Claim` structs the pipeline made, and
    `EXIT_PARTIAL` when some input could not be read or extracted (each one named on stderr)."""
    try:
        from claimx.pipeline import extract_paths
    except ImportError as exc:
        errors.error(errors.EXTRACT_UNAVAILABLE.format(path=source, reason=exc))
        raise typer.Exit(errors.EXIT_PIPELINE)
    problems = []

    def on_problem(message: str) -> None:
        problems.append(message)
        errors.error(message)

    try:
        claims = extract_paths([source], model=model, on_problem=on_problem)  # (one pipeline for both sides)
    except (OSError, ValueError, RuntimeError) as exc:
        errors.error(errors.EXTRACT_FAILED.format(path=source, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        raise typer.Exit(errors.EXIT_PIPELINE)
    if problems:
        errors.warn(errors.EXTRACT_PROBLEMS.format(count=len(problems), path=source))
    return claims, errors.EXIT_PARTIAL if problems else errors.EXIT_OK


def _summary(counts: dict[str, int], pairs: int, events: Optional[int]) -> None:
    import sys

    extra = f" ({pairs} pair{'s' if pairs != 1 else ''} of sources)" if pairs else ""
    within = f"; {events} event{'s' if events != 1 else ''}" if events is not None else ""
    print(f"claimx diff: {errors.DIFF_SUMMARY.format(pairs=extra, events=within, **counts)}", file=sys.stderr)


def _write_tables(records, named, out) -> None:
    """One side-by-side table per pair of sources."""
    from rich.markup import escape

    from claimx.sinks import write_table

    groups: dict[tuple, list] = {}
    for r in records:
        groups.setdefault((r.event, *r.sources), []).append(r)
    for (event, na, nb), recs in groups.items():
        rows = []
        for r in recs:
            sim = "" if r.similarity is None else f"{r.similarity:.2f}"
            label = r.kind + (f" ({', '.join(r.changes)})" if r.changes else "")
            rows.append([escape(label), _cell(r.a, r.figures, "a"), sim, _cell(r.b, r.figures, "b")])
        title = f"{escape(na)}  ⟷  {escape(nb)}" + (f"  (event {escape(event)})" if event else "")
        write_table(title, ["alignment", escape(na), "sim", escape(nb)], rows, out)


def _cell(side, figures, which: str) -> str:
    from rich.markup import escape

    if side is None:
        return ""
    head = " · ".join(x for x in (side.speaker or "(outlet)", side.kind, side.date or "undated") if x)
    lines = [escape(f"{head}:"), escape(side.text)]
    for f in figures:
        mine = f.a if which == "a" else f.b
        mark = "=" if f.agree else "≠"
        when = mine.date or "undated"
        if which == "b" and f.days is not None:
            when += f", {f.days:+d} d"
        lines.append(escape(f"{mark} {mine.text}" + (f" {mine.measure}" if mine.measure else "")
                            + f" [{_number(mine.low)}–{_number(mine.high)}] per {mine.source or '?'} ({when})"))
    return "\n".join(lines)


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
