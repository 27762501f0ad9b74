"""claimx schema: the JSON Schema of a claim line (or of a diff record), generated from the msgspec
types the code itself decodes and encodes with, so the contract and the code cannot drift apart."""
from __future__ import annotations

from typing import Annotated

import typer

from claimx.cli.options import OutputOpt


def schema(
    diff: Annotated[bool, typer.Option(
        "--diff", help="The schema of a `claimx diff` alignment record instead of a claim line.")] = False,
    events: Annotated[bool, typer.Option(
        "--events", help="The schema of a `claimx events` record instead of a claim line.")] = False,
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of one claim line of `claimx extract` / `query`.

    Example: claimx schema > claim.schema.json

    Example: claimx schema --diff | jq '.["$defs"].Alignment.properties | keys'
    """
    from claimx.sinks import open_output, write_json
    from claimx.schema import alignment_json_schema, claim_json_schema, event_json_schema

    body = alignment_json_schema() if diff else event_json_schema() if events else claim_json_schema()
    title = "claimx diff alignment record" if diff else "claimx event record" if events else "claimx claim line"
    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **body}
    with open_output(output) as out:
        write_json(doc, out)
