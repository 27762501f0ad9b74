"""claimx events: group the documents of claim files into events. Reads JSON, never imports spaCy."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from claimx.cli.options import (EventThresholdOpt, Format, FormatOpt, OutputOpt, SkipInvalidOpt, WindowDaysOpt,
                                read_claim_inputs)


def events(
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="CLAIMS", show_default=False,
        help="Claim files: JSON Lines or the --format json document of claimx extract. "
             "- or none reads standard input.")] = None,
    window_days: WindowDaysOpt = 3,
    event_threshold: EventThresholdOpt = 0.15,
    format: FormatOpt = Format.jsonl,
    output: OutputOpt = None,
    skip_invalid: SkipInvalidOpt = False,
) -> None:
    """Group documents into events: reports published within --window-days of each other that share names (people, places, organisations, speakers) and title words.

    One record an event: its id (e1, e2, ... by first date), first and last dates, outlets, documents, the documents without a date that joined it by content alone, the names its documents share most, and how many claims they hold. claimx diff compares outlets within these events.

    Example: claimx extract seeds/ | claimx events --format table

    Example: claimx events claims.jsonl --window-days 7 | jq -r '.documents | join(" ")'
    """  # noqa: E501 - one line a paragraph: the help screen wraps it to the terminal
    from claimx.events import EventSettings, group_events
    from claimx.sinks import open_output, write_json, write_jsonl, write_table

    claims, code = read_claim_inputs(list(paths or []), "events", skip_invalid)
    found = group_events(claims, EventSettings(window_days=window_days, threshold=event_threshold))
    with open_output(output) as out:
        if format is Format.table:
            from rich.markup import escape

            rows = [[e.id, " – ".join(dict.fromkeys(x for x in (e.first, e.last) if x)) or "undated",
                     escape(", ".join(e.outlets)),
                     escape("\n".join(e.documents)) + (f"\n({len(e.undated)} undated)" if e.undated else ""),
                     escape(", ".join(e.entities)), str(e.claims)] for e in found]
            write_table(f"{len(found)} events", ["event", "dates", "outlets", "documents", "shared names", "claims"],
                        rows, out)
        elif format is Format.json:
            write_json(found, out)
        else:
            write_jsonl(found, out)
    if code:
        raise typer.Exit(code)
