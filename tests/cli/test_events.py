"""claimx events through the CLI: the records are the library's, in every format."""
from __future__ import annotations

import json
from pathlib import Path

import msgspec
from typer.testing import CliRunner

from claimx.claimfiles import read_claims
from claimx.cli.app import app
from claimx.events import EventSettings, group_events
from claimx.schema import EventRecord

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = sorted((ROOT / "tests" / "golden" / "seeds").glob("*.jsonl"))
DATA = ROOT / "tests" / "data"
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, ["events", *map(str, args)], input=input)


def test_jsonl_records_are_the_library_result():
    result = run(*SEEDS)
    assert result.exit_code == 0, result.stderr
    got = [msgspec.json.decode(line, type=EventRecord) for line in result.stdout.splitlines()]
    assert got == group_events(read_claims(SEEDS))
    # the 2021 article never shares an event with the 2024 ones
    of = {doc: e.id for e in got for doc in e.documents}
    assert of["000_3dd9c1427ddf2f02"] != of["001_6b628c7829295f24"]
    assert of["001_6b628c7829295f24"] == of["003_235104b8d8913195"]


def test_options_reach_the_grouping():
    result = run(*SEEDS, "--window-days", "0", "--event-threshold", "0.9", "--format", "json")
    assert result.exit_code == 0, result.stderr
    got = msgspec.json.decode(result.stdout, type=list[EventRecord])
    assert got == group_events(read_claims(SEEDS), EventSettings(window_days=0, threshold=0.9))


def test_standard_input_and_table():
    text = "".join(p.read_text(encoding="utf-8") for p in SEEDS)
    result = run("--format", "table", input=text)
    assert result.exit_code == 0, result.stderr
    assert "events" in result.stdout.splitlines()[0] and "e1" in result.stdout and "e2" in result.stdout


def test_a_missing_file_is_named_and_the_rest_read(tmp_path):
    result = run(DATA / "outlets.jsonl", tmp_path / "missing.jsonl")
    assert result.exit_code == 1
    assert "missing.jsonl" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()]


def test_schema_of_a_record():
    result = runner.invoke(app, ["schema", "--events"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$ref"] == "#/$defs/EventRecord"


def test_the_command_defaults_are_the_library_defaults():
    import inspect

    from claimx.cli.diff import diff
    from claimx.cli.events import events

    for command in (diff, events):
        params = inspect.signature(command).parameters
        assert params["window_days"].default == EventSettings().window_days
        assert params["event_threshold"].default == EventSettings().threshold
