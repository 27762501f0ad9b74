"""claimx schema: the JSON Schema comes from the types the code decodes with, and what the code
writes (the fixtures, the seeds' extraction, diff records) validates against it. Also: every
command has --help with an example."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.schema import alignment_json_schema, claim_json_schema

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the [test] extra")

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
runner = CliRunner()


def _schema(*args) -> dict:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("args, generated, root", [
    ([], claim_json_schema, "Claim"),
    (["--diff"], alignment_json_schema, "Alignment"),
])
def test_schema_is_generated_from_the_types(args, generated, root):
    schema = _schema(*args)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == f"#/$defs/{root}"
    assert schema["$defs"] == generated()["$defs"]


def test_every_field_of_a_claim_line_is_described():
    schema = _schema()
    undescribed = [f"{name}.{field}" for name, definition in schema["$defs"].items()
                   for field, prop in definition.get("properties", {}).items() if not prop.get("description")]
    assert undescribed == []
    assert {"act", "within"} <= set(schema["$defs"]["Claim"]["properties"])
    assert "kind" in schema["$defs"]["Figure"]["properties"]
    assert "government" in schema["$defs"]["Speaker"]["properties"]["type"]["enum"]


def test_schema_to_a_file(tmp_path):
    out = tmp_path / "claim.schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == _schema()


def test_fixture_claims_validate():
    validator = jsonschema.Draft202012Validator(_schema())
    lines = (DATA / "outlets.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        validator.validate(json.loads(line))


@pytest.mark.parametrize("change", [
    {"kind": "rumour"}, {"span": [1]}, {"figures": None}, {"speaker": {"name": "X"}},
    {"date": {"value": "2024-01-01", "text": None, "basis": "guessed"}},
])
def test_the_schema_is_not_vacuous(change):
    claim = json.loads((DATA / "outlets.jsonl").read_text(encoding="utf-8").splitlines()[0])
    claim.update(change)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(claim, _schema())


def test_seeds_output_validates():
    """`claimx extract seeds/` output validates against `claimx schema` (and decodes strictly)."""
    pytest.importorskip("claimx.pipeline", reason="extraction (claimx.pipeline) not built yet")
    result = runner.invoke(app, ["extract", str(ROOT / "seeds")])
    assert result.exit_code == 0, result.stderr
    validator = jsonschema.Draft202012Validator(_schema())
    lines = result.stdout.splitlines()
    assert len(lines) > 10
    for line in lines:
        validator.validate(json.loads(line))
    from claimx.claimfiles import decode_claims

    assert len(decode_claims(result.stdout.encode(), "seeds")) == len(lines)

    # and the seeds pipe on into query and diff
    query = runner.invoke(app, ["query", "--speaker", "netanyahu"], input=result.stdout)
    assert query.exit_code == 0
    assert {json.loads(line)["speaker"]["name"] for line in query.stdout.splitlines()} == {"Benjamin Netanyahu"}
    diff = runner.invoke(app, ["diff", "-", "--by", "outlet"], input=result.stdout)
    assert diff.exit_code == 0
    validator = jsonschema.Draft202012Validator(_schema("--diff"))
    for line in diff.stdout.splitlines():
        validator.validate(json.loads(line))


EXAMPLE = re.compile(r"Examples?:\s*claimx ")   # "Example: claimx ..." or "Examples:" + lines


def _commands():
    return sorted(c.name for c in app.registered_commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert EXAMPLE.search(result.stdout), f"claimx {command} --help gives no example"


def test_the_app_has_help_with_an_example():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and EXAMPLE.search(result.stdout)
