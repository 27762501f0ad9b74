"""claimx query through the CLI: each JSON line is what the library returns; errors name file:line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.claimfiles import decode_claims, read_claims
from claimx.facets import NO_ACT
from claimx.query import filter_claims, group_counts

DATA = Path(__file__).resolve().parent.parent / "data"
OUTLETS = DATA / "outlets.jsonl"
CLAIMS = read_claims([OUTLETS])
runner = CliRunner()

# Claim lines with acts (the extractor does not fill `act` yet); the outlet's own claims
# (unattributed) and wire_flood#9 keep none.
ACT_OF = {"ledger_flood#1": "assertion", "ledger_flood#3": "assertion", "ledger_flood#4": "intention",
          "ledger_flood#5": "belief", "ledger_flood#6": "intention", "ledger_flood#7": "assertion",
          "wire_flood#1": "assertion", "wire_flood#3": "assertion", "wire_flood#4": "intention",
          "wire_flood#5": "belief", "wire_flood#6": "intention", "wire_flood#7": "assertion",
          "wire_flood#8": "topic"}
ACTED = [msgspec.structs.replace(c, act=ACT_OF.get(c.id)) for c in CLAIMS]
ACTED_LINES = b"".join(msgspec.json.encode(c) + b"\n" for c in ACTED)


def run(*args, input=None, **kwargs):
    return runner.invoke(app, ["query", *map(str, args)], input=input, **kwargs)


@pytest.fixture
def acted(tmp_path):
    path = tmp_path / "acted.jsonl"
    path.write_bytes(ACTED_LINES)
    return path


@pytest.mark.parametrize("args, criteria", [
    ([], {}),
    (["--speaker", "vasquez"], dict(speakers=["vasquez"])),
    (["-s", "reyes", "-s", "HOLM"], dict(speakers=["reyes", "HOLM"])),
    (["--type", "anonymous"], dict(types=["anonymous"])),
    (["--kind", "direct", "--outlet", "coastal wire"], dict(kinds=["direct"], outlets=["coastal wire"])),
    (["--doc", "ledger_*", "--until", "2023-04-10"], dict(docs=["ledger_*"], until="2023-04-10")),
    (["--since", "2023-04-13", "--text", "dam"], dict(since="2023-04-13", text="dam")),
    (["--text", "ris(en|e)|rose", "--regex"], dict(text="ris(en|e)|rose", regex=True)),
    (["--has-figures"], dict(has_figures=True)),
    (["--subject", "people", "--min-value", "50"], dict(subject="people", min_value=50)),
    (["--unit", "USD", "--max-value", "2e7"], dict(unit="USD", max_value=2e7)),
])
def test_jsonl_lines_are_the_library_result(args, criteria):
    result = run(OUTLETS, *args)
    assert result.exit_code == 0, result.stderr
    expected = filter_claims(CLAIMS, **criteria)
    # the matching lines, byte for byte as they were written
    line_of = {msgspec.json.decode(line)["id"]: line for line in OUTLETS.read_bytes().splitlines() if line.strip()}
    assert result.stdout.encode() == b"".join(line_of[c.id] + b"\n" for c in expected)


def test_reads_standard_input_and_pipes_on():
    first = run("--outlet", "ledger", input=OUTLETS.read_text(encoding="utf-8"))
    assert first.exit_code == 0
    second = run("-", "--speaker", "vasquez", input=first.stdout)
    assert [c.id for c in decode_claims(second.stdout.encode())] == ["ledger_flood#1", "ledger_flood#7"]


def test_json_document_in_and_out():
    result = run(DATA / "outlets.json", "--format", "json", "--kind", "direct")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema"] == 2
    assert [d["id"] for d in doc["documents"]] == ["ledger_flood", "wire_flood"]
    assert decode_claims(result.stdout.encode()) == filter_claims(CLAIMS, kinds=["direct"])


def test_count():
    assert run(OUTLETS, "--count").stdout == "16\n"
    assert run(OUTLETS, "--count", "--speaker", "vasquez").stdout == "3\n"
    assert run(OUTLETS, "-c", "--speaker", "nobody").stdout == "0\n"


@pytest.mark.parametrize("by", ["speaker", "outlet", "kind", "act", "type", "date"])
def test_group_by(by):
    result = run(OUTLETS, "--group-by", by)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d[by], d["count"]) for d in lines] == group_counts(CLAIMS, by)
    as_json = json.loads(run(OUTLETS, "--group-by", by, "--format", "json").stdout)
    assert as_json == lines
    table = run(OUTLETS, "--group-by", by, "--format", "table").stdout
    assert by in table and "claims" in table


@pytest.mark.parametrize("args, criteria", [
    (["--act", "assertion"], dict(acts=["assertion"])),
    (["--act", "belief", "--act", "TOPIC"], dict(acts=["belief", "topic"])),  # any of several
    (["-a", "intention", "--kind", "direct"], dict(acts=["intention"], kinds=["direct"])),
    (["--act", "topic", "--outlet", "ledger"], dict(acts=["topic"], outlets=["ledger"])),   # none
])
def test_act_filter_lines_are_the_library_result(acted, args, criteria):
    result = run(acted, *args)
    assert result.exit_code == 0, result.stderr
    expected = filter_claims(ACTED, **criteria)
    assert result.stdout.encode() == b"".join(msgspec.json.encode(c) + b"\n" for c in expected)
    assert {c.act for c in decode_claims(result.stdout.encode())} <= set(criteria["acts"])


def test_act_filter_on_standard_input():
    result = run("--act", "belief", "--count", input=ACTED_LINES.decode())
    assert (result.exit_code, result.stdout) == (0, f"{len(filter_claims(ACTED, acts=['belief']))}\n")


def test_group_by_act(acted):
    result = run(acted, "--group-by", "act")
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["act"], d["count"]) for d in lines] == group_counts(ACTED, "act")
    # claims with a null act are counted, in a bucket of their own
    assert {"act": NO_ACT, "count": sum(c.act is None for c in ACTED)} in lines
    assert sum(d["count"] for d in lines) == len(ACTED)


@pytest.mark.parametrize("value", ["opinion", "assertion,belief", ""])
def test_a_bad_act_is_a_usage_error(acted, value):
    result = run(acted, "--act", value, env={"COLUMNS": "200"})
    assert (result.exit_code, result.stdout) == (2, "")
    # one line names the option, the value and the acts there are
    assert any("--act" in line and repr(value) in line
               and "'assertion', 'belief', 'intention', 'topic'" in line
               for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr


def test_help_shows_act_with_an_example():
    result = run("--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--act" in result.stdout
    assert any(line.strip().startswith("Example: claimx query") and "--act" in line
               for line in result.stdout.splitlines())


def test_table_shows_claims_as_written():
    tricky = msgspec.structs.replace(CLAIMS[0], text="he said [inaudible] and [/] then [bold]x")
    result = run("--format", "table", input=msgspec.json.encode(tricky).decode() + "\n")
    assert result.exit_code == 0, result.stderr
    assert "[inaudible]" in result.stdout and "[/]" in result.stdout and "[bold]x" in result.stdout


def test_output_file(tmp_path):
    out = tmp_path / "hits.jsonl"
    result = run(OUTLETS, "--speaker", "reyes", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert [c.id for c in read_claims([out])] == ["ledger_flood#4", "wire_flood#4"]


@pytest.mark.parametrize("input", ["", "\n\n", '{"schema": 1, "documents": [], "claims": []}'])
def test_empty_input_is_zero_results(input):
    result = run(input=input)
    assert (result.exit_code, result.stdout) == (0, "")
    assert run("--count", input=input).stdout == "0\n"
    assert json.loads(run("--format", "json", input=input).stdout)["claims"] == []


def test_a_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    lines = OUTLETS.read_text(encoding="utf-8").splitlines()
    obj = json.loads(lines[3])
    obj["kind"] = "hearsay"
    lines[3] = json.dumps(obj)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(bad)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"claimx: {bad}:4: not a claim:")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1

    skipped = run(bad, "--skip-invalid")
    assert skipped.exit_code == 0
    assert len(skipped.stdout.splitlines()) == 15
    assert "skipped 1 line(s)" in skipped.stderr and f"{bad}:4" in skipped.stderr


@pytest.mark.parametrize("args, code, printed", [
    ([], 3, 0),                               # printed: checked in full, so the line is named
    (["--skip-invalid"], 0, 15),              # ... or skipped, and said so
    (["--format", "table"], 3, 0),
    (["--speaker", "holm"], 0, None),         # not among the matches: never printed, never checked
])
def test_a_claim_broken_outside_the_filtered_fields_is_caught_when_printed(tmp_path, args, code, printed):
    bad = tmp_path / "bad.jsonl"
    lines = OUTLETS.read_text(encoding="utf-8").splitlines()
    obj = json.loads(lines[3])
    assert "holm" not in json.dumps(obj.get("speaker")).lower()
    del obj["span"]                           # no field a filter reads: reading alone does not see it
    lines[3] = json.dumps(obj)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(bad, *args)
    assert result.exit_code == code, result.stderr
    if code == 3:
        assert result.stdout == "" and result.stderr.startswith(f"claimx: {bad}:4: not a claim:")
    if printed is not None:
        assert len(result.stdout.splitlines()) == printed
    if "--skip-invalid" in args:
        assert f"{bad}:4" in result.stderr


def test_matching_lines_are_printed_as_written(tmp_path):
    lines = [json.dumps(json.loads(line), ensure_ascii=True, indent=None, separators=(", ", ": "))
             for line in OUTLETS.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "escaped.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(path, "--speaker", "vasquez")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out and all(line in lines for line in out)       # "\u00e1" stays escaped, spacing kept
    assert any("\\u00e1" in line for line in out)


def test_malformed_stdin_is_named_stdin():
    result = run(input=OUTLETS.read_text(encoding="utf-8") + "{truncated\n")
    assert result.exit_code == 3
    assert "<stdin>:17: not a claim" in result.stderr


@pytest.mark.parametrize("args, code, message", [
    (["no-such.jsonl"], 1, "no-such.jsonl: no such file or folder"),
    ([str(OUTLETS), "no-such.jsonl"], 1, "no-such.jsonl: no such file or folder"),
    ([str(DATA)], 1, "a folder; query reads claim files"),
    (["-", "-"], 2, "can be read only once"),
])
def test_unusable_inputs(args, code, message):
    result = run(*args, input="")
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_partial_input_still_writes_what_it_read():
    result = run(OUTLETS, "no-such.jsonl", "--count")
    assert (result.exit_code, result.stdout) == (1, "16\n")


@pytest.mark.parametrize("args, hint", [
    (["--since", "last week"], "--since"),
    (["--until", "2024-5"], "--until"),
    (["--text", "(", "--regex"], "--text"),
    (["--regex"], "--regex"),
    (["--min-value", "5", "--max-value", "1"], "--min-value"),
    (["--type", "alien"], "--type"),
    (["--group-by", "colour"], "--group-by"),
    (["--act", "opinion"], "--act"),
])
def test_bad_options_are_usage_errors(args, hint):
    result = run(OUTLETS, *args)
    assert result.exit_code == 2
    assert hint in result.stderr or hint in result.stdout
    assert "Traceback" not in result.stderr


def test_query_path_does_not_import_spacy_or_dateparser():
    code = ("import sys, claimx.cli.app, claimx.query, claimx.diff, claimx.claimfiles, claimx.names, "
            "claimx.folding, claimx.facets; "
            "bad = [m for m in ('spacy', 'dateparser', 'thinc') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("module, use, other", [
    ("claimx.query", "claimx.query.group_counts([], 'speaker')", "claimx.diff"),
    ("claimx.diff", "claimx.diff.diff_sources([('a', []), ('b', [])])", "claimx.query"),
])
def test_query_and_diff_do_not_import_each_other(module, use, other):
    # used, not only imported: a lazy import inside a function counts too
    code = f"import sys, {module}; {use}; assert {other!r} not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_query_command_does_not_import_spacy():
    code = ("import sys; from typer.testing import CliRunner; from claimx.cli.app import app; "
            f"r = CliRunner().invoke(app, ['query', {str(OUTLETS)!r}, '--group-by', 'speaker']); "
            "assert r.exit_code == 0, r.output; "
            "bad = [m for m in ('spacy', 'dateparser') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
