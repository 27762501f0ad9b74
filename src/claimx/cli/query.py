"""claimx query: filter claim files, count and group them. Reads JSON, never imports spaCy."""
from __future__ import annotations

import enum
import re
from typing import Annotated, Optional, get_args

import typer

from claimx import errors
from claimx.cli.options import Format, FormatOpt, OutputOpt, SkipInvalidOpt, read_claim_inputs
from claimx.schema import Act, FigureKind, Kind, SpeakerType

SpeakerTypeChoice = enum.Enum("SpeakerTypeChoice", {v: v for v in get_args(SpeakerType)}, type=str)
KindChoice = enum.Enum("KindChoice", {v: v for v in get_args(Kind)}, type=str)
ActChoice = enum.Enum("ActChoice", {v: v for v in get_args(Act)}, type=str)
FigureKindChoice = enum.Enum("FigureKindChoice", {v: v for v in get_args(FigureKind)}, type=str)
# claimx.query.GROUP_BY (not imported here: `claimx --help` loads every command module)
GroupByChoice = enum.Enum("GroupByChoice",
                          {v: v for v in ("speaker", "outlet", "kind", "act", "type", "date")}, type=str)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date_option(value: Optional[str]) -> Optional[str]:
    if value is not None and not _DATE.match(value):
        raise typer.BadParameter(errors.BAD_DATE.format(value=value))
    return value


def query(
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="CLAIMS", show_default=False,
        help="Claim files: JSON Lines or the --format json document of claimx extract. "
             "- or none reads standard input.")] = None,
    speaker: Annotated[Optional[list[str]], typer.Option(
        "--speaker", "-s", show_default=False, metavar="NAME",
        help="Speaker name or mention, whole words, ignoring case and accents "
             "('haniyeh' finds 'Ismail Haniyeh'). Repeat for any of several.")] = None,
    type_: Annotated[Optional[list[SpeakerTypeChoice]], typer.Option(
        "--type", "-t", show_default=False, case_sensitive=False, metavar="TYPE",
        help="Speaker type: person, organization, government, media, anonymous, group or place. "
             "Repeat for any of several.")] = None,
    kind: Annotated[Optional[list[KindChoice]], typer.Option(
        "--kind", "-k", show_default=False, case_sensitive=False, metavar="KIND",
        help="Claim kind: direct, indirect, mixed, according_to or unattributed. Repeat for any of several.")] = None,
    act: Annotated[Optional[list[ActChoice]], typer.Option(
        "--act", "-a", show_default=False, case_sensitive=False, metavar="ACT",
        help="What the source did: assertion (said, reported), belief (thinks, expects), "
             "intention (wants, vows, urges) or topic (discussed X). Claims without an act "
             "(the outlet's own) match none. Repeat for any of several.")] = None,
    outlet: Annotated[Optional[list[str]], typer.Option(
        "--outlet", show_default=False, metavar="NAME",
        help="Outlet name, whole words, ignoring case and accents. Repeat for any of several.")] = None,
    doc: Annotated[Optional[list[str]], typer.Option(
        "--doc", show_default=False, metavar="ID",
        help="Document id, or a pattern like '001_*'. Repeat for any of several.")] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", callback=_date_option, show_default=False, metavar="DATE",
        help="Claims dated on or after this date: 2024, 2024-05 or 2024-05-02.")] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", callback=_date_option, show_default=False, metavar="DATE",
        help="Claims dated on or before this date (2024 means up to the end of 2024).")] = None,
    text: Annotated[Optional[str], typer.Option(
        "--text", show_default=False, metavar="TEXT",
        help="Claim text contains this, ignoring case and accents.")] = None,
    regex: Annotated[bool, typer.Option(
        "--regex", help="Read --text as a regular expression (Python re, ignoring case).")] = False,
    has_figures: Annotated[bool, typer.Option("--has-figures", help="Claims with at least one figure.")] = False,
    subject: Annotated[Optional[str], typer.Option(
        "--subject", show_default=False, metavar="WORDS",
        help="A figure whose subject has these words ('palestinians').")] = None,
    unit: Annotated[Optional[str], typer.Option(
        "--unit", show_default=False, metavar="UNIT",
        help="A figure in this unit, however written: USD, $ or dollars; percent or %; km or kilometer; "
             "day or days.")] = None,
    figure_kind: Annotated[Optional[list[FigureKindChoice]], typer.Option(
        "--figure-kind", show_default=False, case_sensitive=False, metavar="KIND",
        help="A figure of this kind: count, money, percent, measure, duration, ordinal or other. "
             "Repeat for any of several.")] = None,
    min_value: Annotated[Optional[float], typer.Option(
        "--min-value", show_default=False, metavar="N", help="A figure of at least this value.")] = None,
    max_value: Annotated[Optional[float], typer.Option(
        "--max-value", show_default=False, metavar="N", help="A figure of at most this value.")] = None,
    count: Annotated[bool, typer.Option("--count", "-c", help="Print only how many claims match.")] = False,
    group_by: Annotated[Optional[GroupByChoice], typer.Option(
        "--group-by", "-g", show_default=False, case_sensitive=False, metavar="FIELD",
        help="Count matching claims per speaker, outlet, kind, act, type or date.")] = None,
    format: FormatOpt = Format.jsonl,
    output: OutputOpt = None,
    skip_invalid: SkipInvalidOpt = False,
) -> None:
    """Filter claims, count them, or count them per group. Filters combine (all must hold).

    Figure options (--subject, --unit, --figure-kind, --min-value, --max-value) must all hold for one figure. Output is JSON Lines of the matching claims, unchanged, so it pipes on.

    Example: claimx extract seeds/ | claimx query --speaker Haniyeh --format table

    Example: claimx query claims.jsonl --has-figures --subject palestinians --min-value 1000 --group-by outlet

    Example: claimx query claims.jsonl --act belief --act intention --group-by speaker

    Example: claimx query claims.jsonl --figure-kind money --min-value 1e6
    """  # noqa: E501 - one line a paragraph: the help screen wraps it to the terminal
    from claimx.query import ClaimFilter, group_counts, matcher

    if regex and text is None:
        raise typer.BadParameter(errors.REGEX_WITHOUT_TEXT, param_hint="--regex")
    if regex:
        try:
            re.compile(text)
        except re.error as exc:
            raise typer.BadParameter(errors.BAD_REGEX.format(value=text, reason=exc), param_hint="--text")
    if min_value is not None and max_value is not None and min_value > max_value:
        raise typer.BadParameter(errors.MIN_OVER_MAX.format(low=min_value, high=max_value),
                                 param_hint="--min-value")
    criteria = ClaimFilter(
        speakers=tuple(speaker or ()), types=tuple(t.value for t in type_ or ()),
        kinds=tuple(k.value for k in kind or ()), acts=tuple(a.value for a in act or ()), outlets=tuple(outlet or ()), docs=tuple(doc or ()),
        since=since, until=until, text=text, regex=regex, has_figures=has_figures, subject=subject,
        unit=unit, min_value=min_value, max_value=max_value,
        figure_kinds=tuple(k.value for k in figure_kind or ()))

    # (filtered as they are read: only the matching claims are kept)
    found, code = read_claim_inputs(list(paths or []), "query", skip_invalid, views=True, keep=matcher(criteria))
    printed = group_by is None and not count
    hits = _checked(found, skip_invalid) if printed else [view for view, _, _ in found]

    from claimx.sinks import open_output, write_json, write_jsonl, write_table

    with open_output(output) as out:
        if group_by is not None:
            by = group_by.value
            groups = group_counts(hits, by)
            if format is Format.table:
                write_table(f"{len(hits)} claims by {by}", [by, "claims"],
                            ([_plain(k), n] for k, n in groups), out)
            elif format is Format.json:
                write_json([{by: k, "count": n} for k, n in groups], out)
            else:
                write_jsonl(({by: k, "count": n} for k, n in groups), out)
        elif count:
            out.write(f"{len(hits)}\n".encode())
        elif format is Format.table:
            write_table(f"{len(hits)} claims", ["date", "outlet", "speaker", "kind", "claim", "figures"],
                        (_table_row(c) for c, _ in hits), out)
        elif format is Format.json:
            from claimx.schema import SCHEMA_VERSION, ClaimsDocument

            claims = [c for c, _ in hits]
            docs = list({c.doc.id: c.doc for c in claims}.values())
            write_json(ClaimsDocument(schema=SCHEMA_VERSION, documents=docs, claims=claims), out)
        else:
            for _, raw in hits:          # the lines as they were written: unchanged
                out.write(raw + b"\n")
    if code:
        raise typer.Exit(code)


def _checked(found, skip_invalid: bool) -> list:
    """(Claim, line bytes) of the matching records, each checked in full against the contract
    before it is printed (reading checked only the fields the filters look at)."""
    import msgspec

    from claimx.claimfiles import full_claim, no_gc

    hits, skipped = [], []
    with no_gc():
        for _, raw, (path, line) in found:
            try:
                hits.append((full_claim(raw), raw))
            except (msgspec.DecodeError, UnicodeDecodeError) as exc:
                reason = str(exc).replace("\n", " ").strip() or type(exc).__name__
                if not skip_invalid:
                    errors.error(errors.INVALID_CLAIM.format(path=path, line=line, reason=reason))
                    raise typer.Exit(errors.EXIT_INVALID_CLAIMS)
                skipped.append((path, line, reason))
    if skipped:
        path, line, reason = skipped[0]
        errors.warn(errors.SKIPPED_INVALID.format(count=len(skipped), path=path, line=line, reason=reason))
    return hits


def _plain(value) -> str:
    """Cell text shown as written: the table sink reads rich markup, claims may hold brackets."""
    from rich.markup import escape

    return escape("" if value is None else str(value))


def _table_row(c) -> list[str]:
    from claimx.facets import claim_date

    speaker = c.speaker.name if c.speaker else ""
    figures = "; ".join(f.text + (f" ({f.subject})" if f.subject else "") for f in c.figures)
    return [_plain(x) for x in (claim_date(c), c.doc.outlet, speaker, c.kind, c.text, figures)]
