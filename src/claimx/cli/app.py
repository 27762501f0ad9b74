"""The Typer application: one thin module per command, registered here."""
from __future__ import annotations

import typer

from claimx import __version__
from claimx.cli import diff as diff_cmd
from claimx.cli import events as events_cmd
from claimx.cli import extract as extract_cmd
from claimx.cli import query as query_cmd
from claimx.cli import report as report_cmd
from claimx.cli import schema as schema_cmd

app = typer.Typer(
    name="claimx",
    help=(
        "Who said what, when, and with which numbers: extract dated, attributed claims from news "
        "articles, query them, and compare how outlets report the same event.\n\n"
        "Example: claimx extract seeds/ | claimx query --speaker Haniyeh"
    ),
    no_args_is_help=True,
    add_completion=False,
    # plain click help: rich help rendering imports rich.markdown and more (0.5 s before the
    # first line of `claimx --help`; 0.25 s without it)
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """claimx: attributed claims from news articles."""


app.command("extract", no_args_is_help=True)(extract_cmd.extract)
app.command("query")(query_cmd.query)
app.command("events")(events_cmd.events)
app.command("diff", no_args_is_help=True)(diff_cmd.diff)
app.command("report")(report_cmd.report)
app.command("schema")(schema_cmd.schema)


def main() -> None:
    app()
